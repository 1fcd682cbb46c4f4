import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { type ChangeEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkCalendarYear, parseXmlCalendar } from '../../../shared/domain/calendar';
import type { ApiFailure, TokenSource } from '../../api/client';
import type { CalendarInForce } from '../../api/organisation';
import { useFormatters } from '../../app/format';
import { errorText, useT } from '../../app/translate';
import { AdminFailure } from './AdminFailure';
import { useOrganisationApi } from './organisation-form';

/** The server refuses a body over 512 KiB and the parser a file over 256 KiB; an official one is ~2 KB. */
const maxFileBytes = 256 * 1024;

type Notice = { severity: 'success' | 'info' | 'error'; text: string };

/**
 * «Производственные календари»: every year with its calendar (shipped with Okno or loaded by the
 * organisation, edition, checksum) and the loading of an official xmlcalendar.ru file. The file is
 * read by the server's own parser here first, so a bad file is explained before it is sent.
 */
export function CalendarsSection({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('organisation');
  const { t: translate } = useT();
  const { formatDate } = useFormatters();
  const api = useOrganisationApi(tokens);
  const [calendars, setCalendars] = useState<CalendarInForce[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const load = useCallback(async () => {
    const result = await api.calendars();
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setCalendars(result.value);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const refuse = (reason: string) =>
    setNotice({ severity: 'error', text: t('calendars.badFile', { reason }) });

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > maxFileBytes) return setNotice({ severity: 'error', text: t('calendars.tooLarge') });
    const xml = await file.text();
    const parsed = parseXmlCalendar(xml);
    const checked = parsed.ok ? checkCalendarYear(parsed.value) : parsed;
    if (!checked.ok) return refuse(errorText(translate, checked.error));
    const result = await api.loadCalendar(xml);
    if (!result.ok) {
      const code = result.error.kind === 'server' ? result.error.code : undefined;
      return code === 'invalid_calendar'
        ? refuse(translate('deadlines:errors.invalidCalendar'))
        : setFailure(result.error);
    }
    const loaded = result.value;
    setNotice(
      loaded.changed
        ? {
            severity: 'success',
            text: t('calendars.loadedNotice', {
              year: loaded.year,
              edition: loaded.edition ?? t('calendars.undated'),
              recomputed: loaded.recomputed > 0 ? t('recomputed', { count: loaded.recomputed }) : '',
            }).trim(),
          }
        : { severity: 'info', text: t('calendars.unchanged', { year: loaded.year }) },
    );
    await load();
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          {t('sections.calendars')}
        </Typography>
        {failure && (
          <AdminFailure failure={failure} onReload={() => void load()} onClose={() => setFailure(null)} />
        )}
        {calendars && (
          <Table size="small" aria-label={t('sections.calendars')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('calendars.year')}</TableCell>
                <TableCell>{t('calendars.source')}</TableCell>
                <TableCell>{t('calendars.edition')}</TableCell>
                <TableCell>{t('calendars.sha')}</TableCell>
                <TableCell>{t('calendars.loadedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {calendars.map((calendar) => (
                <TableRow
                  key={calendar.year}
                  data-testid="org-calendar-row"
                  data-year={calendar.year}
                  data-source={calendar.source}
                >
                  <TableCell>{calendar.year}</TableCell>
                  <TableCell>{t(`calendars.${calendar.source}`)}</TableCell>
                  <TableCell data-testid="org-calendar-edition">
                    {calendar.edition ?? t('calendars.undated')}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>
                    {calendar.sha256?.slice(0, 12) ?? '—'}
                  </TableCell>
                  <TableCell>{calendar.loadedAt === null ? '—' : formatDate(calendar.loadedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button variant="outlined" component="label">
            {t('calendars.load')}
            <input
              hidden
              type="file"
              accept=".xml,application/xml,text/xml"
              onChange={(event) => void pick(event)}
              data-testid="org-calendar-file"
            />
          </Button>
          <Typography variant="body2" color="text.secondary">
            {t('calendars.loadHint')}
          </Typography>
        </Stack>
        {notice && (
          <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid="org-calendar-notice">
            {notice.text}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
