/**
 * Registered clothes mapping (paper section 3.1): for every template part, a homography from the
 * garment's landmarks to the part's UV keypoints, a warp of the photo restricted to the landmark
 * polygon into the UV polygon, and a merge in which earlier parts win and later parts only fill
 * what is still uncovered.
 */
import { estimateHomography, reprojectionRms } from '../geometry/homography.js';
import type { HomographyOptions, Point2 } from '../geometry/homography.js';
import { rasterizePolygon } from '../geometry/polygon.js';
import { createRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { warpPolygonUnder } from '../imaging/warp-perspective.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { GarmentTemplate } from './garment-template.js';

export interface PartMapping {
  /** 1-based part number in the template. */
  part: number;
  garment: 0 | 1;
  /** Photo pixels -> texture pixels, row-major, h[8] = 1. */
  homography: number[];
  /** Reprojection RMS of the part's landmarks, in texture pixels. */
  rmsPx: number;
  /** Texture pixels inside the part's UV polygon, and how many this part painted. */
  polygonPx: number;
  paintedPx: number;
  /** The two polygons, for inspection images. */
  sourcePolygon: Point2[];
  targetPolygon: Point2[];
}

export interface RegisteredMapping {
  /** RGBA texture layer; alpha is coverage. */
  layer: RawImage;
  parts: PartMapping[];
}

/**
 * Maps the garments (photo + extended landmarks, in template garment order) onto a sizePx
 * square texture. Throws E_DEGENERATE_HOMOGRAPHY naming the part when its points do not
 * determine a homography.
 */
export function mapRegisteredParts(
  template: GarmentTemplate,
  garments: readonly { photo: RawImage; landmarks: readonly Point2[] }[],
  sizePx: number,
  homographyOptions: HomographyOptions = {},
): RegisteredMapping {
  const scale = sizePx / template.canvasPx;
  const layer = createRawImage(sizePx, sizePx, 4);
  const parts = template.parts.map((part, index): PartMapping => {
    const garment = garments[part.garment];
    const sourcePolygon = part.landmarks.map((i) => garment.landmarks[i - 1]);
    const targetPolygon = part.uv.map((i) => {
      const [x, y] = template.uvKeypoints[i - 1];
      return [x * scale, y * scale] as Point2;
    });
    let homography: number[];
    try {
      homography = estimateHomography(sourcePolygon, targetPolygon, homographyOptions);
    } catch (error) {
      const cause = toClonedPersonError(error);
      throw new ClonedPersonError(cause.code, `template ${template.id} part ${index + 1}: ${cause.message}`, {
        cause,
        details: { template: template.id, part: index + 1 },
      });
    }
    const sourceMask = rasterizePolygon(sourcePolygon, garment.photo.width, garment.photo.height);
    const stats = warpPolygonUnder(layer, garment.photo, sourceMask, homography, targetPolygon);
    return {
      part: index + 1,
      garment: part.garment,
      homography,
      rmsPx: reprojectionRms(homography, sourcePolygon, targetPolygon),
      ...stats,
      sourcePolygon,
      targetPolygon,
    };
  });
  return { layer, parts };
}

/** Composites an RGBA layer (straight alpha) over an RGB background into a new RGB image. */
export function compositeOver(layer: RawImage, background: RawImage): RawImage {
  const out = createRawImage(background.width, background.height, 3);
  const n = background.width * background.height;
  const l = layer.data;
  const b = background.data;
  const o = out.data;
  for (let i = 0; i < n; i++) {
    const a = l[i * 4 + 3];
    if (a === 255) {
      o[i * 3] = l[i * 4];
      o[i * 3 + 1] = l[i * 4 + 1];
      o[i * 3 + 2] = l[i * 4 + 2];
    } else if (a === 0) {
      o[i * 3] = b[i * 3];
      o[i * 3 + 1] = b[i * 3 + 1];
      o[i * 3 + 2] = b[i * 3 + 2];
    } else {
      const t = a / 255;
      for (let k = 0; k < 3; k++) o[i * 3 + k] = l[i * 4 + k] * t + b[i * 3 + k] * (1 - t) + 0.5;
    }
  }
  return out;
}
