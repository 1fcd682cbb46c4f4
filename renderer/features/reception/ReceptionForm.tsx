import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { type FormEvent, useMemo, useState } from 'react';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import type { DomainError } from '../../../shared/domain/result';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import { appealForms, applicantTypes } from '../../../shared/model/vocabulary';
import type { SessionUser } from '../../api/client';
import { useDatabase, useRxDocument, useRxQuery } from '../../db/DatabaseProvider';
import { isOrganisationWide } from '../appeal/actor';
import { newDocumentId } from '../appeal/composer/answer';
import { ArrowBackIcon } from '../appeal/icons';
import { errorText, useT } from '../appeal/translate';
import { useHandOverState, usePassportHandOver } from './PassportHandOverContext';
import {
  type CoSignerRow,
  emptyCoSigner,
  emptyReception,
  identityDocuments,
  type ReceptionErrors,
  type ReceptionInput,
  receptionAppeal,
  receptionChannels,
  validateReception,
} from './reception-form';

interface ReceptionFormProps {
  user: SessionUser;
  onBack: () => void;
  onOpenAppeal: (appealId: string) => void;
}

const noErrors: ReceptionErrors = { code: '', fields: {}, coSigners: {} };

/**
 * The reception card for in-person, phone and postal appeals. Works fully offline: the appeal is a
 * local insert, and the server gives it its registration number when it syncs.
 */
export function ReceptionForm({ user, onBack, onOpenAppeal }: ReceptionFormProps) {
  const { t } = useT();
  const db = useDatabase();
  const handOver = usePassportHandOver();
  const orgWide = isOrganisationWide(user);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(() => {
    const all = (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[];
    return orgWide ? all : all.filter((d) => user.departmentIds.includes(d.id));
  }, [departmentDocs, orgWide, user.departmentIds]);
  const [input, setInput] = useState<ReceptionInput>(() => ({
    ...emptyReception,
    departmentId: orgWide ? '' : (user.departmentIds[0] ?? ''),
  }));
  const [errors, setErrors] = useState<ReceptionErrors>(noErrors);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [saveError, setSaveError] = useState(false);
  const set = (patch: Partial<ReceptionInput>) => setInput((previous) => ({ ...previous, ...patch }));
  const setCoSigner = (index: number, patch: Partial<CoSignerRow>) =>
    set({ coSigners: input.coSigners.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const fieldError = (error: DomainError | undefined) =>
    error ? { error: true, helperText: errorText(t, error) } : {};

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaveError(false);
    const checked = validateReception(input, { departmentRequired: !orgWide });
    if (!checked.ok) {
      setErrors(checked.error);
      return;
    }
    setErrors(noErrors);
    const id = newDocumentId();
    try {
      // The organisation is the signed-in user's; the server stamps its own id on push anyway.
      const orgId = departmentDocs?.[0]?.orgId ?? '';
      await db.appeals.insert(receptionAppeal(checked.value, { id, orgId, now: Date.now() }));
      // The clear passport goes to the server only (encrypted there), never into the local database.
      if (checked.value.passportMasked && handOver)
        void handOver.add(id, { series: input.passportSeries, number: input.passportNumber });
      setSavedId(id);
      setInput({ ...emptyReception, channel: input.channel, departmentId: input.departmentId });
    } catch {
      setSaveError(true);
    }
  }

  const f = errors.fields;
  return (
    <Stack component="main" spacing={2} sx={{ p: 3, maxWidth: 960 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Tooltip title={t('reception.back')}>
          <IconButton aria-label={t('reception.back')} onClick={onBack}>
            <ArrowBackIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="h5" component="h1">
          {t('reception.title')}
        </Typography>
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('reception.offlineHint')}
      </Typography>
      {savedId && <SavedNotice appealId={savedId} onOpen={() => onOpenAppeal(savedId)} />}
      <form onSubmit={(event) => void save(event)} noValidate aria-label={t('reception.title')}>
        <Stack spacing={2}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <FormControl>
                <FormLabel id="reception-channel">{t('reception.channel')}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="reception-channel"
                  value={input.channel}
                  onChange={(event) => set({ channel: event.target.value as ReceptionInput['channel'] })}
                >
                  {receptionChannels.map((channel) => (
                    <FormControlLabel
                      key={channel}
                      value={channel}
                      control={<Radio />}
                      label={t(labelKey.channel(channel))}
                    />
                  ))}
                </RadioGroup>
              </FormControl>
              <FormControl>
                <FormLabel id="reception-applicant-type">{t('reception.applicantType')}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="reception-applicant-type"
                  value={input.applicantType}
                  onChange={(event) =>
                    set({ applicantType: event.target.value as ReceptionInput['applicantType'] })
                  }
                >
                  {applicantTypes.map((type) => (
                    <FormControlLabel
                      key={type}
                      value={type}
                      control={<Radio />}
                      label={t(labelKey.applicantType(type))}
                    />
                  ))}
                </RadioGroup>
              </FormControl>
              <TextField
                required
                label={t(
                  input.applicantType === 'organisation'
                    ? 'reception.representativeName'
                    : 'reception.fullName',
                )}
                value={input.fullName}
                onChange={(event) => set({ fullName: event.target.value })}
                {...fieldError(f.fullName)}
              />
              {input.applicantType === 'organisation' && (
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                  <TextField
                    required
                    fullWidth
                    label={t('reception.organisationName')}
                    value={input.organisationName}
                    onChange={(event) => set({ organisationName: event.target.value })}
                    {...fieldError(f.organisationName)}
                  />
                  <TextField
                    required
                    label={t('reception.inn')}
                    value={input.inn}
                    onChange={(event) => set({ inn: event.target.value })}
                    {...fieldError(f.inn)}
                  />
                </Stack>
              )}
              {input.channel === 'reception' && (
                <Stack spacing={1}>
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                    <TextField
                      select
                      label={t('reception.document')}
                      value={input.document}
                      onChange={(event) =>
                        set({ document: event.target.value as ReceptionInput['document'] })
                      }
                      sx={{ minWidth: 240 }}
                    >
                      {identityDocuments.map((document) => (
                        <MenuItem key={document} value={document}>
                          {t(`reception.documents.${document}`)}
                        </MenuItem>
                      ))}
                    </TextField>
                    {input.document === 'passport' && (
                      <>
                        <TextField
                          required
                          label={t('reception.passportSeries')}
                          value={input.passportSeries}
                          autoComplete="off"
                          onChange={(event) => set({ passportSeries: event.target.value })}
                          error={Boolean(f.passport)}
                        />
                        <TextField
                          required
                          label={t('reception.passportNumber')}
                          value={input.passportNumber}
                          autoComplete="off"
                          onChange={(event) => set({ passportNumber: event.target.value })}
                          error={Boolean(f.passport)}
                        />
                      </>
                    )}
                  </Stack>
                  {f.passport && (
                    <Typography variant="caption" color="error" role="alert">
                      {errorText(t, f.passport)}
                    </Typography>
                  )}
                  <Typography variant="caption" color="text.secondary">
                    {t('reception.passportMasked')}
                  </Typography>
                </Stack>
              )}
            </Stack>
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <Typography variant="subtitle1" component="h2">
                {t('reception.contacts')}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {t('reception.contactRule')}
              </Typography>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  fullWidth
                  label={t('applicant.phone')}
                  value={input.phone}
                  onChange={(event) => set({ phone: event.target.value })}
                  {...fieldError(f.phone)}
                />
                <TextField
                  fullWidth
                  label={t('applicant.email')}
                  value={input.email}
                  onChange={(event) => set({ email: event.target.value })}
                  {...fieldError(f.email)}
                />
              </Stack>
              <TextField
                label={t('applicant.postalAddress')}
                value={input.postalAddress}
                onChange={(event) => set({ postalAddress: event.target.value })}
                {...fieldError(f.postalAddress)}
              />
              {f.contacts && (
                <Alert severity="error" role="alert">
                  {errorText(t, f.contacts)}
                </Alert>
              )}
            </Stack>
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={1}>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={input.collective}
                    onChange={(event) =>
                      set({
                        collective: event.target.checked,
                        coSigners:
                          event.target.checked && input.coSigners.length === 0
                            ? [emptyCoSigner]
                            : input.coSigners,
                      })
                    }
                  />
                }
                label={t('reception.collective')}
              />
              {input.collective &&
                input.coSigners.map((row, index) => {
                  const rowErrors = errors.coSigners[index] ?? {};
                  const n = index + 1;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
                    <Stack key={index} spacing={1} role="group" aria-label={t('reception.coSigner', { n })}>
                      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
                        <TextField
                          size="small"
                          fullWidth
                          label={t('reception.coSignerName', { n })}
                          value={row.fullName}
                          onChange={(event) => setCoSigner(index, { fullName: event.target.value })}
                          {...fieldError(rowErrors.fullName)}
                        />
                        <TextField
                          size="small"
                          fullWidth
                          label={t('reception.coSignerPhone', { n })}
                          value={row.phone}
                          onChange={(event) => setCoSigner(index, { phone: event.target.value })}
                          {...fieldError(rowErrors.phone)}
                        />
                        <TextField
                          size="small"
                          fullWidth
                          label={t('reception.coSignerEmail', { n })}
                          value={row.email}
                          onChange={(event) => setCoSigner(index, { email: event.target.value })}
                          {...fieldError(rowErrors.email)}
                        />
                        <TextField
                          size="small"
                          fullWidth
                          label={t('reception.coSignerAddress', { n })}
                          value={row.postalAddress}
                          onChange={(event) => setCoSigner(index, { postalAddress: event.target.value })}
                          {...fieldError(rowErrors.postalAddress)}
                        />
                        <Button
                          size="small"
                          aria-label={t('reception.removeCoSigner', { n })}
                          onClick={() => set({ coSigners: input.coSigners.filter((_, i) => i !== index) })}
                        >
                          {t('reception.remove')}
                        </Button>
                      </Stack>
                      {(rowErrors.contacts ?? rowErrors.entry) && (
                        <Typography variant="caption" color="error" role="alert">
                          {errorText(t, (rowErrors.contacts ?? rowErrors.entry)!)}
                        </Typography>
                      )}
                    </Stack>
                  );
                })}
              {input.collective && (
                <Button
                  sx={{ alignSelf: 'flex-start' }}
                  onClick={() => set({ coSigners: [...input.coSigners, emptyCoSigner] })}
                >
                  {t('reception.addCoSigner')}
                </Button>
              )}
              {f.coSigners && (
                <Typography variant="caption" color="error" role="alert">
                  {errorText(t, f.coSigners)}
                </Typography>
              )}
            </Stack>
          </Paper>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  select
                  fullWidth
                  label={t('reception.form')}
                  value={input.form}
                  slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                  onChange={(event) => set({ form: event.target.value as ReceptionInput['form'] })}
                >
                  <MenuItem value="">{t('common:notSpecified')}</MenuItem>
                  {appealForms.map((form) => (
                    <MenuItem key={form} value={form}>
                      {t(labelKey.form(form))}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  fullWidth
                  required
                  label={t('reception.category')}
                  value={input.category}
                  onChange={(event) => set({ category: event.target.value })}
                  {...fieldError(f.category)}
                >
                  {defaultCategoryCodes.map((code) => (
                    <MenuItem key={code} value={code}>
                      {t(labelKey.category(code))}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  select
                  fullWidth
                  required={!orgWide}
                  label={t('reception.department')}
                  value={input.departmentId}
                  slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
                  onChange={(event) => set({ departmentId: event.target.value })}
                  {...fieldError(f.departmentId)}
                >
                  {orgWide && <MenuItem value="">{t('reception.unrouted')}</MenuItem>}
                  {departments.map((department) => (
                    <MenuItem key={department.id} value={department.id}>
                      {department.name}
                    </MenuItem>
                  ))}
                </TextField>
              </Stack>
              <TextField
                label={t('reception.subject')}
                value={input.subject}
                helperText={t('reception.subjectHint')}
                onChange={(event) => set({ subject: event.target.value })}
              />
              <TextField
                required
                multiline
                minRows={5}
                label={t('reception.text')}
                value={input.text}
                onChange={(event) => set({ text: event.target.value })}
                {...fieldError(f.text)}
              />
            </Stack>
          </Paper>
          {Object.keys(f).length + Object.keys(errors.coSigners).length > 0 && (
            <Alert severity="error">{t('reception.fixErrors')}</Alert>
          )}
          {saveError && (
            <Alert severity="error" role="alert">
              {t('reception.saveFailed')}
            </Alert>
          )}
          <Button type="submit" variant="contained" sx={{ alignSelf: 'flex-start' }}>
            {t('reception.save')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/** The saved appeal, live: its registration number appears when the server has registered it. */
function SavedNotice({ appealId, onOpen }: { appealId: string; onOpen: () => void }) {
  const { t } = useT();
  const { result } = useRxDocument('appeals', appealId);
  const number = result?.registrationNumber ?? null;
  const passport = useHandOverState(appealId);
  return (
    <Alert
      severity="success"
      data-testid="reception-saved"
      action={
        <Button color="inherit" size="small" onClick={onOpen}>
          {t('reception.openAppeal')}
        </Button>
      }
    >
      {t('reception.saved')}{' '}
      <span data-testid="reception-number">
        {number ? t('reception.registered', { number }) : t('appeal.numberPending')}
      </span>
      {passport && (
        <Typography variant="body2" data-testid="reception-passport" sx={{ mt: 0.5 }}>
          {passport.state === 'refused'
            ? t('reception.passportHandOver.refused', {
                reason: t(`reception.passportHandOver.reasons.${passport.code}`, {
                  defaultValue: t('reception.passportHandOver.reasons.other'),
                }),
              })
            : t(`reception.passportHandOver.${passport.state}`)}
        </Typography>
      )}
    </Alert>
  );
}
