/**
 * Garment templates for MakeHuman clothes, derived from the clothes fitted on a body.
 *
 * The ClonedPerson landmarks of a garment (DeepFashion2's reduced sets, garment-categories.ts)
 * name body places: collar, shoulders, armpits, elbows, cuffs, waist, hem, hips, crotch, knees,
 * ankles. We fit the suit on a reference body in MakeHuman's A-pose, look at it from the front
 * (the view a photo of a person facing the camera has: the person's right, -x, on the image's
 * left, which is landmark 1's side), find each landmark there from the body's joints (default
 * rig) and the garment's own silhouette and open edges, and read the garment's UV at that spot.
 *
 * 1. Pieces. Faces are grouped by UV island; an island whose faces are mostly bound to the
 *    pelvis and legs (dominant bone root, pelvis, upper/lower leg, foot, toes) belongs to the
 *    bottom garment, the others to the top.
 * 2. Front raster. Each piece is rasterised orthographically from +z (`pxPerDm` pixels per
 *    decimetre) keeping the nearest face per pixel: its UV and UV island.
 * 3. Landmarks (2D, front view), with S = shoulder joint (upperarm01 head), E = elbow
 *    (lowerarm01 head), W = wrist, H = hip (upperleg01 head), K = knee (lowerleg01 head):
 *    - shoulder: the topmost top-piece pixel in the column of S;
 *    - armpit: going down from S, the first row where the sleeve has come off the torso (a
 *      separate run lies beyond the torso's run, the one over the column halfway between the
 *      centre line and S); the torso run's end there;
 *    - neck sides / neck centre: open-edge vertices of the top piece within 1.2 dm of the neck
 *      joint line, above the armpits: the ones with extreme x, and the frontmost one nearest
 *      x = 0 (the bottom of a V neck);
 *    - hem corners: the torso's outer ends 0.1 dm above the lowest row where the top covers
 *      both torso columns (halfway from the centre line to S on each side); waist sides: the
 *      torso's ends halfway between armpit and hem;
 *    - cuffs: walking from S along the arm line (S->W in the front view) to where the top piece
 *      ends, the cross-section 0.1 dm before that end: its outer (up and out) and inner ends; a
 *      sleeve ending past E + 30% of E->W makes the top long-sleeved (category 2), else short (1);
 *    - elbows (long sleeves): the cross-section of the sleeve through E;
 *    - waist (bottom): the highest ring (0.25 dm) of torso open edges of the bottom piece:
 *      extreme x and the frontmost nearest x = 0;
 *    - crotch: the lowest bottom-piece pixel in the column x = 0 above the knees;
 *    - leg hems: per leg, the lowest ring (0.25 dm) of leg open edges, outer and inner
 *      extremes; hems below the knees make trousers (8), above shorts (7); an open edge that
 *      crosses x = 0 below the hips makes a skirt (9), whose hem corners and front centre come
 *      from that ring;
 *    - knees: the ends of the leg's run in the row of K; hip sides (trousers, shorts): the
 *      bottom piece's outer ends in the crotch row, or halfway between waist and outer hems when
 *      those end higher (short shorts); skirt sides: halfway between waist and hem.
 * 4. Parts (the homography polygons, as in the authors' catalogue): short-sleeve top torso
 *    [1 2 3 4 5 8 10 11 13] and sleeves [5 6 7 8], [13 14 15 1]; long-sleeve top torso
 *    [1 2 3 4 5 10 12 13 15], upper and lower sleeves [10 5 6 9], [9 6 7 8], [1 15 16 19],
 *    [19 16 17 18]; trousers legs [1 2 9 10 11 12 13 14], [2 3 4 5 6 7 8 9]; shorts
 *    [1 2 7 8 9 10], [2 3 4 5 6 7]; skirt [1 8 2 3 4 5 6 7] (8 = derived waist centre).
 *    Each part's UV polygon must lie on one UV island: the island under the part's interior in
 *    the front view; each of the part's landmarks takes the UV of the nearest pixel of that
 *    island. So a landmark on a seam (a shoulder between torso and sleeve) gets one UV keypoint
 *    per island it borders.
 * 5. `pantsRects`: the bottom piece's UV area on a 100 x 100 grid over the canvas (cells the top
 *    piece does not cover), merged into rectangles; `cellBox`: the top's torso UV box on the
 *    50 x 50 grid.
 *
 * Keypoints are on a `canvasPx` square canvas, x = u canvasPx, y = (1 - v) canvasPx.
 */
import type { GarmentCategory } from '../contracts/garment-categories.js';
import type { GarmentTemplate, Point, Rect, TemplatePart } from '../contracts/garment-template.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { ObjMesh } from '../makehuman/obj-parser.js';
import type { CompiledWeights } from '../makehuman/skeleton-weights.js';
import type { Skeleton } from '../makehuman/skeleton.js';

export const DERIVATION_DEFAULTS = {
  pxPerDm: 50,
  canvasPx: 1000,
  pantsGrid: 100,
};

/** 2D front-view point in decimetres (x to the character's left, y up). */
export type P2 = [number, number];

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
  /** Force the categories instead of deriving them. */
  categories?: [GarmentCategory, GarmentCategory];
  /** Hand corrections of front-view landmark positions (dm), keyed `<garment>:<index>` (1-based). */
  landmarkOverrides?: Record<string, P2>;
}

export interface DerivedLandmark {
  garment: 0 | 1;
  index: number;
  /** Front-view position, decimetres. */
  at: P2;
}

export interface Derivation {
  template: GarmentTemplate;
  landmarks: DerivedLandmark[];
  /** Per face: 0 top, 1 bottom. */
  facePiece: Uint8Array;
  /** UV keypoint index (1-based) -> which landmark/island it came from. */
  keypointSources: { garment: 0 | 1; landmark: number; island: number }[];
  /** The front rasters of the top and bottom pieces (for review images). */
  rasters: { top: FrontRaster; bottom: FrontRaster };
  notes: string[];
}

const LOWER_BONE = /^(root|pelvis|upperleg|lowerleg|foot|toe)/;

/** An island is the bottom garment's when this share of its faces is bound mostly to hips and legs. */
const BOTTOM_SHARE = 0.3;

/** Disjoint sets over n items. */
class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

/** UV island per face (faces sharing a texture vertex are on one island). */
export function uvIslands(mesh: ObjMesh): Int32Array {
  const faces = mesh.faceSizes.length;
  const uvCount = mesh.uvs.length / 2;
  const sets = new UnionFind(faces + uvCount);
  for (let f = 0; f < faces; f++) {
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const t = mesh.faceUvs[f * 4 + c];
      if (t >= 0) sets.union(f, faces + t);
    }
  }
  const ids = new Map<number, number>();
  const out = new Int32Array(faces);
  for (let f = 0; f < faces; f++) {
    const root = sets.find(f);
    let id = ids.get(root);
    if (id === undefined) {
      id = ids.size;
      ids.set(root, id);
    }
    out[f] = id;
  }
  return out;
}

/** 0 = top, 1 = bottom per face, from the dominant bones of each UV island (step 1). */
export function splitPieces(mesh: ObjMesh, positions: Float32Array, influences: CompiledWeights, skeleton: Skeleton, islands: Int32Array): Uint8Array {
  const k = influences.influences;
  const lowerJoint = skeleton.bones.map((b) => LOWER_BONE.test(b.name));
  const votes = new Map<number, [number, number]>();
  const faces = mesh.faceSizes.length;
  for (let f = 0; f < faces; f++) {
    const totals = new Map<number, number>();
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const v = mesh.faceVerts[f * 4 + c];
      for (let j = 0; j < k; j++) {
        const w = influences.weights[v * k + j];
        if (w > 0) totals.set(influences.joints[v * k + j], (totals.get(influences.joints[v * k + j]) ?? 0) + w);
      }
    }
    let best = -1;
    let bestWeight = -1;
    for (const [joint, w] of totals) {
      if (w > bestWeight) {
        best = joint;
        bestWeight = w;
      }
    }
    const entry = votes.get(islands[f]) ?? [0, 0];
    entry[best >= 0 && lowerJoint[best] ? 1 : 0]++;
    votes.set(islands[f], entry);
  }
  const pieceOf = new Map<number, number>();
  for (const [island, [upper, lower]] of votes) {
    if (upper + lower >= 0.05 * faces) {
      pieceOf.set(island, lower >= BOTTOM_SHARE * (lower + upper) ? 1 : 0);
    }
  }
  // Small islands: the piece of the large island with the nearest vertex to their centre.
  const largeVertices: { v: number; piece: number }[] = [];
  const seen = new Set<number>();
  for (let f = 0; f < faces; f++) {
    const piece = pieceOf.get(islands[f]);
    if (piece === undefined) continue;
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const v = mesh.faceVerts[f * 4 + c];
      if (!seen.has(v)) {
        seen.add(v);
        largeVertices.push({ v, piece });
      }
    }
  }
  for (const island of votes.keys()) {
    if (pieceOf.has(island)) continue;
    const centre = [0, 0, 0];
    let n = 0;
    for (let f = 0; f < faces; f++) {
      if (islands[f] !== island) continue;
      for (let c = 0; c < mesh.faceSizes[f]; c++) {
        const v = mesh.faceVerts[f * 4 + c];
        for (let a = 0; a < 3; a++) centre[a] += positions[v * 3 + a];
        n++;
      }
    }
    for (let a = 0; a < 3; a++) centre[a] /= n || 1;
    let best = 0;
    let bestDistance = Infinity;
    for (const { v, piece } of largeVertices) {
      const d = (positions[v * 3] - centre[0]) ** 2 + (positions[v * 3 + 1] - centre[1]) ** 2 + (positions[v * 3 + 2] - centre[2]) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = piece;
      }
    }
    pieceOf.set(island, best);
  }
  const out = new Uint8Array(faces);
  for (let f = 0; f < faces; f++) out[f] = pieceOf.get(islands[f]) as number;
  return out;
}

/** A front-view raster of some faces: per pixel the face (-1 none), its UV and UV island. */
export interface FrontRaster {
  width: number;
  height: number;
  /** World x, y (dm) of pixel (0, 0)'s centre; y decreases down the rows. */
  x0: number;
  y0: number;
  pxPerDm: number;
  face: Int32Array;
  u: Float32Array;
  v: Float32Array;
  island: Int32Array;
  /** 1 where the visible surface faces the viewer (+z), 0 where it is a back face (inside). */
  front: Uint8Array;
}

export function toPixel(r: FrontRaster, p: P2): [number, number] {
  return [Math.round((p[0] - r.x0) * r.pxPerDm), Math.round((r.y0 - p[1]) * r.pxPerDm)];
}

export function toWorld(r: FrontRaster, px: number, py: number): P2 {
  return [r.x0 + px / r.pxPerDm, r.y0 - py / r.pxPerDm];
}

/** Rasterises `faces` of `mesh` (positions in dm) seen from +z, nearest surface wins (step 2). */
export function rasterizeFront(mesh: ObjMesh, positions: Float32Array, include: (face: number) => boolean, islands: Int32Array, pxPerDm: number): FrontRaster {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!include(f)) continue;
    for (let c = 0; c < mesh.faceSizes[f]; c++) {
      const o = mesh.faceVerts[f * 4 + c] * 3;
      minX = Math.min(minX, positions[o]);
      maxX = Math.max(maxX, positions[o]);
      minY = Math.min(minY, positions[o + 1]);
      maxY = Math.max(maxY, positions[o + 1]);
    }
  }
  const margin = 0.2;
  const x0 = minX - margin;
  const y0 = maxY + margin;
  const width = Math.ceil((maxX - minX + 2 * margin) * pxPerDm) + 1;
  const height = Math.ceil((maxY - minY + 2 * margin) * pxPerDm) + 1;
  const n = width * height;
  const r: FrontRaster = {
    width,
    height,
    x0,
    y0,
    pxPerDm,
    face: new Int32Array(n).fill(-1),
    u: new Float32Array(n),
    v: new Float32Array(n),
    island: new Int32Array(n).fill(-1),
    front: new Uint8Array(n),
  };
  const depth = new Float32Array(n).fill(-Infinity);
  const tri = (f: number, a: number, b: number, c: number): void => {
    const va = mesh.faceVerts[f * 4 + a];
    const vb = mesh.faceVerts[f * 4 + b];
    const vc = mesh.faceVerts[f * 4 + c];
    const ta = mesh.faceUvs[f * 4 + a];
    const tb = mesh.faceUvs[f * 4 + b];
    const tc = mesh.faceUvs[f * 4 + c];
    const P = [va, vb, vc].map((v) => [(positions[v * 3] - x0) * pxPerDm, (y0 - positions[v * 3 + 1]) * pxPerDm, positions[v * 3 + 2]]);
    const T = [ta, tb, tc].map((t) => (t >= 0 ? [mesh.uvs[t * 2], mesh.uvs[t * 2 + 1]] : [0, 0]));
    const area = (P[1][0] - P[0][0]) * (P[2][1] - P[0][1]) - (P[2][0] - P[0][0]) * (P[1][1] - P[0][1]);
    if (Math.abs(area) < 1e-12) return;
    // Pixel rows run down, so a counter-clockwise (outward, +z) face has negative area here.
    const facing = area < 0 ? 1 : 0;
    const xs = [P[0][0], P[1][0], P[2][0]];
    const ys = [P[0][1], P[1][1], P[2][1]];
    const xa = Math.max(0, Math.floor(Math.min(...xs)));
    const xb = Math.min(width - 1, Math.ceil(Math.max(...xs)));
    const ya = Math.max(0, Math.floor(Math.min(...ys)));
    const yb = Math.min(height - 1, Math.ceil(Math.max(...ys)));
    for (let y = ya; y <= yb; y++) {
      for (let x = xa; x <= xb; x++) {
        const w0 = ((P[1][0] - x) * (P[2][1] - y) - (P[2][0] - x) * (P[1][1] - y)) / area;
        const w1 = ((P[2][0] - x) * (P[0][1] - y) - (P[0][0] - x) * (P[2][1] - y)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < -1e-6 || w1 < -1e-6 || w2 < -1e-6) continue;
        const z = w0 * P[0][2] + w1 * P[1][2] + w2 * P[2][2];
        const i = y * width + x;
        if (z <= depth[i]) continue;
        depth[i] = z;
        r.face[i] = f;
        r.u[i] = w0 * T[0][0] + w1 * T[1][0] + w2 * T[2][0];
        r.v[i] = w0 * T[0][1] + w1 * T[1][1] + w2 * T[2][1];
        r.island[i] = islands[f];
        r.front[i] = facing;
      }
    }
  };
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!include(f)) continue;
    tri(f, 0, 1, 2);
    if (mesh.faceSizes[f] === 4) tri(f, 0, 2, 3);
  }
  return r;
}

function covered(r: FrontRaster, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < r.width && y < r.height && r.face[y * r.width + x] >= 0;
}

/** Covered runs [start, end] (pixel columns) of a raster row. */
function runs(r: FrontRaster, y: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= r.width; x++) {
    const c = x < r.width && covered(r, x, y);
    if (c && start < 0) start = x;
    if (!c && start >= 0) {
      out.push([start, x - 1]);
      start = -1;
    }
  }
  return out;
}

/**
 * Open edges of the faces in `include` (edges used by exactly one included face), grouped into
 * connected chains (loops): one vertex list per chain.
 */
export function openEdgeLoops(mesh: ObjMesh, include: (face: number) => boolean): number[][] {
  const count = new Map<number, number>();
  const nv = mesh.positions.length / 3;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    if (!include(f)) continue;
    const n = mesh.faceSizes[f];
    for (let c = 0; c < n; c++) {
      const a = mesh.faceVerts[f * 4 + c];
      const b = mesh.faceVerts[f * 4 + ((c + 1) % n)];
      if (a === b) continue;
      const key = Math.min(a, b) * nv + Math.max(a, b);
      count.set(key, (count.get(key) ?? 0) + 1);
    }
  }
  const sets = new UnionFind(nv);
  const used = new Set<number>();
  for (const [key, c] of count) {
    if (c !== 1) continue;
    const a = Math.floor(key / nv);
    const b = key % nv;
    sets.union(a, b);
    used.add(a);
    used.add(b);
  }
  const loops = new Map<number, number[]>();
  for (const v of [...used].sort((x, y) => x - y)) {
    const root = sets.find(v);
    const list = loops.get(root) ?? [];
    list.push(v);
    loops.set(root, list);
  }
  return [...loops.values()];
}

type V3 = [number, number, number];

function sub3(a: V3, b: V3): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function dot3(a: V3, b: V3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Distance from p to segment ab. */
function segmentDistance(p: V3, a: V3, b: V3): number {
  const ab = sub3(b, a);
  const t = Math.max(0, Math.min(1, dot3(sub3(p, a), ab) / (dot3(ab, ab) || 1)));
  const q: V3 = [a[0] + ab[0] * t, a[1] + ab[1] * t, a[2] + ab[2] * t];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

interface Joints {
  neckBase: V3;
  head: V3;
  root: V3;
  shoulder: [V3, V3];
  elbow: [V3, V3];
  wrist: [V3, V3];
  hip: [V3, V3];
  knee: [V3, V3];
  ankle: [V3, V3];
}

function jointsOf(skeleton: Skeleton): Joints {
  const head = (name: string): V3 => {
    const i = skeleton.index.get(name);
    if (i === undefined) throw new ClonedPersonError('E_ASSET_INVALID', `characters: garment derivation needs bone ${name} of the default rig`);
    return skeleton.bones[i].head;
  };
  // index 0 = the character's right (-x, image left), 1 = left (+x)
  const pair = (bone: string): [V3, V3] => [head(`${bone}.R`), head(`${bone}.L`)];
  return {
    neckBase: head('neck01'),
    head: head('head'),
    root: head('spine05'),
    shoulder: pair('upperarm01'),
    elbow: pair('lowerarm01'),
    wrist: pair('wrist'),
    hip: pair('upperleg01'),
    knee: pair('lowerleg01'),
    ankle: pair('foot'),
  };
}

type Region = 'torso' | 'neck' | 'armR' | 'armL' | 'legR' | 'legL';

function regionOf(p: V3, j: Joints): Region {
  const candidates: [Region, number][] = [
    ['neck', segmentDistance(p, j.neckBase, j.head)],
    ['torso', segmentDistance(p, j.root, j.neckBase)],
    ['armR', Math.min(segmentDistance(p, j.shoulder[0], j.elbow[0]), segmentDistance(p, j.elbow[0], j.wrist[0]))],
    ['armL', Math.min(segmentDistance(p, j.shoulder[1], j.elbow[1]), segmentDistance(p, j.elbow[1], j.wrist[1]))],
    ['legR', Math.min(segmentDistance(p, j.hip[0], j.knee[0]), segmentDistance(p, j.knee[0], j.ankle[0]))],
    ['legL', Math.min(segmentDistance(p, j.hip[1], j.knee[1]), segmentDistance(p, j.knee[1], j.ankle[1]))],
  ];
  candidates.sort((a, b) => a[1] - b[1]);
  return candidates[0][0];
}

/** Landmarks per category, 1-based, in the ClonedPerson scheme (see the module doc). */
export const TEMPLATE_PARTS: Readonly<Partial<Record<GarmentCategory, number[][]>>> = {
  1: [
    [1, 2, 3, 4, 5, 8, 10, 11, 13],
    [5, 6, 7, 8],
    [13, 14, 15, 1],
  ],
  2: [
    [1, 2, 3, 4, 5, 10, 12, 13, 15],
    [10, 5, 6, 9],
    [9, 6, 7, 8],
    [1, 15, 16, 19],
    [19, 16, 17, 18],
  ],
  7: [
    [1, 2, 7, 8, 9, 10],
    [2, 3, 4, 5, 6, 7],
  ],
  8: [
    [1, 2, 9, 10, 11, 12, 13, 14],
    [2, 3, 4, 5, 6, 7, 8, 9],
  ],
  9: [[1, 8, 2, 3, 4, 5, 6, 7]],
};

/** The two halves of a long-sleeve top's torso, split at the neck centre (3) and the derived hem centre (20). */
const LONG_SLEEVE_TORSO_HALVES = [
  [1, 2, 3, 20, 13, 15],
  [3, 4, 5, 10, 12, 20],
];

/** Derives a garment template (see the module doc). */
export function deriveGarmentTemplate(input: DerivationInput, options: Partial<typeof DERIVATION_DEFAULTS> = {}): Derivation {
  const o = { ...DERIVATION_DEFAULTS, ...options };
  const { mesh, positions } = input;
  const notes: string[] = [];
  const islands = uvIslands(mesh);
  const facePiece = splitPieces(mesh, positions, input.influences, input.skeleton, islands);
  if (!facePiece.includes(0) || !facePiece.includes(1)) {
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${input.model}: not a two-piece suit (top and bottom UV islands); derive it by hand`);
  }
  const j = jointsOf(input.skeleton);
  const top = rasterizeFront(mesh, positions, (f) => facePiece[f] === 0, islands, o.pxPerDm);
  const bottom = rasterizeFront(mesh, positions, (f) => facePiece[f] === 1, islands, o.pxPerDm);
  const vertex = (v: number): V3 => [positions[v * 3], positions[v * 3 + 1], positions[v * 3 + 2]];
  interface Edge {
    p: V3;
    region: Region;
    loop: number;
  }
  const loopsOf = (piece: 0 | 1): Edge[][] =>
    openEdgeLoops(mesh, (f) => facePiece[f] === piece).map((loop, index) =>
      loop.map((v) => {
        const p = vertex(v);
        return { p, region: regionOf(p, j), loop: index };
      }),
    );
  /** The region most of a loop's vertices are in. */
  const loopRegion = (loop: Edge[]): Region => {
    const counts = new Map<Region, number>();
    for (const e of loop) counts.set(e.region, (counts.get(e.region) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };
  const topLoops = loopsOf(0);
  const bottomLoops = loopsOf(1);
  const topEdges = topLoops.flat();
  const bottomEdges = bottomLoops.flat();
  const fail = (what: string): never => {
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${input.model}: cannot locate ${what} on the fitted garment; add a correction`);
  };
  const extremeBy = <T>(items: T[], key: (t: T) => number): [T, T] => {
    if (items.length === 0) fail('a landmark ring');
    let lo = items[0];
    let hi = items[0];
    for (const it of items) {
      if (key(it) < key(lo)) lo = it;
      if (key(it) > key(hi)) hi = it;
    }
    return [lo, hi];
  };
  const p2 = (p: V3): P2 => [p[0], p[1]];

  // --- top ---
  const shoulder = [0, 1].map((s) => {
    const [px] = toPixel(top, p2(j.shoulder[s]));
    for (let y = 0; y < top.height; y++) if (covered(top, px, y)) return toWorld(top, px, y);
    return fail('a shoulder');
  }) as [P2, P2];
  // A column inside the torso on each side, halfway from the centre line to the shoulder joint
  // (the centre itself may be open, as on a jacket).
  const torsoColumn = [0, 1].map((s) => toPixel(top, [j.shoulder[s][0] / 2, 0])[0]);
  const armpit = [0, 1].map((s) => {
    const [, startY] = toPixel(top, p2(j.shoulder[s]));
    const column = torsoColumn[s];
    for (let y = Math.max(0, startY); y < top.height; y++) {
      const row = runs(top, y);
      const torso = row.find(([a, b]) => a <= column && column <= b);
      if (!torso) continue;
      // the arm has come off the torso when a separate run lies beyond the torso's run
      const separate = s === 1 ? row.some(([a]) => a > torso[1]) : row.some(([, b]) => b < torso[0]);
      if (separate) return toWorld(top, s === 1 ? torso[1] : torso[0], y);
    }
    return fail('an armpit');
  }) as [P2, P2];
  const armpitY = Math.min(armpit[0][1], armpit[1][1]);
  const neckEdges = topEdges.filter((e) => (e.region === 'neck' || e.region === 'torso') && e.p[1] > armpitY && segmentDistance(e.p, j.neckBase, j.head) < 1.2);
  if (neckEdges.length === 0) fail('the neckline');
  const [neckR, neckL] = extremeBy(neckEdges, (e) => e.p[0]);
  const front = neckEdges.filter((e) => e.p[2] > j.neckBase[2]);
  const neckCentre = (front.length > 0 ? front : neckEdges).reduce((best, e) => (Math.abs(e.p[0]) < Math.abs(best.p[0]) ? e : best));
  // Open edges of the top below the armpits and off the arms: the hem (also when a long jacket's
  // hem is nearer the thighs than the spine).
  // The hem: the lowest row where the top covers both torso columns (decorations hanging below,
  // like a navel piercing, are narrower than the torso; an open jacket still covers both).
  let hemRow = -1;
  for (let y = top.height - 1; y >= 0 && hemRow < 0; y--) {
    if (covered(top, torsoColumn[0], y) && covered(top, torsoColumn[1], y)) hemRow = y;
  }
  if (hemRow < 0) fail('the hem of the top');
  const hemY = toWorld(top, 0, hemRow)[1];
  /** The torso's outer ends at a height: per side, the end of the run over that side's torso column. */
  const torsoRunAt = (r: FrontRaster, yDm: number): [P2, P2] => {
    const [, y] = toPixel(r, [0, yDm]);
    const row = runs(r, Math.min(r.height - 1, Math.max(0, y)));
    const ends = [0, 1].map((s) => {
      const column = toPixel(r, [j.shoulder[s][0] / 2, 0])[0];
      const run =
        row.find(([a, b]) => a <= column && column <= b) ??
        [...row].sort((a, b) => Math.abs((a[0] + a[1]) / 2 - column) - Math.abs((b[0] + b[1]) / 2 - column))[0];
      if (!run) return fail(`the torso at height ${yDm.toFixed(2)} dm`);
      return toWorld(r, s === 0 ? run[0] : run[1], y);
    });
    return [ends[0], ends[1]];
  };
  const waistY = (armpitY + hemY) / 2;
  const [waistR, waistL] = torsoRunAt(top, waistY);
  const [hemR, hemL] = torsoRunAt(top, hemY + 0.1);
  // cuffs: walk down the arm line in the front view until the sleeve ends; the cross-section just
  // before the end gives the cuff's outer (up and out) and inner points
  const crossSection = (r: FrontRaster, from: P2, across: P2): { outer: P2; inner: P2 } => {
    const start = toPixel(r, from);
    const walk = (sign: number): P2 => {
      let last = start;
      for (let t = 0; t < r.width + r.height; t++) {
        const x = Math.round(start[0] + sign * across[0] * t);
        const y = Math.round(start[1] - sign * across[1] * t);
        if (covered(r, x, y)) last = [x, y];
        else if (t > 2) break;
      }
      return toWorld(r, last[0], last[1]);
    };
    return { outer: walk(1), inner: walk(-1) };
  };
  const cuff = [0, 1].map((s) => {
    const a = j.shoulder[s];
    const dir = sub3(j.wrist[s], a);
    const length = Math.hypot(dir[0], dir[1]);
    const unit: P2 = [dir[0] / length, dir[1] / length];
    const step = 1 / top.pxPerDm;
    let end = 0;
    for (let t = 0; t <= 1.3 * length; t += step) {
      const [x, y] = toPixel(top, [a[0] + unit[0] * t, a[1] + unit[1] * t]);
      if (covered(top, x, y)) end = t;
      else if (t > end + 0.1) break;
    }
    if (end <= 0) fail('a sleeve');
    // across the arm in the front view: outer = away from the body's centre line and up
    const across: P2 = s === 1 ? [-unit[1], unit[0]] : [unit[1], -unit[0]];
    const back = Math.max(0, end - 0.1);
    const section = crossSection(top, [a[0] + unit[0] * back, a[1] + unit[1] * back], across);
    const elbowAlong = (j.elbow[s][0] - a[0]) * unit[0] + (j.elbow[s][1] - a[1]) * unit[1];
    return { ...section, along: end, across, elbowAlong, wristAlong: length };
  });
  const longSleeves = cuff.every((c) => c.along > c.elbowAlong + 0.3 * (c.wristAlong - c.elbowAlong));
  const elbow = [0, 1].map((s) => crossSection(top, p2(j.elbow[s]), cuff[s].across));

  // --- bottom ---
  const torsoBottomEdges = bottomEdges.filter((e) => e.region === 'torso' || e.p[1] > Math.max(j.hip[0][1], j.hip[1][1]));
  if (torsoBottomEdges.length === 0) fail('the waistband');
  const waistTop = Math.max(...torsoBottomEdges.map((e) => e.p[1]));
  const band = torsoBottomEdges.filter((e) => e.p[1] > waistTop - 0.25);
  const [bWaistR, bWaistL] = extremeBy(band, (e) => e.p[0]);
  const kneeY = (j.knee[0][1] + j.knee[1][1]) / 2;
  // Down the centre line from the waistband: trousers and shorts end at the crotch, well above
  // their hems; a skirt is covered down to its hem.
  const [cx] = toPixel(bottom, [0, 0]);
  const [, bandRow] = toPixel(bottom, [0, waistTop]);
  let row = Math.max(0, bandRow);
  while (row < bottom.height && !covered(bottom, cx, row)) row++;
  while (row + 1 < bottom.height && covered(bottom, cx, row + 1)) row++;
  const centreEnd = toWorld(bottom, cx, row);
  let topRow = Math.max(0, bandRow - Math.round(bottom.pxPerDm));
  while (topRow < bottom.height && !(covered(bottom, cx, topRow) && bottom.front[topRow * bottom.width + cx])) topRow++;
  const waistCentre = toWorld(bottom, cx, topRow);
  const lowestBottom = Math.min(...bottomEdges.map((e) => e.p[1]));
  const isSkirt = centreEnd[1] < lowestBottom + 0.3;
  const rowExtremes = (r: FrontRaster, yDm: number): [P2, P2] => {
    const [, y] = toPixel(r, [0, yDm]);
    const list = runs(r, Math.min(r.height - 1, Math.max(0, y)));
    if (list.length === 0) return fail(`the garment at height ${yDm.toFixed(2)} dm`);
    return [toWorld(r, list[0][0], y), toWorld(r, list[list.length - 1][1], y)];
  };
  const landmarksBottom: P2[] = [];
  let bottomCategory: GarmentCategory;
  if (isSkirt) {
    const lowest = lowestBottom;
    const hemRing = bottomEdges.filter((e) => e.p[1] < lowest + 0.25);
    const [sHemR, sHemL] = extremeBy(hemRing, (e) => e.p[0]);
    const [sideR, sideL] = rowExtremes(bottom, (waistTop + lowest) / 2);
    bottomCategory = 9;
    landmarksBottom.push(p2(bWaistR.p), p2(bWaistL.p), sideL, p2(sHemL.p), centreEnd, p2(sHemR.p), sideR);
  } else {
    const hems = [0, 1].map((s) => {
      const meanY = (loop: Edge[]): number => loop.reduce((sum, e) => sum + e.p[1], 0) / loop.length;
      const candidates = bottomLoops.filter((loop) => loopRegion(loop) === (s === 0 ? 'legR' : 'legL') && loop.length >= 6);
      if (candidates.length === 0) fail('a trouser leg end');
      const ring = candidates.reduce((best, loop) => (meanY(loop) < meanY(best) ? loop : best));
      const lowest = Math.min(...ring.map((e) => e.p[1]));
      const [lo, hi] = extremeBy(ring, (e) => e.p[0]);
      // outer is away from x = 0
      return s === 0 ? { outer: p2(lo.p), inner: p2(hi.p), y: lowest } : { outer: p2(hi.p), inner: p2(lo.p), y: lowest };
    });
    const crotch = centreEnd;
    // Hip sides: at the crotch, or halfway down to the outer hems if those end higher (shorts).
    const outerHemY = Math.max(hems[0].outer[1], hems[1].outer[1]);
    const [sideR, sideL] = rowExtremes(bottom, Math.max(crotch[1], (waistTop + outerHemY) / 2));
    const trousers = hems.every((h) => h.y < kneeY);
    if (trousers) {
      const knee = [0, 1].map((s) => {
        const [kx, ky] = toPixel(bottom, p2(j.knee[s]));
        const run = runs(bottom, ky).find(([a, b]) => a <= kx && kx <= b);
        if (!run) return fail('a knee');
        const [lo, hi] = [toWorld(bottom, run[0], ky), toWorld(bottom, run[1], ky)];
        return s === 0 ? { outer: lo, inner: hi } : { outer: hi, inner: lo };
      });
      bottomCategory = 8;
      landmarksBottom.push(
        p2(bWaistR.p),
        waistCentre,
        p2(bWaistL.p),
        sideL,
        knee[1].outer,
        hems[1].outer,
        hems[1].inner,
        knee[1].inner,
        crotch,
        knee[0].inner,
        hems[0].inner,
        hems[0].outer,
        knee[0].outer,
        sideR,
      );
    } else {
      bottomCategory = 7;
      landmarksBottom.push(
        p2(bWaistR.p),
        waistCentre,
        p2(bWaistL.p),
        sideL,
        hems[1].outer,
        hems[1].inner,
        crotch,
        hems[0].inner,
        hems[0].outer,
        sideR,
      );
    }
  }
  const topCategory: GarmentCategory = longSleeves ? 2 : 1;
  const landmarksTop: P2[] = longSleeves
    ? [
        shoulder[0],
        p2(neckR.p),
        p2(neckCentre.p),
        p2(neckL.p),
        shoulder[1],
        elbow[1].outer,
        cuff[1].outer,
        cuff[1].inner,
        elbow[1].inner,
        armpit[1],
        waistL,
        hemL,
        hemR,
        waistR,
        armpit[0],
        elbow[0].inner,
        cuff[0].inner,
        cuff[0].outer,
        elbow[0].outer,
      ]
    : [
        shoulder[0],
        p2(neckR.p),
        p2(neckCentre.p),
        p2(neckL.p),
        shoulder[1],
        cuff[1].outer,
        cuff[1].inner,
        armpit[1],
        waistL,
        hemL,
        hemR,
        waistR,
        armpit[0],
        cuff[0].inner,
        cuff[0].outer,
      ];
  const categories: [GarmentCategory, GarmentCategory] = input.categories ?? [topCategory, bottomCategory];
  if (input.categories && (input.categories[0] !== topCategory || input.categories[1] !== bottomCategory)) {
    notes.push(`categories forced to [${input.categories.join(', ')}], derived [${topCategory}, ${bottomCategory}]`);
  }
  if (categories[0] !== topCategory || categories[1] !== bottomCategory) {
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${input.model}: landmarks were derived for [${topCategory}, ${bottomCategory}], not [${categories.join(', ')}]`);
  }
  for (const [key, at] of Object.entries(input.landmarkOverrides ?? {})) {
    const [garment, index] = key.split(':').map(Number);
    const list = garment === 0 ? landmarksTop : garment === 1 ? landmarksBottom : undefined;
    if (!list || !Number.isInteger(index) || index < 1 || index > list.length) {
      throw new ClonedPersonError('E_ARGUMENT', `characters: ${input.model}: landmark correction ${key} names no landmark (garment 0 has ${landmarksTop.length}, 1 has ${landmarksBottom.length})`);
    }
    list[index - 1] = [at[0], at[1]];
    notes.push(`landmark ${key} corrected by hand to [${at[0]}, ${at[1]}]`);
  }
  // Derived landmarks (midpoints), appended like garment-categories.ts does.
  if (topCategory === 2) landmarksTop.push([(landmarksTop[11][0] + landmarksTop[12][0]) / 2, (landmarksTop[11][1] + landmarksTop[12][1]) / 2]);
  if (bottomCategory === 9) landmarksBottom.push([(landmarksBottom[0][0] + landmarksBottom[1][0]) / 2, (landmarksBottom[0][1] + landmarksBottom[1][1]) / 2]);

  // --- parts and UV keypoints ---
  const uvKeypoints: Point[] = [];
  const keypointSources: Derivation['keypointSources'] = [];
  const keypointIndex = new Map<string, number>();
  const parts: TemplatePart[] = [];
  const pieces: [FrontRaster, P2[], GarmentCategory][] = [
    [top, landmarksTop, topCategory],
    [bottom, landmarksBottom, bottomCategory],
  ];
  pieces.forEach(([raster, points, category], garment) => {
    const polygons = [...(TEMPLATE_PARTS[category] ?? [])];
    for (let p = 0; p < polygons.length; p++) {
      const polygon = polygons[p];
      const corners = polygon.map((i) => points[i - 1]);
      const { island, share } = dominantIsland(raster, corners);
      if (island < 0) {
        notes.push(`part [${polygon.join(' ')}] of garment ${garment} covers no UV island; skipped`);
        continue;
      }
      const regions = uvRegions(raster, partPixels(raster, corners, island));
      const interior = regions.main;
      const split = regions.secondShare > 0.15 || share < 0.75;
      const halves = split && category === 2 && p === 0 ? LONG_SLEEVE_TORSO_HALVES : undefined;
      if (halves) {
        notes.push(`the torso's front is split in UV (seam or separate islands); mapped as two halves`);
        polygons.splice(p + 1, 0, ...halves);
        continue;
      }
      if (regions.secondShare > 0.15 || share < 0.5) {
        notes.push(`part [${polygon.join(' ')}] of garment ${garment} crosses a UV seam (${Math.round(100 * share)}% on one island); its mapping will be distorted`);
      }
      const uv = polygon.map((landmark) => {
        // Each part looks its landmarks up in its own UV region; parts that share a landmark on
        // the same side of every seam share the keypoint.
        const [u, v] = nearestUv(raster, points[landmark - 1], interior.length > 0 ? interior : undefined, island);
        const point: Point = [round1(u * o.canvasPx), round1((1 - v) * o.canvasPx)];
        const key = `${garment}:${landmark}:${point[0]}:${point[1]}`;
        let index = keypointIndex.get(key);
        if (index === undefined) {
          uvKeypoints.push(point);
          keypointSources.push({ garment: garment as 0 | 1, landmark, island });
          index = uvKeypoints.length;
          keypointIndex.set(key, index);
        }
        return index;
      });
      parts.push({ garment: garment as 0 | 1, landmarks: polygon, uv });
    }
  });
  const torsoUv = parts[0].uv.map((i) => uvKeypoints[i - 1]);
  const cell = 50 / o.canvasPx;
  const cellBox: Rect = [
    Math.floor(Math.min(...torsoUv.map((p) => p[0])) * cell),
    Math.floor(Math.min(...torsoUv.map((p) => p[1])) * cell),
    Math.ceil(Math.max(...torsoUv.map((p) => p[0])) * cell),
    Math.ceil(Math.max(...torsoUv.map((p) => p[1])) * cell),
  ];
  const template: GarmentTemplate = {
    formatVersion: 1,
    id: input.model,
    model: input.model,
    categories,
    canvasPx: o.canvasPx,
    uvKeypoints,
    parts,
    cellBox,
    pantsRects: pantsRectangles(mesh, facePiece, o.canvasPx, o.pantsGrid),
    source: { derivedBy: 'clonedperson characters/garment-derivation.ts', pxPerDm: o.pxPerDm },
  };
  return {
    template,
    landmarks: [
      ...landmarksTop.map((at, i): DerivedLandmark => ({ garment: 0, index: i + 1, at })),
      ...landmarksBottom.map((at, i): DerivedLandmark => ({ garment: 1, index: i + 1, at })),
    ],
    facePiece,
    keypointSources,
    rasters: { top, bottom },
    notes,
  };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The UV island covering most of a polygon's interior (front faces; -1 if none) and its share. */
function dominantIsland(r: FrontRaster, polygon: P2[]): { island: number; share: number } {
  const px = polygon.map((p) => toPixel(r, p));
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  const counts = new Map<number, number>();
  let total = 0;
  const step = Math.max(1, Math.round(r.pxPerDm / 25));
  for (let y = Math.max(0, Math.min(...ys)); y <= Math.min(r.height - 1, Math.max(...ys)); y += step) {
    for (let x = Math.max(0, Math.min(...xs)); x <= Math.min(r.width - 1, Math.max(...xs)); x += step) {
      if (!insidePolygon(px, x, y)) continue;
      const i = y * r.width + x;
      const island = r.island[i];
      if (island < 0 || !r.front[i]) continue;
      counts.set(island, (counts.get(island) ?? 0) + 1);
      total++;
    }
  }
  let best = -1;
  let bestCount = 0;
  for (const [island, count] of counts) {
    if (count > bestCount) {
      best = island;
      bestCount = count;
    }
  }
  return { island: best, share: total === 0 ? 0 : bestCount / total };
}

function insidePolygon(points: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, k = points.length - 1; i < points.length; k = i++) {
    const [xi, yi] = points[i];
    const [xk, yk] = points[k];
    if (yi > y !== yk > y && x < ((xk - xi) * (y - yi)) / (yk - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Pixels (raster indices) of `island` inside a front-view polygon. */
function partPixels(r: FrontRaster, polygon: P2[], island: number): number[] {
  const px = polygon.map((p) => toPixel(r, p));
  const xs = px.map((p) => p[0]);
  const ys = px.map((p) => p[1]);
  const out: number[] = [];
  for (let y = Math.max(0, Math.min(...ys)); y <= Math.min(r.height - 1, Math.max(...ys)); y++) {
    for (let x = Math.max(0, Math.min(...xs)); x <= Math.min(r.width - 1, Math.max(...xs)); x++) {
      const i = y * r.width + x;
      if (r.island[i] === island && r.front[i] && insidePolygon(px, x, y)) out.push(i);
    }
  }
  return out;
}

/**
 * Splits a part's pixels where the UV map jumps (more than 0.05 between neighbouring pixels, i.e.
 * a UV seam) and returns the largest connected piece and the share of the second largest. Seams
 * along a part's silhouette cut off thin slivers only; a seam through the part (a shirt cut down
 * the button line) leaves two large pieces.
 */
function uvRegions(r: FrontRaster, pixels: number[]): { main: number[]; secondShare: number } {
  if (pixels.length === 0) return { main: [], secondShare: 0 };
  const slot = new Map<number, number>(pixels.map((p, k) => [p, k]));
  const sets = new UnionFind(pixels.length);
  pixels.forEach((i, k) => {
    for (const j of [i + 1, i + r.width]) {
      const m = slot.get(j);
      if (m === undefined) continue;
      if (Math.hypot(r.u[i] - r.u[j], r.v[i] - r.v[j]) <= 0.05) sets.union(k, m);
    }
  });
  const groups = new Map<number, number[]>();
  pixels.forEach((p, k) => {
    const root = sets.find(k);
    const list = groups.get(root) ?? [];
    list.push(p);
    groups.set(root, list);
  });
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length);
  return { main: sorted[0], secondShare: (sorted[1]?.length ?? 0) / pixels.length };
}

/** UV of the candidate pixel (default: any pixel of `island`) nearest to p. */
function nearestUv(r: FrontRaster, p: P2, candidates: number[] | undefined, island: number): [number, number] {
  const [cx, cy] = toPixel(r, p);
  let best = -1;
  let bestDistance = Infinity;
  const list = candidates ?? [...r.island.keys()].filter((i) => r.island[i] === island);
  for (const i of list) {
    const x = i % r.width;
    const y = Math.floor(i / r.width);
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best >= 0 ? [r.u[best], r.v[best]] : [0, 0];
}

/** Rectangles (canvas pixels) covering the bottom piece's UV area and not the top's (step 5). */
export function pantsRectangles(mesh: ObjMesh, facePiece: Uint8Array, canvasPx: number, grid: number): Rect[] {
  const top = new Uint8Array(grid * grid);
  const bottom = new Uint8Array(grid * grid);
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const target = facePiece[f] === 1 ? bottom : top;
    const n = mesh.faceSizes[f];
    const corners: [number, number][] = [];
    for (let c = 0; c < n; c++) {
      const t = mesh.faceUvs[f * 4 + c];
      if (t < 0) continue;
      corners.push([mesh.uvs[t * 2] * grid, (1 - mesh.uvs[t * 2 + 1]) * grid]);
    }
    if (corners.length < 3) continue;
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(grid - 1, Math.floor(Math.max(...ys))); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(...xs))); x <= Math.min(grid - 1, Math.floor(Math.max(...xs))); x++) {
        if (insidePolygon(corners, x + 0.5, y + 0.5) || corners.some(([cx, cy]) => Math.floor(cx) === x && Math.floor(cy) === y)) target[y * grid + x] = 1;
      }
    }
  }
  const cellPx = canvasPx / grid;
  const rects: Rect[] = [];
  const open = new Map<string, Rect>();
  for (let y = 0; y < grid; y++) {
    const rowRuns: [number, number][] = [];
    let start = -1;
    for (let x = 0; x <= grid; x++) {
      const on = x < grid && bottom[y * grid + x] === 1 && top[y * grid + x] === 0;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        rowRuns.push([start, x]);
        start = -1;
      }
    }
    const next = new Map<string, Rect>();
    for (const [a, b] of rowRuns) {
      const key = `${a},${b}`;
      const rect = open.get(key);
      if (rect) {
        rect[3] = (y + 1) * cellPx;
        next.set(key, rect);
        open.delete(key);
      } else {
        next.set(key, [a * cellPx, y * cellPx, b * cellPx, (y + 1) * cellPx]);
      }
    }
    for (const rect of open.values()) rects.push(rect);
    open.clear();
    for (const [key, rect] of next) open.set(key, rect);
  }
  for (const rect of open.values()) rects.push(rect);
  return rects.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}
