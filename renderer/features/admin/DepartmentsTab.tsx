import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
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
import type { AdminDepartment } from '../../api/admin';
import type { ApiFailure, TokenSource } from '../../api/client';
import { AdminFailure } from './AdminFailure';
import { failureText, useAdminApi } from './admin-common';

/** «Отделы»: add, rename, disable (refused while it has open appeals) and enable departments. */
export function DepartmentsTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('admin');
  const api = useAdminApi(tokens);
  const [departments, setDepartments] = useState<AdminDepartment[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminDepartment | 'new' | null>(null);

  const load = useCallback(async () => {
    const result = await api.departments();
    if (!result.ok) return setFailure(result.error);
    setDepartments(result.value);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const setDisabled = async (department: AdminDepartment, disabled: boolean) => {
    const result = await api.updateDepartment(department.id, { disabled });
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    await load();
  };

  return (
    <Stack spacing={2}>
      {failure && (
        <AdminFailure failure={failure} onReload={() => void load()} onClose={() => setFailure(null)} />
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Stack direction="row">
        <Button variant="contained" onClick={() => setEditing('new')} data-testid="department-add">
          {t('departments.add')}
        </Button>
      </Stack>
      {departments === null ? (
        failure === null && <Typography color="text.secondary">{t('loading')}</Typography>
      ) : departments.length === 0 ? (
        <Alert severity="info">{t('departments.empty')}</Alert>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label={t('tabs.departments')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('departments.columns.code')}</TableCell>
                <TableCell>{t('departments.columns.name')}</TableCell>
                <TableCell align="right">{t('departments.columns.staff')}</TableCell>
                <TableCell align="right">{t('departments.columns.openAppeals')}</TableCell>
                <TableCell>{t('departments.columns.state')}</TableCell>
                <TableCell>{t('departments.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {departments.map((department) => (
                <TableRow key={department.id} data-testid="department-row" data-code={department.code}>
                  <TableCell>{department.code}</TableCell>
                  <TableCell>{department.name}</TableCell>
                  <TableCell align="right">{department.staff}</TableCell>
                  <TableCell align="right">{department.openAppeals}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={department.disabled ? 'default' : 'success'}
                      label={department.disabled ? t('departments.disabled') : t('departments.active')}
                    />
                  </TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => setEditing(department)}>
                      {t('departments.rename')}
                    </Button>
                    <Button
                      size="small"
                      color={department.disabled ? 'primary' : 'warning'}
                      onClick={() => void setDisabled(department, !department.disabled)}
                    >
                      {department.disabled ? t('departments.enable') : t('departments.disable')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
      {editing !== null && (
        <DepartmentDialog
          tokens={tokens}
          department={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setNotice(text);
            void load();
          }}
        />
      )}
    </Stack>
  );
}

function DepartmentDialog(props: {
  tokens: TokenSource;
  department: AdminDepartment | null;
  onClose: () => void;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation('admin');
  const api = useAdminApi(props.tokens);
  const existing = props.department;
  const [code, setCode] = useState('');
  const [name, setName] = useState(existing?.name ?? '');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const submit = async () => {
    if (existing) {
      const result = await api.updateDepartment(existing.id, { name });
      return result.ok ? props.onSaved(t('staff.saved')) : setFailure(result.error);
    }
    const result = await api.createDepartment(code, name);
    return result.ok
      ? props.onSaved(t('departments.created', { code: result.value.code }))
      : setFailure(result.error);
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="xs" aria-labelledby="admin-department-title">
      <DialogTitle id="admin-department-title">
        {existing ? t('departments.renameTitle', { code: existing.code }) : t('departments.createTitle')}
      </DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id="admin-department-form"
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
          {!existing && (
            <TextField
              label={t('departments.fields.code')}
              helperText={t('departments.fields.codeHint')}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              required
              autoFocus
              slotProps={{ htmlInput: { 'data-testid': 'department-code' } }}
            />
          )}
          <TextField
            label={t('departments.fields.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            slotProps={{ htmlInput: { 'data-testid': 'department-name' } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button type="submit" form="admin-department-form" variant="contained" data-testid="department-save">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
