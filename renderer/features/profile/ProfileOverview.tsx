import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, Session } from '../../api/client';
import { roleLabel } from '../../app/role-label';
import { useServices } from '../../app/services';
import { FactList } from './FactList';

type ProfileState = { status: 'loading' } | { status: 'loaded'; profile: Profile } | { status: 'failed' };

/** The signed-in user as the server knows them (`GET /api/v1/me`): name, role, organisation, departments. */
export function ProfileOverview({
  session,
  serverAddress,
}: {
  session: Session;
  /** The server this desktop talks to (shared/bridge/okno-bridge.ts, ServerAddressState). */
  serverAddress: string | null;
}) {
  const { t } = useTranslation();
  const { t: setupT } = useTranslation('setup');
  const { api } = useServices();
  const [state, setState] = useState<ProfileState>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await api.me(session.accessToken);
    setState(result.ok ? { status: 'loaded', profile: result.value } : { status: 'failed' });
  }, [api, session.accessToken]);

  useEffect(() => {
    void load();
  }, [load]);

  const user = state.status === 'loaded' ? state.profile.user : session.user;
  const organisation = state.status === 'loaded' ? state.profile.organisation : null;
  const facts: [string, string][] = [
    [t('profile.fullName'), user.fullName],
    [t('profile.login'), user.login],
    [t('profile.role'), roleLabel(t, user.role)],
    ...(organisation ? [[t('profile.organisation'), organisation] as [string, string]] : []),
    ...(serverAddress ? [[setupT('profile.server'), serverAddress] as [string, string]] : []),
  ];

  return (
    <Paper
      component="section"
      aria-labelledby="profile-title"
      sx={{ p: 3, maxWidth: 720 }}
      data-testid="profile"
    >
      <Typography id="profile-title" variant="h6" component="h2" gutterBottom>
        {t('profile.title')}
      </Typography>
      <FactList facts={facts} />
      <Typography variant="subtitle1" component="h3" sx={{ mt: 3 }}>
        {t('profile.departments')}
      </Typography>
      {state.status === 'loading' && <CircularProgress size={24} aria-label={t('loading')} />}
      {state.status === 'failed' && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" onClick={() => void load()}>
              {t('profile.retry')}
            </Button>
          }
        >
          {t('profile.loadFailed')}
        </Alert>
      )}
      {state.status === 'loaded' && <DepartmentList profile={state.profile} />}
    </Paper>
  );
}

function DepartmentList({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { departments, user } = profile;
  if (user.departmentIds.length === 0) {
    return <Typography color="text.secondary">{t('profile.noDepartments')}</Typography>;
  }
  if (!departments || departments.length === 0) {
    return (
      <Typography color="text.secondary">
        {t('profile.departmentsPending', { count: user.departmentIds.length })}
      </Typography>
    );
  }
  return (
    <List dense aria-label={t('profile.departments')}>
      {departments.map((department) => (
        <ListItem key={department.id} disableGutters>
          <ListItemText primary={department.name} />
        </ListItem>
      ))}
    </List>
  );
}
