/**
 * Fitting proxies (clothes, hair, eyes, ...) to a morphed body, and hiding what they cover.
 * Rules follow MakeHuman 1.1 shared/proxy.py and plugins/3_libraries_clothes_chooser.py.
 *
 * Fitting (old format, all CC0 system assets): for proxy vertex i with body references
 * r1, r2, r3, weights w1, w2, w3 and offset d,
 *   p_i = w1 b[r1] + w2 b[r2] + w3 b[r3] + S d,
 * where b are the morphed body positions and S = diag(sx, sy, sz) with
 * s_axis = |b[A][axis] - b[B][axis]| / denominator from the proxy's `x/y/z_scale A B denominator`
 * lines (a missing axis scales by 1). The proxy's own `.obj` positions are never used.
 * New-format proxies (version >= 120) place p_i = centre + M d in a frame of a body quad
 * (normal, centre - v1, centre x (centre - v1), each normalised), as MakeHuman's getCoordsNew.
 *
 * Face hiding (`clothesHideFaces True`): clothes are visited from the highest `z_depth` down.
 * Each garment is masked by the body vertices deleted by the garments above it; then its own
 * `delete_verts` join the deleted set, which finally masks the body. A proxy vertex is hidden
 * when fewer than two of its reference body vertices are visible (an exactly mapped vertex
 * copies its one reference's state); a face is hidden only when all its vertices are hidden.
 */
import type { ObjMesh } from './obj-parser.js';
import type { ProxyDefinition } from './proxy-parser.js';

/** The per-axis offset scale of a proxy for body positions `body` (xyz per vertex). */
export function proxyOffsetScale(proxy: ProxyDefinition, body: Float32Array): [number, number, number] {
  return proxy.scales.map((axis, n) => {
    if (!axis) return 1;
    return Math.abs(body[axis.vertexA * 3 + n] - body[axis.vertexB * 3 + n]) / axis.denominator;
  }) as [number, number, number];
}

/** Proxy vertex positions (xyz per vertex, body units) fitted to `body`. */
export function fitProxy(proxy: ProxyDefinition, body: Float32Array): Float32Array {
  const count = proxy.weights.length / 3;
  const out = new Float32Array(count * 3);
  if (proxy.newFitting) return fitProxyNew(proxy, body, out);
  const [sx, sy, sz] = proxyOffsetScale(proxy, body);
  const { refVerts, weights, offsets } = proxy;
  for (let i = 0; i < count; i++) {
    const a = refVerts[i * 3] * 3;
    const b = refVerts[i * 3 + 1] * 3;
    const c = refVerts[i * 3 + 2] * 3;
    const wa = weights[i * 3];
    const wb = weights[i * 3 + 1];
    const wc = weights[i * 3 + 2];
    out[i * 3] = wa * body[a] + wb * body[b] + wc * body[c] + sx * offsets[i * 3];
    out[i * 3 + 1] = wa * body[a + 1] + wb * body[b + 1] + wc * body[c + 1] + sy * offsets[i * 3 + 1];
    out[i * 3 + 2] = wa * body[a + 2] + wb * body[b + 2] + wc * body[c + 2] + sz * offsets[i * 3 + 2];
  }
  return out;
}

function normalize3(v: number[]): number[] {
  const length = Math.hypot(v[0], v[1], v[2]);
  return length > 0 ? [v[0] / length, v[1] / length, v[2] / length] : [0, 0, 0];
}

function cross3(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function fitProxyNew(proxy: ProxyDefinition, body: Float32Array, out: Float32Array): Float32Array {
  const count = proxy.weights.length / 3;
  for (let i = 0; i < count; i++) {
    const v = [0, 1, 2, 3].map((k) => {
      const o = proxy.refVerts[i * 4 + k] * 3;
      return [body[o], body[o + 1], body[o + 2]];
    });
    const centre = [0, 1, 2].map((n) => (v[0][n] + v[1][n] + v[2][n] + v[3][n]) / 4);
    const va = [0, 1, 2].map((n) => v[0][n] - v[1][n]);
    const vb = [0, 1, 2].map((n) => v[0][n] - v[2][n]);
    const vc = [0, 1, 2].map((n) => v[2][n] - v[3][n]);
    const n1 = cross3(va, vb);
    const n2 = cross3(vb, vc);
    const normal = normalize3([0, 1, 2].map((n) => Math.sqrt(n1[n] ** 2 + n2[n] ** 2)));
    const toCentre = [0, 1, 2].map((n) => centre[n] - v[0][n]);
    const e1 = normalize3(toCentre);
    const e2 = normalize3(cross3(centre, toCentre));
    const d = [proxy.weights[i * 3], proxy.weights[i * 3 + 1], proxy.weights[i * 3 + 2]];
    for (let n = 0; n < 3; n++) out[i * 3 + n] = centre[n] + normal[n] * d[0] + e1[n] * d[1] + e2[n] * d[2];
  }
  return out;
}

/**
 * Carries a body vertex visibility mask (1 visible, 0 hidden) to a proxy's vertices
 * (MakeHuman's transferVertexMaskToProxy).
 */
export function transferVertexMask(bodyVisible: Uint8Array, proxy: ProxyDefinition): Uint8Array {
  const width = proxy.newFitting ? 4 : 3;
  const count = proxy.weights.length / 3;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const exact = !proxy.newFitting && proxy.weights[i * 3 + 1] === 0 && proxy.weights[i * 3 + 2] === 0;
    if (exact) {
      out[i] = bodyVisible[proxy.refVerts[i * 3]];
      continue;
    }
    let visible = 0;
    for (let k = 0; k < width; k++) visible += bodyVisible[proxy.refVerts[i * width + k]];
    out[i] = visible >= 2 ? 1 : 0;
  }
  return out;
}

/** A face mask (1 visible) from a vertex mask: a face stays when any of its vertices is visible. */
export function faceMaskFromVertices(mesh: ObjMesh, vertexVisible: Uint8Array): Uint8Array {
  const faces = mesh.faceSizes.length;
  const out = new Uint8Array(faces);
  for (let f = 0; f < faces; f++) {
    const o = f * 4;
    out[f] =
      vertexVisible[mesh.faceVerts[o]] | vertexVisible[mesh.faceVerts[o + 1]] | vertexVisible[mesh.faceVerts[o + 2]] | vertexVisible[mesh.faceVerts[o + 3]];
  }
  return out;
}

export interface ClothesMasks {
  /** Body vertex visibility (1 visible). */
  body: Uint8Array;
  /** Per garment (same order as given), its vertex visibility. */
  garments: Uint8Array[];
}

/**
 * Face-hiding masks for a set of garments over a body of `bodyVertexCount` vertices (see the
 * module doc). Ties in `z_depth` are broken by UUID, as MakeHuman sorts (z_depth, uuid) pairs.
 */
export function clothesMasks(bodyVertexCount: number, garments: readonly ProxyDefinition[]): ClothesMasks {
  const body = new Uint8Array(bodyVertexCount).fill(1);
  const result: Uint8Array[] = new Array<Uint8Array>(garments.length);
  const order = garments
    .map((g, i) => i)
    .sort((a, b) => garments[b].zDepth - garments[a].zDepth || (garments[b].uuid < garments[a].uuid ? -1 : garments[b].uuid > garments[a].uuid ? 1 : 0));
  for (const index of order) {
    result[index] = transferVertexMask(body, garments[index]);
    for (const v of garments[index].deleteVerts) body[v] = 0;
  }
  return { body, garments: result };
}
