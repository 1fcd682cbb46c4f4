import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
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
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import ru from '../../../shared/i18n/ru/updates';
import type { AdminDepartment } from '../../api/admin';
import type { ApiFailure, ApiResult, TokenSource } from '../../api/client';
import { type DesktopRelease, type RolloutChange, releasesApi, releaseUpload } from '../../api/updates';
import { useFormatters } from '../../app/format';
import { useServices } from '../../app/services';
import { useAdminApi } from './admin-common';

type ErrorCode = keyof (typeof ru)['releases']['errors'];
const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ru.releases.errors, code);

/** The form's rollout: a whole percentage and department codes (empty: no department first). */
function rolloutOf(percent: string, departments: string): RolloutChange {
  const codes = departments
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  return { rolloutPercent: Number(percent), rolloutDepartments: codes };
}

/**
 * «Обновления»: the desktop app's releases on the organisation's server (server/src/updates,
 * docs/RELEASES.md) — upload the release folder (checked against latest*.yml by the server), change
 * who is offered a release, withdraw one. The CLI's `release-*` commands do the same.
 */
export function ReleasesTab({ tokens }: { tokens: TokenSource }) {
  const { t } = useTranslation('updates');
  const { api } = useServices();
  const { formatDate } = useFormatters();
  const admin = useAdminApi(tokens);
  const releases = useMemo(() => releasesApi(api.authorised(tokens), releaseUpload(tokens)), [api, tokens]);
  const [list, setList] = useState<DesktopRelease[] | null>(null);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [percent, setPercent] = useState('100');
  const [firstDepartments, setFirstDepartments] = useState('');
  const [busy, setBusy] = useState(false);
  const [changing, setChanging] = useState<DesktopRelease | null>(null);
  const [withdrawing, setWithdrawing] = useState<DesktopRelease | null>(null);

  const load = useCallback(async () => {
    const [result, known] = await Promise.all([releases.list(), admin.departments()]);
    if (!result.ok) return setFailure(result.error);
    setList(result.value);
    if (known.ok) setDepartments(known.value);
  }, [releases, admin]);
  useEffect(() => {
    void load();
  }, [load]);

  const failureText = (error: ApiFailure) => {
    if (error.kind === 'network') return t('releases.errors.offline');
    if (error.kind === 'server' && error.status === 403) return t('releases.errors.forbidden');
    if (error.kind === 'server' && error.code && isErrorCode(error.code))
      return t(`releases.errors.${error.code}`);
    return t('releases.errors.unknown');
  };
  const code = (id: string) => departments.find((d) => d.id === id)?.code ?? id;
  const rolloutText = (release: DesktopRelease) => {
    if (release.withdrawnAt !== null) return t('releases.withdrawn');
    const rollout =
      release.rolloutPercent >= 100
        ? t('releases.everyone')
        : t('releases.partial', { percent: release.rolloutPercent });
    return release.rolloutDepartmentIds.length > 0 && release.rolloutPercent < 100
      ? t('releases.withDepartments', {
          rollout,
          departments: release.rolloutDepartmentIds.map(code).join(', '),
        })
      : rollout;
  };
  const done = async (result: ApiResult<DesktopRelease>, notice: (release: DesktopRelease) => string) => {
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setNotice(notice(result.value));
    await load();
  };

  const upload = async () => {
    setBusy(true);
    setNotice(null);
    const result = await releases.publish(files, rolloutOf(percent, firstDepartments));
    setBusy(false);
    if (result.ok) setFiles([]);
    await done(result, (release) => t('releases.uploaded', { version: release.version }));
  };

  return (
    <Stack spacing={2} data-testid="releases">
      {failure && (
        <Alert severity={failure.kind === 'network' ? 'warning' : 'error'} onClose={() => setFailure(null)}>
          {failureText(failure)}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('releases.intro')}
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
          <Button variant="outlined" component="label">
            {t('releases.files')}
            <input
              hidden
              multiple
              type="file"
              accept=".exe,.AppImage,.deb,.rpm,.blockmap,.yml"
              data-testid="release-files"
              onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            />
          </Button>
          <Typography variant="body2" sx={{ minWidth: 160 }}>
            {files.length > 0 ? t('releases.chosen', { count: files.length }) : t('releases.filesHint')}
          </Typography>
          <TextField
            size="small"
            label={t('releases.percent')}
            value={percent}
            onChange={(event) => setPercent(event.target.value.replace(/\D/g, '').slice(0, 3))}
            sx={{ width: 180 }}
          />
          <TextField
            size="small"
            label={t('releases.departments')}
            value={firstDepartments}
            onChange={(event) => setFirstDepartments(event.target.value.slice(0, 500))}
          />
          <Button variant="contained" disabled={busy || files.length === 0} onClick={() => void upload()}>
            {busy ? t('releases.uploading') : t('releases.upload')}
          </Button>
        </Stack>
      </Paper>
      {list?.length === 0 && <Typography>{t('releases.empty')}</Typography>}
      {list && list.length > 0 && (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('releases.columns.version')}</TableCell>
              <TableCell>{t('releases.columns.systems')}</TableCell>
              <TableCell>{t('releases.columns.rollout')}</TableCell>
              <TableCell>{t('releases.columns.uploaded')}</TableCell>
              <TableCell>{t('releases.columns.actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((release) => (
              <TableRow key={release.id} data-testid="release-row" data-version={release.version}>
                <TableCell>
                  {release.version}
                  {release.channel !== 'latest' ? ` (${release.channel})` : ''}
                </TableCell>
                <TableCell>
                  {release.platforms
                    .map((p) => t(`desktops.systems.${p === 'win' ? 'win' : 'linux'}`))
                    .join(', ')}
                </TableCell>
                <TableCell data-testid="release-rollout">{rolloutText(release)}</TableCell>
                <TableCell>{formatDate(release.uploadedAt)}</TableCell>
                <TableCell>
                  {release.withdrawnAt === null && (
                    <Stack direction="row" spacing={1}>
                      <Button size="small" onClick={() => setChanging(release)}>
                        {t('releases.change')}
                      </Button>
                      <Button size="small" color="error" onClick={() => setWithdrawing(release)}>
                        {t('releases.withdraw')}
                      </Button>
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {changing && (
        <RolloutDialog
          release={changing}
          codes={changing.rolloutDepartmentIds.map(code).join(', ')}
          onClose={() => setChanging(null)}
          onSave={async (change) => {
            setChanging(null);
            await done(await releases.rollout(changing.id, change), (release) =>
              t('releases.saved', { version: release.version, rollout: rolloutText(release) }),
            );
          }}
        />
      )}
      <Dialog open={withdrawing !== null} onClose={() => setWithdrawing(null)}>
        <DialogTitle>{t('releases.withdrawTitle', { version: withdrawing?.version ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('releases.withdrawText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setWithdrawing(null)}>{t('releases.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            onClick={async () => {
              const target = withdrawing;
              setWithdrawing(null);
              if (target)
                await done(await releases.withdraw(target.id), (release) =>
                  t('releases.withdrawnNotice', { version: release.version }),
                );
            }}
          >
            {t('releases.withdraw')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

function RolloutDialog({
  release,
  codes,
  onClose,
  onSave,
}: {
  release: DesktopRelease;
  codes: string;
  onClose: () => void;
  onSave: (change: RolloutChange) => void;
}) {
  const { t } = useTranslation('updates');
  const [percent, setPercent] = useState(String(release.rolloutPercent));
  const [departments, setDepartments] = useState(codes);
  return (
    <Dialog open onClose={onClose}>
      <DialogTitle>{t('releases.changeTitle', { version: release.version })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            label={t('releases.percent')}
            value={percent}
            onChange={(event) => setPercent(event.target.value.replace(/\D/g, '').slice(0, 3))}
          />
          <TextField
            label={t('releases.departments')}
            value={departments}
            onChange={(event) => setDepartments(event.target.value.slice(0, 500))}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('releases.cancel')}</Button>
        <Button variant="contained" onClick={() => onSave(rolloutOf(percent, departments))}>
          {t('releases.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
