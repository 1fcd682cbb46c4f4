import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { takeAnalyticsFocus } from '../../app/analytics-focus';
import { useFormatters } from '../../app/format';
import { useServices } from '../../app/services';
import { useT } from '../../app/translate';
import { controlApi, type Dashboard, type Period, type PeriodKind, periodKinds } from './api';
import type { AnalyticsTabContext } from './context';
import { type DrillDown, DrillDownDialog } from './DrillDownDialog';
import { categoryLabel, changeLabel, matrixOf, territoryLabel } from './labels';

const organisationWide = new Set(['supervisor', 'admin']);

function Section(props: { title: string; hint?: string; children: ReactNode; label?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={props.label ?? props.title}>
      <Typography variant="h6" component="h2">
        {props.title}
      </Typography>
      {props.hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {props.hint}
        </Typography>
      )}
      {props.children}
    </Paper>
  );
}

/**
 * «Очаги»: appeals by category × territory for a period against the one before, surges, rising
 * problems, repeat problems at one place, weekly and per-category charts (each with its table), and
 * a drill-down from any number to its appeals.
 */
export function HotSpotsTab({ user, tokens, onOpenAppeal }: AnalyticsTabContext) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const { api } = useServices();
  const control = useMemo(() => controlApi(api.authorised(tokens)), [api, tokens]);
  const [period, setPeriod] = useState<Period>({ kind: 'month', from: '', to: '' });
  const [custom, setCustom] = useState({ from: '', to: '' });
  const [repeatMinimum, setRepeatMinimum] = useState(3);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const [tables, setTables] = useState({ weekly: false, categories: false });

  // A rise alert opened from the notifications bell: its cell's appeals (renderer/app/analytics-focus.ts).
  useEffect(() => {
    const focus = takeAnalyticsFocus();
    if (focus)
      setDrill({
        title: focus.title,
        period: { kind: 'custom', from: focus.from, to: focus.to },
        cell: { category: focus.category, territoryId: focus.territoryId },
      });
  }, []);

  useEffect(() => {
    let live = true;
    void control.dashboard(period, repeatMinimum).then((result) => {
      if (!live) return;
      if (result.ok) {
        setDashboard(result.value);
        setFailure(null);
      } else {
        const invalid = result.error.kind === 'server' && result.error.code === 'invalid_period';
        setFailure(invalid ? t('control:invalidPeriod') : t('control:failed'));
      }
    });
    return () => {
      live = false;
    };
  }, [control, period, repeatMinimum, t]);

  const names = useMemo(
    () => new Map((dashboard?.territories ?? []).map((territory) => [territory.id, territory.name])),
    [dashboard],
  );
  const matrix = useMemo(() => matrixOf(dashboard?.cells ?? []), [dashboard]);
  const category = (code: string) => categoryLabel(t, code);
  const territory = (id: string) => territoryLabel(t, names, id);
  const open = (title: string, cell: DrillDown['cell']) => setDrill({ title, period, cell });
  const loadAppeals = useCallback(
    (p: Period, cell: DrillDown['cell']) => control.appeals(p, cell),
    [control],
  );
  const categoryTotals = matrix.categories.map((code) => {
    const cells = (dashboard?.cells ?? []).filter((cell) => cell.category === code);
    return {
      code,
      count: cells.reduce((sum, cell) => sum + cell.count, 0),
      previous: cells.reduce((sum, cell) => sum + cell.previous, 0),
    };
  });

  const choose = (kind: PeriodKind | null) => {
    if (!kind) return;
    if (kind !== 'custom') setPeriod({ kind, from: '', to: '' });
    else setPeriod((current) => ({ ...current, kind: 'custom', ...custom }));
  };

  return (
    <Stack sx={{ gap: 2 }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={period.kind}
          onChange={(_event, kind: PeriodKind | null) => choose(kind)}
          aria-label={t('control:period.label')}
        >
          {periodKinds.map((kind) => (
            <ToggleButton key={kind} value={kind}>
              {t(`control:period.${kind}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {period.kind === 'custom' && (
          <>
            <TextField
              size="small"
              type="date"
              label={t('control:period.from')}
              value={custom.from}
              onChange={(event) => setCustom({ ...custom, from: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              size="small"
              type="date"
              label={t('control:period.to')}
              value={custom.to}
              onChange={(event) => setCustom({ ...custom, to: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <Button
              variant="outlined"
              disabled={!custom.from || !custom.to}
              onClick={() => setPeriod({ kind: 'custom', ...custom })}
            >
              {t('control:period.apply')}
            </Button>
          </>
        )}
        {dashboard && (
          <Typography variant="body2" color="text.secondary">
            {t('control:period.compared', {
              from: formatDate(dashboard.window.from),
              to: formatDate(dashboard.window.to - 1),
              previousFrom: formatDate(dashboard.window.previousFrom),
              previousTo: formatDate(dashboard.window.from - 1),
            })}
          </Typography>
        )}
      </Stack>
      {!organisationWide.has(user.role) && <Alert severity="info">{t('control:scopeHead')}</Alert>}
      {failure && <Alert severity="error">{failure}</Alert>}
      {!dashboard && !failure && <Typography>{t('control:loading')}</Typography>}
      {dashboard && (
        <>
          <Typography variant="subtitle1" data-testid="control-total">
            {t('control:total', { count: matrix.totals.count, previous: matrix.totals.previous })}
          </Typography>
          {dashboard.territories.length === 0 && (
            <Alert severity="warning">{t('control:noTerritories')}</Alert>
          )}
          {organisationWide.has(user.role) && (
            <Section title={t('control:alerts.title')} hint={t('control:alerts.hint')}>
              {dashboard.alerts.length === 0 ? (
                <Typography variant="body2">{t('control:alerts.none')}</Typography>
              ) : (
                <Stack sx={{ gap: 1 }}>
                  {dashboard.alerts.map((alert) => (
                    <Alert key={alert.id} severity="warning" data-testid="rise-alert">
                      {t('control:alerts.row', {
                        category: category(alert.category),
                        territory: alert.territoryName || territory(alert.territoryId),
                        count: alert.weekCount,
                        week: formatDate(alert.weekStart),
                        usual: Math.round(alert.usualWeekly * 10) / 10,
                      })}
                    </Alert>
                  ))}
                </Stack>
              )}
            </Section>
          )}
          <Section title={t('control:matrix.title')} hint={t('control:matrix.hint')}>
            {matrix.categories.length === 0 ? (
              <Typography variant="body2">{t('control:noData')}</Typography>
            ) : (
              <Table size="small" aria-label={t('control:matrix.title')} sx={{ '& td, & th': { px: 1 } }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('control:matrix.category')}</TableCell>
                    {matrix.territories.map((id) => (
                      <TableCell key={id} align="right">
                        {territory(id)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{t('control:matrix.total')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {categoryTotals.map((row) => (
                    <TableRow key={row.code}>
                      <TableCell component="th" scope="row">
                        {category(row.code)}
                      </TableCell>
                      {matrix.territories.map((id) => {
                        const cell = matrix.cell(row.code, id);
                        if (!cell) return <TableCell key={id} />;
                        const label = t('control:matrix.cellLabel', {
                          category: category(row.code),
                          territory: territory(id),
                          count: cell.count,
                        });
                        const rising = cell.count - cell.previous >= 3;
                        return (
                          <TableCell key={id} align="right">
                            {cell.count > 0 ? (
                              <Link
                                component="button"
                                aria-label={label}
                                data-testid="control-cell"
                                sx={{ fontWeight: rising ? 700 : 400 }}
                                color={rising ? 'error' : 'primary'}
                                onClick={() =>
                                  open(`${category(row.code)} — ${territory(id)}`, {
                                    category: row.code,
                                    territoryId: id,
                                  })
                                }
                              >
                                {cell.count}
                              </Link>
                            ) : (
                              '0'
                            )}
                            <Typography variant="caption" component="div" color="text.secondary">
                              {changeLabel(t, cell.count, cell.previous)}
                            </Typography>
                          </TableCell>
                        );
                      })}
                      <TableCell align="right">
                        <strong>{row.count}</strong>
                        <Typography variant="caption" component="div" color="text.secondary">
                          {changeLabel(t, row.count, row.previous)}
                        </Typography>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
          <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2 }}>
            <Section title={t('control:rising.title')} hint={t('control:rising.hint')}>
              {dashboard.rising.length === 0 ? (
                <Typography variant="body2">{t('control:rising.none')}</Typography>
              ) : (
                <Table size="small" aria-label={t('control:rising.title')}>
                  <TableBody>
                    {dashboard.rising.map((row) => (
                      <TableRow
                        key={`${row.category}|${row.territoryId}`}
                        hover
                        data-testid="rising-row"
                        sx={{ cursor: 'pointer' }}
                        onClick={() =>
                          open(`${category(row.category)} — ${territory(row.territoryId)}`, {
                            category: row.category,
                            territoryId: row.territoryId,
                          })
                        }
                      >
                        <TableCell>
                          {t('control:rising.row', {
                            category: category(row.category),
                            territory: territory(row.territoryId),
                          })}
                        </TableCell>
                        <TableCell align="right">
                          {t('control:rising.counts', { count: row.count, previous: row.previous })}
                        </TableCell>
                        <TableCell align="right">{changeLabel(t, row.count, row.previous)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>
            <Section
              title={t('control:repeats.title')}
              hint={t('control:repeats.hint', { minimum: repeatMinimum })}
            >
              <TextField
                select
                size="small"
                label={t('control:repeats.minimum')}
                value={repeatMinimum}
                onChange={(event) => setRepeatMinimum(Number(event.target.value))}
                sx={{ mb: 1, minWidth: 120 }}
              >
                {[2, 3, 5, 10].map((n) => (
                  <MenuItem key={n} value={n}>
                    {n}
                  </MenuItem>
                ))}
              </TextField>
              {dashboard.repeats.length === 0 ? (
                <Typography variant="body2">{t('control:repeats.none')}</Typography>
              ) : (
                <Table size="small" aria-label={t('control:repeats.title')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('control:repeats.place')}</TableCell>
                      <TableCell>{t('control:matrix.category')}</TableCell>
                      <TableCell align="right">{t('control:repeats.count')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {dashboard.repeats.map((row) => (
                      <TableRow
                        key={`${row.placeKey}|${row.territoryId}|${row.category}`}
                        hover
                        sx={{ cursor: 'pointer' }}
                        onClick={() =>
                          open(
                            `${category(row.category)} — ${t('control:drill.place', { place: row.placeLabel })}`,
                            {
                              category: row.category,
                              territoryId: row.territoryId,
                              placeKey: row.placeKey,
                            },
                          )
                        }
                      >
                        <TableCell>
                          {row.placeLabel}
                          {row.territoryId ? ` (${territory(row.territoryId)})` : ''}
                        </TableCell>
                        <TableCell>{category(row.category)}</TableCell>
                        <TableCell align="right">{row.count}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>
          </Stack>
          <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2 }}>
            <Section title={t('control:chart.weeklyTitle')}>
              <BarChart
                height={260}
                xAxis={[{ scaleType: 'band', data: dashboard.weekly.map((w) => formatDate(w.week)) }]}
                series={[{ data: dashboard.weekly.map((w) => w.count), label: t('control:chart.weekly') }]}
              />
              <FormControlLabel
                control={
                  <Switch
                    checked={tables.weekly}
                    onChange={(event) => setTables({ ...tables, weekly: event.target.checked })}
                  />
                }
                label={t('control:chart.tableToggle')}
              />
              {tables.weekly && (
                <Table size="small" aria-label={t('control:chart.weeklyTitle')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('control:chart.week')}</TableCell>
                      <TableCell align="right">{t('control:chart.count')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {dashboard.weekly.map((w) => (
                      <TableRow key={w.week}>
                        <TableCell>{formatDate(w.week)}</TableCell>
                        <TableCell align="right">{w.count}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>
            <Section title={t('control:chart.categoriesTitle')}>
              <BarChart
                height={260}
                layout="horizontal"
                yAxis={[
                  { scaleType: 'band', data: categoryTotals.map((row) => category(row.code)), width: 140 },
                ]}
                series={[
                  { data: categoryTotals.map((row) => row.count), label: t('control:chart.now') },
                  { data: categoryTotals.map((row) => row.previous), label: t('control:chart.before') },
                ]}
              />
              <FormControlLabel
                control={
                  <Switch
                    checked={tables.categories}
                    onChange={(event) => setTables({ ...tables, categories: event.target.checked })}
                  />
                }
                label={t('control:chart.tableToggle')}
              />
              {tables.categories && (
                <Table size="small" aria-label={t('control:chart.categoriesTitle')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('control:matrix.category')}</TableCell>
                      <TableCell align="right">{t('control:chart.now')}</TableCell>
                      <TableCell align="right">{t('control:chart.before')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {categoryTotals.map((row) => (
                      <TableRow key={row.code}>
                        <TableCell>{category(row.code)}</TableCell>
                        <TableCell align="right">{row.count}</TableCell>
                        <TableCell align="right">{row.previous}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>
          </Stack>
        </>
      )}
      <DrillDownDialog
        drill={drill}
        load={loadAppeals}
        onClose={() => setDrill(null)}
        onOpenAppeal={onOpenAppeal}
      />
    </Stack>
  );
}
