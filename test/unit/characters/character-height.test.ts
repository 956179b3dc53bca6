import { describe, expect, it } from '@jest/globals';
import { solveHeightSlider } from '../../../orchestrator/src/characters/character-height.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

describe('height slider solving (the mini-body measures 120 + 80 x slider cm)', () => {
  it('finds the slider for a height inside the reachable range', async () => {
    const assets = await SyntheticMakeHuman.create();
    expect(await solveHeightSlider(assets, MACRO_DEFAULTS, 170)).toEqual({ slider: 0.625, heightCm: 170 });
    const short = await solveHeightSlider(assets, MACRO_DEFAULTS, 140);
    expect(short.slider).toBeCloseTo(0.25, 6);
    expect(short.heightCm).toBeCloseTo(140, 4);
  });

  it('clamps heights outside the range to the slider ends', async () => {
    const assets = await SyntheticMakeHuman.create();
    expect(await solveHeightSlider(assets, MACRO_DEFAULTS, 100)).toEqual({ slider: 0, heightCm: 120 });
    expect(await solveHeightSlider(assets, MACRO_DEFAULTS, 230)).toEqual({ slider: 1, heightCm: 200 });
  });
});
