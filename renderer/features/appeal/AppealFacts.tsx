import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import { useClassifier } from '../../app/classifier';
import { useT } from '../../app/translate';
import { Field } from './Field';

/**
 * What the appeal is (issue 11, defect 12): its kind (вид обращения), its form under 59-FZ art. 4
 * (предложение, заявление, жалоба), the working category and the thematic classifier code.
 */
export function AppealFacts({ appeal }: { appeal: Appeal }) {
  const { t } = useT();
  const classifier = useClassifier();
  const question = appeal.classifierCode ? classifier?.get(appeal.classifierCode) : undefined;
  return (
    <Paper component="section" variant="outlined" aria-label={t('appeal.facts.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('appeal.facts.title')}
      </Typography>
      <Stack spacing={1}>
        <Field label={t('appeal.fields.regime')} testId="appeal-kind">
          {t(labelKey.regime(appeal.regime))}
        </Field>
        {appeal.regime === 'formal' && (
          <Field label={t('appeal.facts.form')} testId="appeal-form">
            {appeal.kind.form ? t(labelKey.form(appeal.kind.form)) : null}
          </Field>
        )}
        <Field label={t('appeal.facts.category')} testId="appeal-category">
          {appeal.category
            ? [
                t(labelKey.category(appeal.category)),
                appeal.subcategory ? t(labelKey.subcategory(appeal.subcategory)) : null,
              ]
                .filter(Boolean)
                .join(' › ')
            : null}
        </Field>
        <Field label={t('appeal.facts.classifier')} testId="appeal-classifier">
          {appeal.classifierCode ? `${appeal.classifierCode}${question ? ` — ${question.title}` : ''}` : null}
        </Field>
      </Stack>
    </Paper>
  );
}
