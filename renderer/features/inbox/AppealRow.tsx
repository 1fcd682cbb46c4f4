import GlobalStyles from '@mui/material/GlobalStyles';
import type { Theme } from '@mui/material/styles';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { DeadlineClock } from '../../app/deadline-clock';
import { dayAndMonth, forwardingDue } from '../../app/forwarding-clock';
import { useNotices } from '../../app/notices-provider';
import { ChannelIcon } from './channel-icons';
import { type DeadlineBadge, deadlineBadge } from './deadline';
import { ProblemBadge } from './ProblemBadge';
import { TriageHint } from './TriageHint';

export const rowHeight = 76;

// One formatter per time zone: rows render on every read and scroll frame.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** `06.12.2026` on the organisation's calendar: the received and registered columns of a row. */
function shortDate(instant: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('ru-RU', {
        timeZone,
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      });
    } catch {
      format = new Intl.DateTimeFormat('ru-RU', {
        timeZone: 'UTC',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      });
    }
    dateFormats.set(timeZone, format);
  }
  return format.format(instant);
}

const ellipsis = { margin: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** The rows' styles, once per theme (rendered by the inbox next to its list). */
export function AppealRowStyles() {
  return (
    <GlobalStyles
      styles={(theme: Theme) => {
        const palette = theme.palette;
        const tone = (name: 'error' | 'warning') => ({
          [`.okno-row-badge-${name}`]: { borderColor: palette[name].main, color: palette[name].dark },
          [`.okno-row-badge-filled-${name}`]: {
            backgroundColor: palette[name].main,
            borderColor: palette[name].main,
            color: palette[name].contrastText,
          },
        });
        return {
          '.okno-row': {
            height: rowHeight,
            padding: theme.spacing(0, 2),
            display: 'grid',
            gridTemplateColumns: '28px minmax(0, 1fr) auto',
            columnGap: theme.spacing(1.5),
            alignItems: 'center',
            borderBottom: `1px solid ${palette.divider}`,
            cursor: 'pointer',
            backgroundColor: 'transparent',
            '&:hover': { backgroundColor: palette.action.hover },
          },
          '.okno-row-selected, .okno-row-selected:hover': { backgroundColor: palette.action.selected },
          '.okno-row-main': { minWidth: 0 },
          '.okno-row-subject': { ...theme.typography.body2, ...ellipsis, fontWeight: 600 },
          '.okno-row-urgent': { color: palette.error.main, marginRight: theme.spacing(0.75) },
          // «Повторное»: a link-like pill that opens the earlier appeal (59-FZ art. 11 p. 5 repeats).
          '.okno-row-repeat': {
            font: 'inherit',
            fontSize: '0.75rem',
            lineHeight: 1.4,
            marginRight: theme.spacing(0.75),
            padding: theme.spacing(0, 0.75),
            border: `1px solid ${palette.info.main}`,
            borderRadius: 8,
            background: 'none',
            color: palette.mode === 'dark' ? palette.info.light : palette.info.dark,
            cursor: 'pointer',
          },
          // «Одна проблема · N»: the appeal is in a problem group (issue 13).
          '.okno-row-problem': {
            fontSize: '0.75rem',
            marginRight: theme.spacing(0.75),
            padding: theme.spacing(0, 0.75),
            border: `1px solid ${palette.warning.main}`,
            borderRadius: 8,
          },
          '.okno-row-unread': {
            display: 'inline-block',
            width: 8,
            height: 8,
            borderRadius: '50%',
            backgroundColor: palette.primary.main,
            marginRight: theme.spacing(0.75),
            verticalAlign: 'middle',
          },
          '.okno-row-line': { ...theme.typography.caption, ...ellipsis, color: palette.text.secondary },
          // The triage suggestion of a row nobody has categorised yet (issue 13).
          '.okno-row-suggestion': { color: palette.mode === 'dark' ? palette.info.light : palette.info.dark },
          '.okno-row-side': { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
          // Outlined chips as plain spans.
          '.okno-row-pill': {
            display: 'inline-block',
            padding: theme.spacing(0.25, 1.25),
            border: `1px solid ${palette.divider}`,
            borderRadius: 16,
            fontSize: '0.8125rem',
            lineHeight: 1.6,
            whiteSpace: 'nowrap',
          },
          '.okno-row-badge': { minWidth: 132, textAlign: 'center' },
          ...tone('warning'),
          ...tone('error'),
        };
      }}
    />
  );
}

export interface Names {
  readonly departments: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
}

// i18next's typed `t` does not accept keys built at run time; labelKey builds only known keys.
type AnyT = (key: string, options?: Record<string, unknown>) => string;

function applicantName(appeal: Appeal): string {
  if (appeal.kind.applicantType === 'organisation' && appeal.kind.organisationName)
    return appeal.kind.organisationName;
  const { lastName, firstName, patronymic } = appeal.applicant.name;
  const initials = [firstName, patronymic]
    .filter(Boolean)
    .map((part) => `${part!.charAt(0)}.`)
    .join(' ');
  return [lastName, initials].filter(Boolean).join(' ');
}

function deadlineText(t: TFunction, badge: DeadlineBadge): string {
  if (badge.kind === 'none') return t('inbox.deadline.none');
  if (badge.kind === 'answered') return t('inbox.deadline.awaitingClosure');
  const count = badge.amount;
  if (badge.kind === 'hours')
    return badge.overdue
      ? t('inbox.deadline.overdueHours', { count })
      : t('inbox.deadline.leftHours', { count });
  return badge.overdue ? t('inbox.deadline.overdueDays', { count }) : t('inbox.deadline.leftDays', { count });
}

interface AppealRowProps {
  readonly appeal: Appeal;
  readonly names: Names;
  readonly now: number;
  readonly clock: DeadlineClock;
  readonly selected: boolean;
  readonly optionId: string;
  readonly index: number;
  readonly onOpen: (id: string) => void;
  readonly onSelect: (index: number) => void;
}

export const AppealRow = memo(function AppealRow({
  appeal,
  names,
  now,
  clock,
  selected,
  optionId,
  index,
  onOpen,
  onSelect,
}: AppealRowProps) {
  const { t } = useTranslation();
  const tt = t as unknown as AnyT;
  const badge = deadlineBadge(appeal, now, clock);
  const forwarding = forwardingDue(appeal, now, clock);
  const forwardingText = forwarding
    ? t(forwarding.overdue ? 'appeal.deadline.forwardOverdue' : 'appeal.deadline.forwardBy', {
        date: dayAndMonth(forwarding.controlDate),
      })
    : '';
  const deadline = forwardingText ? `${deadlineText(t, badge)}, ${forwardingText}` : deadlineText(t, badge);
  const department = appeal.departmentId
    ? (names.departments.get(appeal.departmentId) ?? appeal.departmentId)
    : t('inbox.list.unrouted');
  const assignee = appeal.assigneeId
    ? (names.users.get(appeal.assigneeId) ?? appeal.assigneeId)
    : t('inbox.list.unassigned');
  const subject = appeal.subject || t('inbox.list.noSubject');
  const unread = useNotices().unread.has(appeal.id);
  const status = tt(labelKey.status(appeal.status));
  const applicant = applicantName(appeal);
  const badgeColor =
    badge.kind === 'none' || badge.kind === 'answered'
      ? 'default'
      : badge.overdue
        ? 'error'
        : badge.soon
          ? 'warning'
          : 'default';
  const badgeClass =
    badgeColor === 'default'
      ? ''
      : badge.kind !== 'none' && badge.kind !== 'answered' && badge.overdue
        ? ` okno-row-badge-filled-${badgeColor}`
        : ` okno-row-badge-${badgeColor}`;
  // Plain elements with the classes of AppealRowStyles: a row renders on every read and scroll frame,
  // and MUI's `sx` serialises its styles on each render (most of a view change's time at 100,000 appeals).
  return (
    // The listbox owns the keyboard (aria-activedescendant: j/k, arrows, Enter); an option is only clicked.
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the listbox, see above
    <div
      tabIndex={-1}
      id={optionId}
      role="option"
      aria-selected={selected}
      aria-label={t('inbox.list.row', { subject, applicant, status, deadline })}
      data-testid="inbox-row"
      data-appeal-id={appeal.id}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(appeal.id)}
      className={selected ? 'okno-row okno-row-selected' : 'okno-row'}
    >
      <ChannelIcon channel={appeal.channel} label={tt(labelKey.channel(appeal.channel))} />
      <div className="okno-row-main">
        <p className="okno-row-subject" data-testid="inbox-row-subject">
          {unread && (
            <span
              className="okno-row-unread"
              role="img"
              aria-label={tt('work:notifications.unread')}
              data-testid="inbox-row-unread"
            />
          )}
          {appeal.urgent && <span className="okno-row-urgent">{t('inbox.list.urgent')}</span>}
          {appeal.repeatOf && (
            <button
              type="button"
              tabIndex={-1}
              className="okno-row-repeat"
              title={t('inbox.list.repeatOpen')}
              aria-label={t('inbox.list.repeatOpen')}
              data-testid="inbox-row-repeat"
              onClick={(event) => {
                event.stopPropagation();
                if (appeal.repeatOf) onOpen(appeal.repeatOf);
              }}
            >
              {t('inbox.list.repeat')}
            </button>
          )}
          {appeal.problemId && <ProblemBadge problemId={appeal.problemId} />}
          {subject}
        </p>
        <p className="okno-row-line">
          {applicant}
          {appeal.registrationNumber
            ? ` · ${t('inbox.list.registration', { number: appeal.registrationNumber })}`
            : ''}
          {` · ${tt(labelKey.regime(appeal.regime))}`}
          <TriageHint appeal={appeal} departments={names.departments} />
        </p>
        <p className="okno-row-line">
          {department} · {assignee} ·{' '}
          {t('inbox.list.received', { date: shortDate(appeal.receivedAt, clock.timeZone) })}
          {appeal.registeredAt !== null
            ? ` · ${t('inbox.list.registered', { date: shortDate(appeal.registeredAt, clock.timeZone) })}`
            : ''}
        </p>
      </div>
      <div className="okno-row-side">
        <span className="okno-row-pill">{status}</span>
        <span className={`okno-row-pill okno-row-badge${badgeClass}`} data-testid="deadline-badge">
          {deadlineText(t, badge)}
        </span>
        {forwarding && (
          <span
            className={`okno-row-pill okno-row-badge${
              forwarding.overdue
                ? ' okno-row-badge-filled-error'
                : forwarding.soon
                  ? ' okno-row-badge-warning'
                  : ''
            }`}
            data-testid="forwarding-badge"
          >
            {forwardingText}
          </span>
        )}
      </div>
    </div>
  );
});
