import { describe, expect, it } from '@jest/globals';
import { PersonSilhouette } from '../../../orchestrator/src/detect/person-silhouette.js';

/** A 4 x 4 grid over [10, 20, 50, 60] (10 px cells) with the 2 x 2 centre covered. */
function centreBlock(): PersonSilhouette {
  const data = new Float32Array(16);
  for (const i of [5, 6, 9, 10]) data[i] = 0.8;
  data[0] = 0.4;
  return new PersonSilhouette({ box: [10, 20, 50, 60], widthPx: 4, heightPx: 4, data });
}

describe('PersonSilhouette', () => {
  it('maps image pixels to grid cells, with the probability threshold', () => {
    const s = centreBlock();
    expect(s.covered(25, 35)).toBe(true);
    expect(s.covered(39.9, 49.9)).toBe(true);
    expect(s.covered(40, 35)).toBe(false);
    expect(s.covered(15, 25)).toBe(false); // 0.4 < 0.5
    expect(new PersonSilhouette(s.grid, 0.3).covered(15, 25)).toBe(true);
    expect(s.covered(5, 35)).toBe(false); // outside the grid
  });

  it('walks to the edge, crossing short gaps', () => {
    const s = centreBlock();
    expect(s.reach([21, 35], [1, 0], 100)).toBe(18);
    expect(s.reach([21, 35], [-1, 0], 100)).toBe(1);
    expect(s.reach([21, 35], [1, 0], 5)).toBe(5);
  });

  it('knows its bounds and border contact', () => {
    const s = centreBlock();
    expect(s.bounds()).toEqual([20, 30, 40, 50]);
    expect(s.borderContact(50, 60, 0)).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
    expect(s.borderContact(40, 60, 0)).toEqual({ top: 0, bottom: 0, left: 0, right: 2 });
    expect(new PersonSilhouette({ box: [0, 0, 1, 1], widthPx: 1, heightPx: 1, data: new Float32Array(1) }).bounds()).toBeUndefined();
  });
});
