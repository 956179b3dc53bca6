import { describe, expect, it } from '@jest/globals';
import { cloneTexture, densityScale } from '../../../orchestrator/src/cloning/clone-texture.js';
import type { OutfitGarment } from '../../../orchestrator/src/cloning/clone-texture.js';
import { createAppearanceExtractor } from '../../../orchestrator/src/cloning/feature-extractor.js';
import type { GarmentTemplate } from '../../../orchestrator/src/contracts/garment-template.js';
import { GARMENT_RED, RECT_TROUSERS_LANDMARKS, rectGarmentPhoto, rectTrousersTemplate } from '../../helpers/garment-fixtures.js';
import { pixel } from '../../helpers/images.js';

const RED = GARMENT_RED;
const BLUE = [30, 60, 210];
const GREEN = [40, 170, 60];

// the shared red-rectangle garment with a blue band on top (y < 130), and a green garment above
// it (x 40..160, y 10..90)
const photo = rectGarmentPhoto((x, y) => {
  if (x >= 50 && x < 150 && y >= 100 && y < 130) return BLUE;
  if (x >= 40 && x < 160 && y >= 10 && y < 90) return GREEN;
  return undefined;
});
const trousers: OutfitGarment = { category: 8, landmarks: RECT_TROUSERS_LANDMARKS };
// 19 long-sleeve-top landmarks around the green rectangle
const top: OutfitGarment = {
  category: 2,
  landmarks: Array.from({ length: 19 }, (_, i) => {
    const t = i / 19;
    const perimeter = [[40, 10], [160, 10], [160, 90], [40, 90]];
    const side = Math.floor(t * 4);
    const f = t * 4 - side;
    const [ax, ay] = perimeter[side];
    const [bx, by] = perimeter[(side + 1) % 4];
    return [ax + (bx - ax) * f, ay + (by - ay) * f] as [number, number];
  }),
};

function template(patch: Partial<GarmentTemplate>): GarmentTemplate {
  return rectTrousersTemplate({ id: 't', ...patch });
}

const extractor = createAppearanceExtractor();
const options = { sizePx: 256, refine: true, steps: false };
const near = (actual: number[], expected: number[]): void => actual.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThanOrEqual(1));

describe('cloneTexture', () => {
  it('maps the garment into its UV polygon and tiles a uniform cell everywhere else', async () => {
    const result = await cloneTexture(photo, [trousers], template({}), extractor, options);
    expect(result.regular).toBe(true);
    // the corners map exactly: photo rect -> texture rect (51.2..153.6, 51.2..204.8)
    expect(result.parts[0].rmsPx).toBeLessThan(1e-6);
    // the blue band (photo y 100..130) lands at texture y 51.2 .. 51.2 + 30/200 * 153.6 = 74.2
    near(pixel(result.image, 100, 60), BLUE);
    near(pixel(result.image, 100, 150), RED);
    // the cell was found in the red part, so the background tiling is red
    const [cx1, cy1, cx2, cy2] = result.cells[0].cellBox;
    expect(cy1).toBeGreaterThanOrEqual(130);
    expect(cx1 >= 50 && cx2 <= 150 && cy2 <= 300).toBe(true);
    near(pixel(result.image, 10, 10), RED);
    near(pixel(result.image, 250, 250), RED);
  });

  it('tiles only, for irregular templates, at the density of the front area', async () => {
    const result = await cloneTexture(photo, [trousers], template({ uvKeypoints: [], parts: [], cellBox: [10, 10, 30, 40] }), extractor, options);
    expect(result.regular).toBe(false);
    expect(result.parts).toEqual([]);
    near(pixel(result.image, 60, 60), RED);
    // front area: the 50-grid box scaled to 256 px; density: sqrt(front area / garment area)
    const cell = result.cells[0];
    expect(cell.frontAreaPx).toEqual([51.2, 51.2, 153.6, 204.8]);
    const side = cell.cellBox[2] - cell.cellBox[0];
    const scale = Math.sqrt((102.4 * 153.6) / (100 * 200));
    expect(cell.cellSizePx).toEqual([Math.round(side * scale), Math.round(side * scale)]);
  });

  it('copies the bottom\'s tiling into the pants rectangles of a one-piece suit', async () => {
    const suit = template({ categories: [2, 8], uvKeypoints: [], parts: [], pantsRects: [[0, 500, 1000, 1000]] });
    const result = await cloneTexture(photo, [top, trousers], suit, extractor, options);
    expect(result.cells.map((c) => c.garment)).toEqual([0, 1]);
    near(pixel(result.image, 100, 50), GREEN);
    near(pixel(result.image, 100, 200), RED);
    near(pixel(result.image, 5, 127), GREEN);
    near(pixel(result.image, 5, 128), RED);
  });

  it('returns the intermediate images when asked', async () => {
    const result = await cloneTexture(photo, [trousers], template({}), extractor, { ...options, steps: true });
    expect(result.steps.map((s) => s.name)).toEqual([
      'garment0-cell-box',
      'garment0-search-canvas',
      'garment0-cell',
      'garment0-tiling',
      'part1-source',
      'mapping-layer',
      'texture-with-parts',
    ]);
  });

  it('fails the part with E_DEGENERATE_HOMOGRAPHY when its landmarks are collinear', async () => {
    const flat: OutfitGarment = { category: 8, landmarks: trousers.landmarks.map(([x], i) => [x, i < 5 ? 100 : 300 - i]) };
    flat.landmarks[0] = [50, 100];
    flat.landmarks[4] = [150, 100];
    flat.landmarks[7] = [100, 100];
    flat.landmarks[10] = [75, 100];
    await expect(cloneTexture(photo, [flat], template({}), extractor, options)).rejects.toThrow(
      expect.objectContaining({ code: 'E_DEGENERATE_HOMOGRAPHY', message: expect.stringContaining('template t part 1') }),
    );
  });
});

describe('densityScale', () => {
  it('matches areas', () => {
    expect(densityScale([0, 0, 100, 400], [10, 10, 60, 60])).toBe(4);
    expect(densityScale([0, 0, 50, 50], [0, 0, 100, 100])).toBe(0.5);
  });
});
