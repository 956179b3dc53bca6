import { describe, expect, it } from '@jest/globals';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { extractFeatures } from '../../../orchestrator/src/clustering/extract-features.js';
import { builtinAppearanceExtractor } from '../../../orchestrator/src/features/feature-extractor.js';
import { parseDetectionsJsonl, readImageList } from '../../../orchestrator/src/clustering/image-list.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'clonedperson-list-'));
}

describe('image lists', () => {
  it('reads folders recursively in sorted order, skipping other files and dot folders', async () => {
    const dir = await tempDir();
    try {
      const png = await encodePng(createRawImage(4, 8, 3));
      for (const file of ['b/2.png', 'b/10.png', 'a.jpg', 'c/d/e.PNG', '.hidden/x.png', 'notes.txt']) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), png);
      }
      const list = await readImageList(dir);
      expect(list.source).toBe('folder');
      expect(list.items.map((i) => i.image)).toEqual(['a.jpg', 'b/10.png', 'b/2.png', 'c/d/e.PNG']);
      expect(list.items[3].file).toBe(path.join(dir, 'c', 'd', 'e.PNG'));
      await expect(readImageList(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'E_INPUT_MISSING' });
      await mkdir(path.join(dir, 'empty'));
      await expect(readImageList(path.join(dir, 'empty'))).rejects.toMatchObject({ code: 'E_IMAGE_LIST_INVALID' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses detections JSONL and names the bad line', () => {
    const items = parseDetectionsJsonl('{"image": "a.jpg", "box": [1, 2, 30, 40], "score": 0.9}\n\n{"image": "/abs/b.jpg"}\n', '/root');
    expect(items).toEqual([
      { image: 'a.jpg', file: path.resolve('/root', 'a.jpg'), box: [1, 2, 30, 40] },
      { image: '/abs/b.jpg', file: path.resolve('/abs/b.jpg') },
    ]);
    expect(() => parseDetectionsJsonl('{"image": "a.jpg"}\n{"image": 3}', '/r', 'd.jsonl')).toThrow(/d\.jsonl:2: "image"/);
    expect(() => parseDetectionsJsonl('{"image": "a.jpg", "box": [5, 5, 1, 9]}', '/r', 'd.jsonl')).toThrow(/x2 > x1/);
    expect(() => parseDetectionsJsonl('not json', '/r', 'd.jsonl')).toThrow(/d\.jsonl:1: not valid JSON/);
  });
});

describe('feature extraction and its cache', () => {
  it('extracts, skips unreadable images, crops boxes, and reuses the cache', async () => {
    const dir = await tempDir();
    try {
      const red = createRawImage(20, 40, 3);
      for (let p = 0; p < 800; p++) red.data.set([200, 20, 20], 3 * p);
      await writeFile(path.join(dir, 'red.png'), await encodePng(red));
      await writeFile(path.join(dir, 'broken.png'), 'not a png');
      const items = [
        { image: 'red.png', file: path.join(dir, 'red.png') },
        { image: 'missing.png', file: path.join(dir, 'missing.png') },
        { image: 'broken.png', file: path.join(dir, 'broken.png') },
        { image: 'red.png', file: path.join(dir, 'red.png'), box: [0, 0, 10, 20] as [number, number, number, number] },
        { image: 'red.png', file: path.join(dir, 'red.png'), box: [100, 100, 120, 140] as [number, number, number, number] },
      ];
      const logger = createMemoryLogger();
      const cacheDir = path.join(dir, 'cache');
      const first = await extractFeatures(items, builtinAppearanceExtractor(), { cacheDir, logger });
      expect(first.kept).toEqual([0, 3]);
      expect(first.failed.map((f) => [f.index, f.code])).toEqual([
        [1, 'E_IMAGE_MISSING'],
        [2, 'E_IMAGE_DECODE'],
        [4, 'E_IMAGE_LIST_INVALID'],
      ]);
      expect(first.features.n).toBe(2);
      expect(first.cacheHits).toBe(0);
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(3);
      const second = await extractFeatures(items, builtinAppearanceExtractor(), { cacheDir });
      expect(second.cacheHits).toBe(2);
      expect(Array.from(second.features.data)).toEqual(Array.from(first.features.data));
      const chunkDir = path.join(cacheDir, (await readdir(cacheDir))[0]);
      expect((await readdir(chunkDir)).sort()).toEqual(['chunk-000000.keys.json', 'chunk-000000.npy']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
