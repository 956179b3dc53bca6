import { describe, expect, it } from '@jest/globals';
import { bodyHeightCm, morphBody } from '../../../orchestrator/src/makehuman/body-morph.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

const vertex = (positions: Float32Array, v: number): number[] => Array.from(positions.slice(v * 3, v * 3 + 3));

describe('body morph (the mini-body)', () => {
  it('adds each macro target scaled by its MakeHuman weight', async () => {
    const assets = await SyntheticMakeHuman.create();
    // gender 1: universal-male weight 1 (x +-1); height 0.75: maxheight weight 2 * 0.75 - 1 = 0.5 (y + 2), minheight 0
    const body = await morphBody(assets, { ...MACRO_DEFAULTS, gender: 1, height: 0.75 });
    expect(vertex(body, 4)).toEqual([-2, 18, 0]);
    expect(vertex(body, 5)).toEqual([2, 18, 0]);
    expect(vertex(body, 12)).toEqual([0, 18.5, 0]); // the neck joint triangle moves with the top
    for (const v of [0, 1, 2, 3, 6]) expect(vertex(body, v)).toEqual(vertex((await assets.baseMesh()).positions, v));
    // height 0.25: minheight weight 0.5 (y - 2); gender 0: no male offset
    const short = await morphBody(assets, { ...MACRO_DEFAULTS, gender: 0, height: 0.25 });
    expect(vertex(short, 4)).toEqual([-1, 14, 0]);
  });

  it('measures height over the body group only (helpers below the feet do not count)', async () => {
    const assets = await SyntheticMakeHuman.create();
    const base = await assets.baseMesh();
    expect(bodyHeightCm(base, base.positions)).toBe(160);
    expect(bodyHeightCm(base, await morphBody(assets, { ...MACRO_DEFAULTS, height: 1 }))).toBe(200);
  });
});
