/**
 * The resume rule of the cluster stage: selection.json carries the input key over the options
 * and the features of the images, and the feature cache is keyed by image content. A small
 * synthetic crowd in the memory file store, which counts the writes of every file.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { runClusterSelection } from '../../../orchestrator/src/clustering/run-cluster.js';
import type { ClusterRunOptions } from '../../../orchestrator/src/clustering/run-cluster.js';
import { syntheticPeople } from '../../../orchestrator/src/clustering/synthetic-people.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

const OUT = '/data/out';
let people: RawImage[] = [];
/** The files after one complete run. */
let clustered: Map<string, Uint8Array>;

const imageFile = (i: number): string => `/data/images/p${String(i).padStart(3, '0')}.png`;

beforeAll(async () => {
  people = syntheticPeople({ looks: 5, seed: 4, identitiesPerLook: [2, 3], viewsPerIdentity: [3, 4] }).images;
  const inputs: Record<string, Uint8Array> = {};
  for (const [i, image] of people.entries()) inputs[imageFile(i)] = await encodePng(image);
  const files = createMemoryFileStore(inputs);
  const first = await run(files);
  expect(first).toMatchObject({ upToDate: false, cacheHits: 0, failed: [], clustered: people.length });
  expect(first.rounds[0].clusters).toBeGreaterThan(1);
  clustered = files.files;
});

function run(files: MemoryFileStore, options: Partial<ClusterRunOptions> = {}): ReturnType<typeof runClusterSelection> {
  return runClusterSelection({ images: '/data/images', out: OUT, seed: 2, report: false, files, ...options });
}

/** A fresh store holding the inputs and outputs of the first run, with no writes counted. */
function clusteredOnce(): MemoryFileStore {
  return createMemoryFileStore(Object.fromEntries(clustered));
}

const extracted = (summary: { clustered: number; cacheHits: number }): number => summary.clustered - summary.cacheHits;

describe('cluster resume rule', () => {
  it('redoes nothing on a repeated identical run: no feature extracted, nothing written', async () => {
    const files = clusteredOnce();
    const again = await run(files);
    expect(again).toMatchObject({ upToDate: true, cacheHits: people.length });
    expect(extracted(again)).toBe(0);
    expect([...files.writes.keys()]).toEqual([]);
  });

  it('re-extracts exactly the changed image and redoes the clustering', async () => {
    const files = clusteredOnce();
    // a visible change (a dark band across the person), so the image's features change too
    const changed = { ...people[3], data: people[3].data.slice() };
    changed.data.fill(0, 3 * changed.width * 60, 3 * changed.width * 90);
    await files.writeAtomic(imageFile(3), await encodePng(changed));
    files.resetWrites();
    const after = await run(files);
    expect(after).toMatchObject({ upToDate: false, cacheHits: people.length - 1 });
    expect(extracted(after)).toBe(1);
    expect(files.writes.get(`${OUT}/selection.json`)).toBe(1);
    expect(files.writes.get(`${OUT}/features.npy`)).toBe(1);
    // one new cache chunk holding the one new feature
    expect([...files.writes.keys()].filter((f) => f.startsWith(`${OUT}/cache/`)).map((f) => f.replace(/^.*\//, ''))).toEqual(['chunk-000001.npy', 'chunk-000001.keys.json']);
  });

  it('re-extracts nothing and redoes the clustering when eps changes', async () => {
    const files = clusteredOnce();
    const first = JSON.parse(new TextDecoder().decode(files.files.get(`${OUT}/summary.json`))) as { eps: [number, number] };
    const eps: [number, number] = [first.eps[0] * 0.9, first.eps[1] * 0.9];
    const after = await run(files, { eps });
    expect(after).toMatchObject({ upToDate: false, cacheHits: people.length, eps });
    expect(extracted(after)).toBe(0);
    expect(files.writes.get(`${OUT}/selection.json`)).toBe(1);
    expect([...files.writes.keys()].filter((f) => f.startsWith(`${OUT}/cache/`))).toEqual([]);
  });
});
