import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { type ChangeEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenSource } from '../../api/client';
import { type ClassifierSummary, letterheadApi } from '../../api/letterhead';
import { base64Of, classifierRefusalText, readEditionFile } from './letterhead-form';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The server takes up to 8 MiB (server/src/admin/classifier.ts); a larger file is refused here first. */
const maxMegabytes = 8;

/**
 * «Классификатор»: the ССТУ thematic classifier edition the organisation's staff close appeals with —
 * which one is in force (the organisation's own or the bundled sample), its size by level, and loading
 * a new edition from a JSON file (checked by the server with the desktop's own loader).
 */
export function ClassifierTab({ tokens }: { tokens: TokenSource }) {
  const { t: typed, i18n } = useTranslation('letterhead');
  const t = typed as unknown as Translate;
  const api = useMemo(() => letterheadApi(tokens), [tokens]);
  const [summary, setSummary] = useState<ClassifierSummary | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const result = await api.classifier();
    if (!result.ok) return setRefusal(classifierRefusalText(t, result.error, maxMegabytes));
    setSummary(result.value);
  }, [api, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setNotice(null);
    if (file.size > maxMegabytes * 1024 * 1024)
      return setRefusal(t('letterhead:classifier.tooLarge', { max: maxMegabytes }));
    const table = /\.(csv|xlsx)$/i.test(file.name);
    const read = table ? null : readEditionFile(await file.text());
    if (read && !read.ok) return setRefusal(t('letterhead:classifier.notJson', { detail: read.detail }));
    setBusy(true);
    const result = read
      ? await api.loadClassifier(read.value)
      : await api.importClassifier(file.name, file.name.replace(/\.(csv|xlsx)$/i, ''), await base64Of(file));
    setBusy(false);
    if (!result.ok) return setRefusal(classifierRefusalText(t, result.error, maxMegabytes));
    setRefusal(null);
    setSummary(result.value);
    const { sections, subjects, topics, questions } = result.value.counts;
    setNotice(
      t('letterhead:classifier.loaded', {
        edition: result.value.edition,
        count: sections + subjects + topics + questions,
      }),
    );
  };

  const when = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(at);

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }} data-testid="classifier-tab">
      <Typography color="text.secondary">{t('letterhead:classifier.intro')}</Typography>
      {refusal && (
        <Alert severity="error" data-testid="classifier-refusal" onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" data-testid="classifier-notice" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {summary && (
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="classifier-summary">
          <Stack spacing={1}>
            <Typography variant="subtitle1" component="h2" data-testid="classifier-edition">
              {t('letterhead:classifier.edition', { edition: summary.edition })}
            </Typography>
            {summary.bundled && <Alert severity="info">{t('letterhead:classifier.bundled')}</Alert>}
            {summary.sample ? (
              <Alert severity="warning">{t('letterhead:classifier.sample')}</Alert>
            ) : (
              <Typography variant="body2">{t('letterhead:classifier.official')}</Typography>
            )}
            {summary.loadedAt !== null && (
              <Typography variant="body2" color="text.secondary">
                {t('letterhead:classifier.loadedAt', {
                  date: when(summary.loadedAt),
                  who: summary.loadedByName ?? t('letterhead:classifier.console'),
                })}
              </Typography>
            )}
            <Table size="small" sx={{ maxWidth: 360 }}>
              <TableBody>
                {(['sections', 'subjects', 'topics', 'questions'] as const).map((level) => (
                  <TableRow key={level}>
                    <TableCell>{t(`letterhead:classifier.${level}`)}</TableCell>
                    <TableCell align="right" data-testid={`classifier-count-${level}`}>
                      {summary.counts[level]}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Stack>
        </Paper>
      )}
      <Stack spacing={1}>
        <Stack direction="row">
          <Button
            variant="contained"
            onClick={() => fileInput.current?.click()}
            disabled={busy}
            data-testid="classifier-load"
          >
            {t('letterhead:classifier.load')}
          </Button>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
          {t('letterhead:classifier.formatHint')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('reports:classifierImport.hint')}
        </Typography>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json,.csv,.xlsx,text/csv"
          hidden
          onChange={(event) => void upload(event)}
          data-testid="classifier-file"
        />
      </Stack>
    </Stack>
  );
}
