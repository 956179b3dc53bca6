/**
 * The props' sun shadows: a depth map of the props seen along the sunlight (an orthographic view
 * fitted to their bounds, about 4 cm per texel, at most 4096 texels a side), built once per scene,
 * and the sun visibility of any world point (bilinear percentage-closer filtering of the four
 * nearest texels, so shadow edges are smooth). People are not in the map: they never shadow
 * themselves; their ground shadows are drawn per view (scene-view.ts).
 */
import { mat4LookAt, mat4Multiply, mat4Orthographic } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/mat4.js';
import type { RenderCamera } from './camera.js';
import type { RenderProp } from './prop-model.js';
import { drawMesh } from './rasterizer.js';
import { createRenderTarget } from './render-target.js';

export interface SunShadowMap {
  /** World -> light clip space. */
  viewProjection: Float64Array;
  widthPx: number;
  heightPx: number;
  /** NDC depth of the nearest prop per texel (+Infinity where none); shared between threads. */
  depth: Float32Array;
  /** Depth offset (NDC) against self-shadowing. */
  biasNdc: number;
  texelM: number;
}

export const SUN_SHADOW_DEFAULTS = { texelM: 0.04, minPx: 256, maxPx: 4096, biasTexels: 2, biasM: 0.03 };

/** The shadow map of `props` for sunlight travelling along `sunDirection`; null without props or with the sun below the horizon. */
export function buildSunShadowMap(props: readonly RenderProp[], sunDirection: readonly number[], options: { shared?: boolean } = {}): SunShadowMap | null {
  if (props.length === 0) return null;
  const len = Math.hypot(sunDirection[0], sunDirection[1], sunDirection[2]);
  if (len === 0 || sunDirection[1] / len > -1e-3) return null;
  const d: Vec3 = [sunDirection[0] / len, sunDirection[1] / len, sunDirection[2] / len];
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const p of props) for (let k = 0; k < 3; k++) {
    min[k] = Math.min(min[k], p.boundsMin[k]);
    max[k] = Math.max(max[k], p.boundsMax[k]);
  }
  const centre: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const radius = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2 + 1;
  const eye: Vec3 = [centre[0] - d[0] * radius * 2, centre[1] - d[1] * radius * 2, centre[2] - d[2] * radius * 2];
  const up: Vec3 = Math.abs(d[1]) > 0.99 ? [0, 0, 1] : [0, 1, 0];
  const view = mat4LookAt(new Float64Array(16), eye, centre, up);
  // The props' bounding box corners in light view space give the orthographic window.
  let l = Infinity, r = -Infinity, b = Infinity, t = -Infinity, zMin = Infinity, zMax = -Infinity;
  for (let c = 0; c < 8; c++) {
    const x = c & 1 ? max[0] : min[0], y = c & 2 ? max[1] : min[1], z = c & 4 ? max[2] : min[2];
    const vx = view[0] * x + view[4] * y + view[8] * z + view[12];
    const vy = view[1] * x + view[5] * y + view[9] * z + view[13];
    const vz = view[2] * x + view[6] * y + view[10] * z + view[14];
    l = Math.min(l, vx);
    r = Math.max(r, vx);
    b = Math.min(b, vy);
    t = Math.max(t, vy);
    zMin = Math.min(zMin, vz);
    zMax = Math.max(zMax, vz);
  }
  const extent = Math.max(r - l, t - b);
  const size = Math.min(SUN_SHADOW_DEFAULTS.maxPx, Math.max(SUN_SHADOW_DEFAULTS.minPx, Math.ceil(extent / SUN_SHADOW_DEFAULTS.texelM)));
  const texelM = extent / size;
  const widthPx = Math.max(1, Math.ceil((r - l) / texelM));
  const heightPx = Math.max(1, Math.ceil((t - b) / texelM));
  r = l + widthPx * texelM;
  t = b + heightPx * texelM;
  const nearM = -zMax - 0.5;
  const farM = -zMin + 0.5;
  const projection = mat4Orthographic(new Float64Array(16), l, r, b, t, nearM, farM);
  const viewProjection = mat4Multiply(new Float64Array(16), projection, view);
  const camera: RenderCamera = { kind: 'orthographic', view, projection, viewProjection, positionM: eye, nearM, farM };
  const target = createRenderTarget(widthPx, heightPx, { color: false });
  for (const prop of props) {
    for (const primitive of prop.primitives) {
      // Both sides cast (open meshes, thin walls); alpha-tested cut-outs cast only where opaque.
      drawMesh(target, { positions: primitive.positions, uvs: primitive.uvs, indices: primitive.indices }, { ...primitive.material, unlit: true, doubleSided: true }, { camera });
    }
  }
  const depth = options.shared ? new Float32Array(new SharedArrayBuffer(target.depth.byteLength)) : new Float32Array(target.depth.length);
  depth.set(target.depth);
  const biasM = SUN_SHADOW_DEFAULTS.biasTexels * texelM + SUN_SHADOW_DEFAULTS.biasM;
  return { viewProjection, widthPx, heightPx, depth, biasNdc: (2 * biasM) / (farM - nearM), texelM };
}

/** Share of sunlight reaching the world point (x, y, z): 0 in a prop's shadow, 1 in the sun. */
export function sunVisibility(map: SunShadowMap, x: number, y: number, z: number): number {
  const m = map.viewProjection;
  const nx = m[0] * x + m[4] * y + m[8] * z + m[12];
  const ny = m[1] * x + m[5] * y + m[9] * z + m[13];
  const nz = m[2] * x + m[6] * y + m[10] * z + m[14] - map.biasNdc;
  const w = map.widthPx, h = map.heightPx;
  // Texel coordinates with texel centres at integers (the rasteriser samples at +0.5).
  const fx = ((nx + 1) / 2) * w - 0.5;
  const fy = ((1 - ny) / 2) * h - 0.5;
  if (fx < -1 || fy < -1 || fx > w || fy > h) return 1;
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  const tx = fx - x0, ty = fy - y0;
  const depth = map.depth;
  // The four texels, lit where the point is not behind the stored depth (outside the map: lit).
  const inX0 = x0 >= 0 && x0 < w, inX1 = x0 + 1 >= 0 && x0 + 1 < w, inY0 = y0 >= 0 && y0 < h, inY1 = y0 + 1 >= 0 && y0 + 1 < h;
  const l00 = inX0 && inY0 && nz > depth[y0 * w + x0] ? 0 : 1;
  const l10 = inX1 && inY0 && nz > depth[y0 * w + x0 + 1] ? 0 : 1;
  const l01 = inX0 && inY1 && nz > depth[(y0 + 1) * w + x0] ? 0 : 1;
  const l11 = inX1 && inY1 && nz > depth[(y0 + 1) * w + x0 + 1] ? 0 : 1;
  return (l00 * (1 - tx) + l10 * tx) * (1 - ty) + (l01 * (1 - tx) + l11 * tx) * ty;
}
