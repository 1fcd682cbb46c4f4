import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { defaultCategoryCodes } from '../../../shared/domain/classifier/categories';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import { appealForms } from '../../../shared/model/vocabulary';
import type { ReceptionInput } from './reception-form';
import { type SectionProps, useSectionText } from './section-props';

interface AppealContentSectionProps extends SectionProps {
  /** The departments the official may route to. */
  departments: Department[];
  /** An organisation-wide official may leave the appeal unrouted. */
  orgWide: boolean;
}

/** What the appeal is: its form, category, department, subject and text. */
export function AppealContentSection({
  input,
  set,
  errors,
  departments,
  orgWide,
}: AppealContentSectionProps) {
  const { t, fieldError } = useSectionText();
  return (
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
            {...fieldError(errors.category)}
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
            {...fieldError(errors.departmentId)}
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
          {...fieldError(errors.text)}
        />
      </Stack>
    </Paper>
  );
}
