import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { DeadlineClock } from '../../app/deadline-clock';
import { ChannelIcon } from './channel-icons';
import { type DeadlineBadge, deadlineBadge } from './deadline';

export const rowHeight = 76;

// Plain spans styled as outlined chips: a row renders on every scroll frame, MUI's Chip is heavier.
const pill = {
  display: 'inline-block',
  px: 1.25,
  py: 0.25,
  border: 1,
  borderColor: 'divider',
  borderRadius: 4,
  fontSize: '0.8125rem',
  lineHeight: 1.6,
  whiteSpace: 'nowrap',
} as const;

export interface Names {
  readonly departments: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
}

// i18next's typed `t` does not accept keys built at run time; labelKey builds only known keys.
type AnyT = (key: string, options?: Record<string, unknown>) => string;

export function applicantName(appeal: Appeal): string {
  if (appeal.kind.applicantType === 'organisation' && appeal.kind.organisationName)
    return appeal.kind.organisationName;
  const { lastName, firstName, patronymic } = appeal.applicant.name;
  const initials = [firstName, patronymic]
    .filter(Boolean)
    .map((part) => `${part!.charAt(0)}.`)
    .join(' ');
  return [lastName, initials].filter(Boolean).join(' ');
}

export function deadlineText(t: TFunction, badge: DeadlineBadge): string {
  if (badge.kind === 'none') return t('inbox.deadline.none');
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
  const deadline = deadlineText(t, badge);
  const department = appeal.departmentId
    ? (names.departments.get(appeal.departmentId) ?? appeal.departmentId)
    : t('inbox.list.unrouted');
  const assignee = appeal.assigneeId
    ? (names.users.get(appeal.assigneeId) ?? appeal.assigneeId)
    : t('inbox.list.unassigned');
  const subject = appeal.subject || t('inbox.list.noSubject');
  const status = tt(labelKey.status(appeal.status));
  const applicant = applicantName(appeal);
  const badgeColor =
    badge.kind === 'none' ? 'default' : badge.overdue ? 'error' : badge.soon ? 'warning' : 'default';
  return (
    <Box
      id={optionId}
      role="option"
      aria-selected={selected}
      aria-label={t('inbox.list.row', { subject, applicant, status, deadline })}
      data-testid="inbox-row"
      data-appeal-id={appeal.id}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(appeal.id)}
      sx={{
        height: rowHeight,
        px: 2,
        display: 'grid',
        gridTemplateColumns: '28px minmax(0, 1fr) auto',
        columnGap: 1.5,
        alignItems: 'center',
        borderBottom: 1,
        borderColor: 'divider',
        cursor: 'pointer',
        bgcolor: selected ? 'action.selected' : 'transparent',
        '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
      }}
    >
      <ChannelIcon channel={appeal.channel} label={tt(labelKey.channel(appeal.channel))} />
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2" noWrap sx={{ fontWeight: 600 }} data-testid="inbox-row-subject">
          {appeal.urgent && (
            <Box component="span" sx={{ color: 'error.main', mr: 0.75 }}>
              {t('inbox.list.urgent')}
            </Box>
          )}
          {subject}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap component="p">
          {applicant}
          {appeal.registrationNumber
            ? ` · ${t('inbox.list.registration', { number: appeal.registrationNumber })}`
            : ''}
          {` · ${tt(labelKey.regime(appeal.regime))}`}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap component="p">
          {department} · {assignee}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Box component="span" sx={pill}>
          {status}
        </Box>
        <Box
          component="span"
          data-testid="deadline-badge"
          sx={{
            ...pill,
            minWidth: 132,
            textAlign: 'center',
            ...(badgeColor === 'default'
              ? {}
              : badge.kind !== 'none' && badge.overdue
                ? {
                    bgcolor: `${badgeColor}.main`,
                    borderColor: `${badgeColor}.main`,
                    color: `${badgeColor}.contrastText`,
                  }
                : { borderColor: `${badgeColor}.main`, color: `${badgeColor}.dark` }),
          }}
        >
          {deadline}
        </Box>
      </Box>
    </Box>
  );
});
