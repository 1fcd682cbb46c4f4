import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useFormatters } from '../../../app/format';
import { AttachmentIcon } from '../../../app/icons';
import { ScanPicker } from '../../../app/ScanPicker';
import { useT } from '../../../app/translate';
import { usePendingScans, useScanQueue } from '../../../db/ScanQueueContext';

/**
 * Scans of a reception or postal appeal (issue 10): «Добавить скан» keeps the file on this computer
 * (renderer/db/scan-queue.ts) and the queue uploads it, at once or when the connection returns.
 * Until the server has it the scan is listed here «ожидает отправки»; once uploaded it is one of the
 * appeal's files (./AppealFiles.tsx) and opens like a citizen's. A scan the server refused says why
 * and can be removed.
 */
export function AppealScans({ appealId }: { appealId: string }) {
  const { t } = useT();
  const { formatSize } = useFormatters();
  const queue = useScanQueue();
  const pending = usePendingScans(appealId);
  const [failed, setFailed] = useState(false);
  if (!queue) return null;

  const reason = (code: string | null) =>
    t(`work:scans.serverProblems.${code ?? 'other'}`, {
      code,
      defaultValue: t('work:scans.serverProblems.other', { code }),
    });

  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="appeal-scans">
      {pending.length > 0 && (
        <Stack component="ul" aria-label={t('work:scans.title')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {pending.map((scan) => (
            <Stack
              component="li"
              key={scan.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center' }}
              data-testid="pending-scan"
            >
              <AttachmentIcon fontSize="small" aria-hidden />
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                {scan.name}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {formatSize(scan.size)}
              </Typography>
              {scan.state === 'waiting' ? (
                <Chip size="small" variant="outlined" label={t('work:scans.waiting')} />
              ) : (
                <>
                  <Chip
                    size="small"
                    color="error"
                    variant="outlined"
                    label={t('work:scans.refused', { reason: reason(scan.code) })}
                  />
                  <Button
                    size="small"
                    aria-label={t('work:scans.remove', { name: scan.name })}
                    onClick={() => void queue.remove(scan.id)}
                  >
                    {t('work:scans.removeShort')}
                  </Button>
                </>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      <ScanPicker
        onPick={(files) => {
          setFailed(false);
          void Promise.all(files.map((file) => queue.add(appealId, file))).catch(() => setFailed(true));
        }}
      />
      {failed && (
        <Typography role="alert" color="error" variant="body2">
          {t('work:scans.keepFailed')}
        </Typography>
      )}
    </Stack>
  );
}
