import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useEffect, useState } from 'react';
import type { DomainError } from '../../../../shared/domain/result';
import type { AppealAction } from '../../../../shared/domain/status-machine';
import { labelKey } from '../../../../shared/model/labels';
import { useT } from '../../../app/translate';
import { performAction } from '../../../appeal-actions/perform';
import { immediateActions, offeredActions } from '../../../appeal-actions/plan';
import { useDatabase } from '../../../db/DatabaseProvider';
import { type ActionContext, ActionDialog } from './ActionDialog';

/** The legal actions for this user (the status machine decides), each a button. */
export function ActionBar({
  context,
  initialAction,
}: {
  context: ActionContext;
  initialAction?: AppealAction | null;
}) {
  const { t } = useT();
  const db = useDatabase();
  const actions = offeredActions(context.appeal, context.actor);
  const [open, setOpen] = useState<AppealAction | null>(null);
  const [error, setError] = useState<DomainError | null>(null);

  // The inbox's `a` key opens the assign dialog at once, when assigning is legal.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the route asks
  useEffect(() => {
    if (initialAction && actions.includes(initialAction)) setOpen(initialAction);
  }, [initialAction]);

  async function run(action: AppealAction) {
    setError(null);
    if (!immediateActions.includes(action)) {
      setOpen(action);
      return;
    }
    const result = await performAction(
      db.appeals,
      context.appeal.id,
      action,
      context.actor,
      undefined as never,
    );
    if (!result.ok) setError(result.error);
  }

  return (
    <Stack spacing={1} component="section" aria-label={t('actions.title')}>
      {actions.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {t('actions.none')}
        </Alert>
      ) : (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {actions.map((action) => (
            <Button
              key={action}
              variant={action === 'take' ? 'contained' : 'outlined'}
              size="small"
              onClick={() => void run(action)}
            >
              {t(labelKey.action(action))}
            </Button>
          ))}
        </Stack>
      )}
      {error && (
        <Alert severity="error" role="alert" onClose={() => setError(null)}>
          {t(error.code, error.params)}
        </Alert>
      )}
      {open && <ActionDialog action={open} context={context} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
