import { describe, expect, it } from '@jest/globals';
import { parseGarmentList } from '../../../orchestrator/src/cloning/garment-list.js';
import { DETECTION_LINE_CONTRACT } from '../../../orchestrator/src/contracts/detections.js';
import type { DetectionLine } from '../../../orchestrator/src/contracts/detections.js';

const TOP: [number, number][] = Array.from({ length: 15 }, (_, i) => [10 + i, 20 + i]);
const TROUSERS: [number, number][] = Array.from({ length: 14 }, (_, i) => [15 + i, 60 + i]);

function line(overrides: Partial<DetectionLine>): string {
  return DETECTION_LINE_CONTRACT.formatLine({
    image: 'a.jpg',
    box: [0, 0, 50, 150],
    keypoints: [],
    qualified: true,
    rejections: [],
    garments: [{ category: 1, landmarks: TOP, source: 'estimated' }, { category: 8, landmarks: TROUSERS, source: 'estimated' }],
    ...overrides,
  });
}

describe('clone --garments detections.jsonl', () => {
  it('takes the garments of each photo\'s qualified person, the largest when several qualify', () => {
    const text = [
      line({}),
      line({ image: 'b.jpg', qualified: false, rejections: ['back-view'], garments: [] }),
      line({ image: 'c.jpg', box: [0, 0, 20, 60], garments: [{ category: 10, landmarks: Array.from({ length: 22 }, () => [1, 1]), source: 'model' }] }),
      line({ image: 'c.jpg', box: [30, 0, 90, 150] }),
    ].join('');
    const entries = parseGarmentList(text, 'out/detections.jsonl');
    expect(entries.map((e) => [e.where, e.image, e.category, e.landmarks.length])).toEqual([
      ['out/detections.jsonl:1', 'a.jpg', 1, 15],
      ['out/detections.jsonl:1', 'a.jpg', 8, 14],
      ['out/detections.jsonl:4', 'c.jpg', 1, 15],
      ['out/detections.jsonl:4', 'c.jpg', 8, 14],
    ]);
  });

  it('reports a malformed line and still reads the rest', () => {
    const text = `${line({})}{"image": "x.jpg", "box": [0, 0, 1, 1], "keypoints": [], "qualified": true, "rejections": ["back-view"], "garments": []}\n`;
    const entries = parseGarmentList(text, 'd.jsonl');
    expect(entries[0].error?.code).toBe('E_DETECTIONS_INVALID');
    expect(entries[0].error?.message).toMatch(/d\.jsonl:2: \/rejections/);
    expect(entries.slice(1).map((e) => e.category)).toEqual([1, 8]);
  });

  it('still reads one-garment-per-line JSONL', () => {
    const entries = parseGarmentList('{"image": "a.jpg", "category": "trousers", "landmarks": [[1, 2]]}\n', 'g.jsonl');
    expect(entries).toEqual([{ where: 'g.jsonl:1', image: 'a.jpg', category: 8, landmarks: [[1, 2]] }]);
  });
});
