/**
 * DeepFashion2's full landmark sets -> the ClonedPerson scheme. The authors trained their
 * landmark models on reduced DeepFashion2 sets but did not publish which points they kept, so
 * this table is derived from DeepFashion2's layout (its skeleton: back-collar centre 1, the
 * neckline 2-6 with the front centre at 4, then one shoulder at 7, down that side, the hem
 * centre, up the other side to the other shoulder; mirror pairs as in its flip table) and the
 * positions the ClonedPerson scheme names (landmark-placement.ts): shoulders, the neckline's
 * sides and front centre, cuffs, elbows (the middle of the three points along a long sleeve),
 * armpits, a waist point (a top's lower side point, a dress's second), hems. Trousers and shorts
 * use DeepFashion2's own order; a skirt drops its waist centre.
 *
 * A DeepFashion2 side does not say whether it is the subject's left or right, and the scheme is
 * drawn for a person facing the camera (the subject's right on the image's left), so a set that
 * comes out the other way round is read mirrored ({@link toClonedPersonLandmarks}).
 */
import type { GarmentCategory } from '../../contracts/garment-categories.js';

interface Df2Layout {
  /** DeepFashion2's landmark count for the category. */
  count: number;
  /** 1-based DeepFashion2 indices in ClonedPerson order. */
  order: readonly number[];
  /** DeepFashion2's mirror partner of a 1-based index. */
  mirror: (index: number) => number;
  /** Two ClonedPerson positions (1-based) that are the subject's right and left of one pair. */
  rightLeft: readonly [number, number];
}

/** Tops and dresses: neckline 2<->6, 3<->5, the outline 7..count mirrored around its centre. */
function topMirror(count: number): (index: number) => number {
  return (i) => (i === 1 || i === 4 ? i : i <= 6 ? 8 - i : count + 7 - i);
}

/** Bottoms: waist 1<->3, then the outline 4..count mirrored around its centre (shorts 7, trousers 9, skirt 6). */
function bottomMirror(count: number): (index: number) => number {
  return (i) => (i === 2 ? 2 : i <= 3 ? 4 - i : count + 4 - i);
}

export const DEEPFASHION2_LAYOUTS: Partial<Record<GarmentCategory, Df2Layout>> = {
  1: { count: 25, order: [25, 6, 4, 2, 7, 9, 10, 12, 14, 15, 17, 18, 20, 22, 23], mirror: topMirror(25), rightLeft: [1, 5] },
  2: { count: 33, order: [33, 6, 4, 2, 7, 9, 11, 12, 14, 16, 18, 19, 21, 22, 24, 26, 28, 29, 31], mirror: topMirror(33), rightLeft: [1, 5] },
  5: { count: 15, order: [15, 6, 4, 2, 7, 8, 9, 10, 12, 13, 14], mirror: topMirror(15), rightLeft: [1, 5] },
  7: { count: 10, order: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], mirror: bottomMirror(10), rightLeft: [1, 3] },
  8: { count: 14, order: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], mirror: bottomMirror(14), rightLeft: [1, 3] },
  9: { count: 8, order: [1, 3, 4, 5, 6, 7, 8], mirror: bottomMirror(8), rightLeft: [1, 2] },
  10: { count: 29, order: [29, 6, 4, 2, 7, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 27], mirror: topMirror(29), rightLeft: [1, 5] },
  12: { count: 19, order: [19, 6, 4, 2, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18], mirror: topMirror(19), rightLeft: [1, 5] },
};

/** DeepFashion2's landmark count of a category the ClonedPerson scheme covers. */
export function deepFashion2Count(category: GarmentCategory): number | undefined {
  return DEEPFASHION2_LAYOUTS[category]?.count;
}

/**
 * A full DeepFashion2 set (`points[i]` is landmark i + 1) in the ClonedPerson scheme, read
 * mirrored when it would put the subject's right on the image's right. Undefined for
 * categories the scheme does not cover.
 */
export function toClonedPersonLandmarks(category: GarmentCategory, points: readonly (readonly [number, number])[]): [number, number][] | undefined {
  const layout = DEEPFASHION2_LAYOUTS[category];
  if (!layout || points.length !== layout.count) return undefined;
  const pick = (order: readonly number[]): [number, number][] => order.map((i) => [points[i - 1][0], points[i - 1][1]]);
  const direct = pick(layout.order);
  const [r, l] = layout.rightLeft;
  if (direct[r - 1][0] <= direct[l - 1][0]) return direct;
  return pick(layout.order.map(layout.mirror));
}
