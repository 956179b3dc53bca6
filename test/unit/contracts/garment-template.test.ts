import { describe, expect, it } from '@jest/globals';
import { isIrregular, parseGarmentTemplate, templateProblems } from '../../../orchestrator/src/contracts/garment-template.js';

const valid = {
  formatVersion: 1,
  id: 'shorts-a',
  model: 'shorts01',
  categories: [7],
  canvasPx: 1000,
  uvKeypoints: [[100, 100], [400, 100], [400, 400], [100, 400]],
  parts: [{ garment: 0, landmarks: [1, 2, 8, 9], uv: [1, 2, 3, 4] }],
  cellBox: [10, 10, 20, 20],
  pantsRects: [],
};

describe('parseGarmentTemplate', () => {
  it('accepts a valid template', () => {
    const t = parseGarmentTemplate(valid, 't.json');
    expect(t.categories).toEqual([7]);
    expect(isIrregular(t)).toBe(false);
    expect(templateProblems(t)).toEqual([]);
  });

  it.each([
    [{ formatVersion: 2 }, /^t\.json: \/formatVersion: format 2 was written by a newer clonedperson/],
    [{ id: 'a b' }, /^t\.json: \/id: must match/],
    [{ categories: [14] }, /^t\.json: \/categories\/0: must be one of 1, 2, 3/],
    [{ categories: [8, 2] }, /^t\.json: \/categories: a two-garment template must be \[top, bottom\]/],
    [{ canvasPx: 3.5 }, /^t\.json: \/canvasPx: must be integer but is number/],
    [{ uvKeypoints: [[1, 2, 3]] }, /^t\.json: \/uvKeypoints\/0: must have at most 2 items/],
    [{ uvKeypoints: [[1200, 2]] }, /^t\.json: \/uvKeypoints\/0: \[1200, 2\] lies outside the 1000px canvas/],
    [{ parts: [{ garment: 2, landmarks: [], uv: [] }] }, /^t\.json: \/parts\/0\/garment: must be one of 0, 1/],
    [{ parts: [{ garment: 0, landmarks: [0], uv: [1] }] }, /^t\.json: \/parts\/0\/landmarks\/0: must be >= 1/],
    [{ cellBox: [1, 2, 3] }, /^t\.json: \/cellBox: must have at least 4 items/],
    [{ pantsRects: [[0, 0, 2000, 10]] }, /^t\.json: \/pantsRects\/0: lies outside/],
    [{ colour: 'red' }, /^t\.json: \/: unexpected property "colour"/],
  ])('rejects %j with a message naming the field', (patch, message) => {
    expect(() => parseGarmentTemplate({ ...valid, ...patch }, 't.json')).toThrow(message);
    expect(() => parseGarmentTemplate({ ...valid, ...patch }, 't.json')).toThrow(expect.objectContaining({ code: 'E_CATALOG_INVALID' }));
  });

  it('reports groups that cannot be used', () => {
    const t = parseGarmentTemplate(
      {
        ...valid,
        parts: [
          { garment: 0, landmarks: [1, 2, 3], uv: [1, 2, 3, 4] },
          { garment: 0, landmarks: [1, 2, 11, 9], uv: [1, 2, 3, 5] },
          { garment: 1, landmarks: [1, 2, 3, 4], uv: [1, 2, 3, 4] },
        ],
      },
      't.json',
    );
    expect(templateProblems(t)).toEqual([
      'part 1 pairs 3 landmarks with 4 UV keypoints',
      'part 1 has fewer than 4 points',
      'part 2 indexes landmark 11 but category 7 has 10',
      'part 2 indexes UV keypoint 5 of 4',
      'part 3 uses garment 1 but the template dresses 1',
    ]);
  });
});
