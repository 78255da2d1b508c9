import { join } from 'node:path';

/**
 * The built CLI the end-to-end and integration tests run: `$BULWARK_CLI` when scripts/run-tests.mjs runs a
 * BULWARK_BUILD_DIR build (which has its own dist/), else dist/bulwark.js of the repository.
 */
export const CLI = process.env.BULWARK_CLI ?? join(process.cwd(), 'dist', 'bulwark.js');
