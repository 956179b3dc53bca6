/**
 * Per person and camera, the annotations the embedded player reports (render/scene-view.ts), from
 * Unity's id images instead of a software id plane: the visible box and pixel count from the id
 * image of the whole scene, the visible fraction against the person's pixels in an image of it
 * alone, keypoints projected from the posed anchors (visible when the id image shows the person
 * at the keypoint's sample), the amodal box from the projected skinned vertices and the depth of
 * the hips along the camera's axis. Image coordinates are the embedded player's: origin top-left,
 * x1/y1 exclusive, output pixels (samples / samplesPerAxis). Pure.
 */
import type { RenderCamera } from '../../../orchestrator/src/render/camera.js';
import type { BoxPx, KeypointPx, WireAnnotation } from '../../../protocol/src/index.js';
import type { PersonGeometry } from './person-geometry.js';

/** An id image as IdPass.cs returns it: RGBA8, bottom row first, id = red + 256 * green. */
export interface IdImage {
  widthPx: number;
  heightPx: number;
  rgba: Uint8Array;
}

/** The person id at sample (x, y), y counted from the top. */
export function idAt(image: IdImage, x: number, y: number): number {
  const i = ((image.heightPx - 1 - y) * image.widthPx + x) * 4;
  return image.rgba[i] | (image.rgba[i + 1] << 8);
}

/** Samples of `image` showing any person (an image of one person alone). */
export function countIdPixels(image: IdImage): number {
  let count = 0;
  for (let i = 0; i < image.rgba.length; i += 4) if (image.rgba[i] !== 0 || image.rgba[i + 1] !== 0) count++;
  return count;
}

/** Whether a bounding sphere touches the camera's frustum (the embedded player's culling). */
export function inFrustum(camera: RenderCamera, center: readonly number[], radius: number): boolean {
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

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

export interface ViewInput {
  camera: RenderCamera;
  widthPx: number;
  heightPx: number;
  samplesPerAxis: number;
  /** The persons in the frustum, in step order. */
  persons: readonly PersonGeometry[];
  /** The id image of the scene at sample resolution (widthPx * s x heightPx * s). */
  ids: IdImage;
  /** Per person: samples it covers alone (no occluders) inside the image. */
  alonePixels: readonly number[];
}

/** The annotations of one view (without the camera index). */
export function annotateView(input: ViewInput): Omit<WireAnnotation, 'camera'>[] {
  const { camera, widthPx, heightPx, persons, ids } = input;
  const s = input.samplesPerAxis;
  const W = ids.widthPx, H = ids.heightPx;
  if (W !== widthPx * s || H !== heightPx * s) throw new Error(`id image of ${W}x${H} does not match ${widthPx}x${heightPx} at ${s} samples per axis`);
  const slot = new Map<number, number>();
  persons.forEach((p, i) => slot.set(p.personId, i));
  const n = persons.length;
  const count = new Float64Array(n);
  const minX = new Int32Array(n).fill(W), minY = new Int32Array(n).fill(H), maxX = new Int32Array(n).fill(-1), maxY = new Int32Array(n).fill(-1);
  for (let row = 0; row < H; row++) {
    const y = H - 1 - row;
    for (let x = 0; x < W; x++) {
      const i = (row * W + x) * 4;
      const id = ids.rgba[i] | (ids.rgba[i + 1] << 8);
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
  const vp = camera.viewProjection;
  const view = camera.view;
  const ss = s * s;
  return persons.map((person, k) => {
    const unoccluded = input.alonePixels[k];
    const keypoints: KeypointPx[] = [];
    for (let q = 0; q < 17; q++) {
      const x = person.keypointsM[q * 3], y = person.keypointsM[q * 3 + 1], z = person.keypointsM[q * 3 + 2];
      const cw = vp[3] * x + vp[7] * y + vp[11] * z + vp[15];
      if (!Number.isFinite(x) || cw <= 1e-6) {
        keypoints.push([0, 0, 0]);
        continue;
      }
      const px = (((vp[0] * x + vp[4] * y + vp[8] * z + vp[12]) / cw + 1) / 2) * widthPx;
      const py = ((1 - (vp[1] * x + vp[5] * y + vp[9] * z + vp[13]) / cw) / 2) * heightPx;
      const sx = Math.floor(px * s), sy = Math.floor(py * s);
      let v = 0;
      if (sx >= 0 && sy >= 0 && sx < W && sy < H) v = idAt(ids, sx, sy) === person.personId ? 2 : 1;
      keypoints.push([round3(px), round3(py), v]);
    }
    const [hx, hy, hz] = person.hipsM;
    const depthM = -(view[2] * hx + view[6] * hy + view[10] * hz + view[14]);
    const visibleBox: BoxPx | null = count[k] > 0 ? [minX[k] / s, minY[k] / s, (maxX[k] + 1) / s, (maxY[k] + 1) / s] : null;
    return {
      personId: person.personId,
      visibleBox,
      amodalBox: projectedBox(person, camera, widthPx, heightPx),
      visibleFraction: unoccluded > 0 ? Math.min(1, count[k] / unoccluded) : 0,
      visiblePixels: count[k] / ss,
      keypoints,
      depthM: round3(depthM),
    };
  });
}

/** Bounding box (output pixels) of the projected vertices in front of the near plane, not clipped to the image. */
export function projectedBox(person: PersonGeometry, camera: RenderCamera, width: number, height: number): BoxPx | null {
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
