/**
 * Who a stage did not pass on, grouped by reason for the manifest and the summary. Pure.
 */
import type { StageDrop } from '../contracts/run-manifest.js';

export interface DroppedPerson {
  /** The person's image id. */
  image: string;
  reason: string;
  message?: string;
}

/** Drops grouped by reason (reasons and images sorted, each image once per reason). */
export function groupDrops(people: readonly DroppedPerson[]): StageDrop[] {
  const byReason = new Map<string, { images: Set<string>; message?: string }>();
  for (const person of people) {
    let entry = byReason.get(person.reason);
    if (!entry) {
      entry = { images: new Set(), ...(person.message === undefined ? {} : { message: person.message }) };
      byReason.set(person.reason, entry);
    }
    entry.images.add(person.image);
  }
  return [...byReason.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, { images, message }]) => {
      const sorted = [...images].sort();
      return { reason, count: sorted.length, images: sorted, ...(message === undefined ? {} : { message }) };
    });
}

/** How many people the drops name. */
export function droppedCount(drops: readonly StageDrop[]): number {
  return drops.reduce((sum, drop) => sum + drop.count, 0);
}
