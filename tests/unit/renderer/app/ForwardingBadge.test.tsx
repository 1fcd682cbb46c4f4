import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { deadlineClockOf } from '../../../../renderer/app/deadline-clock';
import { ForwardingBadge } from '../../../../renderer/app/ForwardingBadge';
import { forwardingDue } from '../../../../renderer/app/forwarding-clock';
import { createI18n } from '../../../../renderer/app/i18n';
import { AppealRow } from '../../../../renderer/features/inbox/AppealRow';
import type { Language } from '../../../../shared/i18n/resources';
import { defaultOrganisationSettings } from '../../../../shared/model/organisation';
import { appealFixture } from '../../shared/model/fixtures';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

const clock = deadlineClockOf(defaultOrganisationSettings);
/** Registered on Monday 2 March 2026 in Moscow: 7 days end on 9 March, a holiday, so on Tuesday 10 March. */
const registered = appealFixture({
  status: 'registered',
  registeredAt: Date.UTC(2026, 2, 2, 9),
  receivedAt: Date.UTC(2026, 2, 2, 8),
});
const at = (date: string) => Date.parse(`${date}T12:00:00+03:00`);

describe('the forwarding badge «Переадресовать до DD.MM» (59-FZ art. 8 part 3)', () => {
  it('shows the forwarding date of a registered appeal, moved past the 9 March holiday, in Russian and English', () => {
    const badge = <ForwardingBadge clock={forwardingDue(registered, at('2026-03-03'), clock)} />;
    const ru = render('ru', badge);
    expect(ru).toContain('data-testid="forwarding-badge"');
    expect(ru).toContain('Переадресовать до 10.03');
    expect(ru).not.toMatch(/MuiChip-color(Warning|Error)/);
    expect(render('en', badge)).toContain('Forward by 10.03');
  });

  it('turns amber within three days of the date and red once it has passed', () => {
    const soon = render('ru', <ForwardingBadge clock={forwardingDue(registered, at('2026-03-08'), clock)} />);
    expect(soon).toContain('MuiChip-colorWarning');
    const overdue = render(
      'ru',
      <ForwardingBadge clock={forwardingDue(registered, at('2026-03-11'), clock)} />,
    );
    expect(overdue).toContain('MuiChip-colorError');
    expect(overdue).toContain('Просрочена переадресация (до 10.03)');
  });

  it('shows nothing once a department has taken the appeal into work', () => {
    const taken = { ...registered, status: 'in_progress' as const };
    expect(render('ru', <ForwardingBadge clock={forwardingDue(taken, at('2026-03-03'), clock)} />)).toBe('');
  });
});

describe('the inbox row of an appeal whose forwarding clock runs', () => {
  const row = (appeal: typeof registered, now: number) =>
    render(
      'ru',
      <AppealRow
        appeal={appeal}
        names={{ departments: new Map(), users: new Map() }}
        now={now}
        clock={clock}
        selected={false}
        optionId="row-1"
        index={0}
        onOpen={() => {}}
        onSelect={() => {}}
      />,
    );

  it('shows «Переадресовать до 10.03» beside the answer deadline, and says it to a screen reader', () => {
    const html = row(registered, at('2026-03-03'));
    expect(html).toMatch(/data-testid="forwarding-badge"[^>]*>Переадресовать до 10\.03</);
    expect(html).toMatch(/aria-label="[^"]*, Переадресовать до 10\.03"/);
  });

  it('marks an overdue forwarding red', () => {
    expect(row(registered, at('2026-03-12'))).toMatch(
      /okno-row-badge-filled-error" data-testid="forwarding-badge">Просрочена переадресация \(до 10\.03\)</,
    );
  });

  it('shows no forwarding badge for an appeal in work', () => {
    expect(row({ ...registered, status: 'in_progress' }, at('2026-03-03'))).not.toContain('forwarding-badge');
  });
});
