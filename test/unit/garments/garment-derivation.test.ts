import { describe, expect, it } from '@jest/globals';
import { torsoCellBox } from '../../../orchestrator/src/garments/cell-box.js';
import { deriveGarmentTemplate } from '../../../orchestrator/src/garments/garment-derivation.js';
import type { Derivation } from '../../../orchestrator/src/garments/garment-derivation.js';
import { correctedTemplate, loadCorrections, parseCorrections } from '../../../orchestrator/src/garments/garment-templates.js';
import type { Skeleton } from '../../../orchestrator/src/makehuman/skeleton.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { quadMesh, square } from './mesh-fixtures.js';

describe('garment derivation', () => {
  it('refuses a garment that is not a top and a bottom', () => {
    const mesh = quadMesh([square(0, 0, 1, 0, [0, 1, 2, 3])], [[0, 0], [1, 0], [1, 1], [0, 1]]);
    const skeleton = { name: 'd', bones: [{ name: 'spine03' }], index: new Map([['spine03', 0]]) } as unknown as Skeleton;
    const influences = { influences: 1, joints: new Uint16Array(4), weights: new Float32Array(4).fill(1) };
    expect(() => deriveGarmentTemplate({ model: 'vest', mesh, positions: mesh.positions, influences, skeleton })).toThrow(
      'characters: vest: not a two-piece suit (top and bottom UV islands); derive it by hand',
    );
  });

  it('boxes the torso part\'s UV keypoints on the 50 x 50 cell grid, outwards', () => {
    // canvas 1000: a cell is 20 px; x 105..300 -> cells 5..15, y 210..400 -> 10..20
    const parts = [{ garment: 0 as const, landmarks: [1, 2, 3], uv: [1, 2, 3] }];
    expect(torsoCellBox(parts, [[105, 210], [300, 250], [199, 400]], 1000)).toEqual([5, 10, 15, 20]);
  });
});

describe('template corrections', () => {
  it('parses the corrections file and applies UV keypoint corrections with a note', async () => {
    const text = JSON.stringify({ formatVersion: 1, templates: { suit: { categories: [1, 8], landmarks: { '0:3': [0, 5.5] }, uvKeypoints: { '2': [512, 300] } }, hat: { exclude: true } } });
    const files = createMemoryFileStore({ '/g/derivation/corrections.json': text });
    const corrections = await loadCorrections('/g/derivation/corrections.json', files);
    expect(corrections).toEqual({ suit: { categories: [1, 8], landmarks: { '0:3': [0, 5.5] }, uvKeypoints: { '2': [512, 300] } }, hat: { exclude: true } });
    expect(await loadCorrections('/g/none.json', files)).toEqual({});
    expect(() => parseCorrections('{"formatVersion": 1, "templates": {"x": {"categories": [1, 99]}}}', 'c.json')).toThrow(/x\.categories must be \[top, bottom\] DeepFashion2 ids/);

    const derivation = {
      template: { formatVersion: 1, id: 'suit', model: 'suit', categories: [1, 8], canvasPx: 1000, uvKeypoints: [[1, 1], [2, 2]], parts: [], cellBox: [0, 0, 1, 1], pantsRects: [], source: {} },
      notes: [] as string[],
    } as unknown as Derivation;
    const template = correctedTemplate('suit', derivation, corrections.suit.uvKeypoints);
    expect(template.uvKeypoints).toEqual([[1, 1], [512, 300]]);
    expect(derivation.template.uvKeypoints[1]).toEqual([2, 2]); // the derivation keeps what it derived
    expect(template.source).toEqual({ notes: ['UV keypoint 2 corrected by hand to [512, 300]'] });
    expect(() => correctedTemplate('suit', derivation, { '3': [0, 0] })).toThrow('characters: suit: UV keypoint correction 3 is out of range (1..2)');
  });
});
