import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import type { Message } from '../../../shared/model/conversation';
import type { LetterFormat, LetterRecord } from '../../../shared/model/letter';
import type { TokenSource } from '../../api/client';
import { letterFileName, lettersApi, saveFile } from '../../api/letters';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';
import { type LetterToIssue, lettersToIssue } from './letters';

/**
 * The appeal's official letters on the organisation's letterhead (server/src/letters/): those issued,
 * each with its outgoing number, as PDF to print or DOCX to edit; and the letters the appeal calls
 * for, issued by the server on request (it draws the outgoing number). The server is needed: offline
 * the panel says so and offers nothing.
 */
export function LettersPanel({
  appeal,
  messages,
  tokens,
  online,
}: {
  appeal: Appeal;
  messages: readonly Message[];
  tokens: TokenSource;
  online: boolean;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const api = useMemo(() => lettersApi(tokens), [tokens]);
  const [letters, setLetters] = useState<readonly LetterRecord[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const listed = await api.list(appeal.id);
    if (listed.ok) setLetters(listed.value);
    setFailed(!listed.ok);
  }, [api, appeal.id]);

  // Again when the appeal or its thread changes: the server issues letters of postal answers and notices.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the appeal's version and thread length trigger a reload
  useEffect(() => {
    if (online) void reload();
  }, [online, reload, appeal.updatedAt, messages.length]);

  async function run(work: () => Promise<boolean>) {
    setBusy(true);
    setFailed(false);
    try {
      if (!(await work())) setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  const download = (letter: LetterRecord, format: LetterFormat) =>
    run(async () => {
      const file = await api.file(appeal.id, letter.id, format);
      if (file.ok) saveFile(file.value, letterFileName(letter.outgoingNumber, format));
      return file.ok;
    });

  const issue = (wanted: LetterToIssue) =>
    run(async () => {
      const issued = await api.issue(appeal.id, wanted.kind, wanted.message?.id);
      if (issued.ok) await reload();
      return issued.ok;
    });

  const toIssue = letters ? lettersToIssue(appeal, messages, letters) : [];
  return (
    <Paper component="section" variant="outlined" aria-label={t('letters:panel.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('letters:panel.title')}
      </Typography>
      {!online ? (
        <Typography variant="body2" color="text.secondary">
          {t('letters:panel.offline')}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {failed && <Alert severity="error">{t('letters:screen.failed')}</Alert>}
          {letters?.length === 0 && toIssue.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('letters:panel.none')}
            </Typography>
          )}
          {letters?.map((letter) => (
            <Stack
              key={letter.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid="letter"
            >
              <Typography variant="body2" sx={{ flex: 1 }}>
                {t(`letters:title.${letter.kind}`)}
                <br />
                <Typography component="span" variant="caption" color="text.secondary">
                  {t('letters:outgoing', {
                    number: letter.outgoingNumber,
                    date: formatDate(letter.issuedAt),
                  })}
                </Typography>
              </Typography>
              {(['pdf', 'docx'] as const).map((format) => (
                <Button
                  key={format}
                  size="small"
                  disabled={busy}
                  title={t(`letters:screen.${format}Hint`)}
                  onClick={() => void download(letter, format)}
                >
                  {t(`letters:screen.${format}`)}
                </Button>
              ))}
            </Stack>
          ))}
          {toIssue.map((wanted) => (
            <Button
              key={`${wanted.kind}-${wanted.message?.id ?? ''}`}
              size="small"
              variant="outlined"
              disabled={busy}
              sx={{ alignSelf: 'flex-start' }}
              onClick={() => void issue(wanted)}
            >
              {wanted.message
                ? t('letters:panel.issueAnswer', { date: formatDate(wanted.message.createdAt) })
                : t('letters:panel.issue', { title: t(`letters:title.${wanted.kind}`) })}
            </Button>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
