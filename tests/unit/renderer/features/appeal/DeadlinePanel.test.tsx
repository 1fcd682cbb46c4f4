import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { deadlineClockOf } from '../../../../../renderer/app/deadline-clock';
import { createI18n } from '../../../../../renderer/app/i18n';
import { TimeLeftBadge } from '../../../../../renderer/app/TimeLeftBadge';
import { CalendarWarnings, DeadlineFields } from '../../../../../renderer/features/appeal/DeadlinePanel';
import type { Language } from '../../../../../shared/i18n/resources';
import { defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { appealFixture } from '../../../shared/model/fixtures';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

const clock = deadlineClockOf(defaultOrganisationSettings);
/** Registered 10 December 2027: the term ends in January 2028, a year with no shipped calendar. */
const into2028 = appealFixture({
  registeredAt: Date.UTC(2027, 11, 10, 9),
  receivedAt: Date.UTC(2027, 11, 10, 8),
});

describe('the appeal card’s calendar warning', () => {
  it('tells the official, in Russian, that the deadline was counted without the 2028 calendar', () => {
    const html = render('ru', <CalendarWarnings appeal={into2028} clock={clock} />);
    expect(html).toContain('data-testid="deadline-calendar-warning"');
    expect(html).toContain('Нет производственного календаря на 2028 год');
    expect(html).toContain('Проверьте срок.');
  });

  it('says the same in English', () => {
    const html = render('en', <CalendarWarnings appeal={into2028} clock={clock} />);
    expect(html).toMatch(/production calendar for 2028/);
  });

  it('shows nothing once the organisation has loaded the 2028 calendar', () => {
    const calendar = { year: 2028, dayOffs: ['01-10'], shortened: [], workingWeekends: [], transfers: {} };
    const loaded = deadlineClockOf({ ...defaultOrganisationSettings, calendarYears: [calendar] });
    expect(render('ru', <CalendarWarnings appeal={into2028} clock={loaded} />)).toBe('');
  });

  it('shows nothing for a deadline across New Year 2027, which has the official calendar', () => {
    const appeal = appealFixture({
      registeredAt: Date.UTC(2026, 11, 4, 9),
      receivedAt: Date.UTC(2026, 11, 4, 8),
    });
    expect(render('ru', <CalendarWarnings appeal={appeal} clock={clock} />)).toBe('');
  });
});

describe('the deadlines of an incident', () => {
  const incident = appealFixture({
    regime: 'incident',
    registrationNumber: null,
    legalDeadline: null,
    controlDate: null,
    dueAt: Date.UTC(2026, 11, 7, 12),
  });
  const formatDate = (value: number | string) =>
    `[${typeof value === 'number' ? new Date(value).toISOString() : value}]`;

  it('defect 6: shows the incident’s due time instead of «Срок по закону: Не указано»', () => {
    const html = render('ru', <DeadlineFields appeal={incident} formatDate={formatDate} />);
    expect(html).toContain('Срок реакции (рабочие часы)');
    expect(html).toContain('[2026-12-07T12:00:00.000Z]');
    expect(html).not.toContain('Срок по закону');
    expect(html).not.toContain('Контрольная дата');
  });

  it('defect 6: counts an incident’s time left in working hours, and says so', () => {
    const html = render('ru', <TimeLeftBadge left={{ kind: 'hours', value: 5, overdue: false }} />);
    expect(html).toContain('Осталось 5 рабочих часов');
  });
});
