// Okno's domain model: the things docs/DOMAIN.md talks about, as stored and synced.
export * from './answer-template';
export * from './appeal';
export * from './appeal-deadlines';
export * from './attachment';
export * from './conversation';
export * from './labels';
export * from './new-appeal';
export * from './organisation';
export * from './person';
export * from './primitives';
export * from './refused-change';
export * from './staff';
export * from './vocabulary';
