import { alertWindow, focusAnalytics, takeAnalyticsFocus } from '../../../../renderer/app/analytics-focus';
import {
  riseAlertNotices,
  unhelpfulNotices,
  unnotedNotices,
} from '../../../../renderer/app/supervisor-notices';

describe('the supervisor’s notices in the bell (issue 14)', () => {
  const alerts = riseAlertNotices({
    alerts: [
      {
        id: 'a1',
        category: 'heating',
        territoryId: 't1',
        territoryName: 'Ключи',
        weekStart: '2026-11-30',
        weekCount: 9,
        usualWeekly: 1.5,
        detectedAt: 2_000,
      },
      { id: 7, detectedAt: 'never' },
    ],
  })!;
  const unhelpful = unhelpfulNotices({
    verdicts: [
      {
        appealId: 'ap1',
        registrationNumber: '01-15/321',
        subject: 'Фонарь у дома 3',
        comment: 'Иван Петров: так и не горит',
        answeredAt: 3_000,
      },
      { appealId: 'ap2', registrationNumber: null, answeredAt: 1_000 },
    ],
  })!;

  it('reads the server’s lists, skipping malformed entries, and keeps no subject or comment', () => {
    expect(alerts).toEqual([
      {
        kind: 'riseAlert',
        id: 'alert:a1',
        category: 'heating',
        territoryId: 't1',
        territoryName: 'Ключи',
        weekCount: 9,
        at: 2_000,
      },
    ]);
    expect(unhelpful.map((n) => n.id)).toEqual(['unhelpful:ap1:3000', 'unhelpful:ap2:1000']);
    expect(JSON.stringify(unhelpful)).not.toMatch(/Фонарь|Иван|горит/);
    expect(riseAlertNotices({ error: { code: 'forbidden' } })).toBeNull();
    expect(unhelpfulNotices(null)).toBeNull();
  });

  it('lists the notices not noted yet, newest first; a noted one leaves', () => {
    const kept = { alerts, unhelpful };
    expect(unnotedNotices(kept, new Set()).map((n) => n.id)).toEqual([
      'unhelpful:ap1:3000',
      'alert:a1',
      'unhelpful:ap2:1000',
    ]);
    expect(unnotedNotices(kept, new Set(['alert:a1', 'unhelpful:ap2:1000'])).map((n) => n.id)).toEqual([
      'unhelpful:ap1:3000',
    ]);
  });

  it('opens a surge on the 7 days up to its detection in the organisation’s zone, once', () => {
    // 2026-12-06 22:30 UTC is already 7 December in Moscow.
    const at = Date.UTC(2026, 11, 6, 22, 30);
    expect(alertWindow(at, 'Europe/Moscow')).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(alertWindow(at, 'UTC')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    focusAnalytics({
      category: 'heating',
      territoryId: 't1',
      from: '2026-12-01',
      to: '2026-12-07',
      title: 'x',
    });
    expect(takeAnalyticsFocus()?.territoryId).toBe('t1');
    expect(takeAnalyticsFocus()).toBeNull();
  });
});
