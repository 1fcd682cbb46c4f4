/**
 * A citizen edits, in the network, a message the wizard took as the appeal's text before the
 * appeal is registered (issue 12): the draft takes the edit — the edited message's part of the
 * text is replaced — and the bot says so, with the step's question again (at the summary: the
 * summary with the new text). After registration the registered text stays as registered
 * (server/src/intake/edits.ts).
 */
import { type BotLanguage, t } from '../texts';
import type { BotReply, WizardData } from '../types';
import { promptFor } from './flow';
import { isFilingState, minTextLength } from './steps';
import { type OrganisationFacts, reply } from './turn';

export interface DraftEdit {
  /** The network's id of the edited message. */
  externalMessageId: string;
  text: string;
  /** Epoch milliseconds, as the network dates the edit: an older edit arriving late changes nothing. */
  editedAt: number;
}

/**
 * The draft with the edit: `null` when the message is not part of the draft's text (the passport
 * line, another step's answer) or the edit is older than one already taken, `'tooShort'` when the edited text would be shorter than a text the
 * wizard takes.
 */
export function editedDraft(data: WizardData, edit: DraftEdit): WizardData | 'tooShort' | null {
  if (!data.textMessageIds?.includes(edit.externalMessageId)) return null;
  // A draft kept before the text was stored message by message: its one message is the whole text.
  const parts = data.textParts ?? [{ messageId: edit.externalMessageId, text: data.text ?? '' }];
  const stale = parts.some(
    (part) => part.messageId === edit.externalMessageId && (part.editedAt ?? 0) > edit.editedAt,
  );
  if (stale) return null;
  const edited = parts.map((part) =>
    part.messageId === edit.externalMessageId
      ? { ...part, text: edit.text.trim(), editedAt: edit.editedAt }
      : part,
  );
  const text = edited
    .map((part) => part.text)
    .filter(Boolean)
    .join('\n');
  if (text.length < minTextLength) return 'tooShort';
  return { ...data, text, textParts: edited };
}

/** Applies the edit to a filing session's data; the replies to send, none when it is not the draft's text. */
export function draftEditTurn(
  session: { state: string; data: WizardData },
  edit: DraftEdit,
  lang: BotLanguage,
  org: OrganisationFacts,
): BotReply[] {
  const state = session.state;
  if (!isFilingState(state)) return [];
  const draft = editedDraft(session.data, edit);
  if (draft === null) return [];
  if (draft !== 'tooShort') session.data = draft;
  const prompt = promptFor(state, session.data, lang, '', org);
  const said =
    draft === 'tooShort'
      ? t(lang, 'wizard.draftEditTooShort', { min: minTextLength })
      : t(lang, 'wizard.draftEdited');
  return [{ ...reply(`${said}\n\n${prompt.text}`, prompt.keyboard), withheld: true }];
}
