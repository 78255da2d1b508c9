export * from './commands.js';
export * from './load.js';
export * from './root-fs.js';
