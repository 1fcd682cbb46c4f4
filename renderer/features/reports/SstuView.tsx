import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  type SstuColumn,
  type SstuCounts,
  type SstuReport,
  sstuCountCells,
  sstuResultColumns,
} from '../../../shared/model/report';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';

function Counts({ counts, bold }: { counts: SstuCounts; bold?: boolean }) {
  return sstuCountCells(counts).map((value, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed row of columns
    <TableCell key={index} align="right" sx={{ fontWeight: bold ? 700 : undefined }}>
      {value}
    </TableCell>
  ));
}

/** The monthly ССТУ report: codes × results, the total, and the appeals to correct first. */
export function SstuView({ report }: { report: SstuReport }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const header = (column: SstuColumn) =>
    column === 'none' ? t('reports:sstu.none') : t(`domain:result.${column}`);
  return (
    <Stack spacing={2}>
      {report.edition.sample ? <Alert severity="warning">{t('reports:heading.sampleEdition')}</Alert> : null}
      {report.corrections.length > 0 ? (
        <Alert severity="error" data-testid="sstu-corrections">
          <Typography variant="subtitle2">
            {t('reports:sstu.corrections', { count: report.corrections.length })}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('reports:sstu.registrationNumber')}</TableCell>
                <TableCell>{t('reports:sstu.classifierCode')}</TableCell>
                <TableCell>{t('reports:sstu.closedAt')}</TableCell>
                <TableCell>{t('reports:sstu.department')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.corrections.map((item) => (
                <TableRow key={item.appealId}>
                  <TableCell>{item.registrationNumber ?? '—'}</TableCell>
                  <TableCell>{item.classifierCode ?? t('reports:sstu.missingCode')}</TableCell>
                  <TableCell>{formatDate(item.closedAt)}</TableCell>
                  <TableCell>{report.departmentNames[item.departmentId] ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Alert>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('reports:sstu.correctionsNone')}
        </Typography>
      )}
      {report.rows.length === 0 ? (
        <Typography>{t('reports:sstu.empty')}</Typography>
      ) : (
        <Table size="small" data-testid="sstu-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('reports:sstu.code')}</TableCell>
              <TableCell>{t('reports:sstu.question')}</TableCell>
              <TableCell align="right">{t('reports:sstu.total')}</TableCell>
              <TableCell align="right">{t('reports:sstu.supportedTotal')}</TableCell>
              {sstuResultColumns.map((column) => (
                <TableCell key={column} align="right">
                  {header(column)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {report.rows.map((row) => (
              <TableRow key={row.code ?? 'none'}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.code ?? '—'}</TableCell>
                <TableCell>
                  {row.code === null ? t('reports:sstu.noCode') : row.title}
                  {row.path.length > 0 ? (
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                      {row.path.join(' › ')}
                    </Typography>
                  ) : null}
                </TableCell>
                <Counts counts={row.counts} />
              </TableRow>
            ))}
            <TableRow>
              <TableCell colSpan={2} sx={{ fontWeight: 700 }}>
                {t('reports:sstu.allSections')}
              </TableCell>
              <Counts counts={report.totals} bold />
            </TableRow>
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}
