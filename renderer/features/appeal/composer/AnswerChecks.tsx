import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../../shared/model/appeal';
import { checkAnswer } from '../../../../shared/quality/checks';
import type { AppealApi } from '../../../api/client';
import { qualityApi } from '../../../api/quality';

/**
 * The automatic checks of the answer being written (issue 14, shared/quality/checks.ts): warnings the
 * executor sees while writing — a short answer to a 59-FZ appeal, none of the appeal's key words, a
 * brush-off, a refusal without its ground or appeal route. They never block sending; the head sees the
 * same warnings when approving. The organisation's own brush-off list is read while online; offline,
 * or until it arrives, the default list checks.
 */
export function AnswerChecks({
  appeal,
  text,
  api,
  online,
}: {
  appeal: Pick<Appeal, 'regime' | 'subject' | 'text'>;
  text: string;
  api: AppealApi;
  online: boolean;
}) {
  const { t } = useTranslation('quality');
  const [phrases, setPhrases] = useState<string[] | null>(null);
  useEffect(() => {
    if (!online) return;
    let current = true;
    void qualityApi(api)
      .brushOff()
      .then((result) => current && result.ok && setPhrases(result.value));
    return () => {
      current = false;
    };
  }, [api, online]);
  const warnings = useMemo(
    () =>
      text.trim() === ''
        ? []
        : checkAnswer({
            regime: appeal.regime,
            appealText: `${appeal.subject}\n${appeal.text}`,
            answer: text,
            ...(phrases ? { brushOffPhrases: phrases } : {}),
          }),
    [appeal.regime, appeal.subject, appeal.text, text, phrases],
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
