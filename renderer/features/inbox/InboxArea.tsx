import Stack from '@mui/material/Stack';
import type { SecureStoreStatus } from '../../../shared/bridge/okno-bridge';
import type { Session } from '../../api/client';
import { SecureStoreNotice } from '../../app/SecureStoreNotice';
import { ProfileOverview } from '../profile/ProfileOverview';

/**
 * The main area after sign-in. The unified inbox (issue 4) grows here; until its local database and
 * replication land, the area shows who is signed in and which departments they work for.
 */
export function InboxArea({
  session,
  secureStore,
}: {
  session: Session;
  secureStore: SecureStoreStatus | null;
}) {
  return (
    <Stack component="main" spacing={2} sx={{ p: 3 }}>
      <ProfileOverview session={session} />
      {secureStore && <SecureStoreNotice status={secureStore} />}
    </Stack>
  );
}
