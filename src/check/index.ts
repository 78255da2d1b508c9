export * from './baseline.js';
export * from './finding.js';
export * from './fingerprint.js';
export * from './run-rules.js';
export * from './suppress.js';
export * from './suppressed.js';
