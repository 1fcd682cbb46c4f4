import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Drawer from '@mui/material/Drawer';
import Stack from '@mui/material/Stack';
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { SecureStoreStatus, ServerAddressState } from '../../shared/bridge/okno-bridge';
import { DatabaseProvider } from '../db/DatabaseProvider';
import { createOknoDatabase, databaseNameFor, type OknoDatabase } from '../db/database';
import { ScanQueueProvider } from '../db/ScanQueueContext';
import { attachToLocalAppeal, removeScanStore, ScanQueue } from '../db/scan-queue';
import { removeSearchStore } from '../db/search-store';
import { DeadlineAlerts } from '../features/deadline-alerts/DeadlineAlerts';
import { NotificationsBell } from '../features/notifications/NotificationsBell';
import { ChangeServer } from '../features/profile/ChangeServer';
import { DesktopUpdates } from '../features/profile/DesktopUpdates';
import { ProfileOverview } from '../features/profile/ProfileOverview';
import { PassportHandOverProvider } from '../features/reception/PassportHandOverContext';
import { PassportHandOver } from '../features/reception/passport-handover';
import { AuthSession } from '../sync/auth-session';
import { forgetPendingChanges, startSync } from '../sync/replication';
import { type ActiveSession, forgetLocalSignIn } from '../sync/session';
import type { TokenStore } from '../sync/token-store';
import type { SyncController } from '../sync/types';
import { CurrentUserProvider } from './current-user';
import { useDesktopUpdateReport } from './desktop-updates';
import { bindHistory, createNavigationStore, NavigationProvider } from './navigation';
import { NoticesProvider } from './notices-provider';
import type { ThemeMode } from './preferences';
import { SecureStoreNotice } from './SecureStoreNotice';
import { SyncStatusIndicator } from './SyncStatusIndicator';
import { useServices } from './services';
import { TopBar } from './TopBar';
import { Workspace } from './Workspace';

// One open database per name across StrictMode's double mount and quick re-renders.
const open = new Map<string, { promise: Promise<OknoDatabase>; refs: number }>();
function acquire(name: string): Promise<OknoDatabase> {
  let entry = open.get(name);
  if (!entry) {
    entry = { promise: createOknoDatabase({ name }), refs: 0 };
    open.set(name, entry);
  }
  entry.refs += 1;
  return entry.promise;
}
function release(name: string): void {
  const entry = open.get(name);
  if (!entry) return;
  entry.refs -= 1;
  setTimeout(() => {
    if (entry.refs > 0 || open.get(name) !== entry) return;
    open.delete(name);
    void entry.promise.then((db) => db.close()).catch(() => {});
  }, 0);
}

interface Opened {
  readonly db: OknoDatabase;
  readonly sync: SyncController;
  readonly auth: AuthSession;
  /** Reception passports on their way to the server (memory only). */
  readonly handOver: PassportHandOver;
  /** Scans of paper appeals on their way to the server (kept in IndexedDB until uploaded). */
  readonly scans: ScanQueue;
}

export interface SignOutRequest {
  readonly wipe: boolean;
}

interface SignedInAppProps {
  readonly session: ActiveSession;
  readonly tokenStore: TokenStore;
  readonly secureStore: SecureStoreStatus | null;
  readonly theme: ThemeMode;
  readonly onThemeChange: (mode: ThemeMode) => void;
  readonly onSignedOut: (refreshToken: string) => void;
  /** The server this desktop talks to, shown in the profile. */
  readonly server: ServerAddressState;
  /** «Сменить сервер»: called after the session ended and the local database was wiped. */
  readonly onServerChange: () => void;
}

/** Everything after sign-in: the user's local database and its sync, the app bar, the routes. */
export function SignedInApp({
  session,
  tokenStore,
  secureStore,
  theme,
  onThemeChange,
  onSignedOut,
  server,
  onServerChange,
}: SignedInAppProps) {
  const { t } = useTranslation();
  const { storage, api, bridge } = useServices();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [failure, setFailure] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const [wipeOpen, setWipeOpen] = useState(false);
  const [statusSlot, setStatusSlot] = useState<HTMLElement | null>(null);
  const navigation = useMemo(() => createNavigationStore(), []);
  useEffect(() => bindHistory(navigation, window.history, window), [navigation]);
  const name = databaseNameFor(session.user.id);
  useDesktopUpdateReport(bridge, opened); // updates wait for unsynced changes (main/os/updates.ts)

  useEffect(() => {
    let cancelled = false;
    let started: Opened | null = null;
    acquire(name).then(
      (db) => {
        if (cancelled) return;
        const auth = new AuthSession(session.tokens, tokenStore);
        const sync = startSync({ db, auth, storage, window });
        const signedIn = api.authorised(auth);
        const handOver = new PassportHandOver((appealId, passport) =>
          signedIn.recordPassport(appealId, passport),
        );
        handOver.start();
        const scans = new ScanQueue(
          name,
          (appealId, scan, fileName) => signedIn.uploadAppealScan(appealId, scan, fileName),
          attachToLocalAppeal(db),
        );
        scans.start();
        started = { db, sync, auth, handOver, scans };
        setOpened(started);
      },
      (error: unknown) => {
        // The cause is for the log: the official gets a sentence in their language, not the engine's English.
        console.error('okno: the local database did not open', error);
        if (!cancelled) setFailure(true);
      },
    );
    return () => {
      cancelled = true;
      started?.handOver.stop();
      started?.scans.stop();
      if (started) void started.sync.stop();
      release(name);
    };
  }, [name, session.tokens, tokenStore, storage, api]);

  async function signOut(wipe: boolean) {
    const current = opened;
    setOpened(null);
    current?.handOver.stop();
    current?.scans.stop();
    if (current) {
      await current.sync.stop();
      if (wipe) {
        open.delete(name);
        await current.db.remove();
        await removeScanStore(name);
        await removeSearchStore(name);
        forgetPendingChanges(storage, name);
      }
    }
    onSignedOut(current?.auth.refreshToken ?? session.tokens.refreshToken);
    if (wipe) forgetLocalSignIn(storage, session.user.id);
  }

  // Scans still on this computer are unsynced work too (renderer/db/scan-queue.ts).
  const unsyncedWork = () => (opened?.sync.status.unsyncedChanges ?? 0) + (opened?.scans.waitingCount ?? 0);
  const unsynced = unsyncedWork();
  const bar = (
    <TopBar
      user={session.user}
      theme={theme}
      onThemeChange={onThemeChange}
      onSignOut={() => void signOut(false)}
      onProfile={() => setProfileOpen(true)}
      statusSlot={setStatusSlot}
      syncing={opened !== null}
    />
  );
  const profile = (
    <Drawer anchor="right" open={profileOpen} onClose={() => setProfileOpen(false)} keepMounted>
      <Stack
        spacing={2}
        sx={{ p: 2, width: { xs: '100vw', sm: 560 } }}
        aria-label={t('sync.session.profile')}
      >
        <Button onClick={() => setProfileOpen(false)} sx={{ alignSelf: 'flex-end' }}>
          {t('sync.session.closeProfile')}
        </Button>
        <ProfileOverview session={{ ...session.tokens, user: session.user }} serverAddress={server.address} />
        <DesktopUpdates />
        {secureStore && <SecureStoreNotice status={secureStore} />}
        {session.offline && <Alert severity="info">{t('sync.session.offlineMode')}</Alert>}
        <Button color="error" variant="outlined" onClick={() => setWipeOpen(true)}>
          {t('sync.session.wipe')}
        </Button>
        <ChangeServer
          unsyncedChanges={unsyncedWork}
          onConfirm={() => {
            setProfileOpen(false);
            void signOut(true).then(onServerChange);
          }}
        />
      </Stack>
    </Drawer>
  );
  const wipeDialog = (
    <Dialog open={wipeOpen} onClose={() => setWipeOpen(false)} aria-labelledby="wipe-title">
      <DialogTitle id="wipe-title">{t('sync.session.wipeTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('sync.session.wipeBody')}</DialogContentText>
        {unsynced > 0 && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('sync.session.wipeUnsynced', { count: unsynced })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setWipeOpen(false)}>{t('sync.session.cancel')}</Button>
        <Button
          color="error"
          onClick={() => {
            setWipeOpen(false);
            setProfileOpen(false);
            void signOut(true);
          }}
        >
          {t('sync.session.wipeConfirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );

  // The bar and the profile keep their place in the tree while the database opens: mounted again,
  // they lost a click that landed as it opened (e2e «signing out» on a clean-clone run).
  return (
    <>
      {bar}
      {profile}
      {opened ? (
        <DatabaseProvider database={opened.db} sync={opened.sync}>
          <CurrentUserProvider user={session.user}>
            <NavigationProvider store={navigation}>
              <NoticesProvider>
                {statusSlot &&
                  createPortal(
                    <>
                      <NotificationsBell user={session.user} auth={opened.auth} />
                      <SyncStatusIndicator />
                    </>,
                    statusSlot,
                  )}
                {wipeDialog}
                <DeadlineAlerts />
                <PassportHandOverProvider value={opened.handOver}>
                  <ScanQueueProvider value={opened.scans}>
                    <Workspace user={session.user} auth={opened.auth} />
                  </ScanQueueProvider>
                </PassportHandOverProvider>
              </NoticesProvider>
            </NavigationProvider>
          </CurrentUserProvider>
        </DatabaseProvider>
      ) : (
        <Box component="main" sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }}>
          {failure ? (
            <Alert severity="error">{t('sync.session.databaseFailed')}</Alert>
          ) : (
            <>
              <CircularProgress size={24} aria-label={t('sync.session.openingDatabase')} />
              {t('sync.session.openingDatabase')}
            </>
          )}
        </Box>
      )}
    </>
  );
}
