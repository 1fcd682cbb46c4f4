import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { deadlineClockOf } from '../../../../../renderer/app/deadline-clock';
import { createI18n } from '../../../../../renderer/app/i18n';
import {
  CalendarWarningMark,
  CalendarWarningSummary,
  calendarWarningsByAppeal,
} from '../../../../../renderer/features/supervisor/CalendarWarnings';
import type { Language } from '../../../../../shared/i18n/resources';
import { defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { appealFixture } from '../../../shared/model/fixtures';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

const { engine } = deadlineClockOf(defaultOrganisationSettings);
const registered = (id: string, at: number) => appealFixture({ id, receivedAt: at, registeredAt: at });
const list = [
  registered('into-2028-a', Date.UTC(2027, 11, 10, 9)),
  registered('into-2028-b', Date.UTC(2027, 11, 12, 9)),
  registered('into-2027', Date.UTC(2026, 11, 4, 9)),
  registered('spring-2027', Date.UTC(2027, 2, 1, 9)),
];

describe('the supervisor’s view of deadlines counted without a production calendar', () => {
  it('finds the appeals of the list whose term ends in a year with no calendar', () => {
    const warned = calendarWarningsByAppeal(list, engine);
    expect([...warned.keys()]).toEqual(['into-2028-a', 'into-2028-b']);
  });

  it('says above the list how many appeals are affected and for which year, in Russian and English', () => {
    const warned = calendarWarningsByAppeal(list, engine);
    const ru = render('ru', <CalendarWarningSummary warned={warned} />);
    expect(ru).toContain('data-testid="supervisor-calendar-warning"');
    expect(ru).toContain('У 2 обращений в списке срок посчитан без производственного календаря на 2028 год');
    const en = render('en', <CalendarWarningSummary warned={warned} />);
    expect(en).toContain(
      'The deadlines of 2 appeals in the list were counted without a production calendar for 2028',
    );
  });

  it('marks each affected row, and shows nothing when no appeal is affected', () => {
    const warned = calendarWarningsByAppeal(list, engine);
    expect(render('ru', <CalendarWarningMark warnings={warned.get('into-2028-a')} />)).toContain(
      'aria-label="Срок посчитан без производственного календаря"',
    );
    expect(render('ru', <CalendarWarningMark warnings={warned.get('into-2027')} />)).toBe('');
    expect(
      render('ru', <CalendarWarningSummary warned={calendarWarningsByAppeal(list.slice(2), engine)} />),
    ).toBe('');
  });
});
