import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingAnswer } from '../../api/quality';
import { useFormatters } from '../../app/format';

/**
 * «На согласовании»: each held answer with its appeal, executor and the automatic checks' warnings;
 * the head approves it as written, edits then approves, or returns it with what to fix.
 */
export function ApprovalQueue({
  answers,
  onApprove,
  onReturn,
  onOpenAppeal,
}: {
  answers: readonly PendingAnswer[];
  onApprove: (answer: PendingAnswer, text: string | null) => void;
  onReturn: (answer: PendingAnswer, comment: string) => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('quality');
  if (answers.length === 0)
    return <Typography data-testid="approvals-empty">{t('approval.queueEmpty')}</Typography>;
  return (
    <Stack spacing={2} data-testid="approval-queue">
      <Typography variant="body2" color="text.secondary">
        {t('approval.queueIntro')}
      </Typography>
      {answers.map((answer) => (
        <HeldAnswer
          key={answer.messageId}
          answer={answer}
          onApprove={onApprove}
          onReturn={onReturn}
          onOpenAppeal={onOpenAppeal}
        />
      ))}
    </Stack>
  );
}

function HeldAnswer({
  answer,
  onApprove,
  onReturn,
  onOpenAppeal,
}: {
  answer: PendingAnswer;
  onApprove: (answer: PendingAnswer, text: string | null) => void;
  onReturn: (answer: PendingAnswer, comment: string) => void;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useTranslation('quality');
  const { formatDate } = useFormatters();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(answer.text);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  // The server's check codes are the keys `quality:checks.<code>` (shared/quality/checks.ts).
  const warningText = t as unknown as (key: string, params: object) => string;
  return (
    <Card variant="outlined" data-testid="held-answer" data-message-id={answer.messageId}>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1">
            {t('approval.appeal')}: {answer.registrationNumber ?? ''} {answer.subject}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('approval.author')}: {answer.authorName} · {t('approval.submittedAt')}{' '}
            {formatDate(answer.submittedAt)}
          </Typography>
          {editing ? (
            <TextField
              multiline
              minRows={3}
              value={text}
              onChange={(event) => setText(event.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'approval-text' } }}
            />
          ) : (
            <Typography sx={{ whiteSpace: 'pre-wrap' }} data-testid="held-answer-text">
              {answer.text}
            </Typography>
          )}
          {answer.warnings.map((warning) => (
            <Alert key={warning.code} severity="warning" data-testid="answer-warning">
              {warningText(`checks.${warning.code}`, warning.params)}
            </Alert>
          ))}
          {returning && (
            <TextField
              label={t('approval.returnComment')}
              helperText={commentMissing ? t('approval.commentRequired') : t('approval.returnCommentHint')}
              error={commentMissing}
              multiline
              minRows={2}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'return-comment' } }}
            />
          )}
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button
              variant="contained"
              data-testid="approve-answer"
              onClick={() => onApprove(answer, editing && text !== answer.text ? text : null)}
            >
              {editing ? t('approval.saveAndApprove') : t('approval.approve')}
            </Button>
            {!editing && <Button onClick={() => setEditing(true)}>{t('approval.edit')}</Button>}
            <Button
              color="warning"
              data-testid="return-answer"
              onClick={() => {
                if (!returning) return setReturning(true);
                if (comment.trim() === '') return setCommentMissing(true);
                onReturn(answer, comment.trim());
              }}
            >
              {t('approval.returnToExecutor')}
            </Button>
            <Button onClick={() => onOpenAppeal(answer.appealId)}>{t('screen.openAppeal')}</Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
