/**
 * Step 1 of the derivation: which faces belong to the top garment and which to the bottom one.
 * Faces are grouped by UV island; an island holding at least 5% of the faces belongs to the
 * bottom when at least 30% of its faces are bound mostly (dominant bone) to the pelvis and legs
 * (bones root, pelvis, upperleg, lowerleg, foot, toe), else to the top. A smaller island takes
 * the piece of the large-island vertex nearest to its centre.
 */
import type { ObjMesh } from '../makehuman/obj-parser.js';
import type { CompiledWeights } from '../makehuman/skeleton-weights.js';
import type { Skeleton } from '../makehuman/skeleton.js';

const LOWER_BONE = /^(root|pelvis|upperleg|lowerleg|foot|toe)/;

/** An island is the bottom garment's when this share of its faces is bound mostly to hips and legs. */
const BOTTOM_SHARE = 0.3;

/** Islands with fewer faces than this share of the mesh take their piece from their neighbours. */
const LARGE_ISLAND_SHARE = 0.05;

/** The bone with the largest summed weight over a face's corners, or -1 when unweighted. */
function dominantJoint(mesh: ObjMesh, influences: CompiledWeights, f: number): number {
  const k = influences.influences;
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
  return best;
}

/** Per island: [faces bound to the upper body, faces bound to hips and legs]. */
function islandVotes(mesh: ObjMesh, influences: CompiledWeights, skeleton: Skeleton, islands: Int32Array): Map<number, [number, number]> {
  const lowerJoint = skeleton.bones.map((b) => LOWER_BONE.test(b.name));
  const votes = new Map<number, [number, number]>();
  for (let f = 0; f < mesh.faceSizes.length; f++) {
    const best = dominantJoint(mesh, influences, f);
    const entry = votes.get(islands[f]) ?? [0, 0];
    entry[best >= 0 && lowerJoint[best] ? 1 : 0]++;
    votes.set(islands[f], entry);
  }
  return votes;
}

/** The piece of the large-island vertex nearest to a small island's vertex centre. */
function nearestPiece(mesh: ObjMesh, positions: Float32Array, islands: Int32Array, island: number, largeVertices: { v: number; piece: number }[]): number {
  const centre = [0, 0, 0];
  let n = 0;
  for (let f = 0; f < mesh.faceSizes.length; f++) {
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
  return best;
}

/** 0 = top, 1 = bottom per face (see the module doc). */
export function splitPieces(mesh: ObjMesh, positions: Float32Array, influences: CompiledWeights, skeleton: Skeleton, islands: Int32Array): Uint8Array {
  const faces = mesh.faceSizes.length;
  const votes = islandVotes(mesh, influences, skeleton, islands);
  const pieceOf = new Map<number, number>();
  for (const [island, [upper, lower]] of votes) {
    if (upper + lower >= LARGE_ISLAND_SHARE * faces) pieceOf.set(island, lower >= BOTTOM_SHARE * (lower + upper) ? 1 : 0);
  }
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
    if (!pieceOf.has(island)) pieceOf.set(island, nearestPiece(mesh, positions, islands, island, largeVertices));
  }
  const out = new Uint8Array(faces);
  for (let f = 0; f < faces; f++) out[f] = pieceOf.get(islands[f]) as number;
  return out;
}
