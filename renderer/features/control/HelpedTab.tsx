import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  type QualitySummary,
  qualityApi,
  type SummaryAppeal,
  type SummaryGrouping,
  type SummaryOutcome,
  type VerdictCounts,
} from '../../api/quality';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { useRxQuery } from '../../db/DatabaseProvider';
import type { AnalyticsTabContext } from './context';
import { categoryLabel } from './labels';
import { useDrillFound } from './use-drill-found';

const dayMs = 86_400_000;
const spans = [30, 90, 365] as const;
type Span = (typeof spans)[number];

/** The share of «помог» among those who answered (ЦУР's KPI), whole percent; null when nobody did. */
function helpedPercent(counts: Pick<VerdictCounts, 'yes' | 'partly' | 'no'>): number | null {
  const answered = counts.yes + counts.partly + counts.no;
  return answered === 0 ? null : Math.round((counts.yes / answered) * 100);
}

interface Drill {
  readonly title: string;
  readonly by: SummaryGrouping;
  readonly key: string;
  readonly outcome: SummaryOutcome;
}

const columns: readonly { outcome: SummaryOutcome; label: string; field: keyof VerdictCounts }[] = [
  { outcome: 'asked', label: 'quality:summary.asked', field: 'asked' },
  { outcome: 'yes', label: 'quality:summary.helped', field: 'yes' },
  { outcome: 'partly', label: 'quality:summary.partly', field: 'partly' },
  { outcome: 'no', label: 'quality:summary.notHelped', field: 'no' },
  { outcome: 'noAnswer', label: 'quality:summary.noAnswer', field: 'noAnswer' },
];

/**
 * «Помог ли ответ?» on «Аналитика» (issue 14): of the applicants asked in the last 30, 90 or 365 days,
 * the share who said the answer helped — in total, per department (a chart and its table), per
 * category and per executor — and the answers heads returned for rework. Every number opens its
 * appeals; a click opens the appeal. Supervisors and administrators (the summary spans departments).
 */
export function HelpedTab({ tokens, onOpenAppeal }: AnalyticsTabContext) {
  const { t } = useT();
  const { api } = useServices();
  const quality = useMemo(() => qualityApi(api.authorised(tokens)), [api, tokens]);
  const [span, setSpan] = useState<Span>(30);
  const [summary, setSummary] = useState<QualitySummary | null | 'failed'>(null);
  const [period, setPeriod] = useState<{ from: number; to: number } | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const { result: userDocs } = useRxQuery((db) => db.users.find(), []);

  useEffect(() => {
    let live = true;
    const to = Date.now();
    const window = { from: to - span * dayMs, to };
    setSummary(null);
    void quality.summary(window.from, window.to).then((result) => {
      if (!live) return;
      setPeriod(window);
      setSummary(result.ok ? result.value : 'failed');
    });
    return () => {
      live = false;
    };
  }, [quality, span]);

  const loadDrill = useCallback(
    (d: Drill) => (period ? quality.summaryAppeals(period, d.by, d.key, d.outcome) : Promise.resolve(null)),
    [period, quality],
  );
  const unknown = t('quality:summary.unknown');
  const departmentName = useCallback(
    (id: string) => {
      const doc = departmentDocs?.find((d) => d.id === id);
      return doc ? `${String(doc.get('code'))} ${String(doc.get('name'))}` : unknown;
    },
    [departmentDocs, unknown],
  );
  const executorName = useCallback(
    (id: string) => String(userDocs?.find((d) => d.id === id)?.get('displayName') ?? unknown),
    [userDocs, unknown],
  );
  const names: Record<SummaryGrouping, (key: string) => string> = {
    department: (key) => (key ? departmentName(key) : unknown),
    category: (key) => categoryLabel(t, key),
    executor: (key) => (key ? executorName(key) : unknown),
  };

  return (
    <Stack sx={{ gap: 2 }} data-testid="helped-tab">
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">{t('quality:dashboard.period')}</Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={span}
          onChange={(_event, value: Span | null) => value && setSpan(value)}
          aria-label={t('quality:dashboard.period')}
        >
          {spans.map((days) => (
            <ToggleButton key={days} value={days}>
              {t(`quality:dashboard.days${days}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      {summary === 'failed' && <Alert severity="error">{t('quality:summary.loadFailed')}</Alert>}
      {summary === null && <Typography>{t('control:loading')}</Typography>}
      {summary && summary !== 'failed' && summary.total.asked === 0 && summary.total.returned === 0 && (
        <Typography data-testid="helped-empty">{t('quality:summary.noData')}</Typography>
      )}
      {summary && summary !== 'failed' && (summary.total.asked > 0 || summary.total.returned > 0) && (
        <>
          <Typography variant="h6" data-testid="helped-total">
            {t('quality:dashboard.total', {
              share: helpedPercent(summary.total) ?? '—',
              answered: summary.total.yes + summary.total.partly + summary.total.no,
              asked: summary.total.asked,
              returned: summary.total.returned,
            })}
          </Typography>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle1" component="h2">
              {t('quality:dashboard.chartTitle')}
            </Typography>
            <BarChart
              height={260}
              xAxis={[
                { scaleType: 'band', data: summary.byDepartment.map((row) => names.department(row.key)) },
              ]}
              series={(['yes', 'partly', 'no'] as const).map((field) => ({
                data: summary.byDepartment.map((row) => row[field]),
                label: t(columns.find((c) => c.field === field)!.label),
                stack: 'verdict',
              }))}
            />
          </Paper>
          {(['department', 'category', 'executor'] as const).map((by) => (
            <CountsTable
              key={by}
              by={by}
              rows={
                by === 'department'
                  ? summary.byDepartment
                  : by === 'category'
                    ? summary.byCategory
                    : summary.byExecutor
              }
              name={names[by]}
              onDrill={setDrill}
            />
          ))}
        </>
      )}
      <DrillDialog
        drill={drill}
        load={loadDrill}
        onClose={() => setDrill(null)}
        onOpenAppeal={(id) => {
          setDrill(null);
          onOpenAppeal(id);
        }}
      />
    </Stack>
  );
}

const tableTitles: Record<SummaryGrouping, string> = {
  department: 'quality:summary.byDepartment',
  category: 'quality:summary.byCategory',
  executor: 'quality:summary.byExecutor',
};

function CountsTable(props: {
  by: SummaryGrouping;
  rows: readonly VerdictCounts[];
  name: (key: string) => string;
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useT();
  const { by, rows, name, onDrill } = props;
  const title = t(tableTitles[by]);
  const number = (row: VerdictCounts, outcome: SummaryOutcome, label: string, count: number) =>
    count === 0 ? (
      '0'
    ) : (
      <Link
        component="button"
        type="button"
        aria-label={t('quality:dashboard.drillLabel', { who: name(row.key), what: t(label), count })}
        onClick={() => onDrill({ title: `${name(row.key)} — ${t(label)}`, by, key: row.key, outcome })}
      >
        {count}
      </Link>
    );
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2">
        {title}
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{t('quality:summary.name')}</TableCell>
            {columns.map((column) => (
              <TableCell key={column.outcome} align="right">
                {t(column.label)}
              </TableCell>
            ))}
            <TableCell align="right">{t('quality:summary.helpedShare')}</TableCell>
            <TableCell align="right">{t('quality:summary.returned')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const share = helpedPercent(row);
            return (
              <TableRow key={row.key} data-testid={`helped-row-${by}`}>
                <TableCell>{name(row.key)}</TableCell>
                {columns.map((column) => (
                  <TableCell key={column.outcome} align="right">
                    {number(row, column.outcome, column.label, row[column.field] as number)}
                  </TableCell>
                ))}
                <TableCell align="right">{share === null ? '—' : `${share} %`}</TableCell>
                <TableCell align="right">
                  {number(row, 'returned', 'quality:summary.returned', row.returned)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Stack>
  );
}

function DrillDialog(props: {
  drill: Drill | null;
  load: (drill: Drill) => Promise<{ ok: true; value: SummaryAppeal[] } | { ok: false } | null>;
  onClose: () => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useT();
  const { drill, load } = props;
  const found = useDrillFound(drill, load);
  return (
    <Dialog open={drill !== null} onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>{drill ? t('control:drill.title', { what: drill.title }) : ''}</DialogTitle>
      <DialogContent dividers>
        {found === 'failed' && <Alert severity="error">{t('control:failed')}</Alert>}
        {found === null && <Typography>{t('control:loading')}</Typography>}
        {Array.isArray(found) && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="helped-drill-total">
              {t('control:drill.total', { total: found.length })}
            </Typography>
            <List dense aria-label={drill?.title}>
              {found.map((appeal) => (
                <ListItemButton key={appeal.appealId} onClick={() => props.onOpenAppeal(appeal.appealId)}>
                  <ListItemText
                    primary={appeal.subject}
                    secondary={appeal.registrationNumber ?? t('quality:bell.noNumber')}
                  />
                </ListItemButton>
              ))}
            </List>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
