/**
 * The letters an appeal can have now (server/src/letters/routes.ts decides the same): an answer letter
 * for each staff answer, and each notice the appeal's state calls for — a receipt once an appeal filed
 * in person is registered, an
 * extension, forwarding or art. 11 notice once that happened. Those already issued are not offered again.
 */
import type { Appeal } from '../../../shared/model/appeal';
import type { Message } from '../../../shared/model/conversation';
import type { LetterKind, LetterRecord } from '../../../shared/model/letter';

export interface LetterToIssue {
  readonly kind: LetterKind;
  /** The staff answer, for an answer letter. */
  readonly message: Message | null;
}

export function lettersToIssue(
  appeal: Pick<Appeal, 'channel' | 'registrationNumber' | 'extension' | 'forwardedTo' | 'art11Outcome'>,
  messages: readonly Message[],
  issued: readonly LetterRecord[],
): LetterToIssue[] {
  const has = (kind: LetterKind, messageId = '') =>
    issued.some((letter) => letter.kind === kind && (kind !== 'answer' || letter.messageId === messageId));
  const notices: [LetterKind, boolean][] = [
    ['receipt', appeal.channel === 'reception' && appeal.registrationNumber !== null],
    ['extension', appeal.extension !== null],
    ['forwarding', appeal.forwardedTo !== null],
    ['art11', appeal.art11Outcome !== null],
  ];
  const answers = messages.filter(
    (message) => message.direction === 'out' && message.author.kind === 'staff' && !has('answer', message.id),
  );
  return [
    ...answers.map((message) => ({ kind: 'answer' as const, message })),
    ...notices.filter(([kind, due]) => due && !has(kind)).map(([kind]) => ({ kind, message: null })),
  ];
}
