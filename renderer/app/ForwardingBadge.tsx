import Chip from '@mui/material/Chip';
import type { RunningClock } from '../../shared/model/running-clocks';
import { dayAndMonth } from './forwarding-clock';
import { useT } from './translate';

/**
 * «Переадресовать до DD.MM»: the forwarding clock of a registered appeal nobody has taken into work,
 * amber within three days of its due date, red once it has passed. Nothing when no clock runs.
 */
export function ForwardingBadge({ clock }: { clock: RunningClock | undefined }) {
  const { t } = useT();
  if (!clock) return null;
  const date = dayAndMonth(clock.controlDate);
  return (
    <Chip
      size="small"
      data-testid="forwarding-badge"
      variant={clock.overdue ? 'filled' : 'outlined'}
      color={clock.overdue ? 'error' : clock.soon ? 'warning' : 'default'}
      label={
        clock.overdue
          ? t('appeal.deadline.forwardOverdue', { date })
          : t('appeal.deadline.forwardBy', { date })
      }
    />
  );
}
