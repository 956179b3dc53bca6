/**
 * Per person and camera, the annotations the embedded player reports (render/scene-view.ts), from
 * Unity's id images instead of a software id plane: the visible box and pixel count from the id
 * image of the whole scene, the visible fraction against the person's pixels in an image of it
 * alone, keypoints projected from the posed anchors (visible when the id image shows the person
 * at the keypoint's sample), the amodal box from the projected skinned vertices and the depth of
 * the hips along the camera's axis. Image coordinates are the embedded player's: origin top-left,
 * x1/y1 exclusive, output pixels (samples / samplesPerAxis); the projections are the embedded
 * player's own (render/view-geometry.ts), so both players' keypoints, boxes and depths agree. Pure.
 */
import type { RenderCamera } from '../../../orchestrator/src/render/camera.js';
import { hipsDepth, projectKeypoints, projectedBox } from '../../../orchestrator/src/render/view-geometry.js';
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
  const ss = s * s;
  const idAtSample = (x: number, y: number): number => idAt(ids, x, y);
  return persons.map((person, k) => {
    const unoccluded = input.alonePixels[k];
    const keypoints: KeypointPx[] = projectKeypoints(person, camera, widthPx, heightPx, s, W, H, idAtSample);
    const depthM = hipsDepth(person, camera);
    const visibleBox: BoxPx | null = count[k] > 0 ? [minX[k] / s, minY[k] / s, (maxX[k] + 1) / s, (maxY[k] + 1) / s] : null;
    return {
      personId: person.personId,
      visibleBox,
      amodalBox: projectedBox(person, camera, widthPx, heightPx),
      visibleFraction: unoccluded > 0 ? Math.min(1, count[k] / unoccluded) : 0,
      visiblePixels: count[k] / ss,
      keypoints,
      depthM,
    };
  });
}
