import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { type FormEvent, useState } from 'react';
import { closingResults } from '../../../../shared/domain/classifier/results';
import { maxExtensionDays } from '../../../../shared/domain/deadlines';
import type { DomainError } from '../../../../shared/domain/result';
import type { Actor, AppealAction, Art11ActionOutcome } from '../../../../shared/domain/status-machine';
import type { Appeal } from '../../../../shared/model/appeal';
import { labelKey } from '../../../../shared/model/labels';
import { type Department, departmentsToPick, type UserProfile } from '../../../../shared/model/staff';
import { art11Outcomes } from '../../../../shared/model/vocabulary';
import { appealReference } from '../../../app/appeal-reference';
import { useFormatters } from '../../../app/format';
import { useT } from '../../../app/translate';
import { performAction } from '../../../appeal-actions/perform';
import { type ActionForm, emptyActionForm, payloadFromForm } from '../../../appeal-actions/plan';
import { useDatabase } from '../../../db/DatabaseProvider';
import { ClassifierPicker } from './ClassifierPicker';

const art11Choices = art11Outcomes.filter(
  (outcome): outcome is Art11ActionOutcome => outcome !== 'correspondence_terminated',
);

export interface ActionContext {
  appeal: Appeal;
  actor: Actor;
  departments: readonly Department[];
  users: readonly UserProfile[];
  /** Appeals a duplicate may be merged into. */
  mergeTargets: readonly Appeal[];
}

/** The form of one action; submitting runs the status machine and writes the patch locally. */
export function ActionDialog({
  action,
  context,
  onClose,
}: {
  action: AppealAction;
  context: ActionContext;
  onClose: () => void;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const db = useDatabase();
  const { appeal, actor, departments, users, mergeTargets } = context;
  const [form, setForm] = useState<ActionForm>(emptyActionForm);
  const [error, setError] = useState<DomainError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ActionForm>) => setForm((previous) => ({ ...previous, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await performAction(
      db.appeals,
      appeal.id,
      action,
      actor,
      payloadFromForm(action, form, appeal) as never,
      Date.now(),
      // The reason of an assignment travels with it (shared/domain/resolution.ts).
      action === 'assign' && form.reason.trim() !== '' && actor.userId
        ? { assignmentNote: { byId: actor.userId, reason: form.reason.trim(), at: Date.now() } }
        : {},
    );
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  }

  const unrouted = appeal.departmentId === '';
  const routingTo = unrouted ? form.departmentId : appeal.departmentId;
  const ownDepartments =
    actor.role === 'head' ? departments.filter((d) => actor.departmentIds?.includes(d.id)) : departments;
  const departmentSelect = (choices: readonly Department[]) => (
    <TextField
      select
      required
      label={t('actions.fields.department')}
      value={form.departmentId}
      onChange={(event) => set({ departmentId: event.target.value, assigneeId: '' })}
    >
      {departmentsToPick(choices, [form.departmentId]).map((department) => (
        <MenuItem key={department.id} value={department.id}>
          {department.name}
        </MenuItem>
      ))}
    </TextField>
  );
  const reasonField = (label: string) => (
    <TextField
      required
      multiline
      minRows={2}
      label={label}
      value={form.reason}
      onChange={(event) => set({ reason: event.target.value })}
    />
  );

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="action-dialog-title">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id="action-dialog-title">{t(labelKey.action(action))}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {action === 'assign' && (
              <>
                {unrouted && departmentSelect(ownDepartments)}
                <TextField
                  select
                  required
                  label={t('actions.fields.assignee')}
                  value={form.assigneeId}
                  disabled={routingTo === ''}
                  onChange={(event) => set({ assigneeId: event.target.value })}
                >
                  {users
                    .filter((user) => user.departmentIds.includes(routingTo))
                    .map((user) => (
                      <MenuItem key={user.id} value={user.id}>
                        {user.displayName}
                      </MenuItem>
                    ))}
                </TextField>
                <TextField
                  multiline
                  label={t('work:workload.reason')}
                  value={form.reason}
                  onChange={(event) => set({ reason: event.target.value })}
                />
              </>
            )}
            {action === 'reassign' &&
              departmentSelect(departments.filter((d) => d.id !== appeal.departmentId))}
            {action === 'extend' && (
              <>
                <TextField
                  required
                  type="number"
                  label={t('actions.fields.days', { max: maxExtensionDays })}
                  value={form.days}
                  slotProps={{ htmlInput: { min: 1, max: maxExtensionDays, step: 1 } }}
                  onChange={(event) => set({ days: event.target.value })}
                />
                {reasonField(t('actions.fields.extensionReason'))}
                <Alert severity="info">{t('actions.extendNotice')}</Alert>
              </>
            )}
            {action === 'forward' && (
              <>
                <TextField
                  required
                  label={t('actions.fields.bodyName')}
                  value={form.bodyName}
                  onChange={(event) => set({ bodyName: event.target.value })}
                />
                <Alert severity="info">{t('actions.forwardNotice')}</Alert>
              </>
            )}
            {action === 'close' && (
              <>
                <TextField
                  select
                  required
                  label={t('actions.fields.result')}
                  value={form.result}
                  onChange={(event) => set({ result: event.target.value as ActionForm['result'] })}
                >
                  {closingResults.map((result) => (
                    <MenuItem key={result} value={result}>
                      {t(labelKey.result(result))}
                    </MenuItem>
                  ))}
                </TextField>
                <ClassifierPicker
                  value={form.classifierCode}
                  required={appeal.regime === 'formal'}
                  onChange={(classifierCode) => set({ classifierCode })}
                />
              </>
            )}
            {action === 'apply_art11' && (
              <>
                <TextField
                  select
                  required
                  label={t('actions.fields.outcome')}
                  value={form.outcome}
                  onChange={(event) => set({ outcome: event.target.value as ActionForm['outcome'] })}
                >
                  {art11Choices.map((outcome) => (
                    <MenuItem key={outcome} value={outcome}>
                      {t(labelKey.art11(outcome))}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  multiline
                  required={form.outcome === 'answer_published_link'}
                  label={t(
                    form.outcome === 'answer_published_link' ? 'actions.fields.link' : 'actions.fields.note',
                  )}
                  value={form.note}
                  onChange={(event) => set({ note: event.target.value })}
                />
                <ClassifierPicker
                  value={form.classifierCode}
                  required={false}
                  onChange={(classifierCode) => set({ classifierCode })}
                />
              </>
            )}
            {action === 'terminate_correspondence' && (
              <>
                {reasonField(t('actions.fields.terminationReason'))}
                <ClassifierPicker
                  value={form.classifierCode}
                  required={false}
                  onChange={(classifierCode) => set({ classifierCode })}
                />
              </>
            )}
            {action === 'merge_duplicate' && (
              <Autocomplete
                options={mergeTargets as Appeal[]}
                getOptionLabel={(option) => `${appealReference(t, option, formatDate)} — ${option.subject}`}
                onChange={(_event, option) => set({ targetId: option?.id ?? '' })}
                renderInput={(params) => (
                  <TextField {...params} required label={t('actions.fields.mergeTarget')} />
                )}
                noOptionsText={t('actions.noMergeTargets')}
              />
            )}
            {action === 'reopen' && reasonField(t('actions.fields.reopenReason'))}
            {error && (
              <Alert severity="error" role="alert">
                {t(error.code, error.params)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {t('common:confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
