import { describe, expect, it } from '@jest/globals';
import type { Point2 } from '../../../orchestrator/src/geometry/point.js';
import { boundsOf, rasterizePolygon } from '../../../orchestrator/src/geometry/polygon.js';

const sum = (mask: Uint8Array): number => mask.reduce((s, v) => s + v, 0);

describe('rasterizePolygon', () => {
  it('covers the pixel centres inside an axis-aligned rectangle (half-open)', () => {
    // centres x in [2, 6), y in [1, 4): 4 x 3 pixels
    const mask = rasterizePolygon([[2, 1], [6, 1], [6, 4], [2, 4]], 10, 8);
    expect(sum(mask)).toBe(12);
    expect(mask[1 * 10 + 2]).toBe(1);
    expect(mask[1 * 10 + 6]).toBe(0);
    expect(mask[4 * 10 + 2]).toBe(0);
  });

  it('tiles shared edges without gaps or overlaps', () => {
    const a: Point2[] = [[0.3, 0.2], [17.7, 1.1], [9.4, 15.8]];
    const b: Point2[] = [[17.7, 1.1], [19.6, 16.4], [9.4, 15.8]];
    const whole: Point2[] = [[0.3, 0.2], [17.7, 1.1], [19.6, 16.4], [9.4, 15.8]];
    const ma = rasterizePolygon(a, 20, 20);
    const mb = rasterizePolygon(b, 20, 20);
    const mw = rasterizePolygon(whole, 20, 20);
    for (let i = 0; i < 400; i++) {
      expect(ma[i] + mb[i]).toBe(mw[i]);
    }
  });

  it('approximates the area of a large triangle and uses the even-odd rule', () => {
    const triangle = rasterizePolygon([[0, 0], [200, 0], [0, 100]], 300, 300);
    expect(Math.abs(sum(triangle) - 10000)).toBeLessThan(250);
    // a self-overlapping pentagram: the inner pentagon is outside under even-odd
    const star: Point2[] = [0, 2, 4, 1, 3].map((k) => {
      const angle = -Math.PI / 2 + (k * 2 * Math.PI) / 5;
      return [50 + 40 * Math.cos(angle), 50 + 40 * Math.sin(angle)];
    });
    const mask = rasterizePolygon(star, 100, 100);
    expect(mask[50 * 100 + 50]).toBe(0);
    expect(mask[14 * 100 + 50]).toBe(1);
  });

  it('clips to the grid and handles degenerate input', () => {
    expect(sum(rasterizePolygon([[-5, -5], [15, -5], [15, 15], [-5, 15]], 10, 10))).toBe(100);
    expect(sum(rasterizePolygon([[1, 1], [5, 5]], 10, 10))).toBe(0);
    expect(boundsOf([[3, 4], [-1, 9], [2, 0]])).toEqual([-1, 0, 3, 9]);
  });
});
