import type { SessionUser, TokenSource } from '../../api/client';
import type { Navigation } from '../../app/navigation';
import { ReceptionForm } from '../reception/ReceptionForm';
import { SupervisorView } from '../supervisor/SupervisorView';
import { AppealView } from './AppealView';

/**
 * The screens of the appeal, reception and supervisor features for the navigation routes; null for
 * any other route (the inbox renders those). The app's route outlet hands over the route here.
 */
export function WorkScreen({
  navigation,
  user,
  tokens,
}: {
  navigation: Navigation;
  user: SessionUser;
  /** The sync engine's AuthSession, so server calls share its token refresh. */
  tokens: TokenSource;
}) {
  const { route } = navigation;
  switch (route.name) {
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
    default:
      return null;
  }
}
