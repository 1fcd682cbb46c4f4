import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../../shared/model/appeal';
import { checkAnswer } from '../../../../shared/quality/checks';

/**
 * The automatic checks of the answer being written (issue 14, shared/quality/checks.ts): warnings the
 * executor sees while writing — a short answer to a 59-FZ appeal, none of the appeal's key words, a
 * brush-off, a refusal without its ground or appeal route. They never block sending; the head sees the
 * same warnings when approving.
 */
export function AnswerChecks({
  appeal,
  text,
}: {
  appeal: Pick<Appeal, 'regime' | 'subject' | 'text'>;
  text: string;
}) {
  const { t } = useTranslation('quality');
  const warnings = useMemo(
    () =>
      text.trim() === ''
        ? []
        : checkAnswer({
            regime: appeal.regime,
            appealText: `${appeal.subject}\n${appeal.text}`,
            answer: text,
          }),
    [appeal.regime, appeal.subject, appeal.text, text],
  );
  if (warnings.length === 0) return null;
  return (
    <Stack spacing={1} data-testid="answer-checks" aria-label={t('checks.title')}>
      {warnings.map((warning) => (
        <Alert
          key={warning.code}
          severity="warning"
          variant="outlined"
          data-testid="answer-warning"
          data-code={warning.code}
        >
          {warning.code === 'tooShort'
            ? t('checks.tooShort', { min: warning.params.min })
            : warning.code === 'offTopic'
              ? t('checks.offTopic', { terms: warning.params.terms })
              : warning.code === 'brushOff'
                ? t('checks.brushOff', { phrase: warning.params.phrase })
                : t(`checks.${warning.code}`)}
        </Alert>
      ))}
    </Stack>
  );
}
