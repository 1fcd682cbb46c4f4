import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { labelKey } from '../../../shared/model/labels';
import { applicantTypes } from '../../../shared/model/vocabulary';
import { IdentityFields } from './IdentityFields';
import { type ReceptionInput, receptionChannels } from './reception-form';
import { type SectionProps, useSectionText } from './section-props';

/** How the appeal came, who files it (a citizen, or an organisation's representative) and, in person, their identity document. */
export function ApplicantSection({ input, set, errors }: SectionProps) {
  const { t, fieldError } = useSectionText();
  return (
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
        {input.channel === 'post' && (
          <TextField
            type="date"
            label={t('work:reception.receivedOn')}
            value={input.receivedOn}
            onChange={(event) => set({ receivedOn: event.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ maxWidth: 280 }}
            {...(errors.receivedOn
              ? fieldError(errors.receivedOn)
              : { helperText: t('work:reception.receivedOnHint') })}
          />
        )}
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
            input.applicantType === 'organisation' ? 'reception.representativeName' : 'reception.fullName',
          )}
          value={input.fullName}
          onChange={(event) => set({ fullName: event.target.value })}
          {...fieldError(errors.fullName)}
        />
        {input.applicantType === 'organisation' && (
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              required
              fullWidth
              label={t('reception.organisationName')}
              value={input.organisationName}
              onChange={(event) => set({ organisationName: event.target.value })}
              {...fieldError(errors.organisationName)}
            />
            <TextField
              required
              label={t('reception.inn')}
              value={input.inn}
              onChange={(event) => set({ inn: event.target.value })}
              {...fieldError(errors.inn)}
            />
          </Stack>
        )}
        {input.channel === 'reception' && <IdentityFields input={input} set={set} errors={errors} />}
      </Stack>
    </Paper>
  );
}
