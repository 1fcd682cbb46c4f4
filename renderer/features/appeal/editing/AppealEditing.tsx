import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import { defaultCategoryCodes, findWorkingCategory } from '../../../../shared/domain/classifier/categories';
import { type Actor, availableActions } from '../../../../shared/domain/status-machine';
import type { Appeal } from '../../../../shared/model/appeal';
import { labelKey } from '../../../../shared/model/labels';
import { type AppealForm, appealForms } from '../../../../shared/model/vocabulary';
import { useNavigation } from '../../../app/navigation';
import { useT } from '../../../app/translate';
import { performAction } from '../../../appeal-actions/perform';
import { useDatabase } from '../../../db/DatabaseProvider';
import { newDocumentId } from '../../../db/ids';
import {
  type ConversionErrors,
  type ConversionInput,
  editPatch,
  formalFromIncident,
  mayEdit,
} from './editing';

interface AppealEditingProps {
  appeal: Appeal;
  actor: Actor & { userId: string };
}

/** «Изменить тему и категорию» and, for an incident, «Оформить как обращение»: the two buttons and their dialogs. */
export function AppealEditing({ appeal, actor }: AppealEditingProps) {
  const { t } = useT();
  const [open, setOpen] = useState<'edit' | 'convert' | null>(null);
  const mayConvert =
    appeal.regime === 'incident' && availableActions(appeal, actor).includes('convert_to_formal');
  if (!mayEdit(appeal) && !mayConvert) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {mayEdit(appeal) && (
        <Button size="small" variant="outlined" onClick={() => setOpen('edit')}>
          {t('editing.open')}
        </Button>
      )}
      {mayConvert && (
        <Button size="small" variant="outlined" onClick={() => setOpen('convert')}>
          {t('editing.convert.open')}
        </Button>
      )}
      {open === 'edit' && <EditDialog appeal={appeal} onClose={() => setOpen(null)} />}
      {open === 'convert' && <ConvertDialog appeal={appeal} actor={actor} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function EditDialog({ appeal, onClose }: { appeal: Appeal; onClose: () => void }) {
  const { t } = useT();
  const db = useDatabase();
  const [subject, setSubject] = useState(appeal.subject);
  const [category, setCategory] = useState(appeal.category ?? '');
  const [subcategory, setSubcategory] = useState(appeal.subcategory ?? '');
  const [urgent, setUrgent] = useState(appeal.urgent);
  const [error, setError] = useState<string | null>(null);
  const subcategories = category ? (findWorkingCategory(category)?.subcategories ?? []) : [];

  async function save(event: FormEvent) {
    event.preventDefault();
    const edited = editPatch(
      appeal,
      { subject, category: category || null, subcategory: subcategory || null, urgent },
      Date.now(),
    );
    if (!edited.ok) {
      setError(edited.error);
      return;
    }
    if (edited.patch) {
      const document = await db.appeals.findOne(appeal.id).exec();
      await document?.incrementalPatch(edited.patch);
    }
    onClose();
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-appeal-title" fullWidth maxWidth="sm">
      <form onSubmit={(event) => void save(event)} noValidate>
        <DialogTitle id="edit-appeal-title">{t('editing.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t('editing.subject')}
              value={subject}
              onChange={(event) => setSubject(event.target.value)}
              required
              error={error !== null}
              helperText={error ? t(error) : undefined}
            />
            <TextField
              select
              label={t('editing.category')}
              value={category}
              onChange={(event) => {
                setCategory(event.target.value);
                setSubcategory('');
              }}
            >
              <MenuItem value="">{t('editing.noCategory')}</MenuItem>
              {defaultCategoryCodes.map((code) => (
                <MenuItem key={code} value={code}>
                  {t(labelKey.category(code))}
                </MenuItem>
              ))}
            </TextField>
            {subcategories.length > 0 && (
              <TextField
                select
                label={t('editing.subcategory')}
                value={subcategory}
                onChange={(event) => setSubcategory(event.target.value)}
              >
                <MenuItem value="">{t('editing.noCategory')}</MenuItem>
                {subcategories.map((code) => (
                  <MenuItem key={code} value={code}>
                    {t(labelKey.subcategory(code))}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <FormControlLabel
              control={<Switch checked={urgent} onChange={(event) => setUrgent(event.target.checked)} />}
              label={t('editing.urgent')}
            />
            <Typography variant="caption" color="text.secondary">
              {t('editing.history')}
            </Typography>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('editing.cancel')}</Button>
          <Button type="submit" variant="contained">
            {t('editing.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const emptyConversion = (appeal: Appeal): ConversionInput => ({
  fullName: '',
  phone: appeal.applicant.contacts.phone ?? '',
  email: appeal.applicant.contacts.email ?? '',
  postalAddress: appeal.applicant.contacts.postalAddress ?? '',
  form: 'application',
  subject: appeal.subject,
  text: appeal.text,
});

function ConvertDialog({ appeal, actor, onClose }: AppealEditingProps & { onClose: () => void }) {
  const { t } = useT();
  const db = useDatabase();
  const navigation = useNavigation();
  const [input, setInput] = useState<ConversionInput>(() => emptyConversion(appeal));
  const [errors, setErrors] = useState<ConversionErrors>({});
  const [failed, setFailed] = useState<string | null>(null);
  const set = (patch: Partial<ConversionInput>) => setInput((previous) => ({ ...previous, ...patch }));
  const field = (name: keyof ConversionInput) => ({
    value: input[name],
    onChange: (event: { target: { value: string } }) => set({ [name]: event.target.value }),
    error: errors[name] !== undefined,
    helperText: errors[name] ? t(errors[name].code, errors[name].params) : undefined,
  });

  async function convert(event: FormEvent) {
    event.preventDefault();
    const now = Date.now();
    const made = formalFromIncident(appeal, input, { id: newDocumentId(), now });
    if (!made.ok) {
      setErrors(made.errors);
      return;
    }
    setErrors({});
    await db.appeals.insert(made.appeal);
    const converted = await performAction(
      db.appeals,
      appeal.id,
      'convert_to_formal',
      actor,
      { formalAppealId: made.appeal.id },
      now,
    );
    if (!converted.ok) {
      setFailed(converted.error.code);
      return;
    }
    onClose();
    navigation.openAppeal(made.appeal.id);
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="convert-appeal-title" fullWidth maxWidth="sm">
      <form onSubmit={(event) => void convert(event)} noValidate>
        <DialogTitle id="convert-appeal-title">{t('editing.convert.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {t('editing.convert.hint')}
            </Typography>
            <TextField label={t('editing.convert.fullName')} required {...field('fullName')} />
            <TextField label={t('editing.convert.phone')} {...field('phone')} />
            <TextField label={t('editing.convert.email')} {...field('email')} />
            <TextField label={t('editing.convert.postalAddress')} {...field('postalAddress')} />
            {errors.contacts && (
              <Alert severity="error" role="alert">
                {t(errors.contacts.code, errors.contacts.params)}
              </Alert>
            )}
            <TextField
              select
              label={t('editing.convert.form')}
              value={input.form}
              onChange={(event) => set({ form: event.target.value as AppealForm })}
            >
              {appealForms.map((form) => (
                <MenuItem key={form} value={form}>
                  {t(labelKey.form(form))}
                </MenuItem>
              ))}
            </TextField>
            <TextField label={t('editing.subject')} required {...field('subject')} />
            <TextField label={t('editing.convert.text')} required multiline minRows={3} {...field('text')} />
            {failed && (
              <Alert severity="error" role="alert">
                {t(failed)}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('editing.cancel')}</Button>
          <Button type="submit" variant="contained">
            {t('editing.convert.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
