/**
 * `clonedperson demo` against ../shared/assets as the mirror (what `.ci/run` does through
 * `npm test`): the demo photos and MakeHuman assets fetched with their checksums, then the whole
 * pipeline (built-in detection, the embedded player) on the first two photos with a tiny render,
 * ending with a dataset and the HTML overview. Plus the fetch's failures: a missing mirror, a
 * photo that does not match its pinned sha256.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadPinnedAssets, upstreamUrl } from '../../orchestrator/src/assets/asset-fetch.js';
import { DATASET_RECORD_CONTRACT } from '../../orchestrator/src/contracts/dataset-record.js';
import { RUN_MANIFEST_CONTRACT } from '../../orchestrator/src/contracts/run-manifest.js';
import { demoPhotosFile } from '../../orchestrator/src/run/demo-photos.js';
import { SHARED_ASSETS, describeWithAssets } from '../helpers/assets.js';
import { runCliCaptured } from '../helpers/cli.js';
import { TINY_RUN_CONFIG, TINY_RUN_SCENE } from './run-fixtures.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the demo photo list', () => {
  it('pins 12-20 Clothing Co-Parsing photos at the commit, each fetched from the repository\'s photos/ folder', async () => {
    const photos = await loadPinnedAssets(demoPhotosFile());
    expect(photos.length).toBeGreaterThanOrEqual(12);
    expect(photos.length).toBeLessThanOrEqual(20);
    for (const photo of photos) {
      const name = path.posix.basename(photo.path);
      expect(photo).toMatchObject({ path: `ccp/photos/${name}`, destination: `photos/${name}`, licence: 'Apache-2.0' });
      expect(upstreamUrl(photo)).toBe(`https://raw.githubusercontent.com/bearpaw/clothing-co-parsing/fe34fb77721a9973fbae92c05f7f12b664d10110/photos/${name}`);
    }
    expect(new Set(photos.map((p) => p.path)).size).toBe(photos.length);
  });
});

describeWithAssets('clonedperson demo (against ../shared/assets)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-demo-'));
    await writeFile(path.join(dir, 'scene.yaml'), TINY_RUN_SCENE);
    await writeFile(path.join(dir, 'tiny.yaml'), TINY_RUN_CONFIG);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fetches from the mirror named by CLONEDPERSON_ASSETS_FROM, runs the whole pipeline and writes a dataset and an overview', async () => {
    const out = path.join(dir, 'demo');
    const run = await runCliCaptured(['demo', '--out', out, '--assets-dir', path.join(dir, 'assets'), '--photos', '2', '--config', path.join(dir, 'tiny.yaml')], {
      env: { CLONEDPERSON_ASSETS_FROM: SHARED_ASSETS },
    });
    expect({ code: run.code, stderr: run.stderr.split('\n').filter((l) => /^E_/.test(l)) }).toEqual({ code: 0, stderr: [] });
    expect(run.stdout).toMatch(/^run: 2 photos -> 2 qualified -> 2 identities -> 2 outfits -> 2 characters -> 2 rendered -> 2 in the dataset$/m);
    // the photos folder holds exactly the first two listed photos, as pinned
    const pinned = (await loadPinnedAssets(demoPhotosFile())).slice(0, 2);
    expect((await readdir(path.join(out, 'photos'))).sort()).toEqual(pinned.map((p) => path.posix.basename(p.path)).sort());
    for (const photo of pinned) expect(sha256(await readFile(path.join(out, photo.destination!)))).toBe(photo.sha256);
    const manifest = RUN_MANIFEST_CONTRACT.parse(await readFile(path.join(out, 'manifest.json')), 'manifest.json');
    expect(manifest.stages.filter((s) => s.status !== 'skipped').map((s) => [s.name, s.status])).toEqual(
      ['detect', 'cluster', 'clone', 'characters', 'render', 'dataset', 'eval', 'fidelity', 'overview'].map((name) => [name, 'done']),
    );
    expect(manifest.config.characters?.mhSysData).toBe(path.join(dir, 'assets', 'makehuman', 'data'));
    const record = DATASET_RECORD_CONTRACT.parse(await readFile(path.join(out, 'dataset/dataset.json')), 'dataset.json');
    expect(record.identities).toHaveLength(2);
    const overview = await readFile(path.join(out, 'overview/index.html'), 'utf8');
    expect(overview).toContain('Clothing Co-Parsing');
    expect(overview).toContain('Clone fidelity');
  }, 180000);

  it('refuses a mirror folder that does not exist, naming where it came from', async () => {
    const flag = await runCliCaptured(['demo', '--out', path.join(dir, 'x'), '--from', path.join(dir, 'nope')]);
    expect([flag.code, flag.stderr]).toEqual([3, `E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'nope')} (--from)\n`]);
    const env = await runCliCaptured(['demo', '--out', path.join(dir, 'x')], { env: { CLONEDPERSON_ASSETS_FROM: path.join(dir, 'nope') } });
    expect([env.code, env.stderr]).toEqual([3, `E_INPUT_MISSING: no such file or folder: ${path.join(dir, 'nope')} (CLONEDPERSON_ASSETS_FROM)\n`]);
  });

  it('refuses a demo photo that does not match its pinned sha256', async () => {
    const mirror = path.join(dir, 'mirror');
    const [first] = await loadPinnedAssets(demoPhotosFile());
    await mkdir(path.join(mirror, 'ccp', 'photos'), { recursive: true });
    await cp(path.join(SHARED_ASSETS, first.path), path.join(mirror, first.path));
    const bytes = await readFile(path.join(mirror, first.path));
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(path.join(mirror, first.path), bytes);
    const run = await runCliCaptured(['demo', '--out', path.join(dir, 'bad'), '--from', mirror, '--photos', '1']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^E_CHECKSUM: demo: 1 demo photo\(s\) could not be fetched; first ccp\/photos\/\d+\.jpg: .*sha256/m);
  });
});
