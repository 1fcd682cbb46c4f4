import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSync, useSyncStatus } from '../db/DatabaseProvider';
import type { RefusedChange } from '../sync/types';
import { fieldNames } from './field-names';
import { SyncIcon } from './icons';
import { useNavigation } from './navigation';
import { RefusalReason } from './RefusalReason';
import type { Translate } from './translate';

type AnyT = (key: string, options?: Record<string, unknown>) => string;

const chipSx = {
  color: 'inherit',
  borderColor: 'currentColor',
  '.MuiChip-icon': { color: 'inherit' },
} as const;

function contentText(change: RefusedChange): string {
  const content = change.content as Record<string, unknown>;
  return ['subject', 'text', 'title', 'body']
    .flatMap((key) => (typeof content[key] === 'string' ? [content[key] as string] : []))
    .join('\n\n');
}

function RefusedItem({ change }: { change: RefusedChange }) {
  const { t } = useTranslation();
  const sync = useSync();
  const navigation = useNavigation();
  const [copied, setCopied] = useState(false);
  const fields = change.reason.params?.fields;
  const subject = (change.content as { subject?: unknown }).subject;
  return (
    <Box component="li" data-testid="refused-change" sx={{ listStyle: 'none', py: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {typeof subject === 'string' ? subject : change.documentId}
      </Typography>
      <Typography variant="body2">
        <RefusalReason reason={change.reason} />
      </Typography>
      {fields !== undefined && (
        <Typography variant="caption" color="text.secondary" component="p">
          {t('sync.refused.fields', {
            fields: fieldNames(String(fields).split(/,\s*/), t as unknown as Translate),
          })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
        <Button
          size="small"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(contentText(change) || JSON.stringify(change.content, null, 2))
              .then(() => setCopied(true));
          }}
        >
          {copied ? t('sync.refused.copied') : t('sync.refused.copy')}
        </Button>
        {change.collectionName === 'appeals' && (
          <Button size="small" onClick={() => navigation.openAppeal(change.documentId)}>
            {t('sync.refused.open')}
          </Button>
        )}
        <Button size="small" color="inherit" onClick={() => void sync.dismissRefused(change.id)}>
          {t('sync.refused.discard')}
        </Button>
      </Stack>
    </Box>
  );
}

/** Always visible in the app bar: online/offline, unsynced changes, last sync, errors, refused changes. */
export function SyncStatusIndicator() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as AnyT;
  const status = useSyncStatus();
  const sync = useSync();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const label = !status.online
    ? t('sync.offline')
    : status.unsyncedChanges > 0
      ? t('sync.unsynced', { count: status.unsyncedChanges })
      : status.lastSyncAt === null
        ? t('sync.syncing')
        : t('sync.online');
  const lastSync =
    status.lastSyncAt === null
      ? t('sync.neverSynced')
      : t('sync.lastSync', {
          time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(
            status.lastSyncAt,
          ),
        });
  return (
    <Box
      role="status"
      aria-label={t('shell.sync.label')}
      sx={{ display: 'flex', gap: 1, alignItems: 'center' }}
      data-testid="sync-status"
    >
      <Chip
        icon={<SyncIcon />}
        label={status.online && status.unsyncedChanges > 0 ? `${t('sync.online')} · ${label}` : label}
        variant="outlined"
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-label={`${label}. ${t('sync.details')}`}
        aria-haspopup="dialog"
        data-testid="sync-chip"
        data-online={status.online}
        data-unsynced={status.unsyncedChanges}
        sx={chipSx}
      />
      {!status.online && status.unsyncedChanges > 0 && (
        <Chip
          label={t('sync.unsynced', { count: status.unsyncedChanges })}
          size="small"
          variant="outlined"
          sx={chipSx}
          data-testid="sync-unsynced"
        />
      )}
      {status.refused.length > 0 && (
        <Chip
          label={t('sync.refused.count', { count: status.refused.length })}
          color="warning"
          size="small"
          onClick={(event) => setAnchor(event.currentTarget)}
          data-testid="sync-refused"
        />
      )}
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{
          paper: {
            sx: { p: 2, width: 420, maxHeight: 520 },
            role: 'dialog',
            'aria-label': t('sync.details'),
          },
        }}
      >
        <Stack spacing={1}>
          <Typography variant="body2">{label}</Typography>
          <Typography variant="body2" color="text.secondary">
            {lastSync}
          </Typography>
          {status.error && <Alert severity={status.online ? 'error' : 'warning'}>{tt(status.error)}</Alert>}
          <Button
            variant="outlined"
            size="small"
            onClick={() => sync.retry()}
            sx={{ alignSelf: 'flex-start' }}
          >
            {t('sync.retry')}
          </Button>
          {status.refused.length > 0 && (
            <>
              <Divider />
              <Typography variant="subtitle2">{t('sync.refused.title')}</Typography>
              <Typography variant="caption" color="text.secondary">
                {t('sync.refused.explain')}
              </Typography>
              <Box component="ul" sx={{ m: 0, p: 0 }}>
                {status.refused.map((change) => (
                  <RefusedItem key={change.id} change={change} />
                ))}
              </Box>
            </>
          )}
        </Stack>
      </Popover>
    </Box>
  );
}
