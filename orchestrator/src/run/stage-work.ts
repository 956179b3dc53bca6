/**
 * One stage of a run as the pipeline sees it: what its input key covers, how to hash what it
 * wrote, and how to run it. Steps (steps/*.ts) adapt each stage's library call to this shape;
 * run-stage.ts decides whether a step runs at all.
 */
import type { RunStageName, StageDrop } from '../contracts/run-manifest.js';
import type { FileStore } from '../shared/file-store.js';
import type { Logger } from '../shared/logger.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { PlayerDefinition } from '../players/player-definition.js';
import type { PlayerRunOptions, PlayerRuntime } from '../players/player-runner.js';
import type { RunPhotos } from './photo-inputs.js';
import type { ResolvedRunConfig } from './run-config-defaults.js';

/** What a finished step reports about the people and things it handled. */
export interface StageOutcome {
  peopleIn: number;
  peopleOut: number;
  counts: Record<string, number>;
  dropped: StageDrop[];
  /** The stage's own resume found nothing to redo. */
  upToDate?: boolean;
}

export interface StageWork {
  name: RunStageName;
  /** Output folder relative to the run folder. */
  folder?: string;
  /** Everything the stage's input key covers (shared/input-key.ts adds the package version). */
  key(): Promise<{ options: unknown; inputs: Record<string, string | string[]> }>;
  /** A hash over the stage's completion records as they are on disk; undefined when some are missing. */
  outputKey(): Promise<string | undefined>;
  run(onProgress: ProgressCallback): Promise<StageOutcome>;
}

/** What every step gets. */
export interface RunContext {
  /** The photos folder; image ids are paths relative to it. */
  images: string;
  photos: RunPhotos;
  /** The run folder. */
  out: string;
  config: ResolvedRunConfig;
  /** A garment list used instead of detection (JSONL or the authors' CSV). */
  garments?: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  files: FileStore;
  logger: Logger;
  player: PlayerDefinition;
  /** Test seams of the render stage (in-process players, fault injection, restart budget). */
  playerRuntime?: PlayerRuntime;
  renderEnv?: Record<string, string>;
  maxRestarts?: number;
  renderTimeouts?: PlayerRunOptions['timeouts'];
  /** Output keys of the stages finished so far in this run. */
  outputKeys: Map<RunStageName, string>;
}
