import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { keepReport, keptReport } from '../../../../../renderer/features/reports/last-report';
import type { OnTimeReport, SstuReport } from '../../../../../shared/model/report';

const onTime = (computedAt: number) =>
  ({ kind: 'on-time', computedAt, from: '2026-11-01', to: '2026-11-30' }) as unknown as OnTimeReport;
const sstu = { kind: 'sstu', computedAt: 1, month: '2026-11' } as unknown as SstuReport;

describe('the last report kept for offline reading', () => {
  it('keeps the last report of each kind per user, with when it was kept', async () => {
    await keepReport(indexedDB, 'u1', onTime(1), 100);
    await keepReport(indexedDB, 'u1', onTime(2), 200);
    await keepReport(indexedDB, 'u1', sstu, 300);
    expect(await keptReport(indexedDB, 'u1', 'on-time')).toEqual({ report: onTime(2), keptAt: 200 });
    expect(await keptReport(indexedDB, 'u1', 'sstu')).toEqual({ report: sstu, keptAt: 300 });
  });

  it('never shows one official the report another kept on the same computer', async () => {
    await keepReport(indexedDB, 'u2', onTime(5), 500);
    expect(await keptReport(indexedDB, 'u3', 'on-time')).toBeNull();
  });
});
