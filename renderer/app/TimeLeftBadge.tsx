import Chip from '@mui/material/Chip';
import type { TimeLeft } from './time-left';
import { useT } from './translate';

/** The time left to an appeal's deadline, on its own clock; red when overdue, amber within three units. */
export function TimeLeftBadge({ left }: { left: TimeLeft }) {
  const { t } = useT();
  if (left.kind === 'none') return null;
  if (left.kind === 'answered')
    return (
      <Chip
        size="small"
        data-testid="time-left"
        variant="outlined"
        label={t('appeal.deadline.awaitingClosure')}
      />
    );
  const amount = t(`appeal.deadline.units.${left.kind}`, { count: left.value });
  return (
    <Chip
      size="small"
      data-testid="time-left"
      color={left.overdue ? 'error' : left.value <= 3 ? 'warning' : 'default'}
      label={
        left.overdue ? t('appeal.deadline.overdueBy', { amount }) : t('appeal.deadline.left', { amount })
      }
    />
  );
}
