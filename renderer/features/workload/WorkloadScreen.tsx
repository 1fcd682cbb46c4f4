import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import type { UserProfile } from '../../../shared/model/staff';
import type { SessionUser } from '../../api/client';
import { actorOf, isOrganisationWide } from '../../app/actor';
import { appealReference } from '../../app/appeal-reference';
import { useFormatters, useNow } from '../../app/format';
import { useDeadlineClock } from '../../app/organisation';
import { TimeLeftBadge } from '../../app/TimeLeftBadge';
import { timeLeft } from '../../app/time-left';
import { errorText, useT } from '../../app/translate';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { assignMany, type BulkOutcome, PendingMove, undoWindowMs } from './assign';
import { personLoad } from './load';

/** The list under the table shows this many of the chosen person's appeals, most urgent first. */
const listLimit = 500;

type Notice =
  | { kind: 'pending'; count: number; name: string }
  | { kind: 'undone' }
  | { kind: 'done'; outcome: BulkOutcome };

/**
 * A head's view of the people of their departments (supervisors and admins: everyone): open, overdue
 * and due-soon appeals per person, and assignment of one or many appeals to a person with a reason,
 * confirmed, and undoable for ten seconds (nothing is written before the window ends).
 */
export function WorkloadScreen({
  user,
  onOpenAppeal,
}: {
  user: SessionUser;
  onOpenAppeal: (appealId: string) => void;
}) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const db = useDatabase();
  const now = useNow(30_000);
  const clock = useDeadlineClock();
  const actor = actorOf(user);
  const { result: userDocs } = useRxQuery((db) => db.users.find(), []);
  const { result: appealDocs } = useRxQuery(
    (db) => db.appeals.find({ selector: { status: { $in: [...openStatuses] } }, sort: [{ dueAt: 'asc' }] }),
    [],
  );
  const people = useMemo(
    () =>
      ((userDocs?.map((doc) => doc.toJSON()) ?? []) as UserProfile[]).filter(
        (person) =>
          (person.role === 'operator' || person.role === 'head') &&
          (isOrganisationWide(user) || person.departmentIds.some((id) => user.departmentIds.includes(id))),
      ),
    [userDocs, user],
  );
  const appeals = useMemo(() => (appealDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], [appealDocs]);
  const load = useMemo(() => personLoad(appeals, people, now), [appeals, people, now]);
  const [personId, setPersonId] = useState<string>('');
  const list = appeals.filter((appeal) => appeal.assigneeId === personId).slice(0, listLimit);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const pending = useRef<PendingMove | null>(null);
  const nameOf = (id: string) =>
    id === '' ? t('work:workload.unassigned') : (people.find((p) => p.id === id)?.displayName ?? id);
  const chosen = list.filter((appeal) => selected.has(appeal.id));

  // Leaving the screen ends the undo window: the move the head confirmed is made.
  useEffect(() => () => void pending.current?.commit(), []);

  function toggle(id: string) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function askToConfirm() {
    setProblem(null);
    if (target === '') return setProblem(t('work:workload.errors.noAssignee'));
    if (reason.trim() === '') return setProblem(t('work:workload.errors.noReason'));
    setConfirming(true);
  }

  function confirm() {
    if (!actor) return;
    setConfirming(false);
    void pending.current?.commit();
    const move = { appealIds: chosen.map((appeal) => appeal.id), assigneeId: target, reason };
    const name = nameOf(target);
    pending.current = new PendingMove(async () => {
      const outcome = await assignMany(db.appeals, move, actor);
      setNotice((current) => (current?.kind === 'pending' ? { kind: 'done', outcome } : current));
    }, undoWindowMs);
    setNotice({ kind: 'pending', count: move.appealIds.length, name });
    setSelected(new Set());
    setReason('');
  }

  function undo() {
    pending.current?.undo();
    setNotice({ kind: 'undone' });
  }

  return (
    <Stack component="main" spacing={2} sx={{ p: 3 }} aria-label={t('work:workload.title')}>
      <Typography variant="h5" component="h1">
        {t('work:workload.title')}
      </Typography>
      {people.length === 0 && <Alert severity="info">{t('work:workload.noPeople')}</Alert>}
      <Paper variant="outlined">
        <Table size="small" aria-label={t('work:workload.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('work:workload.person')}</TableCell>
              <TableCell align="right">{t('work:workload.open')}</TableCell>
              <TableCell align="right">{t('work:workload.overdue')}</TableCell>
              <TableCell align="right">{t('work:workload.dueSoon')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {load.map((row) => (
              <TableRow
                key={row.userId || 'unassigned'}
                hover
                selected={row.userId === personId}
                data-testid="workload-row"
              >
                <TableCell>
                  <Link
                    component="button"
                    onClick={() => {
                      setPersonId(row.userId);
                      setSelected(new Set());
                    }}
                  >
                    {row.name ?? nameOf(row.userId)}
                  </Link>
                </TableCell>
                <TableCell align="right">{row.open}</TableCell>
                <TableCell align="right" sx={row.overdue > 0 ? { color: 'error.main', fontWeight: 600 } : {}}>
                  {row.overdue}
                </TableCell>
                <TableCell align="right">{row.dueSoon}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper variant="outlined" component="section" aria-label={t('work:workload.appeals')} sx={{ p: 2 }}>
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {t('work:workload.appeals')}: {nameOf(personId)}
          </Typography>
          {list.length === 0 ? (
            <Typography variant="body2">{t('work:workload.empty')}</Typography>
          ) : (
            <Table size="small">
              <TableBody>
                {list.map((appeal) => (
                  <TableRow key={appeal.id} data-testid="workload-appeal">
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(appeal.id)}
                        onChange={() => toggle(appeal.id)}
                        slotProps={{
                          input: { 'aria-label': t('work:workload.select', { subject: appeal.subject }) },
                        }}
                      />
                    </TableCell>
                    <TableCell>{appealReference(t, appeal, formatDate)}</TableCell>
                    <TableCell>
                      <Link component="button" onClick={() => onOpenAppeal(appeal.id)}>
                        {appeal.subject}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <TimeLeftBadge left={timeLeft(appeal, now, clock)} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {chosen.length > 0 && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' } }}>
              <Typography variant="body2">{t('work:workload.selected', { count: chosen.length })}</Typography>
              <TextField
                select
                size="small"
                label={t('work:workload.assignee')}
                value={target}
                onChange={(event) => setTarget(event.target.value)}
                sx={{ minWidth: 220 }}
              >
                {people.map((person) => (
                  <MenuItem key={person.id} value={person.id}>
                    {person.displayName}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                size="small"
                label={t('work:workload.reason')}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                sx={{ minWidth: 260 }}
              />
              <Button variant="contained" onClick={askToConfirm}>
                {t('work:workload.assign')}
              </Button>
            </Stack>
          )}
          {problem && (
            <Alert severity="warning" role="alert">
              {problem}
            </Alert>
          )}
          {notice?.kind === 'done' && notice.outcome.refused.length > 0 && (
            <Alert severity="error" role="alert">
              {t('work:workload.notAssigned', {
                count: notice.outcome.refused.length,
                reason: errorText(t, notice.outcome.refused[0]!.error),
              })}
            </Alert>
          )}
        </Stack>
      </Paper>
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>
          {t('work:workload.confirmTitle', { count: chosen.length, name: nameOf(target) })}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2">{t('work:workload.confirmBody', { reason: reason.trim() })}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t('work:workload.cancel')}</Button>
          <Button variant="contained" onClick={confirm}>
            {t('work:workload.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar
        open={notice?.kind === 'pending' || notice?.kind === 'undone'}
        message={
          notice?.kind === 'pending'
            ? t('work:workload.assigned', { count: notice.count, name: notice.name })
            : t('work:workload.undone')
        }
        action={
          notice?.kind === 'pending' ? (
            <Button color="inherit" size="small" onClick={undo}>
              {t('work:workload.undo')}
            </Button>
          ) : undefined
        }
        autoHideDuration={notice?.kind === 'undone' ? 4000 : null}
        onClose={(_, why) => {
          if (why !== 'clickaway' && notice?.kind === 'undone') setNotice(null);
        }}
      />
    </Stack>
  );
}
