import Alert from '@mui/material/Alert';
import Tooltip from '@mui/material/Tooltip';
import type { OrgDeadlineSettings } from '../../../shared/domain/deadlines';
import type { DomainError } from '../../../shared/domain/result';
import type { Appeal } from '../../../shared/model/appeal';
import { calendarWarningsOf } from '../../../shared/model/appeal-deadlines';
import { WarningIcon } from '../../app/icons';
import { errorText, useT } from '../../app/translate';

/** The appeals of a list whose deadline was counted across a year with no production calendar. */
export function calendarWarningsByAppeal(
  appeals: readonly Appeal[],
  engine: OrgDeadlineSettings,
): ReadonlyMap<string, DomainError[]> {
  const warned = new Map<string, DomainError[]>();
  for (const appeal of appeals) {
    const warnings = calendarWarningsOf(appeal, engine);
    if (warnings.length > 0) warned.set(appeal.id, warnings);
  }
  return warned;
}

/** Above the reassignment list: how many of its appeals have such a deadline, and for which years. */
export function CalendarWarningSummary({ warned }: { warned: ReadonlyMap<string, DomainError[]> }) {
  const { t } = useT();
  if (warned.size === 0) return null;
  const years = [...new Set([...warned.values()].flat().map((w) => String(w.params?.year)))].sort();
  return (
    <Alert severity="warning" data-testid="supervisor-calendar-warning" sx={{ mb: 2 }}>
      {t('supervisor.calendarMissing', { count: warned.size, years: years.join(', ') })}
    </Alert>
  );
}

/** Beside the time left of one appeal in the list; the engine's warning in full on hover. */
export function CalendarWarningMark({ warnings }: { warnings: readonly DomainError[] | undefined }) {
  const { t } = useT();
  if (!warnings || warnings.length === 0) return null;
  return (
    <Tooltip title={warnings.map((w) => errorText(t, w)).join(' ')}>
      <WarningIcon
        color="warning"
        fontSize="small"
        role="img"
        aria-label={t('supervisor.calendarMissingRow')}
        data-testid="queue-calendar-warning"
      />
    </Tooltip>
  );
}
