/**
 * Clusters from labels, and each cluster's medoid: the member with the smallest mean distance
 * to the other members (the ClonedPerson authors keep it as the cluster's representative after
 * the first round). Ties go to the lower index.
 *
 * Cosine distances use an exact linear-time identity (mean of 1 - a.b over unit rows is
 * 1 - a.(sum of rows) / s); other distances (euclidean, re-ranked) sum over pairs, exactly for
 * clusters up to `maxExactMembers` and against a seeded sample of that many members beyond.
 */
import { createRandom, deriveSeed } from '../shared/random.js';
import type { PreparedFeatures } from '../features/distance-metric.js';

export interface ClusterInfo {
  /** The DBSCAN label (0-based). */
  label: number;
  /** Member indices (into the clustered points), ascending. */
  members: number[];
  /** The medoid's index (into the clustered points). */
  medoid: number;
  /** Mean distance of the medoid to the other members (0 for a single member). */
  medoidMeanDistance: number;
  /** Distance from the medoid to each member, aligned with `members`. */
  distancesToMedoid: number[];
  /** True when the medoid was chosen against a sample of the members. */
  sampled: boolean;
}

/** How distances between clustered points are evaluated. */
export type MedoidDistance =
  | { kind: 'cosine'; prepared: PreparedFeatures }
  | { kind: 'pairwise'; distance: (i: number, j: number) => number };

export interface MedoidOptions {
  /** Exact pair sums up to this many members (default 400). */
  maxExactMembers?: number;
  seed?: number;
}

/** Groups point indices by label (noise, -1, excluded), clusters in label order. */
export function groupByLabel(labels: Int32Array): number[][] {
  let max = -1;
  for (const l of labels) if (l > max) max = l;
  const groups: number[][] = Array.from({ length: max + 1 }, () => []);
  labels.forEach((l, i) => {
    if (l >= 0) groups[l].push(i);
  });
  return groups;
}

function cosineMeans(prepared: PreparedFeatures, members: number[]): number[] {
  const { d, data } = prepared;
  const sum = new Float64Array(d);
  for (const m of members) for (let t = 0; t < d; t++) sum[t] += data[m * d + t];
  const s = members.length;
  return members.map((m) => {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += data[m * d + t] * sum[t];
    // sum over the others of (1 - a.b) = (s - 1) - (a.sum - a.a), with a.a = 1 for unit rows
    let selfDot = 0;
    for (let t = 0; t < d; t++) selfDot += data[m * d + t] * data[m * d + t];
    return s > 1 ? (s - 1 - (dot - selfDot)) / (s - 1) : 0;
  });
}

/** Builds the clusters of `labels` with medoids and distances to them. */
export function clustersWithMedoids(labels: Int32Array, distance: MedoidDistance, options: MedoidOptions = {}): ClusterInfo[] {
  const maxExact = options.maxExactMembers ?? 400;
  const pairwise =
    distance.kind === 'pairwise'
      ? distance.distance
      : (i: number, j: number): number => {
          if (i === j) return 0;
          const { d, data } = distance.prepared;
          let dot = 0;
          for (let t = 0; t < d; t++) dot += data[i * d + t] * data[j * d + t];
          return Math.min(2, Math.max(0, 1 - dot));
        };
  return groupByLabel(labels).map((members, label) => {
    let means: number[];
    let sampled = false;
    if (distance.kind === 'cosine') {
      means = cosineMeans(distance.prepared, members);
    } else {
      let reference = members;
      if (members.length > maxExact) {
        // a seeded sample of reference members, picked by per-member priority
        sampled = true;
        const random = (m: number): number => createRandom(deriveSeed(options.seed ?? 1, 'medoid', m)).next();
        reference = [...members].sort((a, b) => random(a) - random(b) || a - b).slice(0, maxExact);
      }
      means = members.map((i) => {
        let sum = 0;
        let count = 0;
        for (const j of reference) {
          if (j === i) continue;
          sum += pairwise(i, j);
          count++;
        }
        return count > 0 ? sum / count : 0;
      });
    }
    let best = 0;
    for (let k = 1; k < members.length; k++) if (means[k] < means[best]) best = k;
    const medoid = members[best];
    return {
      label,
      members,
      medoid,
      medoidMeanDistance: means[best],
      distancesToMedoid: members.map((m) => pairwise(medoid, m)),
      sampled,
    };
  });
}
