import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { DepartmentAccuracy, IncidentAccuracy, TriageAccuracy } from '../../api/triage-control';
import { percentOf } from './control';

/**
 * The suggestions' accuracy over the last 30 days of human decisions: the department's, overall and by
 * department, and incident-or-not's («Это инцидент» / «Не инцидент» and first categorising of a message).
 */
export function AccuracyPanel({
  total,
  departments,
  incident,
  departmentName,
}: {
  total: TriageAccuracy;
  departments: readonly DepartmentAccuracy[];
  incident: IncidentAccuracy;
  departmentName: (id: string) => string;
}) {
  const { t } = useTranslation('triageControl');
  const share = (value: number | null) => (value === null ? '—' : `${percentOf(value)} %`);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-accuracy">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          {t('accuracy.title', { days: total.days })}
        </Typography>
        <Typography variant="h4" component="p" data-testid="triage-accuracy-top1">
          {total.departmentTop1 === null
            ? t('accuracy.noneYet')
            : t('accuracy.top1', { percent: percentOf(total.departmentTop1) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('accuracy.counts', { decisions: total.decisions, suggested: total.suggested })}
        </Typography>
        {departments.length === 0 ? (
          <Typography variant="body2">{t('accuracy.noDecisions')}</Typography>
        ) : (
          <Table size="small" aria-label={t('accuracy.title', { days: total.days })}>
            <TableHead>
              <TableRow>
                <TableCell>{t('accuracy.department')}</TableCell>
                <TableCell align="right">{t('accuracy.decisions')}</TableCell>
                <TableCell align="right">{t('accuracy.suggested')}</TableCell>
                <TableCell align="right">{t('accuracy.right')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {departments.map((row) => (
                <TableRow key={row.departmentId} data-testid={`triage-accuracy-${row.departmentId}`}>
                  <TableCell>{departmentName(row.departmentId)}</TableCell>
                  <TableCell align="right">{row.decisions}</TableCell>
                  <TableCell align="right">{row.suggested}</TableCell>
                  <TableCell align="right">{share(row.departmentTop1)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Typography variant="subtitle1" component="h3" sx={{ pt: 1 }}>
          {t('accuracy.incidentTitle', { days: total.days })}
        </Typography>
        <Typography variant="h5" component="p" data-testid="triage-accuracy-incident">
          {incident.accuracy === null
            ? t('accuracy.incidentNoneYet')
            : t('accuracy.incidentRight', { percent: percentOf(incident.accuracy) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('accuracy.incidentCounts', { decisions: incident.decisions, suggested: incident.suggested })}
        </Typography>
      </Stack>
    </Paper>
  );
}
