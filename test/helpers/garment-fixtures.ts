/**
 * A synthetic garment shared by the cloning tests: a 200 x 400 photo with a red rectangle
 * (x 50..150, y 100..300) on white, its 14 trousers landmarks clockwise around the rectangle
 * (corners are landmarks 1, 5, 8 and 11), and a template mapping those corners onto a UV square.
 */
import type { GarmentTemplate } from '../../orchestrator/src/contracts/garment-template.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { imageFrom } from './images.js';

export const GARMENT_RED = [200, 40, 40];

export const RECT_TROUSERS_LANDMARKS: [number, number][] = [
  [50, 100], [75, 100], [100, 100], [125, 100], [150, 100], [150, 166], [150, 233],
  [150, 300], [117, 300], [83, 300], [50, 300], [50, 250], [50, 200], [50, 150],
];

/** The red-rectangle photo; `paint` may colour other pixels first (return undefined to keep). */
export function rectGarmentPhoto(paint?: (x: number, y: number) => number[] | undefined): RawImage {
  return imageFrom(200, 400, 3, (x, y, k) => {
    const custom = paint?.(x, y);
    if (custom) return custom[k];
    return x >= 50 && x < 150 && y >= 100 && y < 300 ? GARMENT_RED[k] : 255;
  });
}

/** A regular trousers template mapping landmarks 1, 5, 8, 11 onto the UV square 200..600 x 200..800. */
export function rectTrousersTemplate(patch: Partial<GarmentTemplate> = {}): GarmentTemplate {
  return {
    formatVersion: 1,
    id: 'rect-trousers',
    model: 'rect',
    categories: [8],
    canvasPx: 1000,
    uvKeypoints: [[200, 200], [600, 200], [600, 800], [200, 800]],
    parts: [{ garment: 0, landmarks: [1, 5, 8, 11], uv: [1, 2, 3, 4] }],
    cellBox: [0, 0, 50, 50],
    pantsRects: [],
    ...patch,
  };
}
