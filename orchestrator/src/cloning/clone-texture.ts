/**
 * One UV texture from one template: homogeneous cloth expansion (cloth cell, density-preserving
 * scaling, mirror tiling; pants areas for one-piece suits) under the registered mapping.
 */
import type { HomographyOptions } from '../geometry/homography.js';
import type { Point2 } from '../geometry/point.js';
import { boundsOf } from '../geometry/polygon.js';
import { drawDot, drawPolygon, drawRect } from '../imaging/draw.js';
import { cropImage, pasteImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import type { FeatureMapExtractor } from './feature-extractor.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import { extendLandmarks } from '../contracts/garment-categories.js';
import { findGarmentCell } from './garment-cell.js';
import { CELL_GRID, isIrregular } from '../contracts/garment-template.js';
import type { GarmentTemplate, Rect } from '../contracts/garment-template.js';
import { mirrorTile } from './mirror-tile.js';
import { compositeOnto, mapRegisteredParts } from './registered-mapping.js';
import type { CellRecord, PartRecord } from '../contracts/outfit-record.js';

export interface OutfitGarment {
  category: GarmentCategory;
  /** Detected landmarks in photo pixels (the ClonedPerson scheme). */
  landmarks: [number, number][];
  /**
   * The garment's outline for the cloth-cell search, when `landmarks` were carried over from
   * another category and hold placeholders (garment-substitution.ts); default `landmarks`.
   */
  outline?: [number, number][];
}

export interface CloneTextureOptions {
  /** Side of the square output texture in pixels. */
  sizePx: number;
  /** Levenberg-Marquardt refinement of the part homographies. */
  refine: boolean;
  /** Also return intermediate images. */
  steps: boolean;
}

export interface ClonedTexture {
  template: GarmentTemplate;
  /** RGB, sizePx x sizePx. */
  image: RawImage;
  regular: boolean;
  parts: PartRecord[];
  cells: CellRecord[];
  /** Named intermediate images (only with `steps`). */
  steps: { name: string; image: RawImage }[];
}

/** UV area a garment's cell density is matched to, in texture pixels. */
function frontArea(template: GarmentTemplate, garment: number, sizePx: number): [number, number, number, number] {
  if (isIrregular(template)) {
    const s = sizePx / CELL_GRID;
    const [x1, y1, x2, y2] = template.cellBox;
    return [Math.min(x1, x2) * s, Math.min(y1, y2) * s, Math.max(x1, x2) * s, Math.max(y1, y2) * s];
  }
  const indices = template.parts.filter((p) => p.garment === garment).flatMap((p) => p.uv);
  const points = (indices.length > 0 ? indices.map((i) => template.uvKeypoints[i - 1]) : template.uvKeypoints) as Point2[];
  const s = sizePx / template.canvasPx;
  const [x1, y1, x2, y2] = boundsOf(points);
  return [x1 * s, y1 * s, x2 * s, y2 * s];
}

/**
 * Photo-to-texture scale of the cloth cell, chosen so the cell covers the same share of the
 * texture's front area as of the garment in the photo: sqrt(front area / garment area). The
 * authors scale each axis separately (front width / garment width, front height / garment
 * height), which stretches patterns when the UV layout's aspect differs from the photo's (a
 * T-posed sleeve span against arms at the sides); one uniform factor keeps checks square.
 */
export function densityScale(
  frontArea: readonly [number, number, number, number],
  garmentBox: readonly [number, number, number, number],
): number {
  const front = Math.max(1, frontArea[2] - frontArea[0]) * Math.max(1, frontArea[3] - frontArea[1]);
  const garment = Math.max(1, garmentBox[2] - garmentBox[0]) * Math.max(1, garmentBox[3] - garmentBox[1]);
  return Math.sqrt(front / garment);
}

function normalisedRect([x1, y1, x2, y2]: Rect, scale: number, sizePx: number): [number, number, number, number] {
  const clamp = (v: number): number => Math.min(sizePx, Math.max(0, Math.round(v * scale)));
  return [clamp(Math.min(x1, x2)), clamp(Math.min(y1, y2)), clamp(Math.max(x1, x2)), clamp(Math.max(y1, y2))];
}

/**
 * Clones `garments` (in the template's category order, all from `photo`, RGB) onto one texture of
 * `template`. Regular templates get the registered mapping over the tiled background; irregular
 * ones the tiling alone; suits get the bottom's tiling in their pants rectangles.
 */
export async function cloneTexture(
  photo: RawImage,
  garments: readonly OutfitGarment[],
  template: GarmentTemplate,
  extractor: FeatureMapExtractor,
  options: CloneTextureOptions,
  homographyOptions: HomographyOptions = {},
): Promise<ClonedTexture> {
  const { sizePx } = options;
  const steps: { name: string; image: RawImage }[] = [];
  // the registered mapping first: degenerate landmarks fail here with the part named
  const mapped = isIrregular(template)
    ? undefined
    : mapRegisteredParts(
        template,
        garments.map((g, i) => ({ photo, landmarks: extendLandmarks(template.categories[i], g.landmarks) })),
        sizePx,
        { ...homographyOptions, refine: options.refine },
      );
  const cells: CellRecord[] = [];
  const tilings: RawImage[] = [];
  for (let g = 0; g < template.categories.length; g++) {
    const outline = garments[g].outline ?? garments[g].landmarks;
    const found = await findGarmentCell(photo, outline, extractor);
    const area = frontArea(template, g, sizePx);
    const scale = densityScale(area, found.garmentBox);
    const cellW = Math.min(sizePx, Math.max(1, Math.round(found.cell.width * scale)));
    const cellH = Math.min(sizePx, Math.max(1, Math.round(found.cell.height * scale)));
    const tiling = mirrorTile(resizeLanczos(found.cell, cellW, cellH), sizePx, sizePx);
    tilings.push(tiling);
    cells.push({
      garment: g,
      garmentBox: found.garmentBox,
      cellBox: found.cellBox,
      block: found.block,
      grid: found.grid,
      frontAreaPx: area,
      cellSizePx: [cellW, cellH],
    });
    if (options.steps) {
      const [x1, y1, x2, y2] = found.garmentBox;
      const view = cropImage(photo, x1, y1, x2 - x1, y2 - y1);
      drawPolygon(view, outline.map(([x, y]) => [x - x1, y - y1] as Point2), [0, 255, 0]);
      drawRect(view, found.cellBox[0] - x1, found.cellBox[1] - y1, found.cellBox[2] - x1 - 1, found.cellBox[3] - y1 - 1, [255, 0, 0]);
      steps.push({ name: `garment${g}-cell-box`, image: view });
      steps.push({ name: `garment${g}-search-canvas`, image: found.canvas });
      steps.push({ name: `garment${g}-cell`, image: found.cell });
      steps.push({ name: `garment${g}-tiling`, image: tiling });
    }
  }
  const background = tilings[0];
  if (template.categories.length === 2) {
    const scale = sizePx / template.canvasPx;
    for (const rect of template.pantsRects) {
      const [x1, y1, x2, y2] = normalisedRect(rect, scale, sizePx);
      if (x2 > x1 && y2 > y1) pasteImage(background, cropImage(tilings[1], x1, y1, x2 - x1, y2 - y1), x1, y1);
    }
    if (options.steps) steps.push({ name: 'background-with-pants', image: background });
  }
  if (!mapped) {
    return { template, image: background, regular: false, parts: [], cells, steps };
  }
  // composite in place, except when the tiling is still wanted as a step image
  const image = options.steps ? { ...background, data: background.data.slice() } : background;
  compositeOnto(image, mapped.layer, mapped.paintedBox);
  if (options.steps) {
    mapped.parts.forEach((part) => {
      const view = { ...photo, data: photo.data.slice() };
      drawPolygon(view, part.sourcePolygon, [0, 255, 0]);
      part.sourcePolygon.forEach((p) => drawDot(view, p, 1, [255, 0, 0]));
      steps.push({ name: `part${part.part}-source`, image: view });
    });
    const outlined = { ...image, data: image.data.slice() };
    mapped.parts.forEach((part) => drawPolygon(outlined, part.targetPolygon, [255, 0, 255], 2));
    const grey = { ...image, data: new Uint8Array(image.data.length).fill(128) };
    compositeOnto(grey, mapped.layer);
    steps.push({ name: 'mapping-layer', image: grey });
    steps.push({ name: 'texture-with-parts', image: outlined });
  }
  const parts = mapped.parts.map(({ sourcePolygon: _s, targetPolygon: _t, paintedBox: _b, ...rest }) => rest);
  return { template, image, regular: true, parts, cells, steps };
}
