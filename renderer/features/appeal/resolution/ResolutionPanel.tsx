import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  calendarDateIn,
  isTaskOverdue,
  mayCompleteTask,
  mayDirect,
  newComment,
  newTask,
  type ResolutionActor,
} from '../../../../shared/domain/resolution';
import type { DomainError } from '../../../../shared/domain/result';
import type { Appeal } from '../../../../shared/model/appeal';
import type { UserProfile } from '../../../../shared/model/staff';
import { useFormatters } from '../../../app/format';
import { useT } from '../../../app/translate';
import { useDatabase } from '../../../db/DatabaseProvider';
import { newDocumentId } from '../../../db/ids';
import { editResolution } from './edit';

/**
 * The резолюция of one appeal: who assigned it and why, co-executors, tasks with their own due dates,
 * and internal comments. All of it stays inside the organisation: nothing here is sent to the applicant.
 */
export function ResolutionPanel({
  appeal,
  actor,
  users,
}: {
  appeal: Appeal;
  actor: ResolutionActor;
  users: readonly UserProfile[];
}) {
  const { t } = useT();
  const db = useDatabase();
  const { formatDate, timeZone } = useFormatters();
  const [error, setError] = useState<DomainError | null>(null);
  const [comment, setComment] = useState('');
  const [task, setTask] = useState({ text: '', assigneeId: '', dueDate: '' });
  const nameOf = (id: string) =>
    users.find((user) => user.id === id)?.displayName ?? t('timeline.unknownUser');
  const directs = mayDirect(appeal, actor);
  const colleagues = users.filter(
    (user) => appeal.departmentId === '' || user.departmentIds.includes(appeal.departmentId),
  );
  const today = calendarDateIn(timeZone, Date.now());

  const edit = async (change: (doc: Appeal) => void) => {
    setError(null);
    await editResolution(db.appeals, appeal.id, change);
  };

  async function addComment() {
    const made = newComment(newDocumentId(), actor.userId, comment, Date.now());
    if (!made.ok) return setError(made.error);
    await edit((doc) => {
      doc.comments = [...doc.comments, made.value];
    });
    setComment('');
  }

  async function addTask() {
    const made = newTask({ ...task, id: newDocumentId(), setById: actor.userId, setAt: Date.now() });
    if (!made.ok) return setError(made.error);
    await edit((doc) => {
      doc.tasks = [...doc.tasks, made.value];
    });
    setTask({ text: '', assigneeId: '', dueDate: '' });
  }

  return (
    <Paper component="section" variant="outlined" aria-label={t('work:resolution.title')} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('work:resolution.title')}
      </Typography>
      <Stack spacing={2}>
        {appeal.assignmentNote && (
          <Typography variant="body2" data-testid="assignment-note">
            {t('work:resolution.assignedWithReason', {
              by: nameOf(appeal.assignmentNote.byId),
              at: formatDate(appeal.assignmentNote.at),
              reason: appeal.assignmentNote.reason,
            })}
          </Typography>
        )}
        <Stack spacing={1}>
          <Typography variant="subtitle2" component="h3">
            {t('work:resolution.coExecutors')}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {appeal.coExecutorIds.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                {t('work:resolution.noCoExecutors')}
              </Typography>
            )}
            {appeal.coExecutorIds.map((id) => (
              <Chip
                key={id}
                label={nameOf(id)}
                {...(directs
                  ? {
                      onDelete: () =>
                        void edit((doc) => {
                          doc.coExecutorIds = doc.coExecutorIds.filter((other) => other !== id);
                        }),
                      slotProps: {
                        root: { 'aria-label': t('work:resolution.removeCoExecutor', { name: nameOf(id) }) },
                      },
                    }
                  : {})}
              />
            ))}
          </Stack>
          {directs && (
            <TextField
              select
              size="small"
              label={t('work:resolution.addCoExecutor')}
              value=""
              onChange={(event) => {
                const chosen = event.target.value;
                void edit((doc) => {
                  if (!doc.coExecutorIds.includes(chosen)) doc.coExecutorIds = [...doc.coExecutorIds, chosen];
                });
              }}
            >
              {colleagues
                .filter((user) => user.id !== appeal.assigneeId && !appeal.coExecutorIds.includes(user.id))
                .map((user) => (
                  <MenuItem key={user.id} value={user.id}>
                    {user.displayName}
                  </MenuItem>
                ))}
            </TextField>
          )}
        </Stack>
        <Divider />
        <Stack spacing={1}>
          <Typography variant="subtitle2" component="h3">
            {t('work:resolution.tasks')}
          </Typography>
          {appeal.tasks.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('work:resolution.noTasks')}
            </Typography>
          )}
          <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {appeal.tasks.map((item) => (
              <li key={item.id} data-testid="appeal-task">
                <FormControlLabel
                  control={
                    <Checkbox
                      size="small"
                      checked={item.doneAt !== null}
                      disabled={!mayCompleteTask(item, actor)}
                      slotProps={{ input: { 'aria-label': t('work:resolution.markDone') } }}
                      onChange={(event) => {
                        // Read now: the box is controlled, and React resets it before the write runs.
                        const doneAt = event.target.checked ? Date.now() : null;
                        void edit((doc) => {
                          doc.tasks = doc.tasks.map((other) =>
                            other.id === item.id ? { ...other, doneAt } : other,
                          );
                        });
                      }}
                    />
                  }
                  label={
                    <Stack>
                      <Typography variant="body2">{item.text}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {t('work:resolution.taskLine', {
                          setBy: nameOf(item.setById),
                          assignee: nameOf(item.assigneeId),
                          due: formatDate(item.dueDate),
                        })}
                        {item.doneAt !== null
                          ? ` · ${t('work:resolution.taskDone', { at: formatDate(item.doneAt) })}`
                          : ''}
                      </Typography>
                      {isTaskOverdue(item, today) && (
                        <Typography variant="caption" color="error">
                          {t('work:resolution.taskOverdue')}
                        </Typography>
                      )}
                    </Stack>
                  }
                />
              </li>
            ))}
          </Stack>
          {directs && (
            <Stack spacing={1}>
              <TextField
                size="small"
                multiline
                label={t('work:resolution.taskText')}
                value={task.text}
                onChange={(event) => setTask({ ...task, text: event.target.value })}
              />
              <Stack direction="row" spacing={1}>
                <TextField
                  select
                  size="small"
                  fullWidth
                  label={t('work:resolution.taskAssignee')}
                  value={task.assigneeId}
                  onChange={(event) => setTask({ ...task, assigneeId: event.target.value })}
                >
                  {colleagues.map((user) => (
                    <MenuItem key={user.id} value={user.id}>
                      {user.displayName}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  type="date"
                  fullWidth
                  label={t('work:resolution.taskDue')}
                  value={task.dueDate}
                  slotProps={{ inputLabel: { shrink: true } }}
                  onChange={(event) => setTask({ ...task, dueDate: event.target.value })}
                />
              </Stack>
              <Button
                size="small"
                variant="outlined"
                onClick={() => void addTask()}
                sx={{ alignSelf: 'start' }}
              >
                {t('work:resolution.addTask')}
              </Button>
            </Stack>
          )}
        </Stack>
        <Divider />
        <Stack spacing={1}>
          <Typography variant="subtitle2" component="h3">
            {t('work:resolution.comments')}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t('work:resolution.commentsHint')}
          </Typography>
          {appeal.comments.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {t('work:resolution.noComments')}
            </Typography>
          )}
          <Stack component="ol" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {appeal.comments.map((item) => (
              <li key={item.id} data-testid="internal-comment">
                <Typography variant="caption" color="text.secondary" component="div">
                  {formatDate(item.at)} · {nameOf(item.authorId)}
                </Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                  {item.text}
                </Typography>
              </li>
            ))}
          </Stack>
          <TextField
            size="small"
            multiline
            minRows={2}
            label={t('work:resolution.comment')}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <Button
            size="small"
            variant="outlined"
            onClick={() => void addComment()}
            sx={{ alignSelf: 'start' }}
          >
            {t('work:resolution.addComment')}
          </Button>
        </Stack>
        {error && (
          <Alert severity="error" role="alert" onClose={() => setError(null)}>
            {t(error.code, error.params)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
