/**
 * Registered clothes mapping (paper section 3.1): for every template part, a homography from the
 * garment's landmarks to the part's UV keypoints, a warp of the photo restricted to the landmark
 * polygon into the UV polygon, and a merge in which earlier parts win and later parts only fill
 * what is still uncovered.
 */
import { estimateHomography, reprojectionRms } from '../geometry/homography.js';
import type { HomographyOptions } from '../geometry/homography.js';
import type { Point2 } from '../geometry/point.js';
import { rasterizePolygon } from '../geometry/polygon.js';
import { createRawImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { warpPolygonUnder } from '../imaging/warp-perspective.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';

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
  /** Bounds [x1, y1, x2, y2) of the pixels this part painted. */
  paintedBox: [number, number, number, number];
  /** The two polygons, for inspection images. */
  sourcePolygon: Point2[];
  targetPolygon: Point2[];
}

export interface RegisteredMapping {
  /** RGBA texture layer; alpha is coverage. */
  layer: RawImage;
  parts: PartMapping[];
  /** Bounds [x1, y1, x2, y2) of all painted pixels. */
  paintedBox: [number, number, number, number];
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
    let stats: ReturnType<typeof warpPolygonUnder>;
    try {
      homography = estimateHomography(sourcePolygon, targetPolygon, homographyOptions);
      const sourceMask = rasterizePolygon(sourcePolygon, garment.photo.width, garment.photo.height);
      stats = warpPolygonUnder(layer, garment.photo, sourceMask, homography, targetPolygon);
    } catch (error) {
      const cause = toClonedPersonError(error);
      throw new ClonedPersonError(cause.code, `template ${template.id} part ${index + 1}: ${cause.message}`, {
        cause,
        details: { template: template.id, part: index + 1 },
      });
    }
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
  const paintedBox: [number, number, number, number] = [sizePx, sizePx, 0, 0];
  for (const part of parts) {
    const [x1, y1, x2, y2] = part.paintedBox;
    if (x2 <= x1) continue;
    paintedBox[0] = Math.min(paintedBox[0], x1);
    paintedBox[1] = Math.min(paintedBox[1], y1);
    paintedBox[2] = Math.max(paintedBox[2], x2);
    paintedBox[3] = Math.max(paintedBox[3], y2);
  }
  return { layer, parts, paintedBox };
}

/**
 * Composites an RGBA layer (straight alpha) over the RGB `target`, in place, within `box`
 * ([x1, y1, x2, y2), default the whole image): layer pixels outside it must be transparent.
 */
export function compositeOnto(target: RawImage, layer: RawImage, box: readonly [number, number, number, number] = [0, 0, target.width, target.height]): void {
  const l = layer.data;
  const o = target.data;
  const width = target.width;
  for (let y = box[1]; y < box[3]; y++) {
    for (let x = box[0]; x < box[2]; x++) {
      const i = y * width + x;
      const a = l[i * 4 + 3];
      if (a === 0) continue;
      if (a === 255) {
        o[i * 3] = l[i * 4];
        o[i * 3 + 1] = l[i * 4 + 1];
        o[i * 3 + 2] = l[i * 4 + 2];
      } else {
        const t = a / 255;
        o[i * 3] = l[i * 4] * t + o[i * 3] * (1 - t) + 0.5;
        o[i * 3 + 1] = l[i * 4 + 1] * t + o[i * 3 + 1] * (1 - t) + 0.5;
        o[i * 3 + 2] = l[i * 4 + 2] * t + o[i * 3 + 2] * (1 - t) + 0.5;
      }
    }
  }
}
