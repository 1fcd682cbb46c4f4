import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import ru from '../../../shared/i18n/ru/admin';
import {
  type AdminChannel,
  type AdminDepartment,
  type ChannelCheck,
  type ChannelNetwork,
  channelNetworks,
} from '../../api/admin';
import type { ApiFailure, TokenSource } from '../../api/client';
import { AdminFailure } from './AdminFailure';
import { failureText, useAdminApi } from './admin-common';

type CheckCode = keyof (typeof ru)['channels']['check'];
const isCheckCode = (code: string): code is CheckCode => Object.hasOwn(ru.channels.check, code);

/**
 * «Каналы»: the organisation's bots, communities, groups, mailboxes and portal sources; add, change
 * (the token is write-only: empty keeps it), disable, enable, and «Проверить подключение».
 */
export function ChannelsTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('comments');
  const api = useAdminApi(tokens);
  const [channels, setChannels] = useState<AdminChannel[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminChannel | 'new' | null>(null);
  const [checks, setChecks] = useState<Record<string, ChannelCheck | 'running'>>({});

  const load = useCallback(async () => {
    const result = await api.channels();
    if (!result.ok) return setFailure(result.error);
    setChannels(result.value);
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const setEnabled = async (channel: AdminChannel, enabled: boolean) => {
    const result = await api.updateChannel(channel.id, { enabled });
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    await load();
  };

  const check = async (channel: AdminChannel) => {
    setChecks((all) => ({ ...all, [channel.id]: 'running' }));
    const result = await api.checkChannel(channel.id);
    if (!result.ok) {
      setChecks(({ [channel.id]: _dropped, ...rest }) => rest);
      return setFailure(result.error);
    }
    setChecks((all) => ({ ...all, [channel.id]: result.value }));
  };

  const checkText = (result: ChannelCheck) => {
    const main = isCheckCode(result.code)
      ? t(`channels.check.${result.code}`, { name: result.name })
      : t('channels.check.network_error');
    return result.ok || !result.detail ? main : `${main} ${t('channels.detail', { detail: result.detail })}`;
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
        <Button variant="contained" onClick={() => setEditing('new')} data-testid="channel-add">
          {t('channels.add')}
        </Button>
      </Stack>
      {channels === null ? (
        failure === null && <Typography color="text.secondary">{t('loading')}</Typography>
      ) : channels.length === 0 ? (
        <Alert severity="info">{t('channels.empty')}</Alert>
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label={t('tabs.channels')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('channels.columns.network')}</TableCell>
                <TableCell>{t('channels.columns.account')}</TableCell>
                <TableCell>{t('channels.columns.title')}</TableCell>
                <TableCell>{t('channels.columns.mode')}</TableCell>
                <TableCell>{t('channels.columns.token')}</TableCell>
                <TableCell>{t('channels.columns.state')}</TableCell>
                <TableCell>{t('channels.columns.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {channels.map((channel) => {
                const result = checks[channel.id];
                return (
                  <TableRow key={channel.id} data-testid="channel-row" data-account={channel.accountId}>
                    <TableCell>{t(`channels.networks.${channel.network}`)}</TableCell>
                    <TableCell>{channel.accountId}</TableCell>
                    <TableCell>{channel.title}</TableCell>
                    <TableCell>{t(`channels.modes.${channel.mode}`)}</TableCell>
                    <TableCell>
                      {channel.hasToken ? t('channels.tokenSet') : t('channels.tokenMissing')}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={channel.enabled ? 'success' : 'default'}
                        label={channel.enabled ? t('channels.active') : t('channels.disabled')}
                      />
                    </TableCell>
                    <TableCell>
                      <Stack spacing={1}>
                        <Stack direction="row">
                          <Button size="small" onClick={() => setEditing(channel)}>
                            {t('channels.edit')}
                          </Button>
                          <Button
                            size="small"
                            color={channel.enabled ? 'warning' : 'primary'}
                            onClick={() => void setEnabled(channel, !channel.enabled)}
                          >
                            {channel.enabled ? t('channels.disable') : t('channels.enable')}
                          </Button>
                          <Button
                            size="small"
                            disabled={result === 'running'}
                            onClick={() => void check(channel)}
                            data-testid="channel-check"
                          >
                            {t('channels.checkButton')}
                          </Button>
                        </Stack>
                        {channel.commentsError && (
                          <Alert severity="error" data-testid="channel-comments-error">
                            {tc('channel.error', { error: channel.commentsError })}
                          </Alert>
                        )}
                        {!channel.commentsError && channel.commentsPolledAt && (
                          <Typography
                            variant="body2"
                            color="text.secondary"
                            data-testid="channel-comments-polled"
                          >
                            {tc('channel.polledAt', {
                              at: new Date(channel.commentsPolledAt).toLocaleString(),
                            })}
                          </Typography>
                        )}
                        {result === 'running' && (
                          <Typography variant="body2" color="text.secondary">
                            {t('channels.checking')}
                          </Typography>
                        )}
                        {result !== undefined && result !== 'running' && (
                          <Alert
                            severity={result.ok ? 'success' : 'error'}
                            data-testid="channel-check-result"
                            data-code={result.code}
                          >
                            {checkText(result)}
                          </Alert>
                        )}
                      </Stack>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Paper>
      )}
      {editing !== null && (
        <ChannelDialog
          tokens={tokens}
          channel={editing === 'new' ? null : editing}
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

function ChannelDialog(props: {
  tokens: TokenSource;
  channel: AdminChannel | null;
  onClose: () => void;
  onSaved: (notice: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('comments');
  const api = useAdminApi(props.tokens);
  const existing = props.channel;
  const [network, setNetwork] = useState<ChannelNetwork>('telegram');
  const [accountId, setAccountId] = useState('');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [mode, setMode] = useState<'webhook' | 'polling'>(existing?.mode ?? 'webhook');
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [imapHost, setImapHost] = useState(existing?.imap?.host ?? '');
  const [imapPort, setImapPort] = useState(String(existing?.imap?.port || 993));
  const [imapTls, setImapTls] = useState(existing?.imap?.tls ?? true);
  const [imapUser, setImapUser] = useState(existing?.imap?.user ?? '');
  const [imapPassword, setImapPassword] = useState('');
  const [restKey, setRestKey] = useState('');
  const [restSecret, setRestSecret] = useState('');
  const [restToken, setRestToken] = useState('');
  const [defaultDepartmentId, setDefaultDepartmentId] = useState(existing?.defaultDepartmentId ?? '');
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  useEffect(() => {
    void api.departments().then((result) => {
      if (result.ok) setDepartments(result.value);
    });
  }, [api]);
  const isMailbox = (existing?.network ?? network) === 'email';
  const isOk = (existing?.network ?? network) === 'ok';
  const restChanged = isOk && Boolean(restKey || restSecret || restToken);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const submit = async () => {
    // Empty fields keep what is stored: the token is never shown, the API address is the network's.
    const card = {
      title,
      mode,
      ...(apiBaseUrl.trim() ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
      ...(token ? { token } : {}),
      ...(defaultDepartmentId ? { defaultDepartmentId } : {}),
      ...(isMailbox && imapHost.trim()
        ? {
            settings: {
              imap: {
                host: imapHost.trim(),
                port: Number(imapPort) || 993,
                tls: imapTls,
                user: imapUser.trim(),
                password: imapPassword,
              },
            },
          }
        : {}),
      // OK's REST keys for the comment poller: an empty field keeps the stored one (issue 13).
      ...(restChanged
        ? {
            settings: {
              rest: {
                applicationKey: restKey.trim(),
                applicationSecretKey: restSecret.trim(),
                accessToken: restToken.trim(),
              },
            },
          }
        : {}),
    };
    if (existing) {
      const result = await api.updateChannel(existing.id, card);
      return result.ok ? props.onSaved(t('channels.saved')) : setFailure(result.error);
    }
    const result = await api.createChannel({ ...card, network, accountId: accountId.trim() });
    return result.ok
      ? props.onSaved(t('channels.created', { account: result.value.accountId }))
      : setFailure(result.error);
  };
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby="admin-channel-title">
      <DialogTitle id="admin-channel-title">
        {existing ? t('channels.editTitle', { account: existing.accountId }) : t('channels.createTitle')}
      </DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id="admin-channel-form"
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
            <>
              <TextField
                select
                label={t('channels.fields.network')}
                value={network}
                onChange={(event) => setNetwork(event.target.value as ChannelNetwork)}
                slotProps={{ htmlInput: { 'data-testid': 'channel-network' } }}
              >
                {channelNetworks.map((candidate) => (
                  <MenuItem key={candidate} value={candidate}>
                    {t(`channels.networks.${candidate}`)}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('channels.fields.accountId')}
                helperText={t('channels.fields.accountIdHint')}
                value={accountId}
                onChange={(event) => setAccountId(event.target.value)}
                required
                slotProps={{ htmlInput: { 'data-testid': 'channel-account' } }}
              />
            </>
          )}
          <TextField
            label={t('channels.fields.title')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'channel-title' } }}
          />
          <TextField
            select
            label={t('channels.fields.mode')}
            value={mode}
            onChange={(event) => setMode(event.target.value === 'polling' ? 'polling' : 'webhook')}
          >
            <MenuItem value="webhook">{t('channels.modes.webhook')}</MenuItem>
            <MenuItem value="polling">{t('channels.modes.polling')}</MenuItem>
          </TextField>
          <TextField
            select
            label={t('channels.fields.defaultDepartment')}
            helperText={t('channels.fields.defaultDepartmentHint')}
            value={defaultDepartmentId}
            onChange={(event) => setDefaultDepartmentId(event.target.value)}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'channel-department' } as object } }}
          >
            <MenuItem value="">{t('channels.fields.noDepartment')}</MenuItem>
            {departments
              .filter((d) => !d.disabled || d.id === defaultDepartmentId)
              .map((d) => (
                <MenuItem key={d.id} value={d.id}>
                  {d.code} — {d.name}
                </MenuItem>
              ))}
          </TextField>
          <TextField
            label={t('channels.fields.apiBaseUrl')}
            helperText={existing ? existing.apiBaseUrl : t('channels.fields.apiBaseUrlHint')}
            value={apiBaseUrl}
            onChange={(event) => setApiBaseUrl(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'channel-api-url' } }}
          />
          {isMailbox && (
            <>
              <TextField
                label={t('channels.fields.imapHost')}
                value={imapHost}
                onChange={(event) => setImapHost(event.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'channel-imap-host' } }}
              />
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <TextField
                  label={t('channels.fields.imapPort')}
                  value={imapPort}
                  onChange={(event) => setImapPort(event.target.value.replace(/\D/g, ''))}
                  slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'channel-imap-port' } }}
                />
                <FormControlLabel
                  control={
                    <Switch checked={imapTls} onChange={(event) => setImapTls(event.target.checked)} />
                  }
                  label={t('channels.fields.imapTls')}
                />
              </Stack>
              <TextField
                label={t('channels.fields.imapUser')}
                value={imapUser}
                onChange={(event) => setImapUser(event.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'channel-imap-user' } }}
              />
              <TextField
                label={t('channels.fields.imapPassword')}
                type="password"
                autoComplete="new-password"
                helperText={
                  existing?.imap?.hasPassword
                    ? t('channels.fields.tokenKeepHint')
                    : t('channels.fields.tokenHint')
                }
                value={imapPassword}
                onChange={(event) => setImapPassword(event.target.value)}
                slotProps={{ htmlInput: { 'data-testid': 'channel-imap-password' } }}
              />
            </>
          )}
          {isOk && (
            <>
              <Typography variant="subtitle2">{tc('channel.restTitle')}</Typography>
              <Typography variant="body2" color="text.secondary">
                {tc('channel.restHint')}
              </Typography>
              {(
                [
                  ['applicationKey', restKey, setRestKey, existing?.okRest?.hasApplicationKey],
                  [
                    'applicationSecretKey',
                    restSecret,
                    setRestSecret,
                    existing?.okRest?.hasApplicationSecretKey,
                  ],
                  ['accessToken', restToken, setRestToken, existing?.okRest?.hasAccessToken],
                ] as const
              ).map(([field, value, setValue, stored]) => (
                <TextField
                  key={field}
                  label={tc(`channel.${field}`)}
                  type="password"
                  autoComplete="new-password"
                  helperText={stored ? tc('channel.keep') : tc('channel.missing')}
                  value={value}
                  onChange={(event) => setValue(event.target.value)}
                  slotProps={{ htmlInput: { 'data-testid': `channel-ok-${field}` } }}
                />
              ))}
            </>
          )}
          <TextField
            label={t('channels.fields.token')}
            type="password"
            autoComplete="new-password"
            helperText={
              existing?.hasToken ? t('channels.fields.tokenKeepHint') : t('channels.fields.tokenHint')
            }
            value={token}
            onChange={(event) => setToken(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'channel-token' } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button type="submit" form="admin-channel-form" variant="contained" data-testid="channel-save">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
