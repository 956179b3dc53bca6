/**
 * Coarse index lists for ground shadows: vertex clustering on a grid (`cellM`) keeps one
 * representative vertex per cell and drops the triangles that collapse. The result names the
 * ORIGINAL vertices it keeps, so the skinned positions of the full mesh serve the shadow: only
 * those few vertices are projected each frame.
 * A shadow is a flat silhouette, so the lost detail is invisible and the triangle count (the
 * rasteriser's per-triangle cost) drops by an order of magnitude on dense character meshes.
 */

export interface ShadowMesh {
  /** The original vertices the shadow uses. */
  vertices: Uint32Array;
  /** Triangles as indices into `vertices`. */
  indices: Uint32Array;
}

/** Cluster-decimated triangles over `positions` (xyz), as a compact vertex list + indices. */
export function shadowMesh(positions: Float32Array, indices: Uint32Array, cellM = 0.04): ShadowMesh {
  const count = positions.length / 3;
  const representative = new Uint32Array(count);
  const cells = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const key = `${Math.floor(positions[i * 3] / cellM)},${Math.floor(positions[i * 3 + 1] / cellM)},${Math.floor(positions[i * 3 + 2] / cellM)}`;
    let rep = cells.get(key);
    if (rep === undefined) {
      rep = i;
      cells.set(key, i);
    }
    representative[i] = rep;
  }
  const out: number[] = [];
  const seen = new Set<string>();
  for (let t = 0; t + 2 < indices.length; t += 3) {
    const a = representative[indices[t]], b = representative[indices[t + 1]], c = representative[indices[t + 2]];
    if (a === b || b === c || a === c) continue;
    const sorted = [a, b, c].sort((x, y) => x - y);
    const key = sorted.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a, b, c);
  }
  const compact = new Map<number, number>();
  const local = out.map((v) => {
    let k = compact.get(v);
    if (k === undefined) {
      k = compact.size;
      compact.set(v, k);
    }
    return k;
  });
  return { vertices: Uint32Array.from(compact.keys()), indices: Uint32Array.from(local) };
}
