/**
 * The citizen bot behind the channel adapters (`BotDispatcher`, server/src/channels/types.ts).
 *
 * Each event is handled in ONE transaction: the chat's session row is locked, the wizard step
 * runs (passport saved encrypted, appeal registered), the session saved and the answer enqueued
 * in the outbox and written into the chat's inbox thread (./thread.ts; not the wizard's prompts,
 * which echo its withheld input) — so an answer exists exactly when the step it reports committed. The same event
 * handed over twice is answered once (`last_inbound_key`).
 *
 * The events of an organisation that arrive while its bot transactions are busy share one (the
 * intake's group commit, server/src/channels/group-commit.ts; at most one event per chat): each
 * event's step runs in turn on one connection, and the thread messages of all of them go out with
 * COMMIT in one round trip (`okno_intake_write_batch`). So the organisation's sync lock, which
 * PostgreSQL holds through the commit's fsync, is taken once per group and only by that round trip
 * — a reply written mid-transaction kept every intake batch waiting (measured: 58 ms on average)
 * — and the bot takes one connection and one fsync per group, not per event. A filing still takes
 * the lock when it registers the appeal (createSystemAppeal writes at once).
 */
import type pg from 'pg';
import { retentionYearsOf } from '../../../shared/model/organisation';
import { type SocialNetwork, socialNetworks } from '../../../shared/model/vocabulary';
import { GroupCommit } from '../channels/group-commit';
import { removeMessageTexts } from '../channels/raw-events';
import type {
  BotDispatcher,
  BotEditContext,
  BotInboundContext,
  ChannelAccount,
  ForwardingAdministrator,
} from '../channels/types';
import type { Queryable } from '../db/pool';
import type { IntakeWrite } from '../intake/store';
import type { InboundMessage, InboxPlacement } from '../intake/types';
import type { PersonalDataConfig } from '../personal-data/store';
import { verdictComment, verdictPlacement, verdictPress } from '../quality/verdict';
import { emailVerdictReply } from '../quality/verdict-email';
import { commandsOf, statusNumberOf } from './commands';
import { discardPassport } from './filing';
import { administratorNotice, mayWriteFirst } from './forwarded';
import { groupChatAnswer } from './group-chat';
import { menuKeyboard } from './keyboards';
import { privateChatLink } from './private-chat-link';
import {
  defaultFloodPolicy,
  type FloodPolicy,
  lockExistingSession,
  lockSession,
  type Session,
  saveSession,
  takeFloodToken,
} from './sessions';
import { languageOf, t } from './texts';
import { sendToChat } from './thread';
import type { BotInput, BotReply, WizardData, WizardState } from './types';
import { handleEvent, type OrganisationFacts } from './wizard';
import { appealOfMessage, isAfterFilingState } from './wizard/after-filing';
import { draftEditTurn } from './wizard/draft-edit';
import { isFilingState } from './wizard/steps';

export interface CitizenBotOptions {
  db: pg.Pool;
  personalData: PersonalDataConfig;
  /** A wizard untouched for longer is reset (its data deleted). Default 24 h. */
  idleTimeoutMs?: number;
  flood?: FloodPolicy;
  /** Called after answers were enqueued (wakes the outbox worker). */
  onEnqueued?: () => void;
  log?: { error(obj: object, msg: string): void };
  now?: () => number;
}

const isSocial = (network: string): network is SocialNetwork =>
  (socialNetworks as readonly string[]).includes(network);

/** The adapters' context as the bot's input; null for events the bot does not answer (e-mail, portal). */
function inputFromContext(ctx: BotInboundContext): BotInput | null {
  if (!isSocial(ctx.account.network)) return null;
  return {
    orgId: ctx.account.orgId,
    network: ctx.account.network,
    channelAccountId: ctx.account.id,
    accountId: ctx.account.accountId,
    chatId: ctx.peer.chatId,
    userId: ctx.peer.accountId,
    profileName: ctx.peer.displayName ?? '',
    languageCode: ctx.peer.languageCode ?? null,
    kind: ctx.kind,
    text: ctx.message?.text ?? pressedText(ctx),
    command: commandOfPayload(ctx.payload),
    attachments: ctx.message?.attachments ?? [],
    eventKey: ctx.rawEventId,
    conversationId: ctx.recorded?.conversationId ?? null,
    rawEventId: ctx.rawEventId,
    externalMessageId: ctx.message?.externalMessageId ?? null,
    ...(ctx.peer.groupChat ? { groupChat: true } : {}),
  };
}

/**
 * What a press of a callback button says: its payload when that is plain text (an OK button carries
 * its label, server/src/channels/ok/send.ts), so a press reads as the label typed, as it does where
 * a button sends its label (Telegram, VK, MAX). A JSON payload (VK's `{"command":…}`) says nothing.
 */
function pressedText(ctx: BotInboundContext): string {
  if (ctx.kind !== 'callback' || !ctx.payload || ctx.payload.startsWith('{')) return '';
  return ctx.payload;
}

/** A button payload: VK `{"command":"status"}`, or the bare command (Telegram/MAX callback data). */
function commandOfPayload(payload: string | null | undefined): string | null {
  if (!payload) return null;
  try {
    const parsed = JSON.parse(payload) as { command?: unknown; cmd?: unknown };
    const command = parsed?.command ?? parsed?.cmd;
    return typeof command === 'string' ? command : null;
  } catch {
    return payload.length <= 32 ? payload : null;
  }
}

export class CitizenBot implements BotDispatcher {
  private readonly idleTimeoutMs: number;
  private flood: FloodPolicy;
  private readonly now: () => number;
  private readonly commits: GroupCommit;

  constructor(private readonly options: CitizenBotOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 24 * 3600_000;
    this.flood = options.flood ?? defaultFloodPolicy;
    this.now = options.now ?? Date.now;
    this.commits = new GroupCommit(options.db);
  }

  /** Replaces the flood policy (tests type faster than people). */
  setFloodPolicy(policy: FloodPolicy): void {
    this.flood = policy;
  }

  /**
   * Wizard input (names, the passport, contacts) and commands never become inbox messages: the
   * wizard keeps what it needs, and the passport must not sit in a replicated message. Other
   * messages are incidents.
   */
  async placement(tx: Queryable, message: InboundMessage, account: ChannelAccount): Promise<InboxPlacement> {
    if (message.network === 'email')
      return (await emailVerdictReply(tx, account.orgId, message, this.now())) ?? { kind: 'incident' };
    if (!isSocial(message.network)) return { kind: 'incident' };
    // No wizard runs in a group chat (finding 2): what its members write is the chat's talk.
    if (message.peer.groupChat && commandsOf(message.text).length === 0) return { kind: 'incident' };
    const session = await tx.query<{ state: WizardState; data: WizardData; updated_at: Date }>(
      'SELECT state, data, updated_at FROM bot_sessions WHERE network = $1 AND account_id = $2 AND peer_id = $3',
      [message.network, account.accountId, message.peer.chatId],
    );
    const row = session.rows[0];
    // «Помог ли ответ?» (issue 14): its answer typed, or the comment after «Частично»/«Нет».
    const chat = {
      orgId: account.orgId,
      network: message.network,
      accountId: account.accountId,
      chatId: message.peer.chatId,
    };
    const verdict =
      !message.peer.groupChat && (!row || row.state === 'idle')
        ? await verdictPlacement(tx, chat, message.text, this.now())
        : null;
    if (verdict) return verdict;
    if (commandsOf(message.text).length > 0 || statusNumberOf(message.text)) return { kind: 'withheld' };
    if (message.peer.groupChat) return { kind: 'incident' };
    // An addition or a withdrawal left for longer than the timeout is over (the bot resets it when it
    // reads this message): the message is the chat's talk again. A filing wizard's input stays
    // withheld even then — it may be a passport line (finding 3).
    const over =
      row !== undefined &&
      isAfterFilingState(row.state) &&
      this.now() - row.updated_at.getTime() > this.idleTimeoutMs;
    const state = row && !over ? row.state : 'idle';
    // An addition to a filed appeal, or the reason of its withdrawal, is the citizen's own word in it.
    const appealId = appealOfMessage(state, row?.data);
    if (appealId) return { kind: 'appeal', appealId };
    return state === 'idle' ? { kind: 'incident' } : { kind: 'withheld' };
  }

  async onInbound(ctx: BotInboundContext): Promise<void> {
    const input = inputFromContext(ctx);
    if (!input) return;
    if (ctx.inviteAuthor) {
      await this.invite(input, ctx.account, ctx.inviteAuthor.forwardedBy);
      return;
    }
    // Asked before the transaction: it may call the network (getMe), and is cached after that.
    if (input.groupChat) input.privateChatLink = await privateChatLink(ctx.account);
    await this.handle(input);
  }

  /**
   * An edit of a message the wizard took into the text of an appeal not registered yet: the draft
   * takes it (./wizard/draft-edit.ts). Edits of anything else, or after registration, are the
   * intake's (server/src/intake/edits.ts): the bot says nothing.
   */
  async onEdit(edit: BotEditContext): Promise<void> {
    const { account } = edit;
    if (!isSocial(account.network)) return;
    const input: BotInput = {
      orgId: account.orgId,
      network: account.network,
      channelAccountId: account.id,
      accountId: account.accountId,
      chatId: edit.chatId,
      userId: '',
      profileName: '',
      kind: 'message',
      text: '',
      attachments: [],
      eventKey: `edit:${edit.externalId}`,
    };
    const replies = await this.commits.submit(input.orgId, chatKey(input), async (tx, defer) => {
      const session = await lockExistingSession(tx, input);
      if (!session || session.lastInboundKey === input.eventKey) return [];
      const now = this.now();
      if (now - session.updatedAt.getTime() > this.idleTimeoutMs) return [];
      const language = session.language === 'en' ? 'en' : 'ru';
      const org = await organisationFacts(tx, input.orgId, now);
      const answers = draftEditTurn(session, edit, language, org);
      if (answers.length === 0) return [];
      session.lastInboundKey = input.eventKey;
      await saveSession(tx, session, false);
      await this.send(tx, defer, { ...input, userId: session.userId }, answers, now);
      return answers;
    });
    if (replies.length > 0) this.options.onEnqueued?.();
  }

  /** Handles one event end to end; also the entry point for tests and the citizen CLI. */
  async handle(input: BotInput): Promise<BotReply[]> {
    const replies = await this.commits.submit(input.orgId, chatKey(input), async (tx, defer) => {
      const session = await lockSession(tx, input, languageOf(input.languageCode));
      if (session.lastInboundKey === input.eventKey) return [];
      session.lastInboundKey = input.eventKey;
      if (input.languageCode) session.language = languageOf(input.languageCode);
      session.userId = input.userId;
      const now = this.now();
      const answers = await this.answer(tx, session, input, now);
      if (answers.length > 0) await this.send(tx, defer, input, answers, now);
      return answers;
    });
    if (replies.length > 0) this.options.onEnqueued?.();
    return replies;
  }

  /** Runs the step (or refuses a flood) and saves the session. */
  private async answer(tx: Queryable, session: Session, input: BotInput, now: number): Promise<BotReply[]> {
    const language = session.language === 'en' ? 'en' : 'ru';
    const flood = takeFloodToken(session, this.flood, new Date(now));
    if (flood !== 'ok') {
      await saveSession(tx, session, false);
      return flood === 'warn' ? [{ text: t(language, 'menu.flood'), keyboard: null }] : [];
    }
    if (input.groupChat) {
      // A wizard a group chat started before finding 2 was fixed ends here, with what it collected.
      if (session.state !== 'idle') await discardPassport(tx, session.data);
      session.state = 'idle';
      session.data = {};
      const answers = groupChatAnswer(input, language);
      await saveSession(tx, session, true);
      return answers;
    }
    let prefix: string | null = null;
    if (session.state !== 'idle' && now - session.updatedAt.getTime() > this.idleTimeoutMs) {
      // An addition or a withdrawal left half-way loses nothing (what was added is in the appeal),
      // nor does a status lookup: the session quietly returns to the menu; only a filing left
      // half-way is told it was discarded.
      const filing = isFilingState(session.state);
      await discardPassport(tx, session.data);
      session.state = 'idle';
      session.data = {};
      if (filing)
        prefix = t(language, 'wizard.timedOut', { hours: Math.round(this.idleTimeoutMs / 3600_000) });
    }
    // «Помог ли ответ?» (issue 14, ../quality/verdict.ts): a verdict or its comment is not wizard input.
    const idle = session.state === 'idle';
    const verdict =
      (await verdictPress(tx, input, language, now, idle)) ??
      (idle && !prefix ? await verdictComment(tx, input, language, now) : null);
    if (verdict) {
      await saveSession(tx, session, true);
      return verdict;
    }
    const org = await organisationFacts(tx, input.orgId, now);
    // Finding 3: what the wizard takes (a name, the passport line, contacts) it keeps itself — the
    // passport encrypted —, so the raw event does not keep it in clear, «Отмена» or not.
    // An addition or a withdrawal reason is the citizen's message in the appeal's thread, not wizard input.
    const wizardInput =
      input.kind === 'message' &&
      session.state !== 'idle' &&
      session.state !== 'status_number' &&
      !isAfterFilingState(session.state);
    if (wizardInput && input.rawEventId) await removeMessageTexts(tx, input.rawEventId);
    let answers = await handleEvent(tx, session, input, {
      personalData: this.options.personalData,
      org,
      now,
    });
    if (prefix) {
      answers =
        answers.length > 0
          ? [{ ...answers[0]!, text: `${prefix}\n\n${answers[0]!.text}` }, ...answers.slice(1)]
          : [{ text: prefix, keyboard: menuKeyboard(language) }];
    }
    await saveSession(tx, session, true);
    return answers;
  }

  /**
   * One outbound message per event (fewer sends under the per-chat rate limits), written into the
   * chat's thread unless a part of it is withheld wizard talk.
   */
  private async send(
    tx: Queryable,
    defer: (write: IntakeWrite) => void,
    input: BotInput,
    answers: BotReply[],
    now: number,
  ): Promise<void> {
    const appeal = answers.find((a) => a.appeal)?.appeal;
    const conversationId = appeal?.conversationId ?? input.conversationId ?? '';
    const thread =
      answers.some((a) => a.withheld) || !conversationId
        ? null
        : { conversationId, appealId: appeal?.id ?? '' };
    await sendToChat(
      tx,
      {
        orgId: input.orgId,
        network: input.network,
        accountId: input.accountId,
        peerId: input.chatId,
        kind: 'bot',
        text: answers.map((a) => a.text).join('\n\n'),
        attachments: answers.flatMap((a) => a.attachments ?? []),
        keyboard: answers.at(-1)!.keyboard,
        appealId: appeal?.id ?? null,
      },
      thread,
      now,
      defer,
    );
  }

  /**
   * Seed condition 6, issue 12: a citizen's message forwarded by an administrator — invite its
   * author where the network lets the bot write first, and tell the administrator (./forwarded.ts).
   */
  private async invite(
    input: BotInput,
    account: ChannelAccount,
    administrator: ForwardingAdministrator,
  ): Promise<void> {
    const language = languageOf(input.languageCode);
    const invited = await mayWriteFirst(this.options.db, account, input);
    const adminChat = administrator.chatId;
    const notice = adminChat
      ? await administratorNotice(account, input, { ...administrator, chatId: adminChat }, invited, language)
      : null;
    await this.commits.submit(input.orgId, chatKey(input), async (tx, defer) => {
      const now = this.now();
      if (invited) {
        const invitation = { text: t(language, 'menu.welcome'), keyboard: menuKeyboard(language) };
        await this.send(tx, defer, input, [invitation], now);
      }
      if (notice) await sendToChat(tx, notice, null, now);
    });
    this.options.onEnqueued?.();
  }
}

/** A chat's events never share a transaction: each one reads the session the previous one saved. */
const chatKey = (input: BotInput) => `${input.network}:${input.accountId}:${input.chatId}`;

const organisations = new Map<string, { facts: OrganisationFacts; until: number }>();

/** The organisation as the wizard's texts name it; it changes rarely, a minute of staleness is fine. */
async function organisationFacts(db: Queryable, orgId: string, now: number): Promise<OrganisationFacts> {
  const cached = organisations.get(orgId);
  if (cached && cached.until > now) return cached.facts;
  const result = await db.query<{ name: string; settings: unknown }>(
    'SELECT name, settings FROM organisations WHERE id = $1',
    [orgId],
  );
  const row = result.rows[0];
  const facts = { name: row?.name ?? '', retentionYears: retentionYearsOf(row?.settings) };
  organisations.set(orgId, { facts, until: now + 60_000 });
  return facts;
}
