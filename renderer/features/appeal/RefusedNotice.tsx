import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import type { RefusedChange } from '../../../shared/model/refused-change';
import { RefusalReason } from '../../app/RefusalReason';
import { useT } from '../../app/translate';
import { useRxQuery, useSync } from '../../db/DatabaseProvider';

/**
 * Changes to this appeal (or its messages) the server refused, with the reason: kept by the sync
 * layer in `refusedChanges` until the user dismisses them (docs/ARCHITECTURE.md, "Nothing refused is lost").
 */
export function RefusedNotice({ documentIds }: { documentIds: readonly string[] }) {
  const { t } = useT();
  const sync = useSync();
  const { result } = useRxQuery(
    (db) =>
      db.refusedChanges.find({ selector: { documentId: { $in: [...documentIds] } }, sort: [{ at: 'desc' }] }),
    [documentIds.join(',')],
  );
  const refused: RefusedChange[] = result?.map((doc) => doc.toJSON() as RefusedChange) ?? [];
  if (refused.length === 0) return null;
  return (
    <Stack spacing={1} data-testid="refused-changes">
      {refused.map((change) => (
        <Alert
          key={change.id}
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void sync.dismissRefused(change.id)}>
              {t('appeal.refused.dismiss')}
            </Button>
          }
        >
          <AlertTitle>
            {t(change.collectionName === 'messages' ? 'appeal.refused.message' : 'appeal.refused.appeal')}
          </AlertTitle>
          <RefusalReason reason={change.reason} />
        </Alert>
      ))}
    </Stack>
  );
}
