import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import type { Message } from '../../../shared/model/conversation';
import type { LetterFormat, LetterRecord } from '../../../shared/model/letter';
import type { ApiResult, TokenSource } from '../../api/client';
import { letterFileName, lettersApi, saveFile } from '../../api/letters';
import { appealReference } from '../../app/appeal-reference';
import { useFormatters } from '../../app/format';
import { useT } from '../../app/translate';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { markMailed } from '../../db/postal';
import { type MailingEntry, mailingQueue } from './mailing-queue';

const applicantName = (appeal: Appeal) =>
  appeal.kind.organisationName ??
  [appeal.applicant.name.lastName, appeal.applicant.name.firstName, appeal.applicant.name.patronymic]
    .filter(Boolean)
    .join(' ');

/**
 * «Печать и отправка почтой»: every letter waiting to leave on paper, with its addressee. An official
 * downloads it on the letterhead (PDF to print, DOCX to edit: the server renders both and draws the
 * outgoing number), mails it and marks it mailed; the mark is written locally and replicated.
 */
export function MailingScreen({
  tokens,
  onOpenAppeal,
}: {
  tokens: TokenSource;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const db = useDatabase();
  const api = useMemo(() => lettersApi(tokens), [tokens]);
  const [problem, setProblem] = useState<'offline' | 'failed' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { result: messageDocs } = useRxQuery(
    (database) =>
      database.messages.find({ selector: { replyVia: 'post', deliveryStatus: 'pending', direction: 'out' } }),
    [],
  );
  const messages = useMemo(() => (messageDocs ?? []).map((doc) => doc.toJSON() as Message), [messageDocs]);
  const appealIds = useMemo(() => [...new Set(messages.map((m) => m.appealId))].sort(), [messages]);
  const { result: appealDocs } = useRxQuery(
    (database) => database.appeals.find({ selector: { id: { $in: appealIds } } }),
    [appealIds.join(',')],
  );
  const entries = useMemo(
    () =>
      mailingQueue(
        messages,
        (appealDocs ?? []).map((doc) => doc.toJSON() as Appeal),
      ),
    [messages, appealDocs],
  );

  async function letterOf(message: Message): Promise<ApiResult<LetterRecord>> {
    const listed = await api.list(message.appealId);
    if (!listed.ok) return listed;
    const found = listed.value.find((letter) => letter.messageId === message.id);
    return found ? { ok: true, value: found } : api.issue(message.appealId, 'answer', message.id);
  }

  async function download(entry: MailingEntry, format: LetterFormat) {
    setBusy(entry.message.id);
    setProblem(null);
    try {
      const letter = await letterOf(entry.message);
      const file = letter.ok ? await api.file(entry.message.appealId, letter.value.id, format) : letter;
      if (!file.ok || !letter.ok) {
        setProblem(file.ok || file.error.kind !== 'network' ? 'failed' : 'offline');
        return;
      }
      saveFile(file.value, letterFileName(letter.value.outgoingNumber, format));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack
      component="main"
      spacing={2}
      sx={{ p: 3, overflow: 'auto', flex: 1 }}
      aria-labelledby="mailing-title"
    >
      <Typography id="mailing-title" variant="h5" component="h1">
        {t('letters:screen.title')}
      </Typography>
      <Typography color="text.secondary">{t('letters:screen.hint')}</Typography>
      {problem && (
        <Alert severity={problem === 'offline' ? 'warning' : 'error'} onClose={() => setProblem(null)}>
          {t(`letters:screen.${problem}`)}
        </Alert>
      )}
      {entries.length === 0 ? (
        <Typography data-testid="mailing-empty">{t('letters:screen.empty')}</Typography>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-labelledby="mailing-title">
            <TableHead>
              <TableRow>
                <TableCell>{t('letters:screen.created')}</TableCell>
                <TableCell>{t('letters:screen.appeal')}</TableCell>
                <TableCell>{t('letters:screen.addressee')}</TableCell>
                <TableCell>{t('letters:screen.letter')}</TableCell>
                <TableCell>{t('letters:screen.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((entry) => (
                <TableRow
                  key={entry.message.id}
                  data-testid="mailing-row"
                  data-appeal-id={entry.message.appealId}
                >
                  <TableCell>{formatDate(entry.message.createdAt)}</TableCell>
                  <TableCell>
                    {entry.appeal ? (
                      <Link component="button" onClick={() => onOpenAppeal(entry.message.appealId)}>
                        {appealReference(t, entry.appeal, formatDate)}
                      </Link>
                    ) : null}
                    <Typography variant="body2" color="text.secondary">
                      {entry.appeal?.subject}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {entry.appeal && (
                      <>
                        <Typography variant="body2">{applicantName(entry.appeal)}</Typography>
                        <Typography variant="body2" color="text.secondary">
                          {entry.appeal.applicant.contacts.postalAddress}
                        </Typography>
                      </>
                    )}
                  </TableCell>
                  <TableCell>{entry.kind === 'answer' ? t('letters:title.answer') : entry.heading}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      {(['pdf', 'docx'] as const).map((format) => (
                        <Button
                          key={format}
                          size="small"
                          variant={format === 'pdf' ? 'contained' : 'outlined'}
                          disabled={busy === entry.message.id}
                          title={t(`letters:screen.${format}Hint`)}
                          onClick={() => void download(entry, format)}
                        >
                          {t(`letters:screen.${format}`)}
                        </Button>
                      ))}
                      <Button
                        size="small"
                        variant="outlined"
                        data-testid="mailing-mark-mailed"
                        title={t('app:appeal.thread.markMailedHint')}
                        onClick={() => void markMailed(db.messages, entry.message.id)}
                      >
                        {t('app:appeal.thread.markMailed')}
                      </Button>
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
