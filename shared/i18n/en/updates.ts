import type ru from '../ru/updates';
import type { Translation } from '../types';

// Namespace "updates" (English): must have exactly the keys of the Russian file.
export default {
  profile: {
    title: 'Version and updates',
    appVersion: 'App version',
    offeredVersion: 'Server offers',
    state: 'Update',
    checkedAt: 'Checked {{time}}',
    check: 'Check for updates',
    none: '—',
  },
  phase: {
    idle: 'Not checked yet',
    unavailable: 'This build does not update itself (a development start or the browser)',
    checking: 'Checking…',
    'no-release': "The organisation's server offers no release for this system yet",
    'up-to-date': 'The version the server offers is installed',
    downloading: 'Downloading version {{version}}: {{percent}} %',
    ready: 'Version {{version}} is downloaded and will be installed the next time the app starts',
    readyWaiting:
      'Version {{version}} is downloaded. It will be installed at the next start once all changes have reached the server',
    failed: 'The update failed',
  },
  downgrade: 'The administrator withdrew your version: the app will go back to version {{version}}',
  failure: {
    checksum:
      'The downloaded update was damaged (its checksum did not match) and was discarded. The check will be repeated.',
    network: 'The update server cannot be reached. The check will be repeated later.',
    server: 'The server refused the update. Contact your administrator.',
  },
  desktops: {
    title: 'Desktops',
    intro: 'Which app version each desktop runs and when it last synchronised.',
    user: 'Staff member',
    version: 'Version',
    system: 'System',
    lastSeen: 'Last contact',
    lastSync: 'Last sync',
    never: 'never',
    empty: 'No desktop has contacted the server yet.',
    failed: 'The list of desktops did not load.',
    retry: 'Refresh',
    count_one: '{{count}} desktop on version {{version}}',
    count_few: '{{count}} desktops on version {{version}}',
    count_many: '{{count}} desktops on version {{version}}',
    count_other: '{{count}} desktops on version {{version}}',
    systems: { win: 'Windows', linux: 'Linux', unknown: '—' },
  },
} satisfies Translation<typeof ru>;
