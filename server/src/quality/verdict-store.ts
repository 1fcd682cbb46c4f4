/**
 * The one place a citizen's verdict lands on the appeal (issue 14), whichever way it came — a chat's
 * button or typed label (./verdict.ts), the e-mail link page or a reply to the question letter
 * (./verdict-email.ts): the server-owned `verdict` through the appeals' one writer (audited, the
 * desktops pull it). «Нет» is then in «Ответ не помог» (./decisions.ts) until a supervisor decides.
 */
import type { CitizenVerdict } from '../../../shared/model/vocabulary';
import { editAppeal } from '../appeals/store';
import type { Queryable } from '../db/pool';

/** How the verdict came: a chat, the e-mail link page, or a reply to the question letter. */
export type VerdictVia = 'chat' | 'emailLink' | 'emailReply';

export async function storeVerdictOnAppeal(
  tx: Queryable,
  orgId: string,
  appealId: string,
  value: CitizenVerdict,
  comment: string | null,
  now: number,
  via: VerdictVia,
): Promise<void> {
  await editAppeal(
    tx,
    orgId,
    appealId,
    (appeal) => {
      const before = (appeal.verdict as Record<string, unknown> | null | undefined) ?? null;
      const verdict = {
        value,
        comment,
        at: Number(before?.at ?? now),
        decision: null,
        decidedById: null,
        decidedAt: null,
      };
      return {
        set: { verdict },
        audit: {
          action: comment === null ? 'appeal.verdict' : 'appeal.verdictComment',
          fields: { verdict: { old: before?.value ?? null, new: value } },
          details: { via },
        },
      };
    },
    { rule: 'afterPrevious', now },
  );
}
