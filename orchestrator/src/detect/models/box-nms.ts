/**
 * Greedy non-maximum suppression over scored boxes ([x1, y1, x2, y2], any units). Pure.
 */
import type { Box } from './crop-region.js';

/** Intersection over union of two boxes (0 when either is empty). */
export function boxIou(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * The items kept by greedy NMS, best score first: an item is dropped when it overlaps a kept
 * one by more than `iouThreshold` (and, with `sameGroup`, only within its group, e.g. a class).
 * Ties keep the earlier item.
 */
export function nonMaxSuppression<T extends { box: Box; score: number }>(items: readonly T[], iouThreshold: number, sameGroup?: (a: T, b: T) => boolean): T[] {
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => b.item.score - a.item.score || a.index - b.index);
  const kept: T[] = [];
  for (const { item } of order) {
    if (kept.every((k) => (sameGroup && !sameGroup(k, item)) || boxIou(k.box, item.box) <= iouThreshold)) kept.push(item);
  }
  return kept;
}
