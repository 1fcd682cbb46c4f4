// RxDB JSON schemas of the desktop database, with their migration strategies.
export * from './answer-templates';
export * from './appeals';
export * from './appeals-v0';
export * from './appeals-v1';
export * from './appeals-v2';
export * from './appeals-v3';
export * from './collections';
export * from './departments-v0';
export * from './messages';
export * from './organisation';
export * from './organisation-v0';
export * from './refused-changes';
