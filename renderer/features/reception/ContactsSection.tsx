import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type SectionProps, useSectionText } from './section-props';

/** Phone, e-mail and postal address, under the contact rule (at least one way to answer). */
export function ContactsSection({ input, set, errors, touch }: SectionProps) {
  const { t, errorOf, fieldError } = useSectionText();
  return (
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
            onBlur={() => touch?.('phone')}
            {...fieldError(errors.phone)}
          />
          <TextField
            fullWidth
            label={t('applicant.email')}
            value={input.email}
            onChange={(event) => set({ email: event.target.value })}
            onBlur={() => touch?.('email')}
            {...fieldError(errors.email)}
          />
        </Stack>
        <TextField
          label={t('applicant.postalAddress')}
          value={input.postalAddress}
          onChange={(event) => set({ postalAddress: event.target.value })}
          onBlur={() => touch?.('postalAddress')}
          {...fieldError(errors.postalAddress)}
        />
        {errors.contacts && (
          <Alert severity="error" role="alert">
            {errorOf(errors.contacts)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
