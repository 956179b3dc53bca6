/**
 * Renders one camera view of a posed scene and measures every person in it.
 *
 * Order: the static background (ground and sky per pixel, ray cast; the props with their sun
 * shadows; cached per camera), planar shadows of the people (coarse meshes projected along the
 * sun onto the ground, showing the background as it looks without the sun), then the people
 * (in the props' shadows where the shadow map says so), supersampled and box-filtered
 * (anti-aliasing). Props occlude people through the depth buffer and carry no id, so the
 * visible counts and boxes hold only what is seen. The same pass fills the instance-id plane (who is visible in each sample)
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
import { mat4Invert } from '../geometry/mat4.js';
import { drawMesh } from './rasterizer.js';
import type { MeshData } from './rasterizer.js';
import { clearRenderTarget, createRenderTarget, emptyDirty, resolveRenderTarget, resolveRenderTargetRegion } from './render-target.js';
import type { RenderTarget } from './render-target.js';
import { linearToSrgb8, srgb8ToLinear } from './srgb.js';
import { sunVisibility } from './sun-shadow.js';
import { hipsDepth, inFrustum, projectKeypoints, projectedBox } from './view-geometry.js';

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

/** The static background of one view: what is drawn before the people, and the same without sunlight. */
interface Background {
  color: Uint8Array;
  /** The background lit without the sun (what a shadow leaves). */
  shadowColor: Uint8Array;
  depth: Float32Array;
  /** 1 where a prop covers the sample (null without props). */
  occluderMask: Uint8Array | null;
}

// Cameras do not move between steps, so each camera keeps a view of its own (per thread): its
// static background (ground, sky, props and their sun shadows) drawn once, the same resolved to
// output pixels, and a render target that still holds the last frame. A frame restores only the
// samples the last one touched (its dirty rectangle), draws the people, and resolves only what
// they touched over a copy of the resolved background: exactly the pixels of a full redraw and
// resolve (tested), for a fraction of the work. A few tens of MB per view, at most 6 per thread.
interface CachedView {
  target: RenderTarget;
  background: Background;
  /** The background resolved to output pixels (RGB). */
  resolved: Uint8Array;
}

const viewCache = new WeakMap<RenderEnvironment, Map<string, CachedView>>();
const MAX_CACHED_VIEWS = 6;
let scratchShadowColor = new Uint8Array(0);
let scratchMask = new Uint8Array(0);

/** Id the props are drawn with while the background is built (cleared before the people). */
const PROP_ID = 65535;

/**
 * Draws the static background into `target` (cleared): ground and sky, then the props lit, the
 * same without sunlight into `shadowColor`, then the props' sun shadows composited per sample
 * (the sample's world point looked up in the sun shadow map, blended in linear light).
 */
function drawBackground(target: RenderTarget, camera: RenderCamera, env: RenderEnvironment, s: number, shadowColor: Uint8Array, mask: Uint8Array | null): void {
  drawEnvironment(target, camera, env, s, shadowColor);
  if (env.props.length === 0) return;
  const lodBias = Math.log2(s);
  const groundDepth = target.depth.slice();
  for (const prop of env.props) {
    for (const p of prop.primitives) drawMesh(target, p, p.material, { camera, lighting: env.lighting, lodBias, instanceId: PROP_ID });
  }
  if (mask) for (let i = 0; i < mask.length; i++) mask[i] = target.ids[i] === PROP_ID ? 1 : 0;
  // The same props without the sun, into the shadow plane, over the ground's depth again.
  const litColor = target.color!;
  const litDepth = target.depth;
  target.color = shadowColor;
  target.depth = groundDepth;
  const noSun = { ...env.lighting, sunColor: [0, 0, 0] as [number, number, number] };
  for (const prop of env.props) {
    for (const p of prop.primitives) drawMesh(target, p, p.material, { camera, lighting: noSun, lodBias });
  }
  target.color = litColor;
  target.depth = litDepth;
  if (env.sunShadow) compositeSunShadows(target, camera, env, shadowColor);
  clearRenderTarget(target, [0, 0, 0], true);
}

/** Blends each sample between its lit and sunless colour by the sun's visibility at its world point. */
function compositeSunShadows(target: RenderTarget, camera: RenderCamera, env: RenderEnvironment, shadowColor: Uint8Array): void {
  const map = env.sunShadow!;
  const inverse = mat4Invert(new Float64Array(16), camera.viewProjection);
  const W = target.widthPx, H = target.heightPx;
  const color = target.color!;
  const depth = target.depth;
  for (let y = 0; y < H; y++) {
    const ny = 1 - ((y + 0.5) * 2) / H;
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const z = depth[i];
      if (z === Infinity) continue;
      const nx = ((x + 0.5) * 2) / W - 1;
      // Unproject the sample: world = inverse(viewProjection) * (nx, ny, z, 1), divided by w.
      const w = inverse[3] * nx + inverse[7] * ny + inverse[11] * z + inverse[15];
      const wx = (inverse[0] * nx + inverse[4] * ny + inverse[8] * z + inverse[12]) / w;
      const wy = (inverse[1] * nx + inverse[5] * ny + inverse[9] * z + inverse[13]) / w;
      const wz = (inverse[2] * nx + inverse[6] * ny + inverse[10] * z + inverse[14]) / w;
      const visible = sunVisibility(map, wx, wy, wz);
      if (visible >= 1) continue;
      const c = i * 3;
      for (let k = 0; k < 3; k++) {
        const lit = srgb8ToLinear(color[c + k]);
        const dark = srgb8ToLinear(shadowColor[c + k]);
        color[c + k] = linearToSrgb8(dark + (lit - dark) * visible);
      }
    }
  }
}

/** The camera's cached view, built on first use (target, background planes, resolved background). */
function cachedView(camera: RenderCamera, env: RenderEnvironment, W: number, H: number, s: number): CachedView {
  let views = viewCache.get(env);
  if (!views) {
    views = new Map();
    viewCache.set(env, views);
  }
  const key = `${W}x${H}/${s}/${camera.kind}/${Array.from(camera.viewProjection).join(',')}`;
  let view = views.get(key);
  if (!view) {
    const target = createRenderTarget(W, H);
    const shadowColor = new Uint8Array(W * H * 3);
    const mask = env.props.length > 0 ? new Uint8Array(W * H) : null;
    drawBackground(target, camera, env, s, shadowColor, mask);
    target.shadowColor = shadowColor;
    target.occluderMask = mask;
    if (views.size >= MAX_CACHED_VIEWS) views.clear();
    view = { target, background: { color: target.color!.slice(), shadowColor, depth: target.depth.slice(), occluderMask: mask }, resolved: resolveRenderTarget(target, s).data };
    views.set(key, view);
  }
  return view;
}

/** Puts the background back where the last frame drew (its dirty rectangle) and clears the id planes there. */
function restoreBackground(view: CachedView): void {
  const { target, background } = view;
  const d = target.dirty;
  if (d[0] <= d[2]) {
    const W = target.widthPx;
    for (let y = d[1]; y <= d[3]; y++) {
      const a = y * W + d[0], b = y * W + d[2] + 1;
      target.color!.set(background.color.subarray(a * 3, b * 3), a * 3);
      target.depth.set(background.depth.subarray(a, b), a);
    }
  }
  clearRenderTarget(target, [0, 0, 0], true);
}

/** The background drawn afresh (no cache): the same pixels through the same code. */
function drawFreshBackground(target: RenderTarget, camera: RenderCamera, env: RenderEnvironment, s: number): void {
  const n = target.widthPx * target.heightPx;
  if (scratchShadowColor.length !== n * 3) scratchShadowColor = new Uint8Array(n * 3);
  const mask = env.props.length > 0 ? (scratchMask.length === n ? scratchMask : (scratchMask = new Uint8Array(n))) : null;
  drawBackground(target, camera, env, s, scratchShadowColor, mask);
  target.shadowColor = scratchShadowColor;
  target.occluderMask = mask;
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
  return { widthPx: width, heightPx: height, viewportWidthPx: width, viewportHeightPx: height, originX: 0, originY: 0, color: null, depth, ids, stencil: null, shadowColor: null, occluderMask: null, coverage: null, dirty: emptyDirty() };
}

/** Renders `persons` in `env` through `camera` at `options.widthPx` x `heightPx`. */
export function renderView(env: RenderEnvironment, persons: readonly PosedPerson[], camera: RenderCamera, options: ViewOptions): ViewResult {
  const s = options.samplesPerPixel ?? VIEW_DEFAULTS.samplesPerPixel;
  const W = options.widthPx * s;
  const H = options.heightPx * s;
  const start = performance.now();
  const cached = options.environmentCache ?? true;
  const view = cached ? cachedView(camera, env, W, H, s) : null;
  let target: RenderTarget;
  if (view) {
    target = view.target;
    restoreBackground(view);
  } else {
    target = targetFor(W, H);
    clearRenderTarget(target, [0, 0, 0], true);
    drawFreshBackground(target, camera, env, s);
  }
  const lodBias = Math.log2(s);
  const lighting = env.lighting;
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
      drawMesh(target, mesh, primitive.material, { camera, lighting, instanceId: person.personId, lodBias, coverageBit, sunShadow: env.sunShadow });
    });
  });
  let image: RawImage;
  if (view) {
    // Over the resolved background, only the pixels the people and their shadows touched.
    image = { width: options.widthPx, height: options.heightPx, channels: 3, data: view.resolved.slice() };
    const d = target.dirty;
    if (d[0] <= d[2]) resolveRenderTargetRegion(target, s, image.data, Math.floor(d[0] / s), Math.floor(d[1] / s), Math.floor(d[2] / s), Math.floor(d[3] / s));
  } else image = resolveRenderTarget(target, s);
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
  const ss = s * s;
  const idAtSample = (x: number, y: number): number => ids[y * W + x];
  return persons.map((person, k) => {
    const unoccluded = k < 32 ? covered[k] : aloneCoverage(person, camera, W, H);
    const keypoints = projectKeypoints(person, camera, options.widthPx, options.heightPx, s, W, H, idAtSample);
    const depthM = hipsDepth(person, camera);
    const amodal = projectedBox(person, camera, options.widthPx, options.heightPx);
    return {
      personId: person.personId,
      visibleBox: count[k] > 0 ? [minX[k] / s, minY[k] / s, (maxX[k] + 1) / s, (maxY[k] + 1) / s] : null,
      amodalBox: amodal,
      visibleFraction: unoccluded > 0 ? Math.min(1, count[k] / unoccluded) : 0,
      visiblePixels: count[k] / ss,
      keypoints,
      depthM,
    };
  });
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
