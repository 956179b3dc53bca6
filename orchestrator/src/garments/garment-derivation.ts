/**
 * Garment templates for MakeHuman clothes, derived from the clothes fitted on a body.
 *
 * The ClonedPerson landmarks of a garment (DeepFashion2's reduced sets, garment-categories.ts)
 * name body places: collar, shoulders, armpits, elbows, cuffs, waist, hem, hips, crotch, knees,
 * ankles. We fit the suit on a reference body in MakeHuman's A-pose, look at it from the front
 * (the view a photo of a person facing the camera has: the person's right, -x, on the image's
 * left, which is landmark 1's side), find each landmark there from the body's joints (default
 * rig) and the garment's own silhouette and open edges, and read the garment's UV at that spot.
 * The steps, one module each:
 *
 * 1. pieces (garment-pieces.ts): faces grouped by UV island (uv-islands.ts) into top and bottom;
 * 2. front rasters (front-raster.ts) of each piece, with open-edge loops placed in body regions
 *    (edge-regions.ts, body-joints.ts);
 * 3. landmarks (top-landmarks.ts, bottom-landmarks.ts), which also give the categories, then
 *    hand corrections and derived midpoints (landmark-corrections.ts);
 * 4. parts and UV keypoints (template-parts.ts, uv-lookup.ts);
 * 5. the torso's cell box (cell-box.ts) and the pants rectangles (pants-rects.ts).
 *
 * Keypoints are on a `canvasPx` square canvas, x = u canvasPx, y = (1 - v) canvasPx.
 */
import type { Point2 } from '../geometry/point.js';
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentTemplate } from '../contracts/garment-template.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';
import type { CompiledWeights } from '../makehuman/skeleton-weights.js';
import type { Skeleton } from '../makehuman/skeleton.js';
import { derivationJoints } from './body-joints.js';
import { bottomLandmarks } from './bottom-landmarks.js';
import { torsoCellBox } from './cell-box.js';
import { pieceEdgeLoops } from './edge-regions.js';
import { rasterizeFront } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';
import { splitPieces } from './garment-pieces.js';
import { correctLandmarks } from './landmark-corrections.js';
import { pantsRectangles } from './pants-rects.js';
import { templateParts } from './template-parts.js';
import type { KeypointSource } from './template-parts.js';
import { topLandmarks } from './top-landmarks.js';
import { uvIslands } from './uv-islands.js';

export const DERIVATION_DEFAULTS = {
  pxPerDm: 50,
  canvasPx: 1000,
  pantsGrid: 100,
};

export interface DerivationInput {
  /** Clothes asset name (the template's `model` and `id`). */
  model: string;
  mesh: ObjMesh;
  /** Fitted garment positions, decimetres. */
  positions: Float32Array;
  /** Garment influences on the default rig (to tell top from bottom). */
  influences: CompiledWeights;
  /** The default rig on the same body. */
  skeleton: Skeleton;
  /** Force the categories instead of deriving them (they must then agree with the derived ones). */
  categories?: [GarmentCategory, GarmentCategory];
  /** Hand corrections of front-view landmark positions (dm), keyed `<garment>:<index>` (1-based). */
  landmarkOverrides?: Record<string, Point2>;
}

export interface DerivedLandmark {
  garment: 0 | 1;
  index: number;
  /** Front-view position, decimetres. */
  at: Point2;
}

export interface Derivation {
  template: GarmentTemplate;
  landmarks: DerivedLandmark[];
  /** Per face: 0 top, 1 bottom. */
  facePiece: Uint8Array;
  /** UV keypoint index (1-based) -> which landmark/island it came from. */
  keypointSources: KeypointSource[];
  /** The front rasters of the top and bottom pieces (for review images). */
  rasters: { top: FrontRaster; bottom: FrontRaster };
  notes: string[];
}

/** Derives a garment template (see the module doc). */
export function deriveGarmentTemplate(input: DerivationInput, options: Partial<typeof DERIVATION_DEFAULTS> = {}): Derivation {
  const o = { ...DERIVATION_DEFAULTS, ...options };
  const { model, mesh, positions } = input;
  const notes: string[] = [];
  const islands = uvIslands(mesh);
  const facePiece = splitPieces(mesh, positions, input.influences, input.skeleton, islands);
  if (!facePiece.includes(0) || !facePiece.includes(1)) {
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${model}: not a two-piece suit (top and bottom UV islands); derive it by hand`);
  }
  const joints = derivationJoints(input.skeleton);
  const top = rasterizeFront(mesh, positions, (f) => facePiece[f] === 0, islands, o.pxPerDm);
  const bottom = rasterizeFront(mesh, positions, (f) => facePiece[f] === 1, islands, o.pxPerDm);
  const derived = [
    topLandmarks(top, pieceEdgeLoops(mesh, positions, facePiece, 0, joints).flat(), joints, model),
    bottomLandmarks(bottom, pieceEdgeLoops(mesh, positions, facePiece, 1, joints), joints, model),
  ] as const;
  const landmarks = correctLandmarks(model, [derived[0], derived[1]], input.categories, input.landmarkOverrides ?? {}, notes);
  const pieces = [
    { raster: top, points: landmarks.top, category: landmarks.categories[0] },
    { raster: bottom, points: landmarks.bottom, category: landmarks.categories[1] },
  ] as const;
  const { uvKeypoints, keypointSources, parts } = templateParts([pieces[0], pieces[1]], o.canvasPx, notes);
  const template: GarmentTemplate = {
    formatVersion: 1,
    id: model,
    model,
    categories: landmarks.categories,
    canvasPx: o.canvasPx,
    uvKeypoints,
    parts,
    cellBox: torsoCellBox(parts, uvKeypoints, o.canvasPx),
    pantsRects: pantsRectangles(mesh, facePiece, o.canvasPx, o.pantsGrid),
    source: { derivedBy: 'clonedperson characters/garment-derivation.ts', pxPerDm: o.pxPerDm },
  };
  return {
    template,
    landmarks: [
      ...landmarks.top.map((at, i): DerivedLandmark => ({ garment: 0, index: i + 1, at })),
      ...landmarks.bottom.map((at, i): DerivedLandmark => ({ garment: 1, index: i + 1, at })),
    ],
    facePiece,
    keypointSources,
    rasters: { top, bottom },
    notes,
  };
}
