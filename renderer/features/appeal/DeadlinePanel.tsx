import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import { calendarWarningsOf } from '../../../shared/model/appeal-deadlines';
import { type NoticeRoute, noticeRoute } from '../../../shared/model/notice-route';
import { noDueAt } from '../../../shared/model/primitives';
import type { DeadlineClock } from '../../app/deadline-clock';
import { ForwardingBadge } from '../../app/ForwardingBadge';
import { useFormatters, useNow } from '../../app/format';
import { forwardingDue } from '../../app/forwarding-clock';
import { useDeadlineClock } from '../../app/organisation';
import { TimeLeftBadge } from '../../app/TimeLeftBadge';
import { timeLeft } from '../../app/time-left';
import { errorText, useT } from '../../app/translate';
import { Field } from './Field';

/**
 * Says so when the appeal's deadline was counted across a year with no production calendar (weekends
 * and art. 112 holidays only): the official has to check the date, or the administrator load the calendar.
 */
export function CalendarWarnings({ appeal, clock }: { appeal: Appeal; clock: DeadlineClock }) {
  const { t } = useT();
  const warnings = useMemo(() => calendarWarningsOf(appeal, clock.engine), [appeal, clock]);
  if (warnings.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="deadline-calendar-warning" sx={{ mb: 1 }}>
      {warnings.map((warning) => (
        <div key={String(warning.params?.year)}>{errorText(t, warning)}</div>
      ))}
    </Alert>
  );
}

/** What the extension's notice waits for, by the route it takes (shared/model/notice-route.ts). */
const pendingNotice = {
  chat: 'appeal.deadline.noticePending',
  email: 'appeal.deadline.noticeByEmail',
  post: 'appeal.deadline.noticeByPost',
  manual: 'appeal.deadline.noticeManual',
} as const satisfies Record<NoticeRoute, string>;

/** The number, the dates and the extension: an incident shows its due time, never a term in days. */
export function DeadlineFields({
  appeal,
  formatDate,
}: {
  appeal: Appeal;
  formatDate: (value: number | string) => string;
}) {
  const { t } = useT();
  const { extension } = appeal;
  return (
    <Stack spacing={1}>
      <Field label={t('appeal.fields.registrationNumber')} testId="registration-number">
        {appeal.registrationNumber ??
          (appeal.regime === 'formal' ? t('appeal.numberPending') : t('appeal.deadline.noNumber'))}
      </Field>
      <Field label={t('appeal.fields.receivedAt')}>{formatDate(appeal.receivedAt)}</Field>
      {appeal.registeredAt !== null && (
        <Field label={t('appeal.fields.registeredAt')}>{formatDate(appeal.registeredAt)}</Field>
      )}
      {appeal.regime === 'incident' ? (
        // An incident has no term in days: its due time, counted in working hours (docs/DOMAIN.md).
        <Field label={t('appeal.deadline.incidentDue')} testId="incident-due">
          {appeal.dueAt < noDueAt ? formatDate(appeal.dueAt) : null}
        </Field>
      ) : (
        <>
          <Field label={t('appeal.fields.legalDeadline')} testId="legal-deadline">
            {appeal.legalDeadline
              ? formatDate(appeal.legalDeadline)
              : appeal.regime === 'formal' && appeal.registeredAt === null
                ? t('appeal.deadline.afterRegistration')
                : null}
          </Field>
          <Field label={t('appeal.fields.controlDate')}>
            {appeal.controlDate ? formatDate(appeal.controlDate) : null}
          </Field>
        </>
      )}
      {extension && (
        <Field label={t('appeal.deadline.extension')}>
          {t('appeal.deadline.extendedBy', { count: extension.days, reason: extension.reason })}
          <Typography variant="caption" component="div" color="text.secondary" data-testid="extension-notice">
            {extension.noticeQueuedAt !== null
              ? t('appeal.deadline.noticeQueued', { at: formatDate(extension.noticeQueuedAt) })
              : t(pendingNotice[noticeRoute(appeal)])}
          </Typography>
        </Field>
      )}
    </Stack>
  );
}

/** Registration number, the two dates of docs/DOMAIN.md ("Counting days"), the extension and the time left. */
export function DeadlinePanel({ appeal }: { appeal: Appeal }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const clock = useDeadlineClock();
  const now = useNow();
  return (
    <Paper component="section" variant="outlined" aria-label={t('appeal.deadline.title')} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {t('appeal.deadline.title')}
        </Typography>
        <TimeLeftBadge left={timeLeft(appeal, now, clock)} />
        <ForwardingBadge clock={forwardingDue(appeal, now, clock)} />
      </Stack>
      <CalendarWarnings appeal={appeal} clock={clock} />
      <DeadlineFields appeal={appeal} formatDate={formatDate} />
    </Paper>
  );
}
