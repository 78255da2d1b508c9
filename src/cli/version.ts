/** Bulwark's version, injected at build time from package.json (see scripts/build.mjs). */
declare const __BULWARK_VERSION__: string | undefined;
export const VERSION: string = typeof __BULWARK_VERSION__ === 'string' ? __BULWARK_VERSION__ : '0.0.0-dev';
