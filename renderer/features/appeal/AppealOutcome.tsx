import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import { useT } from '../../app/translate';
import { Field } from './Field';

/**
 * How the consideration ended, once it has: the result reported to ССТУ.РФ, the art. 11 ground, and
 * the note recorded with it — for a withdrawal, the applicant's statement («Отозвано заявителем: …»,
 * issue 12). Nothing while the appeal has no result.
 */
export function AppealOutcome({
  appeal,
}: {
  appeal: Pick<Appeal, 'result' | 'art11Outcome' | 'outcomeNote'>;
}) {
  const { t } = useT();
  if (!appeal.result && !appeal.art11Outcome && !appeal.outcomeNote) return null;
  return (
    <Paper component="section" variant="outlined" aria-label={t('actions.fields.result')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('actions.fields.result')}
      </Typography>
      <Stack spacing={1}>
        <Field label={t('actions.fields.result')} testId="appeal-result">
          {appeal.result ? t(labelKey.result(appeal.result)) : null}
        </Field>
        {appeal.art11Outcome && (
          <Field label={t('actions.fields.outcome')} testId="appeal-art11">
            {t(labelKey.art11(appeal.art11Outcome))}
          </Field>
        )}
        {appeal.outcomeNote && (
          <Field label={t('actions.fields.note')} testId="appeal-outcome-note">
            {appeal.outcomeNote}
          </Field>
        )}
      </Stack>
    </Paper>
  );
}
