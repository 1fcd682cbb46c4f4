import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { scannedChannels } from '../../../shared/model/answer-files';
import type { Appeal } from '../../../shared/model/appeal';
import { awaitsMailing, type Message } from '../../../shared/model/conversation';
import { labelKey } from '../../../shared/model/labels';
import type { DeliveryStatus } from '../../../shared/model/vocabulary';
import { awaitingApproval } from '../../../shared/quality/approval';
import type { AppealApi } from '../../api/client';
import { useFormatters } from '../../app/format';
import { PrintIcon } from '../../app/icons';
import { useT } from '../../app/translate';
import { personNameText } from './composer/template';
import { AppealFiles } from './files/AppealFiles';
import { AppealScans } from './files/AppealScans';
import { MarkMailedButton } from './MarkMailedButton';
import { type ThreadEntry, threadEntries } from './thread-entries';

const deliveryColour: Record<DeliveryStatus, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  pending: 'default',
  sent: 'info',
  delivered: 'success',
  failed: 'error',
  unreachable: 'warning',
};

function DeliveryBadge({ status, error }: { status: DeliveryStatus; error: string | null }) {
  const { t } = useT();
  return (
    <Chip
      size="small"
      data-testid="delivery-status"
      data-status={status}
      color={deliveryColour[status]}
      label={t(labelKey.delivery(status))}
      title={error ? t(error, { defaultValue: t('appeal.thread.deliveryFailed') }) : undefined}
    />
  );
}

/**
 * Why an answer did not reach the applicant, in words under the message (issue 11: an answer with no
 * channel account configured used to wait «Ожидает отправки» for ever, with no warning).
 */
export function DeliveryProblem({ status, error }: { status: DeliveryStatus; error: string | null }) {
  const { t } = useT();
  if (status === 'pending' && error === awaitingApproval) {
    return (
      <Typography
        variant="caption"
        color="warning"
        component="p"
        data-testid="awaiting-approval"
        sx={{ mt: 0.5 }}
      >
        {t(error)}
      </Typography>
    );
  }
  if (status !== 'failed' && status !== 'unreachable') return null;
  const fallback = t('appeal.thread.deliveryFailed');
  return (
    <Typography
      variant="caption"
      color="error"
      component="p"
      role="alert"
      data-testid="delivery-problem"
      sx={{ mt: 0.5 }}
    >
      {error ? t(error, { defaultValue: fallback }) : fallback}
    </Typography>
  );
}

/** The texts an edited message had before, oldest first, each with when it was replaced. */
function EarlierVersions({ earlier }: { earlier: NonNullable<ThreadEntry['edited']>['earlier'] }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  return (
    <Stack
      component="ol"
      aria-label={t('appeal.thread.earlierVersions')}
      data-testid="earlier-versions"
      spacing={0.5}
      sx={{ width: '100%', listStyle: 'none', p: 0, m: 0, mt: 0.5 }}
    >
      {earlier.map((version) => (
        <Box component="li" key={version.until} sx={{ borderLeft: 2, borderColor: 'divider', pl: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {t('appeal.thread.versionUntil', { date: formatDate(version.until) })}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {version.text}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
}

/** «изменено» and, on request, the texts the message had before the citizen edited it. */
function EditedMark({ edited }: { edited: NonNullable<ThreadEntry['edited']> }) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Link
        component="button"
        variant="caption"
        data-testid="message-edited"
        aria-expanded={open}
        title={t('appeal.thread.editedAt', { date: formatDate(edited.at) })}
        onClick={() => setOpen((was) => !was)}
      >
        {t('appeal.thread.edited')}
      </Link>
      {open && <EarlierVersions earlier={edited.earlier} />}
    </>
  );
}

/** The thread as the citizen wrote it: the appeal's own text first, then every message in time order. */
export function Thread({
  appeal,
  messages,
  onPrintAnswer,
  api,
}: {
  appeal: Appeal;
  messages: readonly Message[];
  /** Prints a sent answer as a letter. */
  onPrintAnswer: (message: Message) => void;
  /** Opens the files (the server checks the scope and audits). */
  api: AppealApi;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const applicant = appeal.kind.organisationName ?? personNameText(appeal.applicant.name);
  const entries = threadEntries(appeal, applicant, messages);
  return (
    <Stack component="section" aria-label={t('appeal.thread.title')} spacing={1.5}>
      <Typography variant="h6" component="h2">
        {t('appeal.thread.title')}
      </Typography>
      <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {entries.map((entry) => (
          <Box
            component="li"
            key={entry.id}
            data-testid="thread-message"
            data-direction={entry.direction}
            sx={{ display: 'flex', justifyContent: entry.direction === 'out' ? 'flex-end' : 'flex-start' }}
          >
            <Paper
              variant="outlined"
              sx={{
                p: 1.5,
                maxWidth: '85%',
                bgcolor: entry.direction === 'out' ? 'action.hover' : 'background.paper',
              }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5, flexWrap: 'wrap' }}>
                <Typography variant="subtitle2">{entry.author}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {t(entry.direction === 'in' ? 'appeal.thread.incoming' : 'appeal.thread.outgoing')} ·{' '}
                  {formatDate(entry.at)}
                </Typography>
                {entry.delivery && (
                  <DeliveryBadge status={entry.delivery.status} error={entry.delivery.error} />
                )}
                {entry.postedIn && (
                  <Typography variant="caption" color="text.secondary" data-testid="posted-in-network">
                    {t('appeal.thread.postedInNetwork', { network: t(labelKey.channel(entry.postedIn)) })}
                  </Typography>
                )}
                {entry.edited && <EditedMark edited={entry.edited} />}
                {entry.message?.direction === 'out' && (
                  <IconButton
                    size="small"
                    aria-label={t('appeal.thread.printAnswer')}
                    title={t('appeal.thread.printAnswer')}
                    onClick={() => entry.message && onPrintAnswer(entry.message)}
                  >
                    <PrintIcon fontSize="small" />
                  </IconButton>
                )}
                {entry.message && awaitsMailing(entry.message) && (
                  <MarkMailedButton message={entry.message} />
                )}
              </Stack>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {entry.text}
              </Typography>
              <AppealFiles appealId={appeal.id} attachments={entry.attachments} api={api} />
              {entry.message === null && scannedChannels.includes(appeal.channel) && (
                <AppealScans appealId={appeal.id} />
              )}
              {entry.delivery && (
                <DeliveryProblem status={entry.delivery.status} error={entry.delivery.error} />
              )}
            </Paper>
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}
