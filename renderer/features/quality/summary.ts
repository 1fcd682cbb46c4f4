import type { VerdictCounts } from '../../api/quality';

/**
 * The share of «помог» among those who answered the question, as the ЦУР counts its KPI: «да» over
 * «да» + «частично» + «нет» («нет ответа» is shown apart), in whole percent; «—» when nobody answered.
 */
export function helpedShare(counts: Pick<VerdictCounts, 'yes' | 'partly' | 'no'>): string {
  const answered = counts.yes + counts.partly + counts.no;
  return answered === 0 ? '—' : `${Math.round((counts.yes / answered) * 100)} %`;
}
