import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
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
import { splitActions } from './frequent';

/**
 * The legal actions for this user (the status machine decides): the frequent few as buttons, the
 * first of them filled, the rest in the «Другие действия» menu.
 */
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
  const { primary, more } = splitActions(actions);
  const [open, setOpen] = useState<AppealAction | null>(null);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
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
          {primary.map((action, index) => (
            <Button
              key={action}
              variant={index === 0 ? 'contained' : 'outlined'}
              size="small"
              onClick={() => void run(action)}
            >
              {t(labelKey.action(action))}
            </Button>
          ))}
          {more.length > 0 && (
            <>
              <Button
                size="small"
                aria-haspopup="menu"
                aria-expanded={menuAnchor ? 'true' : undefined}
                aria-controls={menuAnchor ? 'appeal-more-actions' : undefined}
                onClick={(event) => setMenuAnchor(event.currentTarget)}
              >
                {t('actions.more')}
              </Button>
              <Menu
                id="appeal-more-actions"
                anchorEl={menuAnchor}
                open={menuAnchor !== null}
                onClose={() => setMenuAnchor(null)}
              >
                {more.map((action) => (
                  <MenuItem
                    key={action}
                    onClick={() => {
                      setMenuAnchor(null);
                      void run(action);
                    }}
                  >
                    {t(labelKey.action(action))}
                  </MenuItem>
                ))}
              </Menu>
            </>
          )}
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
