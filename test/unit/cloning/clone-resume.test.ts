/**
 * The resume rule of the clone stage (one input key per outfit, shared/input-key.ts): an
 * outfit is redone exactly when something that shapes it changes. Runs on three small outfits
 * in the memory file store, which counts the writes of every file.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCatalog } from '../../../orchestrator/src/cloning/catalog.js';
import { cloneBatch } from '../../../orchestrator/src/cloning/clone-batch.js';
import type { CloneBatchOptions } from '../../../orchestrator/src/cloning/clone-batch.js';
import { outfitRecordPath } from '../../../orchestrator/src/contracts/outfit-id.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { nodeFileStore } from '../../../orchestrator/src/shared/node-file-store.js';
import { RECT_TROUSERS_LANDMARKS, rectGarmentPhoto, rectTrousersTemplate } from '../../helpers/garment-fixtures.js';

const IMAGES = ['a.png', 'b.png', 'c.png'];
const catalog = createCatalog([rectTrousersTemplate()], 'test catalog');

/** The three photos differ in their background shade, so their outfits differ. */
async function photoPng(index: number, changedPixel = false): Promise<Uint8Array> {
  const photo = rectGarmentPhoto((x, y) => (x >= 50 && x < 150 && y >= 100 && y < 300 ? undefined : [255 - 20 * index, 255, 255]));
  if (changedPixel) photo.data[3 * (150 * 200 + 100)] ^= 1; // one byte of one pixel inside the garment
  return encodePng(photo);
}

async function inputFiles(dir: string): Promise<Record<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array | string> = {
    [path.join(dir, 'garments.jsonl')]: IMAGES.map((image) => JSON.stringify({ image, category: 8, landmarks: RECT_TROUSERS_LANDMARKS })).join('\n'),
  };
  for (const [i, image] of IMAGES.entries()) files[path.join(dir, 'images', image)] = await photoPng(i);
  return files;
}

function run(dir: string, files: FileStore, options: Partial<CloneBatchOptions> = {}): ReturnType<typeof cloneBatch> {
  return cloneBatch({ garmentsFile: path.join(dir, 'garments.jsonl'), imagesDir: path.join(dir, 'images'), catalog, outDir: path.join(dir, 'out'), sizePx: 64, seed: 1, files, ...options });
}

/** The outfits whose record was written since the last reset. */
function rewrittenOutfits(files: MemoryFileStore): string[] {
  return IMAGES.filter((image) => (files.writes.get(path.join('/data/out', outfitRecordPath(image))) ?? 0) > 0);
}

/** The files after one complete run. */
let cloned: Map<string, Uint8Array>;

beforeAll(async () => {
  const files = createMemoryFileStore(await inputFiles('/data'));
  const first = await run('/data', files);
  expect(first).toMatchObject({ cloned: 3, resumed: 0, failed: [] });
  expect(rewrittenOutfits(files)).toEqual(IMAGES);
  cloned = files.files;
});

/** A fresh store holding the inputs and outputs of the first run, with no writes counted. */
function clonedOnce(): MemoryFileStore {
  return createMemoryFileStore(Object.fromEntries(cloned));
}

describe('clone resume rule', () => {
  it('redoes no outfit on a repeated identical run: only summary.json is written', async () => {
    const files = clonedOnce();
    expect(await run('/data', files)).toMatchObject({ cloned: 0, resumed: 3 });
    expect([...files.writes.keys()]).toEqual(['/data/out/summary.json']);
  });

  it('redoes exactly the outfit whose image changed by one byte', async () => {
    const files = clonedOnce();
    await files.writeAtomic('/data/images/b.png', await photoPng(1, true));
    files.resetWrites();
    expect(await run('/data', files)).toMatchObject({ cloned: 1, resumed: 2 });
    expect(rewrittenOutfits(files)).toEqual(['b.png']);
    expect([...files.writes.keys()].filter((f) => f.includes('/textures/'))).toEqual(['/data/out/textures/b.png/rect-trousers.png']);
  });

  it.each([
    ['sizePx', { sizePx: 32 }],
    ['seed', { seed: 2 }],
    ['refine', { refine: false }],
  ])('redoes every outfit when %s changes', async (_name, change) => {
    const files = clonedOnce();
    expect(await run('/data', files, change)).toMatchObject({ cloned: 3, resumed: 0 });
    expect(rewrittenOutfits(files)).toEqual(IMAGES);
  });

  it('redoes nothing for a touched image (new mtime, same bytes) on disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cp-clone-resume-'));
    try {
      for (const [file, data] of Object.entries(await inputFiles(dir))) await nodeFileStore.writeAtomic(file, data);
      expect(await run(dir, nodeFileStore)).toMatchObject({ cloned: 3 });
      const record = path.join(dir, 'out', outfitRecordPath('b.png'));
      const before = (await stat(record)).mtimeMs;
      const later = new Date(Date.now() + 60_000);
      await utimes(path.join(dir, 'images', 'b.png'), later, later);
      expect(await run(dir, nodeFileStore)).toMatchObject({ cloned: 0, resumed: 3 });
      expect((await stat(record)).mtimeMs).toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
