import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { QualitySummary, VerdictCounts } from '../../api/quality';
import { helpedShare } from './summary';

/**
 * «Сводка»: of the applicants asked «Помог ли ответ?», how many said yes, partly, no or nothing, and
 * the answers returned for rework — in total and per department, category and executor.
 */
export function SummaryPanel({
  summary,
  departmentName,
  categoryName,
  executorName,
}: {
  summary: QualitySummary;
  departmentName: (id: string) => string;
  categoryName: (code: string) => string;
  executorName: (id: string) => string;
}) {
  const { t } = useTranslation('quality');
  if (summary.total.asked === 0 && summary.total.returned === 0)
    return <Typography data-testid="summary-empty">{t('summary.noData')}</Typography>;
  return (
    <Stack spacing={3} data-testid="quality-summary">
      <Typography variant="h6" data-testid="summary-total">
        {t('summary.helpedShare')}: {helpedShare(summary.total)}
      </Typography>
      <CountsTable title={t('summary.byDepartment')} rows={summary.byDepartment} name={departmentName} />
      <CountsTable title={t('summary.byCategory')} rows={summary.byCategory} name={categoryName} />
      <CountsTable title={t('summary.byExecutor')} rows={summary.byExecutor} name={executorName} />
    </Stack>
  );
}

function CountsTable({
  title,
  rows,
  name,
}: {
  title: string;
  rows: readonly VerdictCounts[];
  name: (key: string) => string;
}) {
  const { t } = useTranslation('quality');
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2">
        {title}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('summary.name')}</TableCell>
            <TableCell align="right">{t('summary.asked')}</TableCell>
            <TableCell align="right">{t('summary.helped')}</TableCell>
            <TableCell align="right">{t('summary.partly')}</TableCell>
            <TableCell align="right">{t('summary.notHelped')}</TableCell>
            <TableCell align="right">{t('summary.noAnswer')}</TableCell>
            <TableCell align="right">{t('summary.helpedShare')}</TableCell>
            <TableCell align="right">{t('summary.returned')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid="summary-row">
              <TableCell>{row.key ? name(row.key) : t('summary.unknown')}</TableCell>
              <TableCell align="right">{row.asked}</TableCell>
              <TableCell align="right">{row.yes}</TableCell>
              <TableCell align="right">{row.partly}</TableCell>
              <TableCell align="right">{row.no}</TableCell>
              <TableCell align="right">{row.noAnswer}</TableCell>
              <TableCell align="right">{helpedShare(row)}</TableCell>
              <TableCell align="right">{row.returned}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}
