/**
 * The lower-body cues of the outfit estimate (outfit-estimate.ts) on hand-made figures with known
 * answers: a painted figure of rectangles and legs, its exact mask, and its joints as keypoints.
 */
import { describe, expect, it } from '@jest/globals';
import { bodyFrame } from '../../../orchestrator/src/detect/body-frame.js';
import type { BodyFrame } from '../../../orchestrator/src/detect/body-frame.js';
import type { Keypoint } from '../../../orchestrator/src/detect/coco-keypoints.js';
import { buildPalette } from '../../../orchestrator/src/detect/colour-palette.js';
import type { ColourPalette } from '../../../orchestrator/src/detect/colour-palette.js';
import { OUTFIT_ESTIMATE_DEFAULTS, bottomOf, estimateOutfit, flareAt, middleState, readLegs } from '../../../orchestrator/src/detect/outfit-estimate.js';
import { PersonSilhouette } from '../../../orchestrator/src/detect/person-silhouette.js';
import { PhotoSampler } from '../../../orchestrator/src/detect/photo-sampler.js';
import type { Lab } from '../../../orchestrator/src/detect/photo-sampler.js';
import { skinModelFromFace } from '../../../orchestrator/src/detect/skin-model.js';
import type { SkinModel } from '../../../orchestrator/src/detect/skin-model.js';
import { rgbToLab } from '../../../orchestrator/src/imaging/colour.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';

type Rgb = readonly [number, number, number];

const W = 200;
const H = 400;
const BACKGROUND: Rgb = [205, 215, 200];
const SKIN: Rgb = [224, 172, 140];
const TOP: Rgb = [40, 70, 170];
const RED: Rgb = [170, 30, 40];
const BLACK: Rgb = [28, 28, 30];
const GREY: Rgb = [110, 110, 115];

interface Figure {
  /** Leg centre x at the hips and at the ankles, image left (the subject's right) first. */
  legs: { hipX: [number, number]; ankleX: [number, number] };
  /** What covers the lower body, top to bottom: painted over both legs (`legs`) or as one block across them (`block`, half-width). */
  lower: { fromY: number; toY: number; colour: Rgb; shape: 'legs' | { halfWidth: number; flareTo?: number } }[];
  top?: Rgb;
}

const Y = { nose: 40, shoulder: 80, hip: 180, knee: 270, ankle: 360 };

function lab(c: Rgb): Lab {
  const out = [0, 0, 0];
  rgbToLab(c[0], c[1], c[2], out);
  return [out[0], out[1], out[2]];
}

/** Paints the figure; returns the sampler on its photo and mask, and its keypoints. */
function draw(figure: Figure): { sampler: PhotoSampler; keypoints: Keypoint[]; frame: BodyFrame } {
  const photo = createRawImage(W, H, 3);
  const mask = new Float32Array(W * H);
  const paint = (x: number, y: number, c: Rgb): void => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    photo.data.set(c, (y * W + x) * 3);
    mask[y * W + x] = 1;
  };
  for (let i = 0; i < W * H; i++) photo.data.set(BACKGROUND, i * 3);
  const legX = (side: 0 | 1, y: number): number => {
    const t = Math.max(0, Math.min(1, (y - Y.hip) / (Y.ankle - Y.hip)));
    return figure.legs.hipX[side] + (figure.legs.ankleX[side] - figure.legs.hipX[side]) * t;
  };
  const legHalf = (y: number): number => (y < Y.knee ? 22 - (6 * (y - Y.hip)) / (Y.knee - Y.hip) : 16 - (6 * (y - Y.knee)) / (Y.ankle - Y.knee));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // head and neck
      if ((x - 100) ** 2 + (y - Y.nose) ** 2 <= 22 ** 2 || (Math.abs(x - 100) <= 10 && y > Y.nose && y <= Y.shoulder)) paint(x, y, SKIN);
      // torso and arms (bare arms hanging beside it)
      if (y >= Y.shoulder && y < Y.hip && Math.abs(x - 100) <= 45) paint(x, y, figure.top ?? TOP);
      if (y >= Y.shoulder && y < Y.hip + 20 && Math.abs(x - 100) > 48 && Math.abs(x - 100) <= 60) paint(x, y, SKIN);
      // legs: bare, with shoes
      if (y >= Y.hip && y <= Y.ankle + 12) for (const side of [0, 1] as const) if (Math.abs(x - legX(side, y)) <= legHalf(y)) paint(x, y, y > Y.ankle ? BLACK : SKIN);
    }
  }
  for (const part of figure.lower) {
    for (let y = part.fromY; y < part.toY; y++) {
      for (let x = 0; x < W; x++) {
        if (part.shape === 'legs') {
          for (const side of [0, 1] as const) if (Math.abs(x - legX(side, y)) <= legHalf(y) + 1) paint(x, y, part.colour);
        } else {
          const t = (y - part.fromY) / Math.max(1, part.toY - part.fromY);
          const half = part.shape.halfWidth + ((part.shape.flareTo ?? part.shape.halfWidth) - part.shape.halfWidth) * t;
          if (Math.abs(x - 100) <= half) paint(x, y, part.colour);
        }
      }
    }
  }
  const k = (x: number, y: number): Keypoint => [x, y, 0.9];
  const keypoints: Keypoint[] = [
    k(100, Y.nose), k(108, Y.nose - 8), k(92, Y.nose - 8), k(114, Y.nose - 4), k(86, Y.nose - 4),
    k(145, Y.shoulder), k(55, Y.shoulder), k(154, Y.shoulder + 50), k(46, Y.shoulder + 50), k(154, Y.hip + 10), k(46, Y.hip + 10),
    k(figure.legs.hipX[1], Y.hip), k(figure.legs.hipX[0], Y.hip),
    k(legX(1, Y.knee), Y.knee), k(legX(0, Y.knee), Y.knee), k(figure.legs.ankleX[1], Y.ankle), k(figure.legs.ankleX[0], Y.ankle),
  ];
  const silhouette = new PersonSilhouette({ box: [0, 0, W, H], widthPx: W, heightPx: H, data: mask });
  return { sampler: new PhotoSampler(photo, silhouette), keypoints, frame: bodyFrame(keypoints) };
}

const APART = { hipX: [78, 122] as [number, number], ankleX: [62, 138] as [number, number] };
const TOGETHER = { hipX: [82, 118] as [number, number], ankleX: [90, 110] as [number, number] };

function read(figure: Figure, palette: ColourPalette, fromZ = 1) {
  const { sampler, keypoints, frame } = draw(figure);
  const skin: SkinModel = skinModelFromFace(sampler, keypoints, 0.3);
  const legs = readLegs(sampler, frame, palette, skin, fromZ, OUTFIT_ESTIMATE_DEFAULTS);
  return { legs, bottom: bottomOf(legs, fromZ, OUTFIT_ESTIMATE_DEFAULTS), sampler, frame, skin, keypoints };
}

const paletteOf = (c: Rgb): ColourPalette => buildPalette([lab(c)]);

describe('the middle between the legs', () => {
  it('is background between legs apart, the garment between legs in one, skin between bare legs together', () => {
    const trousers = read({ legs: APART, lower: [{ fromY: Y.hip - 5, toY: Y.ankle, colour: GREY, shape: 'legs' }] }, paletteOf(GREY));
    // z 2.5 (between knee and ankle): the legs stand apart
    expect(middleState(trousers.sampler, trousers.frame, paletteOf(GREY), trousers.skin, 2.5)).toBe('background');
    const skirt = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.knee, colour: RED, shape: { halfWidth: 42 } }] }, paletteOf(RED));
    expect(middleState(skirt.sampler, skirt.frame, paletteOf(RED), skirt.skin, 1.5)).toBe('garment');
    expect(middleState(skirt.sampler, skirt.frame, paletteOf(GREY), skirt.skin, 1.5)).toBe('other');
    expect(middleState(skirt.sampler, skirt.frame, paletteOf(RED), skirt.skin, 2.4)).toBe('skin');
  });
});

describe('flare', () => {
  it('is about one over two legs in trousers, wider under a skirt', () => {
    const trousers = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.ankle, colour: GREY, shape: 'legs' }] }, paletteOf(GREY));
    const skirt = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.ankle - 10, colour: RED, shape: { halfWidth: 42, flareTo: 70 } }] }, paletteOf(RED));
    expect(flareAt(trousers.sampler, trousers.frame, trousers.skin, 2.3)).toBeLessThan(1.15);
    expect(flareAt(skirt.sampler, skirt.frame, skirt.skin, 2.3)).toBeGreaterThan(1.5);
  });
});

describe('reading the bottom down the legs', () => {
  it('trousers on legs apart: the legs part inside the garment', () => {
    const { legs, bottom } = read({ legs: APART, lower: [{ fromY: Y.hip - 5, toY: Y.ankle, colour: GREY, shape: 'legs' }] }, paletteOf(GREY));
    expect(legs.spanEnd).toBeLessThan(1.6);
    expect(Math.max(...legs.hems)).toBeGreaterThan(2.8);
    expect(bottom).toMatchObject({ category: 8, separate: true });
  });

  it('trousers on legs together: spanning them to the ankles, no wider than they are', () => {
    const { legs, bottom } = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.ankle, colour: GREY, shape: 'legs' }] }, paletteOf(GREY));
    expect(legs.spanEnd).toBeGreaterThan(2.8);
    expect(legs.wideTo).toBe(0);
    expect(legs.outline).toBeLessThan(OUTFIT_ESTIMATE_DEFAULTS.longSkirtOutline);
    expect(bottom.category).toBe(8);
  });

  it('shorts: the legs part above the hem', () => {
    const { bottom } = read({ legs: APART, lower: [{ fromY: Y.hip - 5, toY: Y.hip + 50, colour: GREY, shape: 'legs' }] }, paletteOf(GREY));
    expect(bottom.category).toBe(7);
  });

  it('a skirt over bare legs ends where it stops spanning them', () => {
    const { legs, bottom } = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.hip + 50, colour: RED, shape: { halfWidth: 40 } }] }, paletteOf(RED));
    expect(bottom.category).toBe(9);
    // the hem at y 230: z = 1 + 50 / 90 = 1.56
    expect(legs.spanEnd).toBeGreaterThanOrEqual(1.5);
    expect(legs.spanEnd).toBeLessThanOrEqual(1.65);
  });

  it('a skirt over black tights: the legs\' colour changes at its hem while the garment still spans them', () => {
    const { legs, bottom } = read(
      {
        legs: TOGETHER,
        lower: [
          { fromY: Y.hip + 40, toY: Y.ankle, colour: BLACK, shape: 'legs' },
          { fromY: Y.hip - 5, toY: Y.hip + 45, colour: RED, shape: { halfWidth: 40 } },
        ],
      },
      // the palette below the top holds the tights' black too (the skirt's waistband, a bag)
      { centres: [lab(RED), lab(BLACK)], weights: [0.7, 0.3] },
    );
    expect(legs.change.strength).toBeGreaterThan(OUTFIT_ESTIMATE_DEFAULTS.hemChange);
    expect(legs.change.z).toBeGreaterThan(1.35);
    expect(legs.change.z).toBeLessThan(1.7);
    expect(bottom.category).toBe(9);
    expect(Math.max(...bottom.hems)).toBeLessThan(1.8);
  });

  it('a long skirt whose print breaks its colours is as wide as a skirt in outline', () => {
    // a grey panel down the front over the legs, red side panels: in the panel's colours the
    // garment is no wider than the legs, in outline it is
    const { legs, bottom } = read(
      {
        legs: TOGETHER,
        lower: [
          { fromY: Y.hip - 5, toY: Y.ankle - 5, colour: RED, shape: { halfWidth: 40 } },
          { fromY: Y.hip - 5, toY: Y.ankle - 5, colour: GREY, shape: 'legs' },
        ],
      },
      paletteOf(GREY),
    );
    expect(legs.spanEnd).toBeGreaterThan(2.8);
    expect(legs.wideTo).toBe(0);
    expect(legs.outline).toBeGreaterThan(OUTFIT_ESTIMATE_DEFAULTS.longSkirtOutline);
    expect(bottom.category).toBe(9);
  });

  it('a midi skirt over black tights: a colour change down at mid-shin is still its hem', () => {
    // the hem at z 2.6, where the search for a change ends: the change is found at or below
    // where trousers begin (z 2.5), which used to rule it out as a skirt's hem
    const hemY = Math.round(Y.knee + 0.6 * (Y.ankle - Y.knee));
    const { legs, bottom } = read(
      {
        legs: APART,
        lower: [
          { fromY: hemY - 5, toY: Y.ankle, colour: BLACK, shape: 'legs' },
          { fromY: Y.hip - 5, toY: hemY, colour: RED, shape: { halfWidth: 42 } },
        ],
      },
      paletteOf(RED),
    );
    expect(legs.change.z).toBeGreaterThanOrEqual(OUTFIT_ESTIMATE_DEFAULTS.trousersFrom);
    expect(legs.change.strength).toBeGreaterThan(OUTFIT_ESTIMATE_DEFAULTS.hemChange);
    expect(bottom.category).toBe(9);
  });

  it('a long skirt flares below the knees', () => {
    const { legs, bottom } = read({ legs: TOGETHER, lower: [{ fromY: Y.hip - 5, toY: Y.ankle - 5, colour: RED, shape: { halfWidth: 40, flareTo: 70 } }] }, paletteOf(RED));
    expect(legs.wideTo).toBeGreaterThan(2.2);
    expect(bottom.category).toBe(9);
  });
});

describe('the outfit', () => {
  it('reads a top and trousers in one colour on legs apart as separates', () => {
    const { sampler, keypoints } = draw({ legs: APART, top: GREY, lower: [{ fromY: Y.hip - 5, toY: Y.ankle, colour: GREY, shape: 'legs' }] });
    expect(estimateOutfit(sampler, keypoints).categories).toEqual([5, 8]);
  });

  it('reads the top\'s colour going on into a short skirt as a dress, down to the ankles as a top over a long skirt', () => {
    const short = draw({ legs: TOGETHER, top: RED, lower: [{ fromY: Y.hip - 5, toY: Y.hip + 60, colour: RED, shape: { halfWidth: 44, flareTo: 55 } }] });
    expect(estimateOutfit(short.sampler, short.keypoints).categories).toEqual([12]);
    const long = draw({ legs: TOGETHER, top: RED, lower: [{ fromY: Y.hip - 5, toY: Y.ankle + 5, colour: RED, shape: { halfWidth: 44, flareTo: 70 } }] });
    expect(estimateOutfit(long.sampler, long.keypoints).categories).toEqual([5, 9]);
  });
});
