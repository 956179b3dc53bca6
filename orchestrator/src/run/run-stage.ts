/**
 * Running one stage of a run, or skipping it: a stage whose previous record is done with the same
 * input key, and whose outputs on disk still hash to the recorded output key, is not run again
 * (its record is kept, marked up to date). Otherwise the stage runs; its own resume (outfit
 * records, cards, render progress) skips the items that are still current, so an interrupted
 * stage continues where it stopped.
 */
import type { StageRecord } from '../contracts/run-manifest.js';
import { toClonedPersonError } from '../shared/errors.js';
import { inputKey } from '../shared/input-key.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { StageWork } from './stage-work.js';

export interface RunStageOptions {
  /** The stage's record in the manifest of the previous invocation, if any. */
  previous?: StageRecord;
  /** Run the stage even when its record is current. */
  force?: boolean;
  onProgress: ProgressCallback;
  /** The clock (tests may fix it). */
  now?: () => Date;
}

/** Runs (or skips) `work`; a thrown error becomes a failed record with the error attached. */
export async function runStage(work: StageWork, options: RunStageOptions): Promise<{ record: StageRecord; error?: unknown }> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const startedAt = started.toISOString();
  const base = { name: work.name, ...(work.folder ? { folder: work.folder } : {}) };
  let key: string | undefined;
  try {
    const parts = await work.key();
    key = inputKey({ stage: `run:${work.name}`, item: 'run', options: parts.options, inputs: parts.inputs });
    const previous = options.previous;
    if (!options.force && previous?.status === 'done' && previous.inputKey === key && previous.outputKey !== undefined && (await work.outputKey()) === previous.outputKey) {
      options.onProgress(1, 1, 'up to date');
      // the record keeps the time of the invocation that made the outputs
      return { record: { ...previous, upToDate: true } };
    }
    const outcome = await work.run(options.onProgress);
    const outputKey = await work.outputKey();
    const record: StageRecord = {
      ...base,
      status: 'done',
      inputKey: key,
      ...(outputKey === undefined ? {} : { outputKey }),
      upToDate: outcome.upToDate ?? false,
      startedAt,
      seconds: seconds(started, now()),
      peopleIn: outcome.peopleIn,
      peopleOut: outcome.peopleOut,
      counts: outcome.counts,
      dropped: outcome.dropped,
    };
    return { record };
  } catch (raw) {
    const error = toClonedPersonError(raw);
    const record: StageRecord = {
      ...base,
      status: 'failed',
      ...(key === undefined ? {} : { inputKey: key }),
      startedAt,
      seconds: seconds(started, now()),
      counts: {},
      dropped: [],
      error: { code: error.code, message: error.message },
    };
    return { record, error: raw };
  }
}

function seconds(from: Date, to: Date): number {
  return Math.round(to.getTime() - from.getTime()) / 1000;
}
