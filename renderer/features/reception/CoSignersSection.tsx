import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type CoSignerRow, emptyCoSigner, type ReceptionErrors } from './reception-form';
import { type SectionProps, useSectionText } from './section-props';

interface CoSignersSectionProps extends SectionProps {
  rowErrors: ReceptionErrors['coSigners'];
}

/** A collective appeal and its co-signers, one row each (name and contacts). */
export function CoSignersSection({ input, set, errors, rowErrors }: CoSignersSectionProps) {
  const { t, errorOf } = useSectionText();
  const setCoSigner = (index: number, patch: Partial<CoSignerRow>) =>
    set({ coSigners: input.coSigners.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  return (
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
                    event.target.checked && input.coSigners.length === 0 ? [emptyCoSigner] : input.coSigners,
                })
              }
            />
          }
          label={t('reception.collective')}
        />
        {input.collective &&
          input.coSigners.map((row, index) => (
            <CoSignerFields
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
              key={index}
              row={row}
              n={index + 1}
              errors={rowErrors[index] ?? {}}
              onChange={(patch) => setCoSigner(index, patch)}
              onRemove={() => set({ coSigners: input.coSigners.filter((_, i) => i !== index) })}
            />
          ))}
        {input.collective && (
          <Button
            sx={{ alignSelf: 'flex-start' }}
            onClick={() => set({ coSigners: [...input.coSigners, emptyCoSigner] })}
          >
            {t('reception.addCoSigner')}
          </Button>
        )}
        {errors.coSigners && (
          <Typography variant="caption" color="error" role="alert">
            {errorOf(errors.coSigners)}
          </Typography>
        )}
      </Stack>
    </Paper>
  );
}

interface CoSignerFieldsProps {
  row: CoSignerRow;
  /** The row's number as shown (from 1). */
  n: number;
  errors: ReceptionErrors['coSigners'][number];
  onChange: (patch: Partial<CoSignerRow>) => void;
  onRemove: () => void;
}

function CoSignerFields({ row, n, errors, onChange, onRemove }: CoSignerFieldsProps) {
  const { t, errorOf, fieldError } = useSectionText();
  const rowError = errors.contacts ?? errors.entry;
  return (
    <Stack spacing={1} role="group" aria-label={t('reception.coSigner', { n })}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
        <TextField
          size="small"
          fullWidth
          label={t('reception.coSignerName', { n })}
          value={row.fullName}
          onChange={(event) => onChange({ fullName: event.target.value })}
          {...fieldError(errors.fullName)}
        />
        <TextField
          size="small"
          fullWidth
          label={t('reception.coSignerPhone', { n })}
          value={row.phone}
          onChange={(event) => onChange({ phone: event.target.value })}
          {...fieldError(errors.phone)}
        />
        <TextField
          size="small"
          fullWidth
          label={t('reception.coSignerEmail', { n })}
          value={row.email}
          onChange={(event) => onChange({ email: event.target.value })}
          {...fieldError(errors.email)}
        />
        <TextField
          size="small"
          fullWidth
          label={t('reception.coSignerAddress', { n })}
          value={row.postalAddress}
          onChange={(event) => onChange({ postalAddress: event.target.value })}
          {...fieldError(errors.postalAddress)}
        />
        <Button size="small" aria-label={t('reception.removeCoSigner', { n })} onClick={onRemove}>
          {t('reception.remove')}
        </Button>
      </Stack>
      {rowError && (
        <Typography variant="caption" color="error" role="alert">
          {errorOf(rowError)}
        </Typography>
      )}
    </Stack>
  );
}
