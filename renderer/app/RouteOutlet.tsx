import { useMemo } from 'react';
import type { SessionUser, TokenSource } from '../api/client';
import { WorkScreen } from '../features/appeal/routes';
import { InboxScreen } from '../features/inbox/InboxScreen';
import type { AuthSession } from '../sync/auth-session';
import { useNavigation } from './navigation';

/** The screen of the current route: the inbox here, the appeal, reception and supervisor screens in their features. */
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
  if (navigation.route.name === 'inbox') return <InboxScreen user={user} />;
  return <WorkScreen navigation={navigation} user={user} tokens={tokens} />;
}
