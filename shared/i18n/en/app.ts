import type ru from '../ru/app';
import type { Translation } from '../types';

// Namespace "app" (English): must have exactly the keys of the Russian file.
export default {
  name: 'Okno',
  tagline: "Citizens' appeals in one window",
  loading: 'Loading…',
  language: {
    label: 'Interface language',
    ru: 'Russian',
    en: 'English',
  },
  theme: {
    label: 'Colour theme',
    toLight: 'Switch to the light theme',
    toDark: 'Switch to the dark theme',
  },
  login: {
    title: 'Sign in',
    subtitle: "Sign in with your organisation's account.",
    login: 'Login',
    password: 'Password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    errors: {
      required: 'Enter your login and password.',
      invalidCredentials: 'Wrong login or password.',
      tooManyAttempts: 'Too many sign-in attempts. Wait a little and try again.',
      network: 'The server cannot be reached. Check the network connection and try again.',
      server: 'The server could not sign you in (code {{status}}). Try again later.',
    },
    demo: {
      title: 'Demo mode',
      hint: 'The server runs with the demo organisation. Accounts you can sign in with:',
      password: 'Password: {{password}}',
      passwordInReadme: 'The passwords are listed in server/README.md.',
      use: 'Fill in the account {{login}}',
    },
  },
  shell: {
    userMenu: 'User {{name}}',
    logout: 'Sign out',
    sync: {
      label: 'Sync status',
      notStarted: 'Sync not started',
    },
    secureStore: {
      saved: "The session is kept in the system's secure storage.",
      unavailable: 'The session will not survive closing the app: {{reason}}',
      reasons: {
        'basic-text-backend': 'this system has no keyring, and keeping the token in plain text is unsafe',
        'encryption-unavailable': "the system's secure storage is unavailable or locked",
        'web-shell': 'the browser version has no secure storage',
      },
    },
  },
  profile: {
    title: 'Profile',
    fullName: 'Full name',
    login: 'Login',
    role: 'Role',
    organisation: 'Organisation',
    departments: 'Departments',
    noDepartments: 'No departments assigned.',
    departmentsPending: 'Departments: {{count}}. Their names appear after the first sync.',
    loadFailed: 'The profile could not be loaded from the server.',
    retry: 'Retry',
  },
  roles: {
    operator: 'Operator',
    head: 'Head of department',
    supervisor: 'Supervisor (regional centre)',
    admin: 'Administrator',
    unknown: 'Role: {{role}}',
  },
  crash: {
    title: 'Something went wrong',
    body: 'Okno ran into an error. Unsynced changes are kept on this computer.',
    reload: 'Reload',
  },
  desktop: {
    tray: {
      idle: 'Okno — nothing due',
      due: 'Okno — due today or overdue: {{count}}',
      open: 'Open Okno',
      quit: 'Quit',
    },
    saveAsPdf: {
      title: 'Save as PDF',
      filter: 'PDF document',
    },
    rendererGone: {
      title: 'Okno cannot recover the window',
      body: 'The app window failed several times in a row. Unsynced changes are kept on this computer; restart the app.',
    },
  },
} satisfies Translation<typeof ru>;
