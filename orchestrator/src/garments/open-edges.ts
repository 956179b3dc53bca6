/** Open edges of a set of faces: the garment's openings (neckline, cuffs, hems, waistband). */
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { UnionFind } from './union-find.js';

/**
 * Open edges of the faces in `include` (edges used by exactly one included face), grouped into
 * connected chains (loops): one ascending vertex list per chain.
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
