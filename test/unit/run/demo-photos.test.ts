/**
 * The demo photos come from a mirror with their pinned checksums, and the photos folder ends up
 * holding exactly the requested ones (a photo left from another demo list is removed).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadPinnedAssets } from '../../../orchestrator/src/assets/asset-fetch.js';
import { demoPhotosFile, fetchDemoPhotos } from '../../../orchestrator/src/run/demo-photos.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { nodeFileStore } from '../../../orchestrator/src/shared/node-file-store.js';
import { SHARED_ASSETS, describeWithAssets } from '../../helpers/assets.js';

describeWithAssets('fetchDemoPhotos', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-demo-photos-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies the first N listed photos from the mirror and removes photos not on the list', async () => {
    await mkdir(path.join(dir, 'photos'), { recursive: true });
    await writeFile(path.join(dir, 'photos', '9999.jpg'), 'left from another list');
    const first = await fetchDemoPhotos({ to: dir, from: SHARED_ASSETS, count: 3, files: nodeFileStore, logger: createMemoryLogger() });
    const listed = (await loadPinnedAssets(demoPhotosFile())).slice(0, 3).map((p) => path.posix.basename(p.path));
    expect(first.summary).toMatchObject({ total: 3, fetched: 3, present: 0, failed: [] });
    expect((await readdir(first.folder)).sort()).toEqual([...listed].sort());
    // a second fetch finds them present; fewer photos shrink the folder
    const second = await fetchDemoPhotos({ to: dir, from: SHARED_ASSETS, count: 2, files: nodeFileStore, logger: createMemoryLogger() });
    expect(second.summary).toMatchObject({ fetched: 0, present: 2 });
    expect((await readdir(second.folder)).sort()).toEqual(listed.slice(0, 2).sort());
  });
});
