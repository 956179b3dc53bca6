/**
 * Contract: `selection.json`, the images that become characters. Producer: cluster (SDE or the
 * random baseline). Consumers: characters (one character per identity), dataset (train/test
 * split), run. Image paths are as the image list gave them (relative to its root), which is
 * also how the clone stage names outfits ({@link outfitIdForImage}).
 */
import { defineJsonContract } from './contract.js';

/** [x1, y1, x2, y2] in image pixels. */
export type ImageBoxPx = [number, number, number, number];

/**
 * A non-negative integer.
 * @asType integer
 * @minimum 0
 */
export type Count = number;

export interface SelectionIdentity {
  /** The identity number: 0-based and unique; character folders and dataset pids derive from it. */
  id: Count;
  /**
   * The image path as the image list gave it.
   * @minLength 1
   */
  image: string;
  /**
   * The round-2 cluster the image comes from (-1 for random selection).
   * @asType integer
   * @minimum -1
   */
  cluster: number;
  split: 'train' | 'test';
  /** The person box in image pixels, when the image list had one. */
  box?: ImageBoxPx;
}

export interface Selection {
  formatVersion: 1;
  method: 'sde' | 'random';
  seed: Count;
  identities: SelectionIdentity[];
  /** Input key of the run that wrote it (see shared/input-key.ts); absent in hand-written files. */
  inputKey?: string;
}

export const SELECTION_FILE = 'selection.json';

export const SELECTION_CONTRACT = defineJsonContract<Selection>({
  type: 'Selection',
  formatVersion: 1,
  errorCode: 'E_SELECTION_INVALID',
  check(selection, fail) {
    const seen = new Set<number>();
    selection.identities.forEach((identity, i) => {
      if (seen.has(identity.id)) fail(`/identities/${i}/id`, `identity ${identity.id} is repeated`);
      seen.add(identity.id);
    });
  },
});
