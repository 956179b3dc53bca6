/**
 * Height in centimetres -> MakeHuman's Height slider. MakeHuman measures height as the vertical
 * extent of the body mesh (human.getHeightCm). For fixed other sliders the body is linear in the
 * slider on [0, 0.5] and on [0.5, 1] separately (min/max-height target weights), and
 * the highest and lowest body vertices stay the same, so height(slider) is piecewise linear.
 * We evaluate the three knots, interpolate in the right segment and refine with secant steps
 * until within `toleranceCm`; targets outside the reachable range clamp to 0 or 1.
 */
import { bodyHeightCm, morphBody } from '../makehuman/body-morph.js';
import type { MacroValues } from '../makehuman/macro-modifiers.js';
import type { MakeHumanAssets } from '../makehuman/makehuman-assets.js';

export interface HeightSolution {
  slider: number;
  heightCm: number;
}

/** The Height slider giving a body of `targetCm` (see the module doc). */
export async function solveHeightSlider(
  data: MakeHumanAssets,
  macro: MacroValues,
  targetCm: number,
  toleranceCm = 0.05,
): Promise<HeightSolution> {
  const base = await data.baseMesh();
  const measure = async (slider: number): Promise<number> => bodyHeightCm(base, await morphBody(data, { ...macro, height: slider }));
  const mid = await measure(0.5);
  let [lo, hi] = targetCm <= mid ? [0, 0.5] : [0.5, 1];
  let hLo = lo === 0.5 ? mid : await measure(lo);
  let hHi = hi === 0.5 ? mid : await measure(hi);
  if (targetCm <= hLo) return { slider: lo, heightCm: hLo };
  if (targetCm >= hHi) return { slider: hi, heightCm: hHi };
  let slider = lo + ((targetCm - hLo) / (hHi - hLo)) * (hi - lo);
  let height = await measure(slider);
  for (let i = 0; i < 6 && Math.abs(height - targetCm) > toleranceCm; i++) {
    if (height < targetCm) {
      lo = slider;
      hLo = height;
    } else {
      hi = slider;
      hHi = height;
    }
    slider = lo + ((targetCm - hLo) / (hHi - hLo || 1)) * (hi - lo);
    height = await measure(slider);
  }
  return { slider, heightCm: height };
}
