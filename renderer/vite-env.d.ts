/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The app version, set by vite.config.ts from package.json. */
  readonly VITE_OKNO_VERSION?: string;
  /** JSON `{ logins, password }` when built for the demo organisation (OKNO_DEMO=1), else empty. */
}
