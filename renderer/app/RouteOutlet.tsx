import type { ComponentType, ReactNode } from 'react';
import { useMemo } from 'react';
import { managerRoles, type Role, roles } from '../../shared/model/roles';
import type { SessionUser, TokenSource } from '../api/client';
import { AdminScreen } from '../features/admin/AdminScreen';
import { AppealView } from '../features/appeal/AppealView';
import { ArchiveScreen } from '../features/archive/ArchiveScreen';
import { AnalyticsScreen } from '../features/control/AnalyticsScreen';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { MailingScreen } from '../features/mailing/MailingScreen';
import { QualityScreen } from '../features/quality/QualityScreen';
import { ReceptionForm } from '../features/reception/ReceptionForm';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { SupervisorView } from '../features/supervisor/SupervisorView';
import { TemplatesScreen } from '../features/templates/TemplatesScreen';
import { TriageControlScreen } from '../features/triage-control/TriageControlScreen';
import { WorkloadScreen } from '../features/workload/WorkloadScreen';
import type { AuthSession } from '../sync/auth-session';
import {
  AdminIcon,
  AnalyticsIcon,
  ArchiveIcon,
  ControlIcon,
  InboxIcon,
  MailingIcon,
  QualityIcon,
  ReceptionIcon,
  ReportsIcon,
  TemplatesIcon,
  TriageIcon,
  WorkloadIcon,
} from './icons';
import { type Navigation, type SectionId, sectionIds, useNavigation } from './navigation';

/** What a section's screen is given. */
export interface SectionContext {
  readonly user: SessionUser;
  readonly tokens: TokenSource;
  readonly navigation: Navigation;
}

export interface Section {
  /** Who sees it in the rail (the server still decides what each one may do there). */
  readonly roles: readonly Role[];
  /** i18n key of the rail's label (app namespace). */
  readonly label: `nav.${string}`;
  /** i18n key of its command in the palette (found by the rail's label too). */
  readonly command: `palette.actions.${string}`;
  readonly icon: ComponentType;
  /** The screen; the inbox's stays mounted under the others, so it keeps its view, scroll and selection. */
  readonly screen: (context: SectionContext) => ReactNode;
}

/**
 * The navigation table: the screens of the rail by role, in sectionIds' order (navigation.ts). A new
 * screen is one entry here (and its id there). Screens are composed here from the features, which
 * never import one another.
 */
export const sections: Readonly<Record<SectionId, Section>> = {
  inbox: { roles, label: 'nav.inbox', command: 'palette.actions.inbox', icon: InboxIcon, screen: () => null },
  reception: {
    roles,
    label: 'nav.reception',
    command: 'palette.actions.reception',
    icon: ReceptionIcon,
    screen: ({ user, tokens, navigation }) => (
      <ReceptionForm
        user={user}
        tokens={tokens}
        onBack={navigation.back}
        onOpenAppeal={navigation.openAppeal}
      />
    ),
  },
  supervisor: {
    roles: managerRoles,
    label: 'nav.control',
    command: 'palette.actions.supervisor',
    icon: ControlIcon,
    screen: ({ user, tokens, navigation }) => (
      <SupervisorView
        user={user}
        tokens={tokens}
        onBack={navigation.back}
        onOpenAppeal={navigation.openAppeal}
      />
    ),
  },
  triage: {
    roles: ['supervisor', 'admin'],
    label: 'nav.triage',
    command: 'palette.actions.triage',
    icon: TriageIcon,
    screen: ({ tokens, navigation }) => (
      <TriageControlScreen tokens={tokens} onBack={navigation.back} onOpenAppeal={navigation.openAppeal} />
    ),
  },
  workload: {
    roles: managerRoles,
    label: 'nav.workload',
    command: 'palette.actions.workload',
    icon: WorkloadIcon,
    screen: ({ user, navigation }) => <WorkloadScreen user={user} onOpenAppeal={navigation.openAppeal} />,
  },
  reports: {
    roles: managerRoles,
    label: 'nav.reports',
    command: 'palette.actions.reports',
    icon: ReportsIcon,
    screen: ({ user, tokens }) => <ReportsScreen user={user} tokens={tokens} />,
  },
  analytics: {
    roles: managerRoles,
    label: 'nav.analytics',
    command: 'palette.actions.analytics',
    icon: AnalyticsIcon,
    screen: ({ user, tokens, navigation }) => (
      <AnalyticsScreen user={user} tokens={tokens} onOpenAppeal={navigation.openAppeal} />
    ),
  },
  archive: {
    roles,
    label: 'nav.archive',
    command: 'palette.actions.archive',
    icon: ArchiveIcon,
    screen: ({ tokens, navigation }) => (
      <ArchiveScreen tokens={tokens} onOpenAppeal={navigation.openAppeal} />
    ),
  },
  mailing: {
    roles,
    label: 'nav.mailing',
    command: 'palette.actions.mailing',
    icon: MailingIcon,
    screen: ({ tokens, navigation }) => (
      <MailingScreen tokens={tokens} onOpenAppeal={navigation.openAppeal} />
    ),
  },
  templates: {
    roles,
    label: 'nav.templates',
    command: 'palette.actions.templates',
    icon: TemplatesIcon,
    screen: ({ user }) => <TemplatesScreen user={user} />,
  },
  quality: {
    roles: managerRoles,
    label: 'nav.quality',
    command: 'palette.actions.quality',
    icon: QualityIcon,
    screen: ({ user, tokens, navigation }) => (
      <QualityScreen
        user={user}
        tokens={tokens}
        onBack={navigation.back}
        onOpenAppeal={navigation.openAppeal}
      />
    ),
  },
  admin: {
    roles: ['admin'],
    label: 'nav.admin',
    command: 'palette.actions.admin',
    icon: AdminIcon,
    screen: ({ user, tokens }) => <AdminScreen user={user} tokens={tokens} />,
  },
};

/** The rail's sections for a role, in order. */
export function sectionsFor(role: string): SectionId[] {
  return sectionIds.filter((id) => (sections[id].roles as readonly string[]).includes(role));
}

/** The route table: the inbox always (hidden under other routes), the top route's screen over it. */
export function RouteOutlet({ user, auth }: { user: SessionUser; auth: AuthSession }) {
  const navigation = useNavigation();
  // Server calls of the appeal screens share the sync engine's session: one refresh for everyone.
  const tokens = useMemo<TokenSource>(
    () => ({
      get accessToken() {
        return auth.accessToken;
      },
      refresh: async (used: string) => {
        await auth.refresh(used);
        return auth.accessToken;
      },
    }),
    [auth],
  );
  const { route } = navigation;
  const onTop =
    route.name === 'appeal' ? (
      <AppealView
        key={route.appealId}
        appealId={route.appealId}
        intent={route.intent}
        user={user}
        tokens={tokens}
        onBack={navigation.back}
      />
    ) : route.name === 'inbox' ? null : (
      sections[route.name].screen({ user, tokens, navigation })
    );
  return (
    <>
      <InboxScreen user={user} active={route.name === 'inbox'} />
      {onTop}
    </>
  );
}
