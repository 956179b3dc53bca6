/** UV islands: faces that share a texture vertex, directly or through other faces, are on one island. */
import type { ObjMesh } from '../makehuman/obj-parser.js';
import { UnionFind } from './union-find.js';

/** UV island id per face, numbered 0, 1, ... in order of first appearance. */
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
