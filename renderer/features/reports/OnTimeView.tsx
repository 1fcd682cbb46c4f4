import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  type OnTimeDimension,
  type OnTimeReport,
  onTimeColumns,
  onTimeDimensions,
  onTimeRowLabel,
} from '../../../shared/model/report';
import { useT } from '../../app/translate';

/** On-time performance: one table per breakdown, the total last (bold). */
export function OnTimeView({ report }: { report: OnTimeReport }) {
  const { t, language } = useT();
  const number = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 });
  const cell = (value: number | null) => (value === null ? '—' : number.format(value));
  const label = (dimension: OnTimeDimension, key: string | null) => {
    const found = onTimeRowLabel(report, dimension, key);
    return 'name' in found ? found.name : t(found.key);
  };
  return (
    <Stack spacing={3}>
      {onTimeDimensions.map((dimension) => (
        <Stack key={dimension} spacing={1}>
          <Typography variant="subtitle1" component="h3">
            {t(`reports:onTime.dimension.${dimension}`)}
          </Typography>
          <Table size="small" data-testid={`on-time-table-${dimension}`}>
            <TableHead>
              <TableRow>
                <TableCell>{t(`reports:onTime.key.${dimension}`)}</TableCell>
                {onTimeColumns.map((column) => (
                  <TableCell key={column} align="right">
                    {t(`reports:onTime.${column}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {report.breakdowns[dimension].map((row) => (
                <TableRow key={row.key ?? '∑'} data-testid={`on-time-row-${dimension}-${row.key ?? 'total'}`}>
                  <TableCell sx={{ fontWeight: row.key === null ? 700 : undefined }}>
                    {label(dimension, row.key)}
                  </TableCell>
                  {onTimeColumns.map((column) => (
                    <TableCell
                      key={column}
                      align="right"
                      data-column={column}
                      sx={{ fontWeight: row.key === null ? 700 : undefined }}
                    >
                      {cell(row[column])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Stack>
      ))}
      <Typography variant="body2" color="text.secondary">
        {t('reports:onTime.notes')}
      </Typography>
    </Stack>
  );
}
