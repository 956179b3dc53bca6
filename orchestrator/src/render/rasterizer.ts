/**
 * The triangle rasteriser: a z-buffered, perspective-correct, textured scan converter on
 * {@link RenderTarget}s. Vertices are transformed to clip space, clipped against the near plane,
 * snapped to 1/16 sample and filled with exact integer edge functions and the top-left rule,
 * so meshes sharing edges have neither cracks nor double-drawn samples and the result does not
 * depend on triangle order except through the depth test. Lighting is per vertex (sky and ground
 * ambient blended by the normal's height, plus one directional light, Lambert, masked by the
 * sun's shadow map of the props), interpolated perspective-correctly; textures are sampled
 * bilinearly from the mip level matching each sample's UV footprint. Shading is gamma-correct:
 * sRGB texels are decoded to linear, multiplied by the (linear) base colour and light, and the
 * result is encoded to sRGB (render/srgb.ts).
 *
 * Conventions: world space is glTF's (metres, +Y up); front faces are counter-clockwise;
 * NDC z is the depth (smaller = nearer). Module-level scratch keeps the hot loop allocation-free.
 */
import type { RenderCamera } from './camera.js';
import { mat4Identity, mat4Multiply } from '../geometry/mat4.js';
import type { Mat4, Vec3 } from '../geometry/mat4.js';
import type { RgbUnit } from '../imaging/colour.js';
import type { RenderTarget } from './render-target.js';
import { LINEAR_LUT_SIZE, LINEAR_TO_SRGB8, SRGB8_TO_LINEAR_Q } from './srgb.js';
import { sunVisibility } from './sun-shadow.js';
import type { SunShadowMap } from './sun-shadow.js';
import { wrapIndex } from './texture.js';
import type { MipLevel, MipTexture } from './texture.js';

/** Triangle geometry: positions (and optional normals, UVs) per vertex, three indices per triangle. */
export interface MeshData {
  /** x, y, z per vertex (model space, or world space when no model matrix is given). */
  positions: Float32Array;
  /** Unit normals per vertex; without them the mesh is lit by the ambient term plus the full sun. */
  normals?: Float32Array | null;
  /** u, v per vertex (glTF convention: origin top-left of the texture). */
  uvs?: Float32Array | null;
  indices: Uint32Array | Uint16Array;
}

/** Surface appearance (a subset of glTF's metallic-roughness material). */
export interface Material {
  /** Linear multiplier per channel in 0..1 (RGBA; alpha scales the texture alpha for the cutoff). */
  baseColor: readonly [number, number, number, number];
  texture?: MipTexture | null;
  /** Alpha-test threshold in 0..1 for textures with alpha (default 0.5). */
  alphaCutoff?: number;
  /** Draw back faces too (lit from the other side); default false (back faces culled). */
  doubleSided?: boolean;
  /** Ignore lighting (full brightness). */
  unlit?: boolean;
  /**
   * Shadow receiver mode: instead of drawing, darken what is already in the target where the
   * mesh covers it, at most once per sample (stencil): the target's `shadowColor` (the same
   * background lit without the sun) replaces the colour, or without one the colour is multiplied
   * by this factor (0..1). Never on the sky; on samples of `occluderMask` only where the mesh is
   * in front. No depth or id is written. Used for planar shadows projected onto the ground.
   */
  shadowFactor?: number;
}

/** Ambient + one directional light; colours are linear multipliers (1 = full). */
export interface Lighting {
  /** Ambient from the sky (all of it on surfaces facing up); from everywhere without `groundAmbient`. */
  ambient: RgbUnit;
  /** Ambient from the ground (all of it on surfaces facing down). */
  groundAmbient?: RgbUnit;
  /** Direction the sunlight travels (from the sun towards the scene), world space; need not be unit. */
  sunDirection: Vec3;
  sunColor: RgbUnit;
}

export interface DrawOptions {
  camera: RenderCamera;
  /** Default: ambient 1, no sun (flat, unlit look). */
  lighting?: Lighting;
  /** Model -> world; default identity. Normals use its upper 3x3 (uniform scale assumed). */
  modelMatrix?: Mat4;
  /** Written to `target.ids` where this mesh is visible (0..65535; default 0). */
  instanceId?: number;
  /** Added to the mip level (log2); pass log2(samplesPerPixel) when supersampling. */
  lodBias?: number;
  /**
   * OR-ed into `target.coverage` wherever the mesh covers a sample, in front or hidden
   * (after the alpha test); 0 (default) records nothing.
   */
  coverageBit?: number;
  /** The props' sun shadows: vertices in them get no sunlight. */
  sunShadow?: SunShadowMap | null;
}

/** Work done by one call (for statistics and tests). */
export interface DrawStats {
  /** Triangles that reached scan conversion (after culling and clipping). */
  trianglesRasterized: number;
  /** Samples that passed the depth (and alpha) test and were written. */
  samplesWritten: number;
}

// Per vertex: clip x y z w, u v, front light r g b, back light r g b, then the projection
// (screen x and y in 1/16 sample, 1/w) computed once per vertex, not once per triangle.
const STRIDE = 15;
const SUBPIXEL = 16;
/** Doubled triangle area (in 1/16-sample units squared) below which a triangle uses one mip level: 64 samples. */
const SMALL_TRIANGLE_AREA = 2 * 64 * SUBPIXEL * SUBPIXEL;
const DEFAULT_LIGHTING: Lighting = { ambient: [1, 1, 1], sunDirection: [0, -1, 0], sunColor: [0, 0, 0] };

let vbuf = new Float64Array(STRIDE * 1024);
const mvp = new Float64Array(16);
const NO_LEVELS: MipLevel[] = [];
const identity = mat4Identity();

// Per-draw state read by rasterizeTriangles (set once per drawMesh call).
let tgt: RenderTarget;
let tex: MipTexture | null = null;
let texW = 1;
let texH = 1;
let alphaTest = false;
let cutoff255 = 127.5;
let baseR = 1, baseG = 1, baseB = 1, baseA = 1;
let cullBack = true;
let idValue = 0;
let lodBias = 0;
let shadowMul = 0;
let coverBit = 0;
let stats: DrawStats = { trianglesRasterized: 0, samplesWritten: 0 };

function ensureCapacity(vertices: number): void {
  const needed = (vertices + 16) * STRIDE;
  if (vbuf.length < needed) vbuf = new Float64Array(Math.max(needed, vbuf.length * 2));
}

/**
 * Draws an indexed triangle mesh into `target` with depth test and depth write.
 * Returns what was drawn. Pure apart from writing into `target`.
 */
export function drawMesh(target: RenderTarget, mesh: MeshData, material: Material, options: DrawOptions): DrawStats {
  const positions = mesh.positions;
  const vertexCount = positions.length / 3;
  ensureCapacity(vertexCount);
  const model = options.modelMatrix ?? identity;
  mat4Multiply(mvp, options.camera.viewProjection, model);
  const lighting = material.unlit ? DEFAULT_LIGHTING : (options.lighting ?? DEFAULT_LIGHTING);
  const [ar, ag, ab] = lighting.ambient;
  const [gr, gg, gb] = lighting.groundAmbient ?? lighting.ambient;
  const [scr, scg, scb] = lighting.sunColor;
  const sd = lighting.sunDirection;
  const sdLen = Math.hypot(sd[0], sd[1], sd[2]) || 1;
  // Towards the light, in world space.
  const lx = -sd[0] / sdLen, ly = -sd[1] / sdLen, lz = -sd[2] / sdLen;
  const normals = material.unlit ? null : (mesh.normals ?? null);
  const uvs = mesh.uvs ?? null;
  const shadowMap = material.unlit ? null : (options.sunShadow ?? null);
  const m = mvp;
  const mm = model;
  const worldSpace = options.modelMatrix === undefined;
  tgt = target;
  for (let i = 0, o = 0; i < vertexCount; i++, o += STRIDE) {
    const x = positions[i * 3], y = positions[i * 3 + 1], z = positions[i * 3 + 2];
    vbuf[o] = m[0] * x + m[4] * y + m[8] * z + m[12];
    vbuf[o + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
    vbuf[o + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
    vbuf[o + 3] = m[3] * x + m[7] * y + m[11] * z + m[15];
    project(o);
    if (uvs) {
      vbuf[o + 4] = uvs[i * 2];
      vbuf[o + 5] = uvs[i * 2 + 1];
    } else {
      vbuf[o + 4] = 0;
      vbuf[o + 5] = 0;
    }
    let front = 1, back = 1, up = 1;
    if (normals) {
      const nx = normals[i * 3], ny = normals[i * 3 + 1], nz = normals[i * 3 + 2];
      // World-space meshes (people, props) skip the model rotation.
      const wx = worldSpace ? nx : mm[0] * nx + mm[4] * ny + mm[8] * nz;
      const wy = worldSpace ? ny : mm[1] * nx + mm[5] * ny + mm[9] * nz;
      const wz = worldSpace ? nz : mm[2] * nx + mm[6] * ny + mm[10] * nz;
      const len = Math.sqrt(wx * wx + wy * wy + wz * wz) || 1;
      const d = (wx * lx + wy * ly + wz * lz) / len;
      front = d > 0 ? d : 0;
      back = d < 0 ? -d : 0;
      up = wy / len;
    }
    if (shadowMap !== null && (front > 0 || back > 0)) {
      const visible = worldSpace
        ? sunVisibility(shadowMap, x, y, z)
        : sunVisibility(shadowMap, mm[0] * x + mm[4] * y + mm[8] * z + mm[12], mm[1] * x + mm[5] * y + mm[9] * z + mm[13], mm[2] * x + mm[6] * y + mm[10] * z + mm[14]);
      front *= visible;
      back *= visible;
    }
    // Sky ambient weighs (1 + up) / 2 of the hemisphere a surface faces, the ground the rest.
    const sky = (1 + up) * 0.5, skyBack = 1 - sky;
    vbuf[o + 6] = gr + (ar - gr) * sky + scr * front;
    vbuf[o + 7] = gg + (ag - gg) * sky + scg * front;
    vbuf[o + 8] = gb + (ab - gb) * sky + scb * front;
    vbuf[o + 9] = gr + (ar - gr) * skyBack + scr * back;
    vbuf[o + 10] = gg + (ag - gg) * skyBack + scg * back;
    vbuf[o + 11] = gb + (ab - gb) * skyBack + scb * back;
  }

  tex = material.texture ?? null;
  texW = tex ? tex.levels[0].width : 1;
  texH = tex ? tex.levels[0].height : 1;
  alphaTest = tex !== null && tex.hasAlpha;
  cutoff255 = (material.alphaCutoff ?? 0.5) * 255;
  [baseR, baseG, baseB, baseA] = material.baseColor;
  cullBack = !material.doubleSided;
  idValue = options.instanceId ?? 0;
  lodBias = options.lodBias ?? 0;
  shadowMul = material.shadowFactor ?? 0;
  coverBit = target.coverage ? (options.coverageBit ?? 0) >>> 0 : 0;
  if (shadowMul > 0) cullBack = false;
  stats = { trianglesRasterized: 0, samplesWritten: 0 };

  rasterizeTriangles(mesh.indices, vertexCount * STRIDE);
  return stats;
}

/** Sutherland-Hodgman against z >= -w; writes the polygon at `out` and returns its vertex count (0..4). */
function clipNear(a: number, b: number, c: number, out: number): number {
  const src = [a, b, c];
  let count = 0;
  for (let i = 0; i < 3; i++) {
    const p = src[i];
    const q = src[(i + 1) % 3];
    const dp = vbuf[p + 2] + vbuf[p + 3];
    const dq = vbuf[q + 2] + vbuf[q + 3];
    if (dp >= 0) {
      vbuf.copyWithin(out + count * STRIDE, p, p + STRIDE);
      count++;
    }
    if ((dp >= 0) !== (dq >= 0)) {
      const t = dp / (dp - dq);
      const o = out + count * STRIDE;
      for (let k = 0; k < 12; k++) vbuf[o + k] = vbuf[p + k] + (vbuf[q + k] - vbuf[p + k]) * t;
      project(o);
      count++;
    }
  }
  return count;
}

/** Screen position (1/16 sample, y down, pixel centres at +8) and 1/w of the vertex at `o`. */
function project(o: number): void {
  const target = tgt;
  const w = vbuf[o + 3];
  const iw = w > 0 ? 1 / w : 0;
  vbuf[o + 12] = Math.round(((vbuf[o] * iw + 1) * target.viewportWidthPx * 0.5 - target.originX) * SUBPIXEL);
  vbuf[o + 13] = Math.round(((1 - vbuf[o + 1] * iw) * target.viewportHeightPx * 0.5 - target.originY) * SUBPIXEL);
  vbuf[o + 14] = iw;
}

/**
 * The triangle stage of {@link drawMesh}: culls, clips and scan-converts every triangle of
 * `indices` (vertices already in `vbuf`; clipped polygons go to `clipBase`) with the per-draw
 * state. Everything per triangle and per sample runs inline in this one call per mesh, not in a
 * function called per triangle. Measured on Node 20 (V8 11.3): when V8 discards (deoptimises)
 * the optimised code of a function whose loop already has cached on-stack-replacement (OSR)
 * code, the function is left in baseline code that enters the OSR code through the runtime on
 * every call, and is never optimised again (its loop no longer runs in baseline code, so it no
 * longer earns the ticks for a tier-up). A per-triangle function caught in that state (hundreds
 * of thousands of calls per view) made a render worker 3-4x slower for the rest of the process,
 * depending on the timing of concurrent compiles; one call per mesh pays that transition a few
 * hundred times per view at most. Keep loops out of functions called per triangle or per sample.
 */
function rasterizeTriangles(indices: Uint32Array | Uint16Array, clipBase: number): void {
  const target = tgt;
  const width = target.widthPx, height = target.heightPx;
  const dirty = target.dirty;
  const depth = target.depth;
  const ids = target.ids;
  const color = target.color;
  const stencil = target.stencil;
  const shadowColor = target.shadowColor;
  const occluders = target.occluderMask;
  const coverage = target.coverage;
  const texture = tex;
  const tw = texW, th = texH;
  const bias = lodBias;
  const doAlpha = alphaTest;
  const cut = cutoff255;
  const br = baseR * 1, bg = baseG * 1, bb = baseB * 1, ba = baseA;
  const id = idValue;
  const shadow = shadowMul;
  const cover = coverBit;
  const culling = cullBack;
  const levels = texture !== null ? texture.levels : NO_LEVELS;
  const levelCount = levels.length;
  const wrapS = texture !== null ? texture.wrapS : 'repeat', wrapT = texture !== null ? texture.wrapT : 'repeat';
  const repeatS = wrapS === 'repeat', repeatT = wrapT === 'repeat';
  let rasterized = 0;
  let written = 0;

  for (let t = 0; t + 2 < indices.length; t += 3) {
    const a = indices[t] * STRIDE, b = indices[t + 1] * STRIDE, c = indices[t + 2] * STRIDE;
    const aw = vbuf[a + 3], bw = vbuf[b + 3], cw = vbuf[c + 3];
    const ax = vbuf[a], bx = vbuf[b], cx = vbuf[c];
    const ay = vbuf[a + 1], by = vbuf[b + 1], cy = vbuf[c + 1];
    const az = vbuf[a + 2], bz = vbuf[b + 2], cz = vbuf[c + 2];
    // Trivial rejects against the six frustum planes.
    if (ax > aw && bx > bw && cx > cw) continue;
    if (ax < -aw && bx < -bw && cx < -cw) continue;
    if (ay > aw && by > bw && cy > cw) continue;
    if (ay < -aw && by < -bw && cy < -cw) continue;
    if (az > aw && bz > bw && cz > cw) continue;
    const ina = az >= -aw, inb = bz >= -bw, inc = cz >= -cw;
    // The triangle itself, or the fan of its part in front of the near plane (3 or 4 vertices).
    let p0 = a, p1 = b, p2 = c, p3 = c;
    let fan = 1;
    if (!(ina && inb && inc)) {
      if (!(ina || inb || inc)) continue;
      fan = clipNear(a, b, c, clipBase) - 2;
      p0 = clipBase;
      p1 = clipBase + STRIDE;
      p2 = clipBase + 2 * STRIDE;
      p3 = clipBase + 3 * STRIDE;
    }
    for (let f = 0; f < fan; f++) {
      const va = p0;
      let vb = f === 0 ? p1 : p2, vc = f === 0 ? p2 : p3;

      const w0 = vbuf[va + 14];
      let w1 = vbuf[vb + 14], w2 = vbuf[vc + 14];
      const x0 = vbuf[va + 12], y0 = vbuf[va + 13];
      let x1 = vbuf[vb + 12], y1 = vbuf[vb + 13];
      let x2 = vbuf[vc + 12], y2 = vbuf[vc + 13];
      let area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
      if (area === 0) continue;
      // Counter-clockwise in NDC (y up) is negative here (y down): that is a front face.
      const backFacing = area > 0;
      if (backFacing && culling) continue;
      if (area < 0) {
        // Swap b and c so the edge functions are positive inside.
        let swap = x1;
        x1 = x2;
        x2 = swap;
        swap = y1;
        y1 = y2;
        y2 = swap;
        swap = vb;
        vb = vc;
        vc = swap;
        swap = w1;
        w1 = w2;
        w2 = swap;
        area = -area;
      }
      let minX = Math.min(x0, x1, x2), maxX = Math.max(x0, x1, x2);
      let minY = Math.min(y0, y1, y2), maxY = Math.max(y0, y1, y2);
      minX = Math.max(0, Math.floor((minX - 8) / SUBPIXEL));
      maxX = Math.min(width - 1, Math.ceil((maxX - 8) / SUBPIXEL));
      minY = Math.max(0, Math.floor((minY - 8) / SUBPIXEL));
      maxY = Math.min(height - 1, Math.ceil((maxY - 8) / SUBPIXEL));
      if (minX > maxX || minY > maxY) continue;
      rasterized++;
      if (minX < dirty[0]) dirty[0] = minX;
      if (minY < dirty[1]) dirty[1] = minY;
      if (maxX > dirty[2]) dirty[2] = maxX;
      if (maxY > dirty[3]) dirty[3] = maxY;

      // Edge k is opposite vertex k: e0 over (1 -> 2), e1 over (2 -> 0), e2 over (0 -> 1).
      const dx0 = x2 - x1, dy0 = y2 - y1;
      const dx1 = x0 - x2, dy1 = y0 - y2;
      const dx2 = x1 - x0, dy2 = y1 - y0;
      // Top-left rule: samples exactly on a right or bottom edge belong to the neighbour.
      const bias0 = dy0 < 0 || (dy0 === 0 && dx0 > 0) ? 0 : 1;
      const bias1 = dy1 < 0 || (dy1 === 0 && dx1 > 0) ? 0 : 1;
      const bias2 = dy2 < 0 || (dy2 === 0 && dx2 > 0) ? 0 : 1;
      const stepX0 = -dy0 * SUBPIXEL, stepX1 = -dy1 * SUBPIXEL, stepX2 = -dy2 * SUBPIXEL;

      const invArea = 1 / area;
      const z0 = vbuf[va + 2] * w0, z1 = vbuf[vb + 2] * w1, z2 = vbuf[vc + 2] * w2;
      const u0 = vbuf[va + 4], u1 = vbuf[vb + 4], u2 = vbuf[vc + 4];
      const v0 = vbuf[va + 5], v1 = vbuf[vb + 5], v2 = vbuf[vc + 5];
      const lo = backFacing ? 9 : 6;
      const r0 = vbuf[va + lo], r1 = vbuf[vb + lo], r2 = vbuf[vc + lo];
      const g0 = vbuf[va + lo + 1], g1 = vbuf[vb + lo + 1], g2 = vbuf[vc + lo + 1];
      const b0 = vbuf[va + lo + 2], b1 = vbuf[vb + lo + 2], b2 = vbuf[vc + lo + 2];
      // Small triangles (most of a distant character's) take one mip level for all their samples,
      // from the ratio of their texel area to their sample area; large ones choose per sample from
      // the derivatives of the perspective numerators/denominator per sample step.
      const smallTriangle = area < SMALL_TRIANGLE_AREA;
      let triangleLod = 0, dQdx = 0, dQdy = 0, dUdx = 0, dUdy = 0, dVdx = 0, dVdy = 0;
      if (smallTriangle) {
        const uvArea = Math.abs((u1 - u0) * (v2 - v0) - (u2 - u0) * (v1 - v0)) * tw * th;
        triangleLod = 0.5 * Math.log2((uvArea * SUBPIXEL * SUBPIXEL) / area + 1e-30) + bias;
      } else {
        dQdx = (stepX0 * w0 + stepX1 * w1 + stepX2 * w2) * invArea;
        dQdy = (dx0 * SUBPIXEL * w0 + dx1 * SUBPIXEL * w1 + dx2 * SUBPIXEL * w2) * invArea;
        dUdx = (stepX0 * w0 * u0 + stepX1 * w1 * u1 + stepX2 * w2 * u2) * invArea;
        dUdy = (dx0 * SUBPIXEL * w0 * u0 + dx1 * SUBPIXEL * w1 * u1 + dx2 * SUBPIXEL * w2 * u2) * invArea;
        dVdx = (stepX0 * w0 * v0 + stepX1 * w1 * v1 + stepX2 * w2 * v2) * invArea;
        dVdy = (dx0 * SUBPIXEL * w0 * v0 + dx1 * SUBPIXEL * w1 * v1 + dx2 * SUBPIXEL * w2 * v2) * invArea;
      }

      for (let py = minY; py <= maxY; py++) {
        const sy = py * SUBPIXEL + 8;
        const sx = minX * SUBPIXEL + 8;
        // Exact integer edge values at the first sample of the row.
        const e0s = dx0 * (sy - y1) - dy0 * (sx - x1);
        const e1s = dx1 * (sy - y2) - dy1 * (sx - x2);
        const e2s = dx2 * (sy - y0) - dy2 * (sx - x0);
        // The span of samples inside all three edges, solved per edge.
        let kMin = 0;
        let kMax = maxX - minX;
        let empty = false;
        let ev = e0s - bias0;
        if (stepX0 === 0) empty = ev < 0;
        else if (stepX0 > 0) kMin = Math.max(kMin, Math.ceil(-ev / stepX0));
        else kMax = Math.min(kMax, Math.floor(ev / -stepX0));
        ev = e1s - bias1;
        if (stepX1 === 0) empty = empty || ev < 0;
        else if (stepX1 > 0) kMin = Math.max(kMin, Math.ceil(-ev / stepX1));
        else kMax = Math.min(kMax, Math.floor(ev / -stepX1));
        ev = e2s - bias2;
        if (stepX2 === 0) empty = empty || ev < 0;
        else if (stepX2 > 0) kMin = Math.max(kMin, Math.ceil(-ev / stepX2));
        else kMax = Math.min(kMax, Math.floor(ev / -stepX2));
        if (empty || kMin > kMax) continue;
        const row = py * width + minX;
        if (shadow > 0) {
          // Shadow receiver: shadows fall on whatever was drawn before them (the ground, props in
          // front), never on the sky.
          if (stencil === null || color === null) continue;
          for (let k = kMin; k <= kMax; k++) {
            const l0 = (e0s + stepX0 * k) * invArea, l1 = (e1s + stepX1 * k) * invArea, l2 = (e2s + stepX2 * k) * invArea;
            const z = z0 * l0 + z1 * l1 + z2 * l2;
            const idx = row + k;
            if (z > 1) continue;
            if (stencil[idx] !== 0 || depth[idx] === Infinity) continue;
            if (occluders !== null && occluders[idx] !== 0 && z >= depth[idx]) continue;
            stencil[idx] = 1;
            const ci = idx * 3;
            if (shadowColor !== null) {
              color[ci] = shadowColor[ci];
              color[ci + 1] = shadowColor[ci + 1];
              color[ci + 2] = shadowColor[ci + 2];
            } else {
              color[ci] = color[ci] * shadow;
              color[ci + 1] = color[ci + 1] * shadow;
              color[ci + 2] = color[ci + 2] * shadow;
            }
            written++;
          }
          continue;
        }
        for (let k = kMin; k <= kMax; k++) {
          const l0 = (e0s + stepX0 * k) * invArea, l1 = (e1s + stepX1 * k) * invArea, l2 = (e2s + stepX2 * k) * invArea;
          const z = z0 * l0 + z1 * l1 + z2 * l2;
          const idx = row + k;
          if (z > 1) continue;
          if (cover === 0 && z >= depth[idx]) continue;
          const q0 = l0 * w0, q1 = l1 * w1, q2 = l2 * w2;
          const inv = 1 / (q0 + q1 + q2);
          let tr = 1, tg = 1, tb = 1;
          if (texture !== null && (doAlpha || (color !== null && z < depth[idx]))) {
            const u = (q0 * u0 + q1 * u1 + q2 * u2) * inv;
            const v = (q0 * v0 + q1 * v1 + q2 * v2) * inv;
            let lod = triangleLod;
            if (!smallTriangle) {
              const dudx = (dUdx - u * dQdx) * inv * tw, dvdx = (dVdx - v * dQdx) * inv * th;
              const dudy = (dUdy - u * dQdy) * inv * tw, dvdy = (dVdy - v * dQdy) * inv * th;
              const rx = dudx * dudx + dvdx * dvdx, ry = dudy * dudy + dvdy * dvdy;
              lod = 0.5 * Math.log2(rx > ry ? rx : ry) + bias;
            }
            // sampleTexture's arithmetic (texture.ts), inline: TurboFan does not inline the call (its
            // bytecode is over the inlining limit), and a call per sample boxes its double arguments.
            let li = lod > 0 ? Math.floor(lod + 0.5) : 0;
            if (li >= levelCount) li = levelCount - 1;
            const level = levels[li];
            const lw = level.width, lh = level.height, data = level.data;
            const uu = repeatS ? u - Math.floor(u) : u;
            const vv = repeatT ? v - Math.floor(v) : v;
            const fxs = uu * lw - 0.5, fys = vv * lh - 0.5;
            const xf = Math.floor(fxs), yf = Math.floor(fys);
            const fx = fxs - xf, fy = fys - yf;
            let sx0 = xf, sx1 = xf + 1, sy0 = yf, sy1 = yf + 1;
            if (sx0 < 0 || sx1 >= lw) {
              sx0 = wrapIndex(sx0, lw, wrapS);
              sx1 = wrapIndex(sx1, lw, wrapS);
            }
            if (sy0 < 0 || sy1 >= lh) {
              sy0 = wrapIndex(sy0, lh, wrapT);
              sy1 = wrapIndex(sy1, lh, wrapT);
            }
            const i00 = (sy0 * lw + sx0) * 4, i10 = (sy0 * lw + sx1) * 4, i01 = (sy1 * lw + sx0) * 4, i11 = (sy1 * lw + sx1) * 4;
            const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
            if (doAlpha && (data[i00 + 3] * w00 + data[i10 + 3] * w10 + data[i01 + 3] * w01 + data[i11 + 3] * w11) * ba < cut) continue;
            tr = SRGB8_TO_LINEAR_Q[((data[i00] * w00 + data[i10] * w10 + data[i01] * w01 + data[i11] * w11) * 4 + 0.5) | 0];
            tg = SRGB8_TO_LINEAR_Q[((data[i00 + 1] * w00 + data[i10 + 1] * w10 + data[i01 + 1] * w01 + data[i11 + 1] * w11) * 4 + 0.5) | 0];
            tb = SRGB8_TO_LINEAR_Q[((data[i00 + 2] * w00 + data[i10 + 2] * w10 + data[i01 + 2] * w01 + data[i11 + 2] * w11) * 4 + 0.5) | 0];
          }
          if (cover !== 0) {
            coverage![idx] |= cover;
            if (z >= depth[idx]) continue;
          }
          depth[idx] = z;
          ids[idx] = id;
          written++;
          if (color !== null) {
            const lr = (q0 * r0 + q1 * r1 + q2 * r2) * inv;
            const lg = (q0 * g0 + q1 * g1 + q2 * g2) * inv;
            const lb = (q0 * b0 + q1 * b1 + q2 * b2) * inv;
            // Linear colour -> 8-bit sRGB through the table (clamped to 1).
            const cr = tr * br * lr, cg = tg * bg * lg, cb = tb * bb * lb;
            const ci = idx * 3;
            color[ci] = LINEAR_TO_SRGB8[cr >= 1 ? LINEAR_LUT_SIZE : (cr * LINEAR_LUT_SIZE + 0.5) | 0];
            color[ci + 1] = LINEAR_TO_SRGB8[cg >= 1 ? LINEAR_LUT_SIZE : (cg * LINEAR_LUT_SIZE + 0.5) | 0];
            color[ci + 2] = LINEAR_TO_SRGB8[cb >= 1 ? LINEAR_LUT_SIZE : (cb * LINEAR_LUT_SIZE + 0.5) | 0];
          }
        }
      }
    }
  }
  stats.trianglesRasterized += rasterized;
  stats.samplesWritten += written;
}
