import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../shared/model/roles';
import type { ActiveSession, AdminDepartment, AdminUser } from '../../api/admin';
import type { ApiFailure, TokenSource } from '../../api/client';
import { useFormatters } from '../../app/format';
import { roleLabel } from '../../app/role-label';
import { AdminFailure } from './AdminFailure';
import { failureText, useAdminApi } from './admin-common';

type Dialogs =
  | { kind: 'create' }
  | { kind: 'edit'; user: AdminUser }
  | { kind: 'password'; login: string; password: string; temporary?: boolean }
  | { kind: 'confirm-reset'; user: AdminUser }
  | { kind: 'confirm-disable'; user: AdminUser }
  | { kind: 'sessions'; user: AdminUser };

/** «Сотрудники»: the organisation's staff; add, edit, disable, reset a password, end sessions. */
export function StaffTab({ tokens, selfId }: { tokens: TokenSource; selfId: string }) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const api = useAdminApi(tokens);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialogs | null>(null);

  const load = useCallback(async () => {
    const [staff, units] = await Promise.all([api.users(), api.departments()]);
    if (!staff.ok) return setFailure(staff.error);
    if (!units.ok) return setFailure(units.error);
    setFailure(null);
    setUsers(staff.value);
    setDepartments(units.value);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const codeOf = (id: string) => departments.find((d) => d.id === id)?.code ?? id;
  const done = async (text: string) => {
    setDialog(null);
    setNotice(text);
    await load();
  };
  const setDisabled = async (user: AdminUser, disabled: boolean) => {
    const result = await api.updateUser(user.id, { disabled });
    if (!result.ok) return setFailure(result.error);
    await done(t('staff.saved'));
  };
  const reset = async (user: AdminUser) => {
    const result = await api.resetPassword(user.id);
    if (!result.ok) {
      setDialog(null);
      return setFailure(result.error);
    }
    setDialog({ kind: 'password', login: user.login, password: result.value, temporary: true });
    await load();
  };

  return (
    <Stack spacing={2}>
      {failure && <AdminFailure failure={failure} onReload={() => void load()} />}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Stack direction="row">
        <Button
          variant="contained"
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'create' });
          }}
          data-testid="staff-add"
        >
          {t('staff.add')}
        </Button>
      </Stack>
      {users === null ? (
        failure === null && <Typography color="text.secondary">{t('loading')}</Typography>
      ) : users.length === 0 ? (
        <Alert severity="info">{t('staff.empty')}</Alert>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label={t('tabs.staff')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('staff.columns.name')}</TableCell>
                <TableCell>{t('staff.columns.login')}</TableCell>
                <TableCell>{t('staff.columns.role')}</TableCell>
                <TableCell>{t('staff.columns.departments')}</TableCell>
                <TableCell>{t('staff.columns.state')}</TableCell>
                <TableCell>{t('staff.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((user) => (
                <TableRow key={user.id} data-testid="staff-row" data-login={user.login}>
                  <TableCell>
                    <Typography variant="body2">{user.displayName}</Typography>
                    {user.position && (
                      <Typography variant="caption" color="text.secondary">
                        {user.position}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{user.login}</TableCell>
                  <TableCell>{roleLabel(tApp, user.role)}</TableCell>
                  <TableCell>
                    {user.departmentIds.length === 0
                      ? t('staff.noDepartments')
                      : user.departmentIds.map(codeOf).join(', ')}
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <Chip
                        size="small"
                        color={user.disabled ? 'default' : 'success'}
                        label={user.disabled ? t('staff.disabled') : t('staff.active')}
                      />
                      {user.activeSessions > 0 && (
                        <Typography variant="caption">
                          {t('staff.sessions', { count: user.activeSessions })}
                        </Typography>
                      )}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                      <Button size="small" onClick={() => setDialog({ kind: 'edit', user })}>
                        {t('staff.edit')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'sessions', user })}>
                        {t('staff.showSessions')}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'confirm-reset', user })}>
                        {t('staff.resetPassword')}
                      </Button>
                      {user.id !== selfId &&
                        (user.disabled ? (
                          <Button size="small" onClick={() => void setDisabled(user, false)}>
                            {t('staff.enable')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            color="warning"
                            onClick={() => setDialog({ kind: 'confirm-disable', user })}
                          >
                            {t('staff.disable')}
                          </Button>
                        ))}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserDialog
          tokens={tokens}
          user={dialog.kind === 'edit' ? dialog.user : null}
          departments={departments}
          onClose={() => setDialog(null)}
          onCreated={(login, password) => {
            if (!password) return void done(t('staff.created', { login }));
            setDialog({ kind: 'password', login, password });
            void load();
          }}
          onSaved={() => void done(t('staff.saved'))}
        />
      )}
      {dialog?.kind === 'password' && (
        <Dialog open onClose={() => setDialog(null)} aria-labelledby="admin-password-title">
          <DialogTitle id="admin-password-title">
            {t('staff.passwordTitle', { login: dialog.login })}
          </DialogTitle>
          <DialogContent>
            <DialogContentText>{t('staff.passwordOnce')}</DialogContentText>
            {dialog.temporary && (
              <DialogContentText sx={{ mt: 1 }}>{t('staff.passwordTemporary')}</DialogContentText>
            )}
            <Typography
              data-testid="admin-password"
              sx={{ mt: 2, fontFamily: 'monospace', fontSize: 20, userSelect: 'all' }}
            >
              {dialog.password}
            </Typography>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDialog(null)}>{t('close')}</Button>
          </DialogActions>
        </Dialog>
      )}
      {(dialog?.kind === 'confirm-reset' || dialog?.kind === 'confirm-disable') && (
        <Dialog open onClose={() => setDialog(null)}>
          <DialogContent>
            <DialogContentText>
              {dialog.kind === 'confirm-reset'
                ? t('staff.resetConfirm', { login: dialog.user.login })
                : t('staff.disableConfirm', { login: dialog.user.login })}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDialog(null)}>{t('cancel')}</Button>
            <Button
              color="warning"
              data-testid="admin-confirm"
              onClick={() =>
                void (dialog.kind === 'confirm-reset'
                  ? reset(dialog.user)
                  : setDisabled(dialog.user, true).then(() => setDialog(null)))
              }
            >
              {dialog.kind === 'confirm-reset' ? t('staff.resetPassword') : t('staff.disable')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {dialog?.kind === 'sessions' && (
        <SessionsDialog
          tokens={tokens}
          user={dialog.user}
          onClose={() => {
            setDialog(null);
            void load();
          }}
        />
      )}
    </Stack>
  );
}

function UserDialog(props: {
  tokens: TokenSource;
  user: AdminUser | null;
  departments: readonly AdminDepartment[];
  onClose: () => void;
  onCreated: (login: string, password: string | null) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const api = useAdminApi(props.tokens);
  const editing = props.user;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [position, setPosition] = useState(editing?.position ?? '');
  const [phone, setPhone] = useState(editing?.phone ?? '');
  const [role, setRole] = useState(editing?.role ?? 'operator');
  const [departmentIds, setDepartmentIds] = useState<readonly string[]>(editing?.departmentIds ?? []);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  // A disabled department is offered only to whoever already belongs to it.
  const offered = props.departments.filter((d) => !d.disabled || departmentIds.includes(d.id));

  const submit = async () => {
    setBusy(true);
    const card = { displayName, position, phone, role, departmentIds };
    if (editing) {
      const result = await api.updateUser(editing.id, card);
      setBusy(false);
      if (!result.ok) return setFailure(result.error);
      return props.onSaved();
    }
    const result = await api.createUser({ ...card, login, password });
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    props.onCreated(result.value.user.login, result.value.password);
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="admin-user-title">
      <DialogTitle id="admin-user-title">
        {editing ? t('staff.editTitle', { name: editing.displayName }) : t('staff.createTitle')}
      </DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id="admin-user-form"
          spacing={2}
          sx={{ pt: 1 }}
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {failure && (
            <Alert severity="error" data-testid="admin-dialog-failure">
              {failureText(t, failure)}
            </Alert>
          )}
          {!editing && (
            <TextField
              label={t('staff.fields.login')}
              helperText={t('staff.fields.loginHint')}
              value={login}
              onChange={(event) => setLogin(event.target.value)}
              required
              autoFocus
              slotProps={{ htmlInput: { 'data-testid': 'staff-field-login', autoComplete: 'off' } }}
            />
          )}
          <TextField
            label={t('staff.fields.displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            required
            slotProps={{ htmlInput: { 'data-testid': 'staff-field-name' } }}
          />
          <TextField
            label={t('staff.fields.position')}
            value={position}
            onChange={(event) => setPosition(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'staff-field-position' } }}
          />
          <TextField
            label={t('staff.fields.phone')}
            helperText={t('staff.fields.phoneHint')}
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'staff-field-phone' } }}
          />
          <TextField
            select
            label={t('staff.fields.role')}
            value={role}
            onChange={(event) => setRole(event.target.value)}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'staff-field-role' } as object } }}
          >
            {roles.map((candidate) => (
              <MenuItem key={candidate} value={candidate} data-testid={`staff-field-role-${candidate}`}>
                {roleLabel(tApp, candidate)}
              </MenuItem>
            ))}
          </TextField>
          <FormControl component="fieldset">
            <FormLabel component="legend">{t('staff.fields.departments')}</FormLabel>
            <FormGroup row>
              {offered.map((department) => (
                <FormControlLabel
                  key={department.id}
                  label={`${department.code} — ${department.name}`}
                  control={
                    <Checkbox
                      checked={departmentIds.includes(department.id)}
                      onChange={(event) =>
                        setDepartmentIds((ids) =>
                          event.target.checked
                            ? [...ids, department.id]
                            : ids.filter((id) => id !== department.id),
                        )
                      }
                      slotProps={{ input: { 'aria-label': department.code } }}
                      data-testid={`staff-field-department-${department.code}`}
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>{t('staff.fields.departmentsHint')}</FormHelperText>
          </FormControl>
          {!editing && (
            <TextField
              label={t('staff.fields.password')}
              helperText={t('staff.fields.passwordHint')}
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              slotProps={{
                htmlInput: { 'data-testid': 'staff-field-password', autoComplete: 'new-password' },
              }}
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button
          type="submit"
          form="admin-user-form"
          variant="contained"
          disabled={busy}
          data-testid="staff-field-save"
        >
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function SessionsDialog(props: { tokens: TokenSource; user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { formatDate } = useFormatters();
  const api = useAdminApi(props.tokens);
  const [sessions, setSessions] = useState<ActiveSession[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { id } = props.user;
  const load = useCallback(async () => {
    const result = await api.sessions(id);
    if (!result.ok) return setFailure(result.error);
    setSessions(result.value);
  }, [api, id]);
  useEffect(() => {
    void load();
  }, [load]);
  const end = async (sessionId?: string) => {
    const result = await api.endSessions(id, sessionId);
    if (!result.ok) return setFailure(result.error);
    setNotice(t('staff.ended', { count: result.value }));
    await load();
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>{t('staff.sessionsTitle', { login: props.user.login })}</DialogTitle>
      <DialogContent>
        {failure && <Alert severity="error">{failureText(t, failure)}</Alert>}
        {notice && <Alert severity="success">{notice}</Alert>}
        {sessions !== null && sessions.length === 0 && (
          <Typography color="text.secondary">{t('staff.noSessions')}</Typography>
        )}
        <List dense>
          {(sessions ?? []).map((session) => (
            <ListItem
              key={session.id}
              data-testid="admin-session"
              secondaryAction={
                <Button size="small" onClick={() => void end(session.id)}>
                  {t('staff.endSession')}
                </Button>
              }
            >
              <ListItemText
                primary={
                  session.deviceId
                    ? t('staff.device', { device: session.deviceId })
                    : t('staff.unknownDevice')
                }
                secondary={t('staff.sessionLine', {
                  created: formatDate(session.createdAt),
                  used: formatDate(session.lastUsedAt),
                })}
              />
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        {(sessions ?? []).length > 0 && (
          <Button color="warning" onClick={() => void end()}>
            {t('staff.endAll')}
          </Button>
        )}
        <Button onClick={props.onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
