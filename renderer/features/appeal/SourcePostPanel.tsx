import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { AppealApi } from '../../api/client';
import { commentsApi } from '../../api/comments';
import { useT } from '../../app/translate';

type Outcome = 'sent' | 'failed' | 'notAComment' | 'noPrivateChat' | 'copied' | null;

const failureOf = (code: string | undefined): Outcome =>
  code === 'not_a_comment' ? 'notAComment' : code === 'no_private_chat' ? 'noPrivateChat' : 'failed';

/**
 * An appeal that came from a comment under the community's post (issue 13): the link to the comment
 * (copied, as the desktop opens no web pages), what a public answer means, and «Написать лично» — a
 * private invitation to the author, sent by the server (server/src/channels/comments-invitation.ts).
 */
export function SourcePostPanel({
  appeal,
  api,
  online,
}: {
  appeal: Appeal;
  api: AppealApi;
  online: boolean;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const source = appeal.sourcePost;
  if (!source) return null;

  const send = async () => {
    setBusy(true);
    const result = await commentsApi(api).invite(appeal.id, text.trim() ? text : null);
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setText('');
      setOutcome('sent');
    } else setOutcome(failureOf(result.error.kind === 'server' ? result.error.code : undefined));
  };
  const copy = async () => {
    if (!source.url) return;
    await navigator.clipboard?.writeText(source.url).catch(() => {});
    setOutcome('copied');
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="source-post" aria-label={t('comments:panel.title')}>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h2">
          {t('comments:panel.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('comments:panel.network', { network: t(labelKey.channel(source.network)) })} ·{' '}
          {t('comments:panel.post', { post: source.postId, comment: source.commentId ?? '—' })}
        </Typography>
        {source.url ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography
              variant="body2"
              data-testid="source-post-url"
              aria-label={t('comments:panel.link')}
              sx={{ wordBreak: 'break-all', userSelect: 'all' }}
            >
              {source.url}
            </Typography>
            <Button size="small" onClick={() => void copy()}>
              {t('comments:panel.copy')}
            </Button>
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('comments:panel.noLink')}
          </Typography>
        )}
        <Alert severity="warning" icon={false}>
          {t('comments:panel.publicHint')}
        </Alert>
        <Tooltip title={online ? '' : t('comments:panel.offline')}>
          <span>
            <Button variant="outlined" disabled={!online} onClick={() => setOpen(true)}>
              {t('comments:panel.private')}
            </Button>
          </span>
        </Tooltip>
        {outcome && (
          <Alert
            severity={outcome === 'sent' || outcome === 'copied' ? 'success' : 'error'}
            onClose={() => setOutcome(null)}
          >
            {outcome === 'copied' ? t('comments:panel.copied') : t(`comments:invitation.${outcome}`)}
          </Alert>
        )}
      </Stack>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{t('comments:invitation.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('comments:invitation.intro')}</DialogContentText>
          <TextField
            label={t('comments:invitation.text')}
            helperText={t('comments:invitation.textHelp')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            multiline
            minRows={3}
            fullWidth
            slotProps={{ htmlInput: { maxLength: 4000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('comments:invitation.cancel')}</Button>
          <Button variant="contained" disabled={busy || !online} onClick={() => void send()}>
            {t('comments:invitation.send')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
