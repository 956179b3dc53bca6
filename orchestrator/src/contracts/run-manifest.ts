/**
 * Contract: `manifest.json` at the top of a run folder (`clonedperson run` / `demo`). Producer:
 * run, which rewrites it after every stage. Consumers: run itself (resume: a stage whose record
 * is done with the same input key, and whose outputs still hash to its output key, is skipped),
 * users and tools that want to know what a dataset was made from.
 *
 * It holds the inputs (content hashes), the resolved config and seed, the versions, and per stage
 * its status, input key, output key, counts, the people it dropped (by reason) and its time.
 * Times (`startedAt`, `seconds`) are the only fields that differ between two identical runs.
 */
import { defineJsonContract } from './contract.js';
import type { RunConfig } from './run-config.js';
import type { Count } from './selection.js';

export const RUN_MANIFEST_FILE = 'manifest.json';

/** The stages of a run, in order. */
export type RunStageName = 'detect' | 'garments' | 'cluster' | 'clone' | 'characters' | 'render' | 'dataset' | 'eval' | 'fidelity' | 'overview';

/** People a stage did not pass on, for one reason. */
export interface StageDrop {
  /** An error code (`E_NO_CLOTH_CELL`) or a reason word (`not-selected`, `never-in-view`). */
  reason: string;
  count: Count;
  /** The people, by image id (the photo's path relative to the images folder). */
  images: string[];
  /** One example message. */
  message?: string;
}

export interface StageRecord {
  name: RunStageName;
  /** `skipped`: not part of this run (detect with a garment list, a disabled stage). */
  status: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
  /** Over the stage's options and its inputs (files' content hashes, earlier stages' output keys). */
  inputKey?: string;
  /** Over what the stage wrote (its completion records); later stages' keys include it. */
  outputKey?: string;
  /** True when the stage had nothing to redo (its input key and outputs were unchanged). */
  upToDate?: boolean;
  /** ISO 8601 time the stage started. */
  startedAt?: string;
  /** Wall time, seconds. */
  seconds?: number;
  /** People coming in and going on (photos, persons, identities, characters). */
  peopleIn?: Count;
  peopleOut?: Count;
  /** Stage-specific counts (outfits, textures, frames, images...). */
  counts: Record<string, number>;
  dropped: StageDrop[];
  /** The stage's output folder, relative to the run folder. */
  folder?: string;
  error?: { code: string; message: string };
}

/** Clone fidelity: are the characters recognisably the people they were cloned from? */
export interface FidelityRecord {
  /** The feature the ranking used (`appearance-v1` for the built-in descriptor). */
  descriptor: string;
  /** Rendered crops used as queries. */
  queries: Count;
  /** Source photos ranked for each query (every character's source photo). */
  gallery: Count;
  /**
   * Share of queries whose nearest source photo is their character's own, 0..1.
   * @minimum 0
   * @maximum 1
   */
  rank1: number;
  /**
   * Share whose own photo is among the 5 nearest, 0..1.
   * @minimum 0
   * @maximum 1
   */
  rank5: number;
  /**
   * rank-1 of a random ranking: 1 / gallery.
   * @minimum 0
   * @maximum 1
   */
  chance: number;
  /** Mean of the per-character rank-1 (each character weighs the same, whatever its crop count). */
  characterRank1: number;
  characters: FidelityCharacter[];
}

export interface FidelityCharacter {
  characterId: string;
  identity: Count;
  image: string;
  queries: Count;
  /** Share of this character's crops whose nearest source photo is its own. */
  rank1: number;
  /** 1-based rank of its own photo for the mean feature of its crops. */
  meanFeatureRank: PositiveRank;
}

/**
 * @asType integer
 * @minimum 1
 */
export type PositiveRank = number;

export interface RunManifest {
  formatVersion: 1;
  tool: { name: string; version: string };
  versions: {
    node: string;
    /** The player protocol version. */
    protocol: string;
    player?: { name: string; version: string };
  };
  /** ISO 8601 time of the first stage of this invocation. */
  startedAt: string;
  inputs: {
    /** The photos folder; image ids are paths relative to it. */
    images: { folder: string; files: Count; sha256: string };
    /** A garment list given instead of detection. */
    garments?: { file: string; sha256: string };
    /** The config file, when one was given. */
    config?: { file: string; sha256: string };
  };
  /** The resolved config (defaults filled in). */
  config: RunConfig;
  seed: Count;
  stages: StageRecord[];
  /** How many people reached each point. */
  people: { photos: Count; qualified: Count; selected: Count; outfits: Count; characters: Count; rendered: Count; inDataset: Count };
  fidelity?: FidelityRecord;
  /** The evaluation of the dataset's test split, as the eval stage reported it (fractions 0..1). */
  evaluation?: { mAP: number; rank1: number; rank5: number; rank10: number; queries: Count; gallery: Count };
  /** Where things are, relative to the run folder. */
  outputs: Record<string, string>;
}

export const RUN_MANIFEST_CONTRACT = defineJsonContract<RunManifest>({
  type: 'RunManifest',
  formatVersion: 1,
  errorCode: 'E_MANIFEST_INVALID',
  check(manifest, fail) {
    const seen = new Set<string>();
    manifest.stages.forEach((stage, i) => {
      if (seen.has(stage.name)) fail(`/stages/${i}/name`, `stage ${stage.name} is listed twice`);
      seen.add(stage.name);
      stage.dropped.forEach((drop, j) => {
        if (drop.count !== drop.images.length) fail(`/stages/${i}/dropped/${j}/count`, `is ${drop.count} but ${drop.images.length} images are listed`);
      });
    });
  },
});
