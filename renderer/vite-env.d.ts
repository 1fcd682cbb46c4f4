/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The app version, set by vite.config.ts from package.json. */
  readonly VITE_OKNO_VERSION?: string;
  /** The demo default server of the web shell (OKNO_SERVER_URL when it was built or started). */
  readonly VITE_OKNO_SERVER_URL?: string;
  /** JSON `{ logins, password }` when built for the demo organisation (OKNO_DEMO=1), else empty. */
}
