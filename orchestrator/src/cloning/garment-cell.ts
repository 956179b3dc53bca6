/**
 * Finding a garment's cloth cell in its photo (paper section 3.2, first half): crop the
 * landmark bounding box, fit it into the 128 x 384 search canvas (Lanczos), black out everything
 * outside the landmark polygon, compute a feature map, search it for the most homogeneous block,
 * and map that block back to a square of photo pixels.
 */
import { boundsOf, rasterizePolygon } from '../geometry/polygon.js';
import type { Point2 } from '../geometry/point.js';
import { createRawImage, cropImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import type { FeatureMap } from './feature-map.js';
import { findClothCell } from './find-cloth-cell.js';
import type { ClothCell } from './find-cloth-cell.js';

/** The search canvas of the paper's re-ID backbone input: 128 wide, 384 high. */
export const SEARCH_CANVAS = { widthPx: 128, heightPx: 384 } as const;

export interface GarmentCell {
  /** Landmark bounding box in photo pixels [x1, y1, x2, y2) (integers, clipped to the photo). */
  garmentBox: [number, number, number, number];
  /** The cell square in photo pixels [x1, y1, x2, y2). */
  cellBox: [number, number, number, number];
  /** The cell's pixels (RGB). */
  cell: RawImage;
  /** The winning block on the feature grid, and the grid size. */
  block: ClothCell;
  grid: { width: number; height: number; channels: number };
  /** Search-canvas pixels per photo pixel. */
  canvasScale: number;
  /** The masked search canvas and its mask, for inspection. */
  canvas: RawImage;
  canvasMask: Uint8Array;
}

/** Nearest-neighbour downsampling of a 0/1 mask (sample at each target cell's centre, like Pillow). */
function resizeMaskNearest(mask: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  const out = new Uint8Array(toWidth * toHeight);
  for (let y = 0; y < toHeight; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / toHeight));
    for (let x = 0; x < toWidth; x++) {
      const sx = Math.min(width - 1, Math.floor(((x + 0.5) * width) / toWidth));
      out[y * toWidth + x] = mask[sy * width + sx] !== 0 ? 1 : 0;
    }
  }
  return out;
}

/** Builds the masked search canvas for a garment: resized crop at the top-left, black elsewhere. */
function garmentSearchCanvas(
  photo: RawImage,
  landmarks: readonly Point2[],
): { canvas: RawImage; mask: Uint8Array; garmentBox: [number, number, number, number]; crop: RawImage; scale: number } {
  const [minX, minY, maxX, maxY] = boundsOf(landmarks);
  const x1 = Math.max(0, Math.floor(minX));
  const y1 = Math.max(0, Math.floor(minY));
  const x2 = Math.min(photo.width, Math.ceil(maxX));
  const y2 = Math.min(photo.height, Math.ceil(maxY));
  if (x2 - x1 < 2 || y2 - y1 < 2) {
    throw new ClonedPersonError('E_BAD_LANDMARKS', `the garment's landmarks span only ${x2 - x1}x${y2 - y1} pixels`);
  }
  const crop = cropImage(photo, x1, y1, x2 - x1, y2 - y1);
  const { widthPx: cw, heightPx: ch } = SEARCH_CANVAS;
  // fit inside the canvas keeping the aspect ratio: width- or height-limited
  const scale = crop.width / crop.height < cw / ch ? ch / crop.height : cw / crop.width;
  const rw = Math.max(1, Math.min(cw, Math.round(crop.width * scale)));
  const rh = Math.max(1, Math.min(ch, Math.round(crop.height * scale)));
  const resized = resizeLanczos(crop, rw, rh);
  const polygon = landmarks.map(([x, y]) => [(x - x1) * scale, (y - y1) * scale] as Point2);
  const mask = rasterizePolygon(polygon, cw, ch);
  const canvas = createRawImage(cw, ch, 3);
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      if (mask[y * cw + x] === 0) continue;
      const s = (y * rw + x) * 3;
      const d = (y * cw + x) * 3;
      canvas.data[d] = resized.data[s];
      canvas.data[d + 1] = resized.data[s + 1];
      canvas.data[d + 2] = resized.data[s + 2];
    }
  }
  // the polygon may reach past the resized crop by rounding; nothing is there to sample
  for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) if (x >= rw || y >= rh) mask[y * cw + x] = 0;
  return { canvas, mask, garmentBox: [x1, y1, x2, y2], crop, scale };
}

/** Maps a block on the feature grid back to a square of photo pixels inside the garment box. */
function blockToPhotoBox(
  block: ClothCell,
  grid: Pick<FeatureMap, 'width' | 'height'>,
  garmentBox: readonly [number, number, number, number],
  scale: number,
): [number, number, number, number] {
  const cellPx = SEARCH_CANVAS.widthPx / grid.width;
  const perCell = cellPx / scale;
  const [gx1, gy1, gx2, gy2] = garmentBox;
  const x = Math.floor(block.col * perCell);
  const y = Math.floor(block.row * perCell);
  let side = Math.max(1, Math.floor(block.size * perCell));
  side = Math.min(side, gx2 - gx1 - x, gy2 - gy1 - y);
  return [gx1 + x, gy1 + y, gx1 + x + side, gy1 + y + side];
}

/** Finds the cloth cell of one garment of `photo` (RGB) outlined by `landmarks`. */
export async function findGarmentCell(photo: RawImage, landmarks: readonly Point2[], extractor: FeatureMapExtractor): Promise<GarmentCell> {
  const { canvas, mask, garmentBox, scale } = garmentSearchCanvas(photo, landmarks);
  const features = await extractor.extract(canvas, mask);
  if (Math.abs(SEARCH_CANVAS.widthPx / features.width - SEARCH_CANVAS.heightPx / features.height) > 1e-9) {
    throw new ClonedPersonError(
      'E_MODEL',
      `${extractor.name}: a ${features.width}x${features.height} feature grid does not keep the 128x384 canvas aspect`,
    );
  }
  const gridMask = resizeMaskNearest(mask, SEARCH_CANVAS.widthPx, SEARCH_CANVAS.heightPx, features.width, features.height);
  const block = findClothCell(features, gridMask);
  const cellBox = blockToPhotoBox(block, features, garmentBox, scale);
  const cell = cropImage(photo, cellBox[0], cellBox[1], cellBox[2] - cellBox[0], cellBox[3] - cellBox[1]);
  return {
    garmentBox,
    cellBox,
    cell,
    block,
    grid: { width: features.width, height: features.height, channels: features.channels },
    canvasScale: scale,
    canvas,
    canvasMask: mask,
  };
}
