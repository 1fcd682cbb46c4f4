import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { UnhelpfulAnswer, VerdictDecisionChoice } from '../../api/quality';
import { useFormatters } from '../../app/format';

const decisions: readonly VerdictDecisionChoice[] = ['rework', 'new_appeal', 'accepted'];

/** «Ответ не помог»: the applicants' «Нет», each waiting for the supervisor's decision. */
export function UnhelpfulList({
  answers,
  departmentName,
  onDecide,
  onOpenAppeal,
}: {
  answers: readonly UnhelpfulAnswer[];
  departmentName: (id: string) => string;
  onDecide: (answer: UnhelpfulAnswer, decision: VerdictDecisionChoice) => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('quality');
  const { formatDate } = useFormatters();
  if (answers.length === 0)
    return <Typography data-testid="unhelpful-empty">{t('verdict.listEmpty')}</Typography>;
  return (
    <Stack spacing={2} data-testid="unhelpful-list">
      <Typography variant="body2" color="text.secondary">
        {t('verdict.listIntro')}
      </Typography>
      {answers.map((answer) => (
        <Card
          key={answer.appealId}
          variant="outlined"
          data-testid="unhelpful-answer"
          data-appeal-id={answer.appealId}
        >
          <CardContent>
            <Stack spacing={1}>
              <Typography variant="subtitle1">
                {answer.registrationNumber ?? ''} {answer.subject}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {departmentName(answer.departmentId)} · {t('verdict.answeredAt')}{' '}
                {formatDate(answer.answeredAt)}
              </Typography>
              {answer.comment && (
                <Typography data-testid="citizen-comment">
                  {t('verdict.citizenComment')}: «{answer.comment}»
                </Typography>
              )}
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {decisions.map((decision) => (
                  <Button
                    key={decision}
                    variant={decision === 'rework' ? 'contained' : 'outlined'}
                    data-testid={`decide-${decision}`}
                    onClick={() => onDecide(answer, decision)}
                  >
                    {t(`verdict.decision.${decision}`)}
                  </Button>
                ))}
                <Button onClick={() => onOpenAppeal(answer.appealId)}>{t('screen.openAppeal')}</Button>
              </Stack>
            </Stack>
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}
