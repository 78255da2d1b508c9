export * from './daemon-json.js';
export * from './keys.js';
export * from './load.js';
export * from './systemd.js';
