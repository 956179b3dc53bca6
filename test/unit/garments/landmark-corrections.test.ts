import type { Point2 } from '../../../orchestrator/src/geometry/point.js';
import { describe, expect, it } from '@jest/globals';
import { correctLandmarks } from '../../../orchestrator/src/garments/landmark-corrections.js';

const points = (n: number, y: number): Point2[] => Array.from({ length: n }, (_, i) => [i, y]);

describe('landmark corrections and derived midpoints', () => {
  it('appends a long-sleeve top\'s hem centre (20, between 12 and 13) and a skirt\'s waist centre (8, between 1 and 2)', () => {
    const notes: string[] = [];
    const out = correctLandmarks('suit', [{ category: 2, points: points(19, 1) }, { category: 9, points: points(7, 0) }], undefined, {}, notes);
    expect(out.categories).toEqual([2, 9]);
    expect(out.top[19]).toEqual([11.5, 1]);
    expect(out.bottom[7]).toEqual([0.5, 0]);
    expect(notes).toEqual([]);
  });

  it('replaces corrected landmarks before the midpoints are taken, and notes each', () => {
    const notes: string[] = [];
    const out = correctLandmarks('suit', [{ category: 1, points: points(15, 1) }, { category: 9, points: points(7, 0) }], [1, 9], { '1:2': [5, 5], '0:3': [0, 9] }, notes);
    expect(out.bottom[1]).toEqual([5, 5]);
    expect(out.bottom[7]).toEqual([2.5, 2.5]);
    expect(out.top[2]).toEqual([0, 9]);
    expect(out.top).toHaveLength(15); // short sleeves: no derived landmark
    expect(notes).toEqual(['landmark 1:2 corrected by hand to [5, 5]', 'landmark 0:3 corrected by hand to [0, 9]']);
  });

  it('refuses corrections that name no landmark and forced categories that disagree', () => {
    const derived = [{ category: 1 as const, points: points(15, 1) }, { category: 8 as const, points: points(14, 0) }] as const;
    expect(() => correctLandmarks('suit', [derived[0], derived[1]], undefined, { '0:16': [0, 0] }, [])).toThrow('characters: suit: landmark correction 0:16 names no landmark (garment 0 has 15, 1 has 14)');
    expect(() => correctLandmarks('suit', [derived[0], derived[1]], undefined, { '2:1': [0, 0] }, [])).toThrow(/names no landmark/);
    const notes: string[] = [];
    expect(() => correctLandmarks('suit', [derived[0], derived[1]], [2, 8], {}, notes)).toThrow('characters: suit: landmarks were derived for [1, 8], not [2, 8]');
    expect(notes).toEqual(['categories forced to [2, 8], derived [1, 8]']);
  });
});
