/**
 * The annotations from Unity's id images (view-annotations.ts) on hand-made images with known
 * answers: boxes and pixel counts (rows arrive bottom first), the visible fraction against the
 * person alone, supersampling, keypoint positions and visibility, depth, the amodal box and the
 * frustum test.
 */
import { describe, expect, it } from '@jest/globals';
import { createPerspectiveCamera } from '../../../orchestrator/src/render/camera.js';
import type { PersonGeometry } from '../../../unity-project/TypeScript/src/person-geometry.js';
import { inFrustum } from '../../../orchestrator/src/render/view-geometry.js';
import { annotateView, countIdPixels, idAt } from '../../../unity-project/TypeScript/src/view-annotations.js';
import type { IdImage } from '../../../unity-project/TypeScript/src/view-annotations.js';

const W = 8, H = 6;
// A camera at the origin looking down -Z with a 90 degree vertical view: a point (x, y, -d) lands at
// pixel ((x / (d * aspect) + 1) / 2 * W, (1 - y / d) / 2 * H).
const camera = createPerspectiveCamera({ positionM: [0, 0, 0], lookAtM: [0, 0, -1], fovDeg: 90, aspect: W / H, nearM: 0.1, farM: 100 });
const aspect = W / H;
const worldAt = (px: number, py: number, d: number): [number, number, number] => [((px / W) * 2 - 1) * d * aspect, (1 - (py / H) * 2) * d, -d];

/** An id image from rows written top to bottom (digits are ids), stored bottom row first like Unity's. */
function image(rows: string[], s = 1): IdImage {
  const h = rows.length * s, w = rows[0].length * s;
  const rgba = new Uint8Array(w * h * 4);
  rows.forEach((row, y) => {
    [...row].forEach((c, x) => {
      const id = c === '.' ? 0 : Number(c) * 100 + 7; // ids above 255 use the green byte
      for (let j = 0; j < s; j++) for (let i = 0; i < s; i++) {
        const at = ((h - 1 - (y * s + j)) * w + x * s + i) * 4;
        rgba.set([id & 255, id >> 8, 0, 255], at);
      }
    });
  });
  return { widthPx: w, heightPx: h, rgba };
}

const ROWS = ['.....5..', '.33..5..', '.33.....', '.33.....', '........', '........'];
const A = 307, B = 507;

function person(id: number, keypoints: ([number, number, number] | null)[], hips: [number, number, number]): PersonGeometry {
  const keypointsM = new Float64Array(51).fill(NaN);
  keypoints.forEach((k, i) => k && keypointsM.set(k, i * 3));
  return { personId: id, keypointsM, hipsM: hips, positions: [Float32Array.from([...worldAt(1, 1, 4), ...worldAt(3.5, 4.25, 4)])], centerM: hips, radiusM: 1 };
}

describe('annotations from id images', () => {
  it('reads ids with the bottom row first, red the low byte and green the high byte', () => {
    const ids = image(ROWS);
    expect(idAt(ids, 1, 1)).toBe(A);
    expect(idAt(ids, 5, 0)).toBe(B);
    expect(idAt(ids, 0, 5)).toBe(0);
    expect(countIdPixels(ids)).toBe(8);
  });

  it('measures boxes, pixels, fractions, keypoints and depth', () => {
    const a = person(A, [worldAt(1.5, 2.5, 4), worldAt(5.5, 1.5, 4), worldAt(10, 2, 4), [0, 0, 5]], [0, 0, -4]);
    const b = person(B, [], [1, 0, -6]);
    const [ra, rb] = annotateView({ camera, widthPx: W, heightPx: H, samplesPerAxis: 1, persons: [a, b], ids: image(ROWS), alonePixels: [8, 2] });
    expect(ra.visibleBox).toEqual([1, 1, 3, 4]);
    expect(ra.visiblePixels).toBe(6);
    expect(ra.visibleFraction).toBe(0.75);
    // Inside its pixels: visible; on another person's pixels: hidden; outside the image: 0; behind the camera: nothing.
    expect(ra.keypoints.slice(0, 5)).toEqual([
      [1.5, 2.5, 2],
      [5.5, 1.5, 1],
      [10, 2, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ra.depthM).toBe(4);
    expect(ra.amodalBox).toEqual([1, 1, 3.5, 4.25]);
    expect(rb).toMatchObject({ visibleBox: [5, 0, 6, 2], visiblePixels: 2, visibleFraction: 1, depthM: 6 });
  });

  it('divides by the samples per axis when the id image is supersampled', () => {
    const a = person(A, [worldAt(1.5, 2.5, 4)], [0, 0, -4]);
    const [r] = annotateView({ camera, widthPx: W, heightPx: H, samplesPerAxis: 2, persons: [a], ids: image(ROWS, 2), alonePixels: [32] });
    expect(r.visibleBox).toEqual([1, 1, 3, 4]);
    expect(r.visiblePixels).toBe(6);
    expect(r.visibleFraction).toBe(0.75);
    expect(r.keypoints[0]).toEqual([1.5, 2.5, 2]);
  });

  it('reports no box and a zero fraction for a person the image does not show', () => {
    const [r] = annotateView({ camera, widthPx: W, heightPx: H, samplesPerAxis: 1, persons: [person(9, [], [0, 0, -3])], ids: image(ROWS), alonePixels: [0] });
    expect(r).toMatchObject({ visibleBox: null, visiblePixels: 0, visibleFraction: 0 });
    expect(() => annotateView({ camera, widthPx: W, heightPx: H, samplesPerAxis: 2, persons: [], ids: image(ROWS), alonePixels: [] })).toThrow('does not match');
  });

  it('culls by bounding sphere like the embedded player', () => {
    expect(inFrustum(camera, [0, 0, -5], 0.5)).toBe(true);
    expect(inFrustum(camera, [0, 0, 5], 0.5)).toBe(false);
    expect(inFrustum(camera, [0, 0, 0.3], 0.5)).toBe(true);
    expect(inFrustum(camera, [20, 0, -5], 1)).toBe(false);
  });
});
