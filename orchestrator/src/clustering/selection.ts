/**
 * Choosing the images that become characters, written as `selection.json`
 * (contracts/selection.ts):
 * - `sde`: from every round-2 cluster take up to `perCluster` (7) images; the first
 *   `trainPerCluster` (5) become training identities, the rest test identities (for a smaller
 *   cluster, test gets round(taken x 2/7) of them).
 * - `random`: the paper's ablation baseline, `count` images drawn from the whole pool, split
 *   5:2 in groups of seven.
 * Picks are by a per-image priority derived from the seed and the image's key (path and box),
 * so the choice does not depend on input order.
 */
import { checkNonNegativeInteger, checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { DEFAULT_SEED, deriveSeed } from '../shared/random.js';
import type { Selection, SelectionIdentity } from '../contracts/selection.js';

export type SelectionMethod = Selection['method'];

export type { Selection, SelectionIdentity };

export interface SelectionOptions {
  perCluster: number;
  trainPerCluster: number;
  seed: number;
}

export const SELECTION_DEFAULTS: Readonly<SelectionOptions> = { perCluster: 7, trainPerCluster: 5, seed: DEFAULT_SEED };

/** An image of the pool. */
export interface SelectableImage {
  image: string;
  box?: [number, number, number, number];
}

function imageKey(item: SelectableImage): string {
  return item.box ? `${item.image}#${item.box.join(',')}` : item.image;
}

function priority(seed: number, purpose: string, item: SelectableImage): number {
  return deriveSeed(seed, purpose, imageKey(item));
}

function checkOptions(options: SelectionOptions): void {
  checkPositiveInteger(options.perCluster, 'perCluster');
  checkNonNegativeInteger(options.trainPerCluster, 'trainPerCluster');
  if (options.trainPerCluster > options.perCluster) {
    throw invalidArgument(`integer <= perCluster (${options.perCluster})`, 'trainPerCluster', options.trainPerCluster);
  }
}

/** Test identities among `taken` images of one group. */
function testCount(taken: number, options: SelectionOptions): number {
  if (taken >= options.perCluster) return options.perCluster - options.trainPerCluster;
  return Math.round((taken * (options.perCluster - options.trainPerCluster)) / options.perCluster);
}

function sortByPriority(indices: number[], images: readonly SelectableImage[], seed: number, purpose: string): number[] {
  const keyed = indices.map((i) => ({ i, p: priority(seed, purpose, images[i]), k: imageKey(images[i]) }));
  keyed.sort((a, b) => a.p - b.p || (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return keyed.map((x) => x.i);
}

function identity(id: number, item: SelectableImage, cluster: number, split: 'train' | 'test'): SelectionIdentity {
  return item.box ? { id, image: item.image, cluster, split, box: item.box } : { id, image: item.image, cluster, split };
}

/**
 * SDE selection: `clusters[c]` lists the pool indices of round-2 cluster c (label order).
 */
export function selectFromClusters(clusters: readonly (readonly number[])[], images: readonly SelectableImage[], options: Partial<SelectionOptions> = {}): Selection {
  const opts = { ...SELECTION_DEFAULTS, ...options };
  checkOptions(opts);
  const identities: SelectionIdentity[] = [];
  clusters.forEach((members, cluster) => {
    const picked = sortByPriority([...members], images, opts.seed, 'sde-pick').slice(0, opts.perCluster);
    const tests = testCount(picked.length, opts);
    picked.forEach((i, rank) => identities.push(identity(identities.length, images[i], cluster, rank < picked.length - tests ? 'train' : 'test')));
  });
  return { formatVersion: 1, method: 'sde', seed: opts.seed, identities };
}

/** The random baseline: `count` images of the pool, in groups of `perCluster` split 5:2. */
export function selectRandom(images: readonly SelectableImage[], count: number, options: Partial<SelectionOptions> = {}): Selection {
  const opts = { ...SELECTION_DEFAULTS, ...options };
  checkOptions(opts);
  checkNonNegativeInteger(count, 'count');
  if (count > images.length) throw invalidArgument(`at most ${images.length} (the pool size)`, 'identities', count);
  const picked = sortByPriority(
    images.map((_, i) => i),
    images,
    opts.seed,
    'random-pick',
  ).slice(0, count);
  const identities: SelectionIdentity[] = [];
  for (let g = 0; g < picked.length; g += opts.perCluster) {
    const group = picked.slice(g, g + opts.perCluster);
    const tests = testCount(group.length, opts);
    group.forEach((i, rank) => identities.push(identity(identities.length, images[i], -1, rank < group.length - tests ? 'train' : 'test')));
  }
  return { formatVersion: 1, method: 'random', seed: opts.seed, identities };
}
