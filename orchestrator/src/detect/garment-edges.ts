/**
 * Finding a garment's edge from inside it: walk from a point along a direction while the pixels
 * are on the person and not skin, up to a limit (arms hanging beside the torso, or legs side by
 * side, continue the silhouette, so the walk is capped at what the body's proportions allow).
 * Pure.
 */
import type { Point2 } from '../geometry/point.js';
import type { PhotoSampler } from './photo-sampler.js';
import { isSkin } from './skin-model.js';
import type { SkinModel } from './skin-model.js';

/** Distance (pixels) from `from` along unit `dir` to the garment's edge, at most `limitPx`. */
export function garmentReach(sampler: PhotoSampler, skin: SkinModel, from: Point2, dir: Point2, limitPx: number, gapPx = 2): number {
  let last = 0;
  for (let t = 0; t <= limitPx; t += 1) {
    const x = from[0] + dir[0] * t;
    const y = from[1] + dir[1] * t;
    if (sampler.onPerson(x, y) && !isSkin(sampler.labAt(x, y), skin)) last = t;
    else if (t - last > gapPx) break;
  }
  return last;
}

/** The point `reach` along `dir` from `from`, pulled back by `insetShare` of it (so it stays on the garment). */
export function edgePoint(from: Point2, dir: Point2, reachPx: number, insetShare: number): Point2 {
  const t = reachPx * (1 - insetShare);
  return [from[0] + dir[0] * t, from[1] + dir[1] * t];
}

/** The garment's two edges across `centre` along unit `across` (±), each capped at `limitPx`: [minus side, plus side]. */
export function garmentSection(sampler: PhotoSampler, skin: SkinModel, centre: Point2, across: Point2, limitPx: number, minPx: number, insetShare: number): [Point2, Point2] {
  const minus: Point2 = [-across[0], -across[1]];
  const a = Math.max(minPx, garmentReach(sampler, skin, centre, minus, limitPx));
  const b = Math.max(minPx, garmentReach(sampler, skin, centre, across, limitPx));
  return [edgePoint(centre, minus, a, insetShare), edgePoint(centre, across, b, insetShare)];
}
