import type ru from '../ru/setup';
import type { Translation } from '../types';

// Namespace "setup" (English): must have exactly the keys of the Russian file.

export default {
  address: {
    title: 'Server address',
    intro:
      "Enter the address of your organisation's Okno server — your administrator will give it to you. The app checks the server and remembers the address on this computer.",
    label: 'Server address',
    placeholder: 'https://okno.example.org',
    hint: 'An https://… address is required; http:// is allowed only for a server on this computer (127.0.0.1, localhost, ::1).',
    submit: 'Check and continue',
    checking: 'Checking the server…',

    current: 'Server: {{address}}. It can be changed in the profile after signing in.',
    bridgeFailed: 'The address could not be checked and saved: the app did not answer. Restart it.',
  },
  problem: {
    invalid: 'The address "{{address}}" is not recognised. Give an address like https://okno.example.org.',
    insecureRemote:
      'The address {{address}} starts with http://: passwords, sign-in tokens and passport data would cross the network in clear text. A server on another computer needs an https://… address; http:// is allowed only for a server on this computer (127.0.0.1, localhost, ::1).',
    unreachable:
      'The server {{address}} does not answer. Check the address and the network connection; if both are right, contact your administrator.',
    tls: "A secure connection to {{address}} could not be made: the server's certificate was not accepted (expired, issued for another name or not signed by a trusted authority). Contact your administrator.",
    notOkno: 'What answers at {{address}} is not an Okno server. Check the address.',
    incompatible:
      'The Okno server {{address}} (version {{serverVersion}}) does not work with this version of the app. Contact your administrator: the app or the server needs an update.',
    incompatibleOld:
      'The Okno server {{address}} is older than this version of the app and does not name its version. Contact your administrator: the server needs an update.',
  },
  profile: {
    server: 'Server',
    change: 'Change server',
    changeTitle: 'Change server?',
    changeBody:
      'The session will end, and appeals, conversations and sign-in data will be deleted from this computer. Then the app will ask for the address of the new server.',
    unsynced: 'Changes not yet sent to the server ({{count}}) will be lost for good.',
    synced: 'Every change has been sent to the server.',
    confirm: 'Delete data and change server',
    cancel: 'Cancel',
  },
} satisfies Translation<typeof ru>;
