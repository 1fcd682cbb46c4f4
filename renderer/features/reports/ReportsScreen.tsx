import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { Report, ReportKind } from '../../../shared/model/report';
import type { SessionUser, TokenSource } from '../../api/client';
import { saveFile } from '../../api/letters';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';
import { type KeptReport, keepReport, keptReport } from './last-report';
import { OnTimeView } from './OnTimeView';
import { type ReportFailure, type ReportQuery, reportsApi } from './reports-api';
import { SstuView } from './SstuView';

/** `YYYY-MM-DD` of an instant in the organisation's zone. */
const dayIn = (timeZone: string, at: number) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

type Shown = { report: Report; keptAt: number | null } | null;

/**
 * «Отчёты» (issue 14), for heads (their departments), supervisors and administrators: the monthly
 * ССТУ.РФ report and on-time performance, computed by the server for the chosen period, saved as
 * XLSX, printed, and kept on this computer so the last one of each kind opens offline.
 */
export function ReportsScreen({ user, tokens }: { user: SessionUser; tokens: TokenSource }) {
  const { t } = useT();
  const { formatDate, timeZone } = useFormatters();
  const api = useMemo(() => reportsApi(tokens), [tokens]);
  const today = dayIn(timeZone, Date.now());
  const [kind, setKind] = useState<ReportKind>('on-time');
  const [month, setMonth] = useState(() => {
    const [year, index] = today.split('-').map(Number) as [number, number];
    const previous = new Date(Date.UTC(year, index - 2, 1));
    return previous.toISOString().slice(0, 7);
  });
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [shown, setShown] = useState<Record<ReportKind, Shown>>({ sstu: null, 'on-time': null });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'error' | 'info' | 'success'; text: string } | null>(null);

  const query: ReportQuery = kind === 'sstu' ? { kind, month } : { kind, from, to };
  const failureText = (error: ReportFailure) =>
    error.kind === 'network'
      ? t('reports:errors.network')
      : 'code' in error && error.code && error.code in errorKeys
        ? t(`reports:errors.${error.code}`)
        : 'status' in error && error.status === 403
          ? t('reports:errors.forbidden')
          : t('reports:errors.other');

  const show = async () => {
    setBusy(true);
    setNotice(null);
    const result = await api.report(query);
    setBusy(false);
    if (result.ok) {
      setShown((before) => ({ ...before, [kind]: { report: result.value, keptAt: null } }));
      void keepReport(indexedDB, user.id, result.value, Date.now()).catch(() => undefined);
      return;
    }
    if (result.error.kind === 'network') {
      const kept: KeptReport | null = await keptReport(indexedDB, user.id, kind);
      if (kept) {
        setShown((before) => ({ ...before, [kind]: { report: kept.report, keptAt: kept.keptAt } }));
        return;
      }
      setNotice({ severity: 'error', text: t('reports:state.offlineNone') });
      return;
    }
    setNotice({ severity: 'error', text: t('reports:state.failed', { reason: failureText(result.error) }) });
  };

  const exportXlsx = async () => {
    setBusy(true);
    const result = await api.xlsx(query);
    setBusy(false);
    if (!result.ok) {
      setNotice({
        severity: 'error',
        text: t('reports:state.failed', { reason: failureText(result.error) }),
      });
      return;
    }
    const name =
      query.kind === 'sstu' ? `okno-sstu-${query.month}.xlsx` : `okno-on-time-${query.from}_${query.to}.xlsx`;
    saveFile(result.value, name);
    setNotice({ severity: 'success', text: t('reports:state.exported', { name }) });
  };

  const finalise = async () => {
    setBusy(true);
    const result = await api.finalise(month);
    setBusy(false);
    if (result.ok) {
      setShown((before) => ({ ...before, sstu: { report: result.value, keptAt: null } }));
      setNotice({ severity: 'success', text: t('reports:sstu.finalDone') });
    } else {
      setNotice({ severity: 'error', text: failureText(result.error) });
    }
  };

  const current = shown[kind];
  const report = current?.report ?? null;
  const canFinalise = user.role === 'supervisor' || user.role === 'admin';
  return (
    <Stack spacing={2} sx={{ p: 3, overflow: 'auto', height: '100%' }} data-testid="reports-screen">
      <Typography variant="h5" component="h1">
        {t('reports:title')}
      </Typography>
      <Tabs value={kind} onChange={(_, value: ReportKind) => setKind(value)} sx={{ displayPrint: 'none' }}>
        <Tab value="on-time" label={t('reports:tabs.onTime')} data-testid="reports-tab-on-time" />
        <Tab value="sstu" label={t('reports:tabs.sstu')} data-testid="reports-tab-sstu" />
      </Tabs>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ displayPrint: 'none', alignItems: 'center', flexWrap: 'wrap' }}
      >
        {kind === 'sstu' ? (
          <TextField
            type="month"
            size="small"
            label={t('reports:period.month')}
            value={month}
            onChange={(event) => setMonth(event.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'reports-month' } }}
          />
        ) : (
          <>
            <TextField
              type="date"
              size="small"
              label={t('reports:period.from')}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'reports-from' } }}
            />
            <TextField
              type="date"
              size="small"
              label={t('reports:period.to')}
              value={to}
              onChange={(event) => setTo(event.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'reports-to' } }}
            />
          </>
        )}
        <Button variant="contained" onClick={show} disabled={busy} data-testid="reports-show">
          {t('reports:period.show')}
        </Button>
        <Button onClick={exportXlsx} disabled={busy} data-testid="reports-xlsx">
          {t('reports:actions.xlsx')}
        </Button>
        <Button onClick={() => window.print()} disabled={!report} data-testid="reports-print">
          {t('reports:actions.print')}
        </Button>
        {kind === 'sstu' && canFinalise ? (
          <Button color="warning" onClick={finalise} disabled={busy} data-testid="reports-finalise">
            {t('reports:actions.finalise')}
          </Button>
        ) : null}
      </Stack>
      {busy ? <LinearProgress aria-label={t('reports:state.loading')} /> : null}
      {notice ? (
        <Alert severity={notice.severity} onClose={() => setNotice(null)} sx={{ displayPrint: 'none' }}>
          {notice.text}
        </Alert>
      ) : null}
      {current?.keptAt ? (
        <Alert severity="warning" data-testid="reports-offline">
          {t('reports:state.offline', { at: formatDate(current.keptAt) })}
        </Alert>
      ) : null}
      {report ? (
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="reports-report">
          <Stack spacing={0.5} sx={{ mb: 2 }}>
            <Typography variant="h6" component="h2">
              {report.kind === 'sstu'
                ? t('reports:heading.sstu', { month: report.month })
                : t('reports:heading.onTime', { from: formatDate(report.from), to: formatDate(report.to) })}
            </Typography>
            <Typography variant="body2">
              {t('reports:heading.organisation', { name: report.organisationName })}
            </Typography>
            {report.kind === 'sstu' ? (
              <Typography variant="body2">
                {t('reports:heading.edition', { edition: report.edition.edition })}
              </Typography>
            ) : null}
            <Typography variant="body2" color="text.secondary">
              {t('reports:state.computedAt', { at: formatDate(report.computedAt) })}
              {report.departmentIds ? ` · ${t('reports:state.departmentsOnly')}` : ''}
            </Typography>
            {report.kind === 'sstu' ? (
              <Typography variant="body2" data-testid="sstu-final">
                {report.final
                  ? t('reports:sstu.final', {
                      version: report.final.version,
                      at: formatDate(report.final.madeAt),
                      name: report.final.madeByName ?? '',
                      total: report.final.total,
                    })
                  : t('reports:sstu.notFinal')}
              </Typography>
            ) : null}
          </Stack>
          {report.kind === 'sstu' ? <SstuView report={report} /> : <OnTimeView report={report} />}
        </Paper>
      ) : null}
    </Stack>
  );
}

const errorKeys = {
  report_period_invalid: true,
  report_corrections_needed: true,
  report_sample_classifier: true,
} as const;
