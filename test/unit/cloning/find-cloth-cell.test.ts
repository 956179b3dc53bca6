import { describe, expect, it } from '@jest/globals';
import type { FeatureMap } from '../../../orchestrator/src/cloning/feature-map.js';
import { findClothCell } from '../../../orchestrator/src/cloning/find-cloth-cell.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { runPython } from '../../helpers/python.js';

function randomMap(channels: number, height: number, width: number, seed: number): FeatureMap {
  const random = createRandom(seed);
  const data = new Float32Array(channels * height * width);
  for (let i = 0; i < data.length; i++) data[i] = random.next() * 2;
  return { channels, height, width, data };
}

function plant(map: FeatureMap, row: number, col: number, size: number, seed: number): void {
  const random = createRandom(seed);
  for (let c = 0; c < map.channels; c++) {
    const value = 0.5 + random.next();
    for (let y = row; y < row + size; y++) for (let x = col; x < col + size; x++) map.data[c * map.height * map.width + y * map.width + x] = value;
  }
}

const full = (map: FeatureMap): Uint8Array => new Uint8Array(map.height * map.width).fill(1);

describe('findClothCell', () => {
  it('scores a block by hand-computable statistics', () => {
    // one channel, 2 x 4 map; only k = 2 fits. Block at column 0 holds [1, 1, 1, 3]:
    // norm sqrt(12), sample std of the raw values 1, so std after normalising 1/sqrt(12);
    // score = 1 / sqrt(12) / 4. The other blocks hold larger spreads.
    const map: FeatureMap = { channels: 1, height: 2, width: 4, data: Float32Array.from([1, 1, 0, 9, 1, 3, 5, 0]) };
    const cell = findClothCell(map, full(map));
    expect(cell).toEqual({ row: 0, col: 0, size: 2, score: expect.closeTo(1 / Math.sqrt(12) / 4, 12) });
  });

  it('finds a planted uniform block in noise, the largest that fits', () => {
    for (const [row, col, size] of [[10, 3, 6], [30, 9, 5], [0, 0, 8], [17, 2, 3]]) {
      const map = randomMap(64, 48, 16, row * 100 + col);
      plant(map, row, col, size, size);
      const cell = findClothCell(map, full(map));
      expect(cell).toEqual({ row, col, size, score: 0 });
    }
  });

  it('caps the block size at half the map width', () => {
    const map = randomMap(8, 24, 8, 5);
    plant(map, 4, 1, 7, 1);
    const cell = findClothCell(map, full(map));
    // k <= floor(8 / 2) = 4: a 4 x 4 block inside the planted square, the upper-left such one
    expect(cell).toEqual({ row: 4, col: 1, size: 4, score: 0 });
  });

  it('only considers blocks entirely inside the mask', () => {
    const map = randomMap(16, 24, 8, 6);
    plant(map, 2, 2, 4, 2);
    plant(map, 14, 1, 3, 3);
    const mask = full(map);
    mask[3 * 8 + 3] = 0; // poke a hole in the larger planted block
    const cell = findClothCell(map, mask);
    expect(cell).toEqual({ row: 14, col: 1, size: 3, score: 0 });
  });

  it('reports E_NO_CLOTH_CELL when nothing fits', () => {
    const map = randomMap(4, 10, 8, 7);
    const mask = new Uint8Array(80);
    mask[0] = mask[9] = 1;
    expect(() => findClothCell(map, mask)).toThrow(expect.objectContaining({ code: 'E_NO_CLOTH_CELL' }));
  });

  it('agrees with a numpy transcription of the authors\' unfold/normalize/std search', async () => {
    const map = randomMap(32, 24, 8, 8);
    // a smooth region makes the winner a real decision rather than noise
    for (let c = 0; c < 32; c++) {
      for (let y = 5; y < 13; y++) for (let x = 1; x < 7; x++) map.data[c * 192 + y * 8 + x] = 1 + 0.01 * Math.sin(x + y + c);
    }
    const mask = full(map);
    for (let y = 0; y < 24; y++) mask[y * 8 + 7] = 0;
    const script = `
import sys, numpy as np
C, H, W = 32, 24, 8
f = np.fromfile(sys.argv[1], np.float32).reshape(C, H, W).astype(np.float64)
m = np.fromfile(sys.argv[2], np.uint8).reshape(H, W)
best = None
for k in range(2, W // 2 + 1):
    for r in range(H - k + 1):
        for c in range(W - k + 1):
            if m[r:r+k, c:c+k].sum() != k * k:
                continue
            block = f[:, r:r+k, c:c+k].reshape(C, k * k)
            norm = np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
            score = (block / norm).std(axis=1, ddof=1).mean() / (k * k)
            if best is None or score < best[0]:
                best = (score, r, c, k)
print(best[1], best[2], best[3], repr(best[0]))`;
    const { stdout } = await runPython(script, [new Uint8Array(map.data.buffer), mask]);
    const [row, col, size, score] = stdout.trim().split(' ').map(Number);
    const cell = findClothCell(map, mask);
    expect({ row: cell.row, col: cell.col, size: cell.size }).toEqual({ row, col, size });
    expect(cell.score).toBeCloseTo(score, 12);
  });
});
