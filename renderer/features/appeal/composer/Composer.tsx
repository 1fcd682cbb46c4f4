import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import {
  fillTemplate,
  templateValues,
  unfilledPlaceholders,
} from '../../../../shared/domain/answer-templates';
import type { DomainError } from '../../../../shared/domain/result';
import { type Actor, availableActions } from '../../../../shared/domain/status-machine';
import { answerFilesProblem } from '../../../../shared/model/answer-files';
import type { Appeal } from '../../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../../shared/model/attachment';
import { labelKey } from '../../../../shared/model/labels';
import type { AppealApi } from '../../../api/client';
import { useFormatters } from '../../../app/format';
import { PdfIcon, PrintIcon } from '../../../app/icons';
import { useServices } from '../../../app/services';
import { useT } from '../../../app/translate';
import { performAction } from '../../../appeal-actions/perform';
import { useDatabase, useRxQuery } from '../../../db/DatabaseProvider';
import { newDocumentId } from '../../../db/ids';
import { answerLetterDocument } from '../print/documents';
import { AnswerChecks } from './AnswerChecks';
import { AnswerFiles } from './AnswerFiles';
import { outboundMessage, type ReplyRoute, replyRoutesFor, replyViaOf } from './answer';
import { actionOfKind, type ComposerKind, composerKinds } from './kinds';
import { templatesFor } from './template';

interface ComposerProps {
  appeal: Appeal;
  actor: Actor & { userId: string };
  officialName: string;
  departmentName: string | null;
  /** Focus the text at once (the inbox's `r` key). */
  autoFocus?: boolean;
  /** Files are uploaded at once, so attaching needs the server. */
  api: AppealApi;
  online: boolean;
}

/**
 * The answer: written here, queued locally as an outbound message (`pending` until the server's
 * delivery job sends it), and the appeal moves by the status machine's `answer` action.
 */
export function Composer({
  appeal,
  actor,
  officialName,
  departmentName,
  autoFocus,
  api,
  online,
}: ComposerProps) {
  const { t } = useT();
  const db = useDatabase();
  const { bridge } = useServices();
  const formatters = useFormatters();
  const routes = replyRoutesFor(appeal);
  const [route, setRoute] = useState<ReplyRoute | ''>(routes[0] ?? '');
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<DomainError | null>(null);
  const [sent, setSent] = useState<{ route: ReplyRoute; kind: ComposerKind } | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<AttachmentMeta[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const { result: templateDocs } = useRxQuery((db) => db.answerTemplates.find(), []);
  const templates = templatesFor(templateDocs?.map((doc) => doc.toJSON()) ?? [], appeal);
  const kinds = composerKinds(appeal, actor);
  const [chosenKind, setKind] = useState<ComposerKind | ''>('');
  const kind: ComposerKind | '' =
    chosenKind !== '' && kinds.includes(chosenKind) ? chosenKind : (kinds[0] ?? '');
  const answerable = kind !== '';

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (route === '' && routes[0]) setRoute(routes[0]);
  }, [route, routes]);

  function applyTemplate(id: string) {
    setTemplateId(id);
    const template = templates.find((candidate) => candidate.id === id);
    if (!template) return;
    setText(
      fillTemplate(
        template.body,
        templateValues(appeal, { departmentName, officialName, formatDate: formatters.formatDate }),
      ),
    );
  }

  async function send() {
    setError(null);
    setSent(null);
    if (text.trim() === '') return setError({ code: 'app:composer.errors.empty' });
    if (route === '') return setError({ code: 'app:composer.errors.noRoute' });
    if (kind === '') return;
    const filesProblem = answerFilesProblem(files, replyViaOf(route));
    if (filesProblem) return setError({ code: `work:files.problems.${filesProblem}` });
    setBusy(true);
    const now = Date.now();
    try {
      await db.messages.insert(
        outboundMessage({
          id: newDocumentId(),
          appeal,
          route,
          text,
          author: { userId: actor.userId, displayName: officialName },
          now,
          attachments: files,
        }),
      );
      const action = actionOfKind[kind];
      if (action) {
        const moved = await performAction(db.appeals, appeal.id, action, actor, undefined as never, now);
        if (!moved.ok) setError(moved.error);
      }
      setText('');
      setFiles([]);
      setTemplateId('');
      setKind('');
      setSent({ route, kind });
    } finally {
      setBusy(false);
    }
  }

  const letter = () =>
    answerLetterDocument(
      appeal,
      {
        text,
        createdAt: Date.now(),
        author: { kind: 'staff', userId: actor.userId, displayName: officialName },
      },
      { t, ...formatters, departmentName },
    );
  const unfilled = unfilledPlaceholders(text);

  return (
    <Paper component="section" variant="outlined" aria-label={t('composer.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('composer.title')}
      </Typography>
      {!answerable ? (
        <Alert severity="info" variant="outlined">
          {t('composer.notAnswerable', { status: t(labelKey.status(appeal.status)) })}
          {availableActions(appeal, actor).includes('take') ? ` ${t('composer.takeFirst')}` : ''}
        </Alert>
      ) : (
        <Stack spacing={2}>
          {routes.length === 0 && <Alert severity="warning">{t('composer.noRoutes')}</Alert>}
          {(kinds.length > 1 || kind !== 'answer') && (
            <TextField
              select
              size="small"
              label={t('work:composer.kind')}
              value={kind}
              onChange={(event) => setKind(event.target.value as ComposerKind)}
              helperText={
                kind === 'interim'
                  ? t('work:composer.interimHint')
                  : kind === 'followUp'
                    ? t('work:composer.followUpHint')
                    : undefined
              }
            >
              {kinds.map((option) => (
                <MenuItem key={option} value={option}>
                  {t(`work:composer.kinds.${option}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              select
              fullWidth
              size="small"
              label={t('composer.route')}
              value={route}
              onChange={(event) => setRoute(event.target.value as ReplyRoute)}
              disabled={routes.length === 0}
            >
              {routes.map((option) => (
                <MenuItem key={option} value={option}>
                  {option === 'original'
                    ? t('composer.routes.original', { channel: t(labelKey.channel(appeal.channel)) })
                    : t(`composer.routes.${option}`, {
                        address:
                          option === 'email'
                            ? appeal.applicant.contacts.email
                            : appeal.applicant.contacts.postalAddress,
                      })}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              fullWidth
              size="small"
              label={t('composer.template')}
              value={templateId}
              onChange={(event) => applyTemplate(event.target.value)}
              disabled={templates.length === 0}
              helperText={templates.length === 0 ? t('composer.noTemplates') : undefined}
            >
              {templates.map((template) => (
                <MenuItem key={template.id} value={template.id}>
                  {template.title}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField
            multiline
            minRows={5}
            label={t('composer.text')}
            value={text}
            inputRef={input}
            onChange={(event) => setText(event.target.value)}
            helperText={
              unfilled.length > 0 ? t('composer.unfilled', { names: unfilled.join(', ') }) : undefined
            }
          />
          {kind === 'answer' && <AnswerChecks appeal={appeal} text={text} api={api} online={online} />}
          <AnswerFiles
            appealId={appeal.id}
            files={files}
            onChange={setFiles}
            replyVia={route === '' ? null : replyViaOf(route)}
            api={api}
            online={online}
          />
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="contained" onClick={() => void send()} disabled={busy || routes.length === 0}>
              {t('composer.send')}
            </Button>
            <Button
              startIcon={<PrintIcon />}
              disabled={text.trim() === ''}
              onClick={() => void bridge.printAppeal(letter())}
            >
              {t('composer.printLetter')}
            </Button>
            <Button
              startIcon={<PdfIcon />}
              disabled={text.trim() === ''}
              onClick={() =>
                void bridge.saveAsPdf(letter(), `${appeal.registrationNumber ?? appeal.id}-answer.pdf`)
              }
            >
              {t('composer.saveLetter')}
            </Button>
          </Stack>
        </Stack>
      )}
      {sent && (
        <Alert severity="success" sx={{ mt: 2 }} onClose={() => setSent(null)}>
          {t(
            sent.route === 'post'
              ? 'composer.queuedPost'
              : sent.kind === 'interim'
                ? 'work:composer.queuedInterim'
                : sent.kind === 'followUp'
                  ? 'work:composer.queuedFollowUp'
                  : 'composer.queued',
          )}
        </Alert>
      )}
      {error && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {t(error.code, error.params)}
        </Alert>
      )}
    </Paper>
  );
}
