/** What the control tests share: appeals with words and dates of the test's choosing, and waiting for the control job. */
import type { Appeal } from '../../../shared/model/appeal';
import type { TestServer } from '../setup/db';
import type { SyncTarget } from '../sync/client';
import { createAppeals, newFormalAppeal } from '../sync/fixtures';

export const day = 86_400_000;

export interface AppealSpec {
  departmentId: string;
  category: string | null;
  text: string;
  receivedAt: number;
  postalAddress?: string | null;
}

export async function seedAppeals(
  server: TestServer,
  target: SyncTarget,
  orgId: string,
  specs: readonly AppealSpec[],
): Promise<string[]> {
  const appeals: Appeal[] = specs.map((spec) => {
    const base = newFormalAppeal(orgId, spec.departmentId);
    return {
      ...base,
      subject: spec.text.slice(0, 60),
      text: spec.text,
      category: spec.category,
      receivedAt: spec.receivedAt,
      updatedAt: spec.receivedAt,
      applicant: {
        ...base.applicant,
        contacts: { ...base.applicant.contacts, postalAddress: spec.postalAddress ?? null },
      },
    };
  });
  for (let i = 0; i < appeals.length; i += 50)
    await createAppeals(server.pool, target, appeals.slice(i, i + 50));
  return appeals.map((appeal) => appeal.id);
}

/** Waits until the control job has read every appeal of the organisation (its cursor at the newest seq). */
export async function controlJobCaughtUp(
  server: TestServer,
  orgId: string,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await server.pool.query<{ behind: boolean }>(
      `SELECT coalesce((SELECT max(seq) FROM sync_appeals WHERE org_id = $1), 0)
              > coalesce((SELECT seq FROM control_cursor WHERE org_id = $1), 0) AS behind`,
      [orgId],
    );
    if (!found.rows[0]!.behind) return;
    if (Date.now() > until) throw new Error('the control job did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
