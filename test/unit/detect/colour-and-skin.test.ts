import { describe, expect, it } from '@jest/globals';
import { buildPalette, matchesPalette, paletteShare } from '../../../orchestrator/src/detect/colour-palette.js';
import type { Keypoint } from '../../../orchestrator/src/detect/coco-keypoints.js';
import { PhotoSampler } from '../../../orchestrator/src/detect/photo-sampler.js';
import type { Lab } from '../../../orchestrator/src/detect/photo-sampler.js';
import { GENERIC_SKIN, SKIN_MODEL_DEFAULTS, isSkin, skinModelFromFace } from '../../../orchestrator/src/detect/skin-model.js';
import { rgbToLab } from '../../../orchestrator/src/imaging/colour.js';
import { imageFrom } from '../../helpers/images.js';

function lab(r: number, g: number, b: number): Lab {
  const out = [0, 0, 0];
  rgbToLab(r, g, b, out);
  return [out[0], out[1], out[2]];
}

/** Face keypoints: nose at (50, 50), eyes 20 px apart above it, shoulders 100 px apart. */
function faceKeypoints(): Keypoint[] {
  const k: Keypoint[] = Array.from({ length: 17 }, () => [0, 0, 0.9] as Keypoint);
  k[0] = [50, 50, 0.9];
  k[1] = [60, 40, 0.9];
  k[2] = [40, 40, 0.9];
  k[5] = [100, 90, 0.9];
  k[6] = [0, 90, 0.9];
  return k;
}

describe('colour palette', () => {
  it('finds both colours of a stripe and matches them only', () => {
    const navy = lab(30, 40, 110);
    const white = lab(240, 240, 235);
    const stripes = Array.from({ length: 200 }, (_, i) => (i % 2 ? navy : white));
    const palette = buildPalette(stripes);
    expect(palette.centres).toHaveLength(2);
    expect(palette.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(matchesPalette(lab(35, 45, 115), palette)).toBe(true);
    expect(matchesPalette(lab(200, 40, 40), palette)).toBe(false);
    expect(paletteShare([navy, white, lab(200, 40, 40), lab(20, 160, 40)], palette)).toBe(0.5);
    expect(buildPalette([]).centres).toEqual([]);
  });

  it('keeps lightness differences from shading within a match', () => {
    const red = lab(180, 30, 40);
    const palette = buildPalette(Array.from({ length: 50 }, () => red));
    expect(matchesPalette(lab(140, 22, 30), palette)).toBe(true);
  });
});

describe('skin model', () => {
  it('is seeded from the face and tells skin from clothes', () => {
    const skinRgb = [214, 160, 130];
    // a face of skin with dark sunglasses across the eye line
    const photo = imageFrom(100, 100, 3, (x, y, k) => (y >= 36 && y <= 47 ? 25 : skinRgb[k]));
    const model = skinModelFromFace(new PhotoSampler(photo), faceKeypoints(), 0.3);
    expect(model.source).toBe('face');
    expect(isSkin(lab(214, 160, 130), model)).toBe(true);
    expect(isSkin(lab(170, 125, 100), model)).toBe(true); // the same skin in shade
    expect(isSkin(lab(40, 70, 170), model)).toBe(false);
    expect(isSkin(lab(240, 240, 240), model)).toBe(false);
    expect(isSkin(lab(30, 30, 30), model)).toBe(false);
  });

  it('takes skin in sun or shade by its hue (lighter and paler, or darker), not cloth of another hue', () => {
    const skinRgb = [214, 160, 130];
    const photo = imageFrom(100, 100, 3, (x, y, k) => skinRgb[k]);
    const model = skinModelFromFace(new PhotoSampler(photo), faceKeypoints(), 0.3);
    // a face in shade, arms in the sun: 25 lighter, chroma down by a third, hue kept
    const face = lab(214, 160, 130);
    const sunlit: Lab = [face[0] + 25, face[1] * 0.65, face[2] * 0.65];
    expect(isSkin(sunlit, model)).toBe(true);
    expect(isSkin(sunlit, model, { ...SKIN_MODEL_DEFAULTS, hueTolerance: 0 })).toBe(false);
    expect(isSkin(lab(200, 185, 140), model)).toBe(false); // beige cloth: yellower
    expect(isSkin(lab(220, 150, 170), model)).toBe(false); // pink cloth: redder
    expect(isSkin(lab(235, 230, 228), model)).toBe(false); // white: no chroma
  });

  it('falls back to a generic range when the face cannot be read', () => {
    const grey = imageFrom(100, 100, 3, () => 128);
    expect(skinModelFromFace(new PhotoSampler(grey), faceKeypoints(), 0.3)).toBe(GENERIC_SKIN);
    const noNose = faceKeypoints();
    noNose[0] = [50, 50, 0.1];
    expect(skinModelFromFace(new PhotoSampler(grey), noNose, 0.3)).toBe(GENERIC_SKIN);
    expect(isSkin(lab(214, 160, 130), GENERIC_SKIN)).toBe(true);
  });
});
