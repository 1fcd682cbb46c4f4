/**
 * Where «Аналитика» opens when a notice leads there (issue 14): a rise alert in the notifications bell
 * asks for its cell — the category in the territory over the 7 days up to the alert — and «Очаги»
 * opens that cell's appeals once it mounts. A one-shot hand-over between the bell and the screen,
 * which are different features.
 */
export interface AnalyticsFocus {
  readonly category: string;
  readonly territoryId: string;
  /** `YYYY-MM-DD`, the first and last day of the window (inclusive). */
  readonly from: string;
  readonly to: string;
  readonly title: string;
}

let pending: AnalyticsFocus | null = null;

/** The 7 days up to `at` (the day of `at` in `timeZone` the last one) as `YYYY-MM-DD`. */
export function alertWindow(at: number, timeZone: string): { from: string; to: string } {
  const day = (instant: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(instant),
    );
  return { from: day(at - 6 * 86_400_000), to: day(at) };
}

export function focusAnalytics(focus: AnalyticsFocus): void {
  pending = focus;
}

/** The focus asked for, once. */
export function takeAnalyticsFocus(): AnalyticsFocus | null {
  const focus = pending;
  pending = null;
  return focus;
}
