export * from './categories';
export * from './code';
export * from './default-edition';
export * from './results';
export * from './tree';
