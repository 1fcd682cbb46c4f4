import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { debounceTime, startWith } from 'rxjs';
import type { OrgDeadlineSettings } from '../../../shared/domain/deadlines';
import type { DomainError } from '../../../shared/domain/result';
import { openStatuses } from '../../../shared/domain/status-machine';
import type { Appeal } from '../../../shared/model/appeal';
import { labelKey } from '../../../shared/model/labels';
import type { Department } from '../../../shared/model/staff';
import type { SessionUser, TokenSource } from '../../api/client';
import { actorOf, isOrganisationWide } from '../../app/actor';
import { appealReference } from '../../app/appeal-reference';
import { ForwardingBadge } from '../../app/ForwardingBadge';
import { useFormatters, useNow } from '../../app/format';
import { forwardingDue } from '../../app/forwarding-clock';
import { ArrowBackIcon } from '../../app/icons';
import { useDeadlineClock } from '../../app/organisation';
import { TimeLeftBadge } from '../../app/TimeLeftBadge';
import { timeLeft } from '../../app/time-left';
import { errorText, useT } from '../../app/translate';
import { performAction } from '../../appeal-actions/perform';
import { useDatabase, useRxQuery } from '../../db/DatabaseProvider';
import { CalendarWarningMark, CalendarWarningSummary, calendarWarningsByAppeal } from './CalendarWarnings';
import { DesktopVersions } from './DesktopVersions';
import { type DepartmentLoad, departmentLoad, forwardingOverdue, unassignedQueue } from './load';

interface SupervisorViewProps {
  user: SessionUser;
  /** The session for server calls («Рабочие места»: desktops by version and last sync). */
  tokens?: TokenSource;
  onBack: () => void;
  onOpenAppeal: (appealId: string) => void;
}

/** The reassignment list shows the most urgent appeals of its scope, this many at most. */
const listLimit = 500;

/** Department counts from index-served count queries, recounted after appeal changes (debounced) and as time passes. */
function useDepartmentLoad(departments: readonly Department[], now: number): DepartmentLoad[] {
  const db = useDatabase();
  const [load, setLoad] = useState<DepartmentLoad[]>([]);
  useEffect(() => {
    let current = true;
    const subscription = db.appeals.$.pipe(debounceTime(300), startWith(null)).subscribe(() => {
      void departmentLoad(db.appeals, departments, now).then(
        (rows) => current && setLoad(rows),
        (error: unknown) => console.warn('okno: supervisor counts', error),
      );
    });
    return () => {
      current = false;
      subscription.unsubscribe();
    };
  }, [db, departments, now]);
  return load;
}

/** «Просрочена переадресация» per department (key '' for the rest), recounted like the load. */
function useForwardingOverdue(
  departments: readonly Department[],
  org: OrgDeadlineSettings,
  now: number,
): Readonly<Record<string, number>> {
  const db = useDatabase();
  const [counts, setCounts] = useState<Readonly<Record<string, number>>>({});
  useEffect(() => {
    let current = true;
    const ids = departments.map((department) => department.id);
    const subscription = db.appeals.$.pipe(debounceTime(300), startWith(null)).subscribe(() => {
      void forwardingOverdue(db.appeals, ids, org, now).then(
        (next) => current && setCounts(next),
        (error: unknown) => console.warn('okno: supervisor forwarding counts', error),
      );
    });
    return () => {
      current = false;
      subscription.unsubscribe();
    };
  }, [db, departments, org, now]);
  return counts;
}

/** Which appeals the reassignment list shows: the unassigned queue, or one department's open appeals. */
type ListScope = { kind: 'unassigned' } | { kind: 'department'; departmentId: string };

/**
 * The supervisor's view of the organisation: load per department (live from the local database), the
 * unassigned queue, and reassignment of one or many appeals — local patches the sync pushes.
 */
export function SupervisorView({ user, tokens, onBack, onOpenAppeal }: SupervisorViewProps) {
  const { t } = useT();
  const { formatDate } = useFormatters();
  const db = useDatabase();
  const now = useNow(30_000);
  const clock = useDeadlineClock();
  const actor = actorOf(user);
  const { result: departmentDocs } = useRxQuery((db) => db.departments.find(), []);
  const departments = useMemo(
    () => (departmentDocs?.map((doc) => doc.toJSON()) ?? []) as Department[],
    [departmentDocs],
  );
  const counted = useDepartmentLoad(departments, now);
  const forwarding = useForwardingOverdue(departments, clock.engine, now);
  // Heads see (and sync) only their own departments: the other rows would read as empty, not as calm.
  const load = counted.filter(
    (row) => isOrganisationWide(user) || user.departmentIds.includes(row.departmentId),
  );
  const [scope, setScope] = useState<ListScope>({ kind: 'unassigned' });
  // The list reads only its own appeals (by index), never every open appeal of the organisation.
  const { result: listDocs } = useRxQuery(
    (db) =>
      db.appeals.find({
        selector:
          scope.kind === 'unassigned'
            ? { assigneeId: '', status: { $in: [...openStatuses] } }
            : { departmentId: scope.departmentId, status: { $in: [...openStatuses] } },
        sort: [{ dueAt: 'asc' }],
        limit: listLimit,
      }),
    [scope.kind === 'unassigned' ? '' : scope.departmentId],
  );
  const list = useMemo(
    () =>
      unassignedQueue((listDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], scope.kind === 'department'),
    [listDocs, scope.kind],
  );
  // Appeals of the list whose deadline was counted across a year with no production calendar.
  const calendarWarnings = useMemo(() => calendarWarningsByAppeal(list, clock.engine), [list, clock]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const [outcome, setOutcome] = useState<{
    moved: number;
    refused: { id: string; error: DomainError }[];
  } | null>(null);
  const departmentName = (id: string) =>
    departments.find((d) => d.id === id)?.name ?? t('supervisor.unrouted');
  const visibleSelected = list.filter((a) => selected.has(a.id));

  function toggle(id: string) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function reassign() {
    if (!actor || target === '') return;
    const refused: { id: string; error: DomainError }[] = [];
    let moved = 0;
    for (const appeal of visibleSelected) {
      const result = await performAction(db.appeals, appeal.id, 'reassign', actor, { departmentId: target });
      if (result.ok) moved += 1;
      else refused.push({ id: appeal.id, error: result.error });
    }
    setOutcome({ moved, refused });
    setSelected(new Set());
  }

  const scopeValue = scope.kind === 'unassigned' ? '' : scope.departmentId;
  return (
    <Stack component="main" spacing={2} sx={{ p: 3 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Tooltip title={t('supervisor.back')}>
          <IconButton aria-label={t('supervisor.back')} onClick={onBack}>
            <ArrowBackIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="h5" component="h1">
          {t('supervisor.title')}
        </Typography>
      </Stack>
      <Paper variant="outlined" component="section" aria-label={t('supervisor.load')}>
        <Table size="small" aria-label={t('supervisor.load')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('supervisor.columns.department')}</TableCell>
              <TableCell align="right">{t('supervisor.columns.open')}</TableCell>
              <TableCell align="right">{t('supervisor.columns.overdue')}</TableCell>
              <TableCell align="right">{t('supervisor.columns.dueSoon')}</TableCell>
              <TableCell align="right">{t('supervisor.columns.forwardingOverdue')}</TableCell>
              <TableCell align="right">{t('supervisor.columns.awaitingClosure')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {load.map((row) => (
              <TableRow
                key={row.departmentId}
                data-testid="department-load"
                data-department={row.departmentId}
              >
                <TableCell>
                  <Link
                    component="button"
                    onClick={() =>
                      setScope(
                        row.departmentId === ''
                          ? { kind: 'unassigned' }
                          : { kind: 'department', departmentId: row.departmentId },
                      )
                    }
                  >
                    {row.name ?? t('supervisor.unrouted')}
                  </Link>
                </TableCell>
                <TableCell align="right" data-testid="load-open">
                  {row.open}
                </TableCell>
                <TableCell
                  align="right"
                  data-testid="load-overdue"
                  sx={{ color: row.overdue > 0 ? 'error.main' : undefined }}
                >
                  {row.overdue}
                </TableCell>
                <TableCell align="right" data-testid="load-due-soon">
                  {row.dueSoon}
                </TableCell>
                <TableCell
                  align="right"
                  data-testid="load-forwarding-overdue"
                  sx={{ color: (forwarding[row.departmentId] ?? 0) > 0 ? 'error.main' : undefined }}
                >
                  {forwarding[row.departmentId] ?? 0}
                </TableCell>
                <TableCell align="right" data-testid="load-awaiting-closure">
                  {row.awaitingClosure}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper variant="outlined" component="section" aria-label={t('supervisor.queue')} sx={{ p: 2 }}>
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          sx={{ alignItems: { md: 'center' }, mb: 2 }}
        >
          <TextField
            select
            size="small"
            label={t('supervisor.list')}
            value={scopeValue}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            onChange={(event) => {
              setSelected(new Set());
              setScope(
                event.target.value === ''
                  ? { kind: 'unassigned' }
                  : { kind: 'department', departmentId: event.target.value },
              );
            }}
            sx={{ minWidth: 260 }}
          >
            <MenuItem value="">{t('supervisor.unassigned')}</MenuItem>
            {departments.map((department) => (
              <MenuItem key={department.id} value={department.id}>
                {t('supervisor.departmentAppeals', { name: department.name })}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={t('supervisor.target')}
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            sx={{ minWidth: 260 }}
          >
            {departments.map((department) => (
              <MenuItem key={department.id} value={department.id}>
                {department.name}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="contained"
            disabled={visibleSelected.length === 0 || target === '' || !actor}
            onClick={() => void reassign()}
          >
            {t('supervisor.reassign', { count: visibleSelected.length })}
          </Button>
        </Stack>
        {outcome && (
          <Alert
            severity={outcome.refused.length > 0 ? 'warning' : 'success'}
            onClose={() => setOutcome(null)}
            sx={{ mb: 2 }}
          >
            {t('supervisor.moved', { count: outcome.moved })}
            {outcome.refused.map((entry) => (
              <div key={entry.id}>{errorText(t, entry.error)}</div>
            ))}
          </Alert>
        )}
        <CalendarWarningSummary warned={calendarWarnings} />
        {list.length === 0 ? (
          <Typography variant="body2">{t('supervisor.empty')}</Typography>
        ) : (
          <Table size="small" aria-label={t('supervisor.queue')}>
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={visibleSelected.length === list.length}
                    indeterminate={visibleSelected.length > 0 && visibleSelected.length < list.length}
                    onChange={(event) =>
                      setSelected(new Set(event.target.checked ? list.map((a) => a.id) : []))
                    }
                    slotProps={{ input: { 'aria-label': t('supervisor.selectAll') } }}
                  />
                </TableCell>
                <TableCell>{t('supervisor.columns.number')}</TableCell>
                <TableCell>{t('supervisor.columns.subject')}</TableCell>
                <TableCell>{t('supervisor.columns.department')}</TableCell>
                <TableCell>{t('supervisor.columns.status')}</TableCell>
                <TableCell>{t('supervisor.columns.due')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((appeal) => (
                <TableRow
                  key={appeal.id}
                  data-testid="queue-row"
                  data-appeal={appeal.id}
                  selected={selected.has(appeal.id)}
                >
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.has(appeal.id)}
                      onChange={() => toggle(appeal.id)}
                      slotProps={{
                        input: { 'aria-label': t('supervisor.select', { subject: appeal.subject }) },
                      }}
                    />
                  </TableCell>
                  <TableCell>{appealReference(t, appeal, formatDate)}</TableCell>
                  <TableCell>
                    <Link component="button" onClick={() => onOpenAppeal(appeal.id)}>
                      {appeal.subject}
                    </Link>
                  </TableCell>
                  <TableCell data-testid="queue-department">{departmentName(appeal.departmentId)}</TableCell>
                  <TableCell>{t(labelKey.status(appeal.status))}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                      <TimeLeftBadge left={timeLeft(appeal, now, clock)} />
                      <ForwardingBadge clock={forwardingDue(appeal, now, clock)} />
                      <CalendarWarningMark warnings={calendarWarnings.get(appeal.id)} />
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      {tokens && (user.role === 'supervisor' || user.role === 'admin') && <DesktopVersions tokens={tokens} />}
    </Stack>
  );
}
