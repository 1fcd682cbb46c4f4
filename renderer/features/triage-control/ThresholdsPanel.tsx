import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelKey } from '../../../shared/model/labels';
import type { CategoryThreshold } from '../../api/triage-control';
import { useT } from '../../app/translate';
import { lowestThresholdPercent, percentOf, thresholdOf, workingCategoryCodes } from './control';

/** One working category's automatic routing: on/off and the threshold in percent, saved together. */
function ThresholdRow({
  category,
  threshold,
  onSave,
}: {
  category: string;
  threshold: number | null;
  onSave: (category: string, threshold: number | null) => void;
}) {
  const { t } = useTranslation('triageControl');
  const { t: tLabel } = useT();
  const [enabled, setEnabled] = useState(threshold !== null);
  const [percent, setPercent] = useState(String(percentOf(threshold ?? 0.9)));
  const value = thresholdOf(percent);
  const changed = enabled !== (threshold !== null) || (enabled && value !== threshold);
  const label = tLabel(labelKey.category(category));
  return (
    <TableRow data-testid={`triage-threshold-${category}`}>
      <TableCell>{label}</TableCell>
      <TableCell>
        <Switch
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
          slotProps={{ input: { 'aria-label': `${t('thresholds.enabled')}: ${label}` } }}
        />
      </TableCell>
      <TableCell>
        <TextField
          size="small"
          type="number"
          value={percent}
          disabled={!enabled}
          onChange={(event) => setPercent(event.target.value)}
          error={enabled && value === null}
          helperText={enabled && value === null ? t('thresholds.invalid') : ' '}
          slotProps={{
            htmlInput: {
              min: lowestThresholdPercent,
              max: 100,
              step: 1,
              'aria-label': `${t('thresholds.threshold')}: ${label}`,
            },
          }}
          sx={{ width: 120 }}
        />
      </TableCell>
      <TableCell>
        <Button
          size="small"
          variant="outlined"
          disabled={!changed || (enabled && value === null)}
          onClick={() => onSave(category, enabled ? value : null)}
        >
          {t('thresholds.save')}
        </Button>
      </TableCell>
      <TableCell>
        {threshold === null ? t('thresholds.off') : t('thresholds.on', { percent: percentOf(threshold) })}
      </TableCell>
    </TableRow>
  );
}

/** Automatic routing per working category (off unless a supervisor sets a threshold). */
export function ThresholdsPanel({
  thresholds,
  onSave,
}: {
  thresholds: readonly CategoryThreshold[];
  onSave: (category: string, threshold: number | null) => void;
}) {
  const { t } = useTranslation('triageControl');
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-thresholds">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('thresholds.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('thresholds.hint')}
        </Typography>
        <Table size="small" aria-label={t('thresholds.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('thresholds.category')}</TableCell>
              <TableCell>{t('thresholds.enabled')}</TableCell>
              <TableCell>{t('thresholds.threshold')}</TableCell>
              <TableCell />
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {workingCategoryCodes.map((category) => {
              const threshold = thresholds.find((row) => row.category === category)?.threshold ?? null;
              // Keyed by the saved value too: a saved change starts the row afresh from the server's answer.
              return (
                <ThresholdRow
                  key={`${category}:${threshold}`}
                  category={category}
                  threshold={threshold}
                  onSave={onSave}
                />
              );
            })}
          </TableBody>
        </Table>
      </Stack>
    </Paper>
  );
}
