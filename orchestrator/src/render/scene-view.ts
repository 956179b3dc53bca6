/**
 * Renders one camera view of a posed scene and measures every person in it.
 *
 * Order: ground and sky (per pixel, ray cast), planar shadows of the people (coarse meshes
 * projected along the sun onto the ground), then the people, supersampled and box-filtered
 * (anti-aliasing). The same pass fills the instance-id plane (who is visible in each sample)
 * and a coverage bit plane (whose geometry covers each sample, hidden or not), which give each
 * person's visible pixels, visible box and unoccluded pixel count exactly. The amodal box is
 * the bounding box of the person's projected geometry (its vertices), not clipped to the image.
 * Keypoints and depth are projections of the posed 3D anchors. People beyond the 32 coverage
 * bits of a view are measured by a separate id-only pass of each one alone.
 */
import type { RawImage } from '../imaging/raw-image.js';
import type { RenderCamera } from './camera.js';
import type { CharacterModel } from './character-model.js';
import { drawEnvironment } from './environment.js';
import type { RenderEnvironment } from './environment.js';
import { drawMesh } from './rasterizer.js';
import type { MeshData } from './rasterizer.js';
import { clearRenderTarget, createRenderTarget, emptyDirty, resolveRenderTarget } from './render-target.js';
import type { RenderTarget } from './render-target.js';

/** A person posed for one step: world-space geometry per primitive of its character. */
export interface PosedPerson {
  personId: number;
  model: CharacterModel;
  /** World positions per primitive (xyz). */
  positions: Float32Array[];
  /** World normals per primitive (or null). */
  normals: (Float32Array | null)[];
  /** 17 COCO keypoints, world xyz each (NaN where the rig lacks the point). */
  keypointsM: Float64Array;
  /** World position of the hips joint (depth reference). */
  hipsM: [number, number, number];
  /** World bounding sphere (culling). */
  centerM: [number, number, number];
  radiusM: number;
}

export interface ViewAnnotation {
  personId: number;
  /** [x0, y0, x1, y1] in output pixels, x1/y1 exclusive; null when no pixel is visible. */
  visibleBox: [number, number, number, number] | null;
  /**
   * Bounding box of the person's projected geometry, not clipped to the image; null when it
   * is entirely behind the camera. Parts behind the camera are left out.
   */
  amodalBox: [number, number, number, number] | null;
  /** Visible samples / samples the person covers in the image with no occluders (0..1). */
  visibleFraction: number;
  /** Visible pixels at output resolution (samples / samplesPerPixel^2). */
  visiblePixels: number;
  /** 17 x [x, y, v]: v = 2 visible, 1 in the image but hidden, 0 outside the image or missing. */
  keypoints: [number, number, number][];
  /** Distance of the hips in front of the camera along its axis, metres. */
  depthM: number;
}

export interface ViewOptions {
  widthPx: number;
  heightPx: number;
  /** Supersampling per axis (1 = no anti-aliasing; default 2). */
  samplesPerPixel?: number;
  /** Planar ground shadows (default true). */
  shadows?: boolean;
  /** Compute annotations (default true). */
  annotations?: boolean;
  /** Reuse ground and sky drawn for the same camera earlier (default true; exact either way). */
  environmentCache?: boolean;
}

export interface ViewResult {
  image: RawImage;
  annotations: ViewAnnotation[];
  /** Milliseconds per phase (for benchmarks). */
  timings: { rasterMs: number; annotateMs: number };
}

export const VIEW_DEFAULTS = { samplesPerPixel: 2, shadows: true, annotations: true, shadowFactor: 0.62 };

// Targets are reused between views of the same size (one set per thread).
const targets = new Map<string, RenderTarget>();
function targetFor(width: number, height: number): RenderTarget {
  const key = `${width}x${height}`;
  let target = targets.get(key);
  if (!target) {
    if (targets.size > 4) targets.clear();
    target = createRenderTarget(width, height);
    targets.set(key, target);
  }
  return target;
}

// Cameras do not move between steps, so ground and sky are drawn once per camera and copied
// afterwards (exact: the same pixels; a few MB per cached view, at most 8 views per thread).
const environmentCache = new WeakMap<RenderEnvironment, Map<string, { color: Uint8Array; depth: Float32Array }>>();

function drawCachedEnvironment(target: RenderTarget, camera: RenderCamera, env: RenderEnvironment, s: number): void {
  let views = environmentCache.get(env);
  if (!views) {
    views = new Map();
    environmentCache.set(env, views);
  }
  const key = `${target.widthPx}x${target.heightPx}/${s}/${camera.kind}/${Array.from(camera.viewProjection).join(',')}`;
  const cached = views.get(key);
  if (cached) {
    target.color!.set(cached.color);
    target.depth.set(cached.depth);
    return;
  }
  drawEnvironment(target, camera, env, s);
  if (views.size >= 8) views.clear();
  views.set(key, { color: target.color!.slice(), depth: target.depth.slice() });
}

let shadowScratch = new Float32Array(0);
let windowDepth = new Float32Array(0);
let windowIds = new Uint16Array(0);

/** An id-only target of the viewport's size, backed by reused scratch planes. */
function scratchWindow(width: number, height: number): RenderTarget {
  const n = width * height;
  if (windowDepth.length < n) {
    windowDepth = new Float32Array(Math.ceil(n * 1.5));
    windowIds = new Uint16Array(Math.ceil(n * 1.5));
  }
  const depth = windowDepth.subarray(0, n).fill(Infinity);
  const ids = windowIds.subarray(0, n).fill(0);
  return { widthPx: width, heightPx: height, viewportWidthPx: width, viewportHeightPx: height, originX: 0, originY: 0, color: null, depth, ids, stencil: null, coverage: null, dirty: emptyDirty() };
}

function inFrustum(camera: RenderCamera, center: readonly number[], radius: number): boolean {
  // Test the sphere against the six clip planes in world space (rows of the view-projection).
  const m = camera.viewProjection;
  const [x, y, z] = center;
  for (const [a, sign] of [
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
    [2, 1],
    [2, -1],
  ] as const) {
    const px = m[3] + sign * m[a], py = m[7] + sign * m[a + 4], pz = m[11] + sign * m[a + 8], pw = m[15] + sign * m[a + 12];
    const len = Math.hypot(px, py, pz);
    if ((px * x + py * y + pz * z + pw) / len < -radius) return false;
  }
  return true;
}

/** Renders `persons` in `env` through `camera` at `options.widthPx` x `heightPx`. */
export function renderView(env: RenderEnvironment, persons: readonly PosedPerson[], camera: RenderCamera, options: ViewOptions): ViewResult {
  const s = options.samplesPerPixel ?? VIEW_DEFAULTS.samplesPerPixel;
  const W = options.widthPx * s;
  const H = options.heightPx * s;
  const start = performance.now();
  const target = targetFor(W, H);
  clearRenderTarget(target, [0, 0, 0], true);
  const lodBias = Math.log2(s);
  const lighting = env.lighting;
  if (options.environmentCache ?? true) drawCachedEnvironment(target, camera, env, s);
  else drawEnvironment(target, camera, env, s);
  const visible = persons.filter((p) => inFrustum(camera, p.centerM, p.radiusM));
  const sun = lighting.sunDirection;
  if ((options.shadows ?? VIEW_DEFAULTS.shadows) && sun[1] < -1e-3) {
    // Project each vertex along the sun onto a plane 1 cm above the ground.
    const kx = sun[0] / sun[1], kz = sun[2] / sun[1];
    for (const person of persons) {
      // The shadow lies around the ground point below the body, pushed away from the sun.
      const h = person.centerM[1];
      const shadowCenter: [number, number, number] = [person.centerM[0] - kx * h, 0, person.centerM[2] - kz * h];
      if (!inFrustum(camera, shadowCenter, person.radiusM * (1 + Math.hypot(kx, kz)))) continue;
      person.model.primitives.forEach((primitive, i) => {
        if (primitive.material.alphaCutoff) return; // hair cards and lashes add nothing visible
        const src = person.positions[i];
        const keep = primitive.shadowVertices;
        if (shadowScratch.length < keep.length * 3) shadowScratch = new Float32Array(Math.ceil(keep.length * 4.5));
        const dst = shadowScratch;
        for (let k = 0; k < keep.length; k++) {
          const v = keep[k] * 3;
          const height = src[v + 1] - 0.01;
          dst[k * 3] = src[v] - kx * height;
          dst[k * 3 + 1] = 0.01;
          dst[k * 3 + 2] = src[v + 2] - kz * height;
        }
        const mesh: MeshData = { positions: dst.subarray(0, keep.length * 3), indices: primitive.shadowIndices };
        drawMesh(target, mesh, { baseColor: [0, 0, 0, 1], shadowFactor: VIEW_DEFAULTS.shadowFactor }, { camera });
      });
    }
  }
  visible.forEach((person, k) => {
    const coverageBit = k < 32 ? (1 << k) >>> 0 : 0;
    person.model.primitives.forEach((primitive, i) => {
      const mesh: MeshData = { positions: person.positions[i], normals: person.normals[i], uvs: primitive.uvs, indices: primitive.indices };
      drawMesh(target, mesh, primitive.material, { camera, lighting, instanceId: person.personId, lodBias, coverageBit });
    });
  });
  const image = resolveRenderTarget(target, s);
  const rasterMs = performance.now() - start;
  const annotations = options.annotations ?? VIEW_DEFAULTS.annotations ? annotate(target, visible, camera, s, options) : [];
  return { image, annotations, timings: { rasterMs, annotateMs: performance.now() - start - rasterMs } };
}

function annotate(target: RenderTarget, persons: readonly PosedPerson[], camera: RenderCamera, s: number, options: ViewOptions): ViewAnnotation[] {
  if (persons.length === 0) return [];
  const W = target.widthPx, H = target.heightPx;
  // One scan of the id plane: count and extent of every id.
  const slot = new Map<number, number>();
  persons.forEach((p, i) => slot.set(p.personId, i));
  const n = persons.length;
  const count = new Float64Array(n);
  const minX = new Int32Array(n).fill(W), minY = new Int32Array(n).fill(H), maxX = new Int32Array(n).fill(-1), maxY = new Int32Array(n).fill(-1);
  const ids = target.ids;
  // Only the dirty rectangle can hold ids or coverage.
  const [dx0, dy0, dx1, dy1] = target.dirty;
  for (let y = dy0; y <= dy1; y++) {
    const row = y * W;
    for (let x = dx0; x <= dx1; x++) {
      const id = ids[row + x];
      if (id === 0) continue;
      const k = slot.get(id);
      if (k === undefined) continue;
      count[k]++;
      if (x < minX[k]) minX[k] = x;
      if (x > maxX[k]) maxX[k] = x;
      if (y < minY[k]) minY[k] = y;
      if (y > maxY[k]) maxY[k] = y;
    }
  }
  // One scan of the coverage plane: unoccluded samples of the first 32 people.
  const covered = new Float64Array(n);
  const coverage = target.coverage!;
  for (let y = dy0; y <= dy1; y++) {
    for (let i = y * W + dx0, end = y * W + dx1; i <= end; i++) {
      let bits = coverage[i];
      while (bits !== 0) {
        const low = bits & -bits;
        covered[31 - Math.clz32(low)]++;
        bits ^= low;
      }
    }
  }
  const vp = camera.viewProjection;
  const view = camera.view;
  const ss = s * s;
  return persons.map((person, k) => {
    const unoccluded = k < 32 ? covered[k] : aloneCoverage(person, camera, W, H);
    const keypoints: [number, number, number][] = [];
    for (let q = 0; q < 17; q++) {
      const x = person.keypointsM[q * 3], y = person.keypointsM[q * 3 + 1], z = person.keypointsM[q * 3 + 2];
      const cw = vp[3] * x + vp[7] * y + vp[11] * z + vp[15];
      if (!Number.isFinite(x) || cw <= 1e-6) {
        keypoints.push([0, 0, 0]);
        continue;
      }
      const px = (((vp[0] * x + vp[4] * y + vp[8] * z + vp[12]) / cw + 1) / 2) * options.widthPx;
      const py = ((1 - (vp[1] * x + vp[5] * y + vp[9] * z + vp[13]) / cw) / 2) * options.heightPx;
      const sx = Math.floor(px * s), sy = Math.floor(py * s);
      let v = 0;
      if (sx >= 0 && sy >= 0 && sx < W && sy < H) v = ids[sy * W + sx] === person.personId ? 2 : 1;
      keypoints.push([round3(px), round3(py), v]);
    }
    const [hx, hy, hz] = person.hipsM;
    const depthM = -(view[2] * hx + view[6] * hy + view[10] * hz + view[14]);
    const amodal = projectedBox(person, camera, options.widthPx, options.heightPx);
    return {
      personId: person.personId,
      visibleBox: count[k] > 0 ? [minX[k] / s, minY[k] / s, (maxX[k] + 1) / s, (maxY[k] + 1) / s] : null,
      amodalBox: amodal,
      visibleFraction: unoccluded > 0 ? Math.min(1, count[k] / unoccluded) : 0,
      visiblePixels: count[k] / ss,
      keypoints,
      depthM: round3(depthM),
    };
  });
}

/** Bounding box (output pixels) of the projected vertices in front of the near plane. */
function projectedBox(person: PosedPerson, camera: RenderCamera, width: number, height: number): [number, number, number, number] | null {
  const vp = camera.viewProjection;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const positions of person.positions) {
    for (let i = 0; i < positions.length; i += 3) {
      const x = positions[i], y = positions[i + 1], z = positions[i + 2];
      const w = vp[3] * x + vp[7] * y + vp[11] * z + vp[15];
      if (w < camera.nearM) continue;
      const sx = (((vp[0] * x + vp[4] * y + vp[8] * z + vp[12]) / w + 1) / 2) * width;
      const sy = ((1 - (vp[1] * x + vp[5] * y + vp[9] * z + vp[13]) / w) / 2) * height;
      if (sx < x0) x0 = sx;
      if (sx > x1) x1 = sx;
      if (sy < y0) y0 = sy;
      if (sy > y1) y1 = sy;
    }
  }
  return Number.isFinite(x0) ? [round3(x0), round3(y0), round3(x1), round3(y1)] : null;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Unoccluded samples of one person inside the image, by an id-only pass of it alone. */
function aloneCoverage(person: PosedPerson, camera: RenderCamera, W: number, H: number): number {
  const window = scratchWindow(W, H);
  person.model.primitives.forEach((primitive, i) => {
    drawMesh(window, { positions: person.positions[i], uvs: primitive.uvs, indices: primitive.indices }, { ...primitive.material, unlit: true }, { camera, instanceId: 1 });
  });
  let samples = 0;
  for (const id of window.ids) if (id !== 0) samples++;
  return samples;
}
