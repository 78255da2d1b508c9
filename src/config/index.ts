export * from './baseline.js';
export * from './find.js';
export * from './ignore.js';
export * from './load.js';
export * from './schema.js';
export * from './settings.js';
export * from './suppressions.js';
