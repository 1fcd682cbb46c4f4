/**
 * The archive: appeals in a closed status (`closedStatuses` of the status machine: closed, forwarded,
 * merged, converted — art. 11 outcomes close too). A desktop keeps the ones closed within the last
 * `localArchiveDays` (the pull leaves older ones on the server) and asks the server's archive search
 * for older ones. The window was chosen by measurement (docs/ARCHITECTURE.md, Decisions: "How much
 * archive a desktop keeps").
 */
export const localArchiveDays = 365;

/** An appeal closed before this instant is on the server only. */
export function localArchiveCutoff(now: number): number {
  return now - localArchiveDays * 86_400_000;
}
