/**
 * Where people cannot walk: the ground footprints of the props as an occupancy grid (10 cm
 * cells). A prop's footprint is every cell its geometry covers between ankle and head height
 * (0.1 to 2.0 m above the ground: kerb-free floors and high canopies or signs do not block),
 * found by clipping each triangle to that height band and marking the cells its ground
 * projection touches (conservatively, so thin walls block too); what one prop's walls enclose
 * (a building's inside) is footprint too. Footprints given as polygons in a spec are marked the same way. `blocked` is the footprint grown by a body's radius, which the
 * choreography keeps people's centres out of. Pure.
 */
import { forEachPolygonSpan } from '../geometry/polygon.js';
import type { Point2 } from '../geometry/point.js';

export interface ObstacleMap {
  /** World x, z of the grid's corner (the low corner of cell 0). */
  originX: number;
  originZ: number;
  cellM: number;
  widthCells: number;
  depthCells: number;
  /** 1 where a footprint covers the cell. */
  footprint: Uint8Array;
  /** 1 within `clearanceM` of a footprint cell (body radius). */
  blocked: Uint8Array;
  clearanceM: number;
}

export const OBSTACLE_DEFAULTS = { cellM: 0.1, bandM: [0.1, 2.0] as [number, number], clearanceM: 0.25, marginM: 1 };

/** World-space triangles of one prop (positions xyz, three indices per triangle). */
export interface ObstacleMesh {
  positions: Float32Array;
  indices: Uint32Array | Uint16Array;
}

export interface ObstacleSource {
  meshes?: readonly ObstacleMesh[];
  /** (x, z) polygons, world metres. */
  polygons?: readonly (readonly [number, number])[][];
}

type Point3 = [number, number, number];

/** Clips a polygon to y in [low, high] (Sutherland-Hodgman against the two planes). */
function clipToBand(points: Point3[], low: number, high: number): Point3[] {
  const clip = (input: Point3[], inside: (p: Point3) => boolean, cut: (a: Point3, b: Point3) => Point3): Point3[] => {
    const out: Point3[] = [];
    for (let i = 0; i < input.length; i++) {
      const a = input[i], b = input[(i + 1) % input.length];
      if (inside(a)) out.push(a);
      if (inside(a) !== inside(b)) out.push(cut(a, b));
    }
    return out;
  };
  const at = (level: number) => (a: Point3, b: Point3): Point3 => {
    const t = (level - a[1]) / (b[1] - a[1]);
    return [a[0] + (b[0] - a[0]) * t, level, a[2] + (b[2] - a[2]) * t];
  };
  return clip(clip(points, (p) => p[1] >= low, at(low)), (p) => p[1] <= high, at(high));
}

/** Whether the convex polygon (x, z) overlaps the axis-aligned square [x0, x1] x [z0, z1] (separating axes). */
function overlapsCell(polygon: [number, number][], x0: number, z0: number, x1: number, z1: number): boolean {
  let minX = Infinity, maxX = -Infinity, minZ = Infinity, maxZ = -Infinity;
  for (const [x, z] of polygon) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minZ = Math.min(minZ, z);
    maxZ = Math.max(maxZ, z);
  }
  if (maxX < x0 || minX > x1 || maxZ < z0 || minZ > z1) return false;
  const corners: [number, number][] = [
    [x0, z0],
    [x1, z0],
    [x1, z1],
    [x0, z1],
  ];
  for (let i = 0; i < polygon.length; i++) {
    const [ax, az] = polygon[i];
    const [bx, bz] = polygon[(i + 1) % polygon.length];
    const nx = bz - az, nz = ax - bx;
    if (nx === 0 && nz === 0) continue;
    const project = (p: [number, number]) => nx * p[0] + nz * p[1];
    let pMin = Infinity, pMax = -Infinity;
    for (const p of polygon) {
      const v = project(p);
      pMin = Math.min(pMin, v);
      pMax = Math.max(pMax, v);
    }
    let cMin = Infinity, cMax = -Infinity;
    for (const c of corners) {
      const v = project(c);
      cMin = Math.min(cMin, v);
      cMax = Math.max(cMax, v);
    }
    if (cMax < pMin || cMin > pMax) return false;
  }
  return true;
}

/** Ground-projected pieces (convex polygons, or segments) of what one source puts in the height band. */
function sourcePieces(source: ObstacleSource, band: [number, number]): [number, number][][] {
  const pieces: [number, number][][] = [];
  for (const mesh of source.meshes ?? []) {
    const p = mesh.positions;
    for (let t = 0; t + 2 < mesh.indices.length; t += 3) {
      const tri: Point3[] = [0, 1, 2].map((k) => {
        const v = mesh.indices[t + k] * 3;
        return [p[v], p[v + 1], p[v + 2]] as Point3;
      });
      const clipped = clipToBand(tri, band[0], band[1]);
      if (clipped.length >= 2) pieces.push(clipped.map((q) => [q[0], q[2]]));
    }
  }
  // A polygon's edges are marked like thin walls, its inside by cell centres (even-odd).
  for (const polygon of source.polygons ?? []) polygon.forEach((a, i) => pieces.push([[...a], [...polygon[(i + 1) % polygon.length]]]));
  return pieces;
}

/** The cells (i, k) of the grid a piece touches. */
function markPiece(grid: Uint8Array, width: number, depth: number, originX: number, originZ: number, cellM: number, piece: [number, number][]): void {
  let x0 = Infinity, x1 = -Infinity, z0 = Infinity, z1 = -Infinity;
  for (const [x, z] of piece) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    z0 = Math.min(z0, z);
    z1 = Math.max(z1, z);
  }
  const i0 = Math.max(0, Math.floor((x0 - originX) / cellM)), i1 = Math.min(width - 1, Math.floor((x1 - originX) / cellM));
  const k0 = Math.max(0, Math.floor((z0 - originZ) / cellM)), k1 = Math.min(depth - 1, Math.floor((z1 - originZ) / cellM));
  for (let k = k0; k <= k1; k++) {
    for (let i = i0; i <= i1; i++) {
      if (grid[k * width + i]) continue;
      const cx = originX + i * cellM, cz = originZ + k * cellM;
      if (overlapsCell(piece, cx, cz, cx + cellM, cz + cellM)) grid[k * width + i] = 1;
    }
  }
}

/**
 * The obstacle map of the given footprint sources (one per prop); null when there are none.
 * Each source is marked on its own patch of the grid first, so what a single prop encloses is
 * filled, while several props together may still enclose walkable space (a hall between walls).
 */
export function buildObstacleMap(sources: readonly ObstacleSource[], options: Partial<typeof OBSTACLE_DEFAULTS> = {}): ObstacleMap | null {
  const { cellM, bandM, clearanceM, marginM } = { ...OBSTACLE_DEFAULTS, ...options };
  const perSource = sources.map((source) => ({ source, pieces: sourcePieces(source, bandM) })).filter((s) => s.pieces.length > 0);
  if (perSource.length === 0) return null;
  const boundsOf = (pieces: [number, number][][]): [number, number, number, number] => {
    let minX = Infinity, maxX = -Infinity, minZ = Infinity, maxZ = -Infinity;
    for (const piece of pieces) for (const [x, z] of piece) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minZ = Math.min(minZ, z);
      maxZ = Math.max(maxZ, z);
    }
    return [minX, minZ, maxX, maxZ];
  };
  const [minX, minZ, maxX, maxZ] = boundsOf(perSource.flatMap((s) => s.pieces));
  const pad = marginM + clearanceM;
  const originX = Math.floor((minX - pad) / cellM) * cellM;
  const originZ = Math.floor((minZ - pad) / cellM) * cellM;
  const widthCells = Math.ceil((maxX + pad - originX) / cellM);
  const depthCells = Math.ceil((maxZ + pad - originZ) / cellM);
  const footprint = new Uint8Array(widthCells * depthCells);
  for (const { source, pieces } of perSource) {
    // The source's own patch: its bounds plus a free border cell all round.
    const [sx0, sz0, sx1, sz1] = boundsOf(pieces);
    const i0 = Math.max(0, Math.floor((sx0 - originX) / cellM) - 1), k0 = Math.max(0, Math.floor((sz0 - originZ) / cellM) - 1);
    const i1 = Math.min(widthCells - 1, Math.floor((sx1 - originX) / cellM) + 1), k1 = Math.min(depthCells - 1, Math.floor((sz1 - originZ) / cellM) + 1);
    const w = i1 - i0 + 1, d = k1 - k0 + 1;
    const patch = new Uint8Array(w * d);
    const px = originX + i0 * cellM, pz = originZ + k0 * cellM;
    for (const piece of pieces) markPiece(patch, w, d, px, pz, cellM, piece);
    for (const polygon of source.polygons ?? []) {
      const cells: Point2[] = polygon.map(([x, z]) => [(x - px) / cellM - 0.5, (z - pz) / cellM - 0.5]);
      forEachPolygonSpan(cells, w, d, (k, a, b) => patch.fill(1, k * w + a, k * w + b));
    }
    fillEnclosed(patch, w, d);
    for (let k = 0; k < d; k++) for (let i = 0; i < w; i++) if (patch[k * w + i]) footprint[(k0 + k) * widthCells + i0 + i] = 1;
  }
  return { originX, originZ, cellM, widthCells, depthCells, footprint, blocked: dilate(footprint, widthCells, depthCells, clearanceM / cellM), clearanceM };
}

/** Marks the cells no free path reaches from the grid's border (the insides of buildings and closed walls). */
function fillEnclosed(grid: Uint8Array, width: number, depth: number): void {
  const outside = new Uint8Array(grid.length);
  const stack: number[] = [];
  const push = (i: number): void => {
    if (!grid[i] && !outside[i]) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let i = 0; i < width; i++) {
    push(i);
    push((depth - 1) * width + i);
  }
  for (let k = 0; k < depth; k++) {
    push(k * width);
    push(k * width + width - 1);
  }
  while (stack.length > 0) {
    const c = stack.pop()!;
    const i = c % width, k = (c - i) / width;
    if (i > 0) push(c - 1);
    if (i + 1 < width) push(c + 1);
    if (k > 0) push(c - width);
    if (k + 1 < depth) push(c + width);
  }
  for (let c = 0; c < grid.length; c++) if (!outside[c]) grid[c] = 1;
}

/** Cells within `radiusCells` (centre to centre) of a set cell. */
function dilate(grid: Uint8Array, width: number, depth: number, radiusCells: number): Uint8Array {
  const out = new Uint8Array(grid.length);
  const r = Math.ceil(radiusCells);
  const offsets: [number, number][] = [];
  for (let dk = -r; dk <= r; dk++) for (let di = -r; di <= r; di++) if (di * di + dk * dk <= radiusCells * radiusCells) offsets.push([di, dk]);
  for (let k = 0; k < depth; k++) {
    for (let i = 0; i < width; i++) {
      if (!grid[k * width + i]) continue;
      for (const [di, dk] of offsets) {
        const ii = i + di, kk = k + dk;
        if (ii >= 0 && kk >= 0 && ii < width && kk < depth) out[kk * width + ii] = 1;
      }
    }
  }
  return out;
}

function cellAt(map: ObstacleMap, grid: Uint8Array, x: number, z: number): boolean {
  const i = Math.floor((x - map.originX) / map.cellM);
  const k = Math.floor((z - map.originZ) / map.cellM);
  return i >= 0 && k >= 0 && i < map.widthCells && k < map.depthCells && grid[k * map.widthCells + i] === 1;
}

/** Whether a person's centre at (x, z) would be closer than the clearance to a footprint. */
export function isBlocked(map: ObstacleMap | null, x: number, z: number): boolean {
  return map !== null && cellAt(map, map.blocked, x, z);
}

/** Whether (x, z) lies on a footprint itself. */
export function isInFootprint(map: ObstacleMap | null, x: number, z: number): boolean {
  return map !== null && cellAt(map, map.footprint, x, z);
}
