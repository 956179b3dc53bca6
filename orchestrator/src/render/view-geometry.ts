/**
 * The geometry both players annotate a view with (render/scene-view.ts for the embedded player,
 * unity-project/TypeScript/src/view-annotations.ts for Unity), so their boxes, keypoints and
 * depths agree by construction: frustum culling, projection of keypoints and vertices to output
 * pixels (origin top-left), and the hips' depth along the camera's axis. Pure.
 */
import type { RenderCamera } from './camera.js';

/** What a view needs of a posed person. */
export interface ViewPerson {
  personId: number;
  /** 17 COCO keypoints, world xyz each (NaN where the rig lacks the point). */
  keypointsM: Float64Array;
  /** World position of the hips joint (the depth reference). */
  hipsM: readonly [number, number, number];
  /** World vertex positions per primitive (xyz). */
  positions: readonly Float32Array[];
}

/** Rounds to 1/1000, the precision annotations are written with. */
export function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Whether a bounding sphere touches the camera's frustum: tested against the six clip planes in world space (rows of the view-projection). */
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

/**
 * The 17 keypoints in output pixels with COCO visibility: 0 behind the camera or missing (at the
 * origin), 2 when the id at the keypoint's sample is the person's, else 1. `idAtSample` reads the
 * view's id image at sample (x, y), y from the top, inside `samplesWidth x samplesHeight`.
 */
export function projectKeypoints(
  person: ViewPerson,
  camera: RenderCamera,
  widthPx: number,
  heightPx: number,
  samplesPerAxis: number,
  samplesWidth: number,
  samplesHeight: number,
  idAtSample: (x: number, y: number) => number,
): [number, number, number][] {
  const vp = camera.viewProjection;
  const s = samplesPerAxis;
  const keypoints: [number, number, number][] = [];
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
    if (sx >= 0 && sy >= 0 && sx < samplesWidth && sy < samplesHeight) v = idAtSample(sx, sy) === person.personId ? 2 : 1;
    keypoints.push([round3(px), round3(py), v]);
  }
  return keypoints;
}

/** Depth (metres) of the hips along the camera's viewing axis. */
export function hipsDepth(person: ViewPerson, camera: RenderCamera): number {
  const view = camera.view;
  const [hx, hy, hz] = person.hipsM;
  return round3(-(view[2] * hx + view[6] * hy + view[10] * hz + view[14]));
}

/** Bounding box (output pixels) of the projected vertices in front of the near plane, not clipped to the image. */
export function projectedBox(person: ViewPerson, camera: RenderCamera, width: number, height: number): [number, number, number, number] | null {
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
