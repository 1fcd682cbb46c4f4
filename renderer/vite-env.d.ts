/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The app version, set by vite.config.ts from package.json. */
  readonly VITE_OKNO_VERSION?: string;
}
