/**
 * Which person a garment from an annotation or a garment model belongs to: the person whose box
 * holds most of its landmarks (ties: the smaller box, the nearer person in a crowd). A garment
 * whose landmarks fall in no box stays unassigned. Pure.
 */
import type { Point2 } from '../geometry/point.js';

type Box = readonly [number, number, number, number];

function inside(box: Box, p: Point2): boolean {
  return p[0] >= box[0] && p[0] <= box[2] && p[1] >= box[1] && p[1] <= box[3];
}

/** For each garment, the index of its person (or -1). */
export function assignGarments(boxes: readonly Box[], garments: readonly { landmarks: readonly Point2[] }[]): number[] {
  return garments.map((garment) => {
    let best = -1;
    let bestCount = 0;
    let bestArea = Infinity;
    boxes.forEach((box, i) => {
      const count = garment.landmarks.filter((p) => inside(box, p)).length;
      const area = (box[2] - box[0]) * (box[3] - box[1]);
      if (count > bestCount || (count === bestCount && count > 0 && area < bestArea)) {
        best = i;
        bestCount = count;
        bestArea = area;
      }
    });
    return bestCount * 2 >= garment.landmarks.length ? best : -1;
  });
}
