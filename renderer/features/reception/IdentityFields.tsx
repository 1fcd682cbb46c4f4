import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { identityDocuments, passportErrorPlace, type ReceptionInput } from './reception-form';
import { type SectionProps, useSectionText } from './section-props';

/**
 * The identity document shown at an in-person reception. The passport's series and number leave
 * this card only for the server (see ./passport-handover.ts); the local appeal keeps the masked form.
 */
export function IdentityFields({ input, set, errors }: SectionProps) {
  const { t, errorOf, fieldError } = useSectionText();
  // Each passport error under the field it is about (defect 10 of issue 11: the series error stood
  // under the document type); anything else about the passport under the row.
  const { series: seriesError, number: numberError, other: otherError } = passportErrorPlace(errors.passport);
  return (
    <Stack spacing={1}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          select
          label={t('reception.document')}
          value={input.document}
          onChange={(event) => set({ document: event.target.value as ReceptionInput['document'] })}
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
              {...fieldError(seriesError)}
            />
            <TextField
              required
              label={t('reception.passportNumber')}
              value={input.passportNumber}
              autoComplete="off"
              onChange={(event) => set({ passportNumber: event.target.value })}
              {...fieldError(numberError)}
            />
          </>
        )}
      </Stack>
      {otherError && (
        <Typography variant="caption" color="error" role="alert">
          {errorOf(otherError)}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {t('reception.passportMasked')}
      </Typography>
    </Stack>
  );
}
