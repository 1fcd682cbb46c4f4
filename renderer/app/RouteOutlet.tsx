import { useMemo } from 'react';
import type { SessionUser, TokenSource } from '../api/client';
import { AppealView } from '../features/appeal/AppealView';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { ReceptionForm } from '../features/reception/ReceptionForm';
import { SupervisorView } from '../features/supervisor/SupervisorView';
import type { AuthSession } from '../sync/auth-session';
import { useNavigation } from './navigation';

/**
 * The route table: the screen of each navigation route (navigation.ts), composed here from the
 * features, which never import one another.
 */
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
  switch (route.name) {
    case 'inbox':
      return <InboxScreen user={user} />;
    case 'appeal':
      return (
        <AppealView
          key={route.appealId}
          appealId={route.appealId}
          intent={route.intent}
          user={user}
          tokens={tokens}
          onBack={navigation.back}
        />
      );
    case 'reception':
      return <ReceptionForm user={user} onBack={navigation.back} onOpenAppeal={navigation.openAppeal} />;
    case 'supervisor':
      return <SupervisorView user={user} onBack={navigation.back} onOpenAppeal={navigation.openAppeal} />;
    default: {
      const unknown: never = route;
      return unknown;
    }
  }
}
