import Box from '@mui/material/Box';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/client';
import { useSync } from '../db/DatabaseProvider';
import type { AuthSession } from '../sync/auth-session';
import { useClassifierRefresh } from './classifier';
import { NavigationRail } from './NavigationRail';
import { useNavigation } from './navigation';
import type { Command } from './palette/CommandPalette';
import { PaletteProvider } from './palette/palette';
import { RouteOutlet, sections, sectionsFor } from './RouteOutlet';
import { useTriageModelRefresh } from './triage-model';
import { useBackKeys } from './use-back-keys';

/** The palette's commands on every screen: the rail's screens for this role, and sync. */
function useAppCommands(role: string): Command[] {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const sync = useSync();
  const { openSection } = navigation;
  return useMemo(
    () => [
      ...sectionsFor(role).map((id) => ({
        id: `section-${id}`,
        label: t(sections[id].command as 'palette.actions.inbox'),
        keywords: t(sections[id].label as 'nav.inbox'),
        run: () => openSection(id),
      })),
      { id: 'sync', label: t('palette.actions.retrySync'), run: () => sync.retry() },
    ],
    [t, role, openSection, sync],
  );
}

/** Under the app bar: the navigation rail and the screen of the current route; Ctrl+K everywhere. */
export function Workspace({ user, auth }: { user: SessionUser; auth: AuthSession }) {
  const navigation = useNavigation();
  useBackKeys(navigation);
  // The organisation's classifier edition, kept on this computer for closing appeals offline.
  useClassifierRefresh(auth);
  // The triage model, kept on this computer for suggestions at reception offline (issue 13).
  useTriageModelRefresh(auth, user.id);
  const commands = useAppCommands(user.role);
  return (
    <PaletteProvider appCommands={commands}>
      <Box sx={{ display: 'flex', alignItems: 'stretch', minHeight: 'calc(100vh - 64px)' }}>
        <NavigationRail user={user} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <RouteOutlet user={user} auth={auth} />
        </Box>
      </Box>
    </PaletteProvider>
  );
}
