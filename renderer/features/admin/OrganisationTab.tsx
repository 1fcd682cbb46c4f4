import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyOrganisationChange,
  type OrganisationRefusalCode,
  type SettingsRefusal,
} from '../../../shared/domain/organisation-settings';
import { formatRegistrationNumber } from '../../../shared/domain/registration-number';
import type { IncidentSla } from '../../../shared/model/organisation';
import { type Weekday, weekdays } from '../../../shared/model/vocabulary';
import type { ApiFailure, TokenSource } from '../../api/client';
import type { AdminOrganisation } from '../../api/organisation';
import { errorText, useT } from '../../app/translate';
import { AdminFailure } from './AdminFailure';
import { CalendarsSection } from './CalendarsSection';
import {
  changeOf,
  draftOf,
  type OrganisationDraft,
  slaFields,
  useOrganisationApi,
} from './organisation-form';

/** Where a server refusal is shown: the field its code is about. */
const refusalField: Record<OrganisationRefusalCode, string> = {
  invalid_change: 'body',
  invalid_name: 'name',
  invalid_time_zone: 'timeZone',
  invalid_working_hours: 'workingHours',
  no_working_day: 'workingHours',
  invalid_shift_rule: 'deadlineShiftRule',
  invalid_incident_sla: 'incidentSla',
  invalid_registration_pattern: 'registrationNumberPattern',
  invalid_retention_years: 'retentionYears',
};
const isRefusalCode = (code: string | undefined): code is OrganisationRefusalCode =>
  code !== undefined && Object.hasOwn(refusalField, code);

/**
 * «Организация»: name and time zone, working hours per weekday, the deadline shift rule, incident
 * terms, the registration number pattern with the next number as it would look, retention, and the
 * production calendars. Every field is checked as it is typed by the server's own check
 * (shared/domain/organisation-settings.ts); the server checks again on save.
 */
export function OrganisationTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('organisation');
  const { t: translate } = useT();
  const api = useOrganisationApi(tokens);
  const [organisation, setOrganisation] = useState<AdminOrganisation | null>(null);
  const [draft, setDraft] = useState<OrganisationDraft | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [serverRefusal, setServerRefusal] = useState<OrganisationRefusalCode | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    const result = await api.organisation();
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setOrganisation(result.value);
    setDraft(draftOf(result.value));
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const checked = useMemo(() => {
    if (!organisation || !draft) return null;
    const base = { name: organisation.name, settings: { ...organisation.settings, calendarYears: [] } };
    return applyOrganisationChange(base, changeOf(draft));
  }, [organisation, draft]);
  const refusal: SettingsRefusal | null = checked && !checked.ok ? checked.error : null;

  if (!organisation || !draft) {
    return failure ? (
      <AdminFailure failure={failure} onReload={() => void load()} />
    ) : (
      <Typography color="text.secondary">{t('loading')}</Typography>
    );
  }

  const edit = (next: Partial<OrganisationDraft>) => {
    setDraft({ ...draft, ...next });
    setSaved(null);
    setServerRefusal(null);
  };
  const editDay = (day: Weekday, next: Partial<OrganisationDraft['hours'][Weekday]>) =>
    edit({ hours: { ...draft.hours, [day]: { ...draft.hours[day], ...next } } });
  /** The error shown at a field: this field's (or its section's) refusal, checked here or by the server. */
  const errorAt = (field: string): string | undefined => {
    if (refusal && (refusal.field === field || refusal.field.startsWith(`${field}.`))) {
      return errorText(translate, refusal);
    }
    if (serverRefusal && refusalField[serverRefusal] === field) return t(`refusals.${serverRefusal}`);
    return undefined;
  };

  const save = async () => {
    if (refusal) return;
    setSaving(true);
    const result = await api.save(changeOf(draft));
    setSaving(false);
    if (!result.ok) {
      const code = result.error.kind === 'server' ? result.error.code : undefined;
      if (isRefusalCode(code)) return setServerRefusal(code);
      return setFailure(result.error);
    }
    setFailure(null);
    setOrganisation(result.value.organisation);
    setDraft(draftOf(result.value.organisation));
    const { changed, recomputed } = result.value;
    const fields = changed.map((name) => translate(`organisation:journal.fields.${name}`)).join(', ');
    setSaved(
      changed.length === 0
        ? t('nothingChanged')
        : [t('saved', { fields }), recomputed > 0 ? t('recomputed', { count: recomputed }) : '']
            .join(' ')
            .trim(),
    );
  };

  const example = formatRegistrationNumber(draft.pattern, organisation.nextRegistration);
  const hoursError = errorAt('workingHours');

  return (
    <Stack spacing={2} sx={{ maxWidth: 960 }}>
      {failure && (
        <AdminFailure failure={failure} onReload={() => void load()} onClose={() => setFailure(null)} />
      )}
      <Section title={t('sections.identity')}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <TextField
            label={t('fields.name')}
            value={draft.name}
            onChange={(event) => edit({ name: event.target.value })}
            error={errorAt('name') !== undefined}
            helperText={errorAt('name')}
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'org-name' } }}
          />
          <TextField
            label={t('fields.timeZone')}
            value={draft.timeZone}
            onChange={(event) => edit({ timeZone: event.target.value })}
            error={errorAt('timeZone') !== undefined}
            helperText={errorAt('timeZone') ?? t('fields.timeZoneHint')}
            sx={{ minWidth: 320 }}
            slotProps={{ htmlInput: { 'data-testid': 'org-time-zone' } }}
          />
        </Stack>
      </Section>

      <Section title={t('sections.hours')} hint={t('fields.hoursHint')}>
        <Stack spacing={1} data-testid="org-hours">
          {weekdays.map((day) => {
            const hours = draft.hours[day];
            const dayError =
              refusal?.field === `workingHours.${day}` ? errorText(translate, refusal) : undefined;
            return (
              <Stack
                key={day}
                direction="row"
                spacing={2}
                sx={{ alignItems: 'center' }}
                data-testid={`org-hours-${day}`}
              >
                <Typography sx={{ width: 140 }}>{t(`days.${day}`)}</Typography>
                <FormControlLabel
                  sx={{ width: 150 }}
                  label={t('fields.dayOff')}
                  control={
                    <Switch
                      checked={hours.off}
                      onChange={(event) => editDay(day, { off: event.target.checked })}
                      slotProps={{ input: { 'data-testid': `org-hours-${day}-off` } as object }}
                    />
                  }
                />
                <TextField
                  size="small"
                  label={t('fields.start')}
                  value={hours.start}
                  disabled={hours.off}
                  placeholder="09:00"
                  onChange={(event) => editDay(day, { start: event.target.value })}
                  error={dayError !== undefined}
                  sx={{ width: 110 }}
                  slotProps={{ htmlInput: { 'data-testid': `org-hours-${day}-start`, inputMode: 'numeric' } }}
                />
                <TextField
                  size="small"
                  label={t('fields.end')}
                  value={hours.end}
                  disabled={hours.off}
                  placeholder="18:00"
                  onChange={(event) => editDay(day, { end: event.target.value })}
                  error={dayError !== undefined}
                  sx={{ width: 110 }}
                  slotProps={{ htmlInput: { 'data-testid': `org-hours-${day}-end`, inputMode: 'numeric' } }}
                />
                {dayError && (
                  <Typography color="error" variant="body2" data-testid={`org-hours-${day}-error`}>
                    {dayError}
                  </Typography>
                )}
              </Stack>
            );
          })}
          {hoursError && !weekdays.some((day) => refusal?.field === `workingHours.${day}`) && (
            <Alert severity="error" data-testid="org-hours-error">
              {hoursError}
            </Alert>
          )}
        </Stack>
      </Section>

      <Section title={t('sections.shift')} hint={t('fields.shiftHint')}>
        <RadioGroup
          row
          value={draft.shiftRule}
          onChange={(event) => edit({ shiftRule: event.target.value as OrganisationDraft['shiftRule'] })}
        >
          <FormControlLabel
            value="next"
            control={<Radio slotProps={{ input: { 'data-testid': 'org-shift-next' } as object }} />}
            label={t('fields.shiftNext')}
          />
          <FormControlLabel
            value="previous"
            control={<Radio slotProps={{ input: { 'data-testid': 'org-shift-previous' } as object }} />}
            label={t('fields.shiftPrevious')}
          />
        </RadioGroup>
        {errorAt('deadlineShiftRule') && <Alert severity="error">{errorAt('deadlineShiftRule')}</Alert>}
      </Section>

      <Section title={t('sections.incident')}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          {slaFields.map((name: keyof IncidentSla) => (
            <TextField
              key={name}
              label={t(`fields.${name}`)}
              value={draft.sla[name]}
              onChange={(event) => edit({ sla: { ...draft.sla, [name]: event.target.value } })}
              error={errorAt(`incidentSla.${name}`) !== undefined}
              helperText={errorAt(`incidentSla.${name}`)}
              slotProps={{ htmlInput: { 'data-testid': `org-sla-${name}`, inputMode: 'numeric' } }}
            />
          ))}
        </Stack>
        {serverRefusal === 'invalid_incident_sla' && (
          <Alert severity="error">{t('refusals.invalid_incident_sla')}</Alert>
        )}
      </Section>

      <Section title={t('sections.registration')}>
        <TextField
          label={t('fields.registrationNumberPattern')}
          value={draft.pattern}
          onChange={(event) => edit({ pattern: event.target.value })}
          error={errorAt('registrationNumberPattern') !== undefined}
          helperText={errorAt('registrationNumberPattern') ?? t('fields.patternHint')}
          sx={{ maxWidth: 480 }}
          slotProps={{ htmlInput: { 'data-testid': 'org-pattern' } }}
        />
        {example.ok && (
          <Typography data-testid="org-pattern-example">
            {t('fields.example', { number: example.value })}
          </Typography>
        )}
      </Section>

      <Section title={t('sections.retention')}>
        <TextField
          label={t('fields.retentionYears')}
          value={draft.retentionYears}
          onChange={(event) => edit({ retentionYears: event.target.value })}
          error={errorAt('retentionYears') !== undefined}
          helperText={errorAt('retentionYears')}
          sx={{ maxWidth: 320 }}
          slotProps={{ htmlInput: { 'data-testid': 'org-retention', inputMode: 'numeric' } }}
        />
      </Section>

      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button
          variant="contained"
          onClick={() => void save()}
          disabled={saving || refusal !== null}
          data-testid="org-settings-save"
        >
          {t('save')}
        </Button>
        {errorAt('body') && <Alert severity="error">{errorAt('body')}</Alert>}
      </Stack>
      {saved && (
        <Alert severity="success" onClose={() => setSaved(null)} data-testid="org-settings-saved">
          {saved}
        </Alert>
      )}

      <CalendarsSection tokens={tokens} />
    </Stack>
  );
}

function Section(props: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2">
          {props.title}
        </Typography>
        {props.hint && (
          <Typography variant="body2" color="text.secondary">
            {props.hint}
          </Typography>
        )}
        {props.children}
      </Stack>
    </Paper>
  );
}
