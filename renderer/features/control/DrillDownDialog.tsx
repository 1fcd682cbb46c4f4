import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';
import type { CellQuery, ControlAppeal, Period } from './api';
import { useDrillFound } from './use-drill-found';

export interface DrillDown {
  readonly title: string;
  readonly period: Period;
  readonly cell: CellQuery;
}

/** The appeals behind a cell of «Очаги», newest first; a click opens the appeal. */
export function DrillDownDialog(props: {
  drill: DrillDown | null;
  load: (
    period: Period,
    cell: CellQuery,
  ) => Promise<{ ok: true; value: { appeals: ControlAppeal[]; total: number } } | { ok: false }>;
  onClose: () => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const { drill, load } = props;
  const read = useCallback((shown: DrillDown) => load(shown.period, shown.cell), [load]);
  const found = useDrillFound(drill, read);
  return (
    <Dialog open={drill !== null} onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>{drill ? t('control:drill.title', { what: drill.title }) : ''}</DialogTitle>
      <DialogContent dividers>
        {found === 'failed' && <Alert severity="error">{t('control:failed')}</Alert>}
        {found === null && <Typography>{t('control:loading')}</Typography>}
        {found && found !== 'failed' && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="drill-total">
              {found.total > found.appeals.length
                ? t('control:drill.shownOf', { shown: found.appeals.length, total: found.total })
                : t('control:drill.total', { total: found.total })}
            </Typography>
            <List dense aria-label={drill?.title}>
              {found.appeals.map((appeal) => (
                <ListItemButton
                  key={appeal.id}
                  data-testid="drill-appeal"
                  onClick={() => {
                    props.onClose();
                    props.onOpenAppeal(appeal.id);
                  }}
                >
                  <ListItemText
                    primary={appeal.subject}
                    secondary={`${appeal.registrationNumber ?? t('control:drill.noNumber')} · ${formatDate(appeal.receivedAt)} · ${t(`domain:status.${appeal.status}`)}`}
                  />
                </ListItemButton>
              ))}
            </List>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('control:drill.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
