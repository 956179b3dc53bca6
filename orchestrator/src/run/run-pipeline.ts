/**
 * `clonedperson run` as a library call: photos -> detect (or a garment list) -> cluster -> clone
 * -> characters -> render -> dataset -> eval, then clone fidelity and the HTML overview, in one
 * run folder (layout in run-layout.ts) with `manifest.json` rewritten after every stage.
 *
 * One image identity flows through every stage: the photo's path relative to the photos folder
 * (detections, the people list, the selection, the outfit ids, the characters' cards).
 *
 * Resume: each stage is skipped when its record in the previous manifest is done with the same
 * input key and its outputs are unchanged (run-stage.ts); otherwise it runs and its own resume
 * skips the items that are current. So an interrupted run, started again with the same
 * arguments, continues where it stopped and ends with the files of an uninterrupted run.
 */
import path from 'node:path';
import { PROTOCOL_VERSION } from '../../../protocol/src/version.js';
import { RUN_MANIFEST_CONTRACT, RUN_MANIFEST_FILE } from '../contracts/run-manifest.js';
import type { RunManifest, RunStageName, StageRecord } from '../contracts/run-manifest.js';
import { getPlayer } from '../players/players.js';
import type { PlayerDefinition } from '../players/player-definition.js';
import type { PlayerRunOptions, PlayerRuntime } from '../players/player-runner.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { packageInfo } from '../shared/package-info.js';
import type { ProgressCallback } from '../shared/progress.js';
import { readRunPhotos } from './photo-inputs.js';
import type { ResolvedRunConfig } from './run-config-defaults.js';
import { GARMENTS_FILE, PEOPLE_FILE, RUN_FOLDERS } from './run-layout.js';
import { runStage } from './run-stage.js';
import type { RunContext, StageWork } from './stage-work.js';
import { charactersStep } from './steps/characters-step.js';
import { datasetStep } from './steps/dataset-step.js';
import { detectStep } from './steps/detect-step.js';
import { EVAL_RESULT_FILE, evalStep } from './steps/eval-step.js';
import type { RunEvaluation } from './steps/eval-step.js';
import { cloneStep } from './steps/clone-step.js';
import { clusterStep } from './steps/cluster-step.js';
import { garmentsStep } from './steps/garments-step.js';
import { fidelityStep } from './steps/fidelity-step.js';
import { overviewStep } from './steps/overview-step.js';
import { renderStep } from './steps/render-step.js';
import { FIDELITY_FILE, OVERVIEW_FILE } from './run-layout.js';
import type { FidelityRecord } from '../contracts/run-manifest.js';

/** Where a run reports its stages (the CLI draws one progress bar per stage). */
export interface RunReporter {
  stageStarted(stage: RunStageName): ProgressCallback;
  stageFinished(record: StageRecord): void;
}

export interface RunPipelineOptions {
  /** The photos folder. */
  images: string;
  /** The run folder. */
  out: string;
  config: ResolvedRunConfig;
  /** The config file, for the manifest. */
  configFile?: { file: string; sha256: string };
  /** A garment list (JSONL or the authors' CSV) instead of detection. */
  garments?: string;
  /** Run every stage even when its record is current (items still resume by their own keys). */
  force?: boolean;
  cwd: string;
  env?: Readonly<Record<string, string | undefined>>;
  files?: FileStore;
  logger?: Logger;
  reporter?: RunReporter;
  /** Default: the registered player the config names. */
  player?: PlayerDefinition;
  playerRuntime?: PlayerRuntime;
  renderEnv?: Record<string, string>;
  maxRestarts?: number;
  renderTimeouts?: PlayerRunOptions['timeouts'];
  now?: () => Date;
  /** The overview's title and the credits of the inputs it shows. */
  title?: string;
  credits?: string[];
  /** The licence note of the photos for the dataset card. */
  sourceNote?: string;
}

const ALL_STAGES: readonly RunStageName[] = ['detect', 'garments', 'cluster', 'clone', 'characters', 'render', 'dataset', 'eval', 'fidelity', 'overview'];

async function previousManifest(file: string, files: FileStore, logger: Logger): Promise<RunManifest | undefined> {
  if (!(await files.exists(file))) return undefined;
  try {
    return RUN_MANIFEST_CONTRACT.parse(await files.read(file), file);
  } catch (error) {
    logger.warn(`run: ignoring the unreadable previous ${file} (${(error as Error).message}); every stage checks its own outputs`);
    return undefined;
  }
}

function peopleCounts(stages: readonly StageRecord[], photos: number): RunManifest['people'] {
  const out = (name: RunStageName): number => stages.find((s) => s.name === name && s.status === 'done')?.peopleOut ?? 0;
  return {
    photos,
    qualified: Math.max(out('detect'), out('garments')),
    selected: out('cluster'),
    outfits: out('clone'),
    characters: out('characters'),
    rendered: out('render'),
    inDataset: out('dataset'),
  };
}

/** Runs the pipeline; returns the final manifest (also in `<out>/manifest.json`). Throws the first stage failure after recording it. */
export async function runPipeline(options: RunPipelineOptions): Promise<RunManifest> {
  const files = options.files ?? nodeFileStore;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const { config } = options;
  const out = path.resolve(options.out);
  const images = path.resolve(options.images);
  const manifestFile = path.join(out, RUN_MANIFEST_FILE);
  if (!(await files.isDirectory(images))) throw new ClonedPersonError('E_INPUT_MISSING', `no such photos folder: ${images}`, { details: { file: images } });
  const photos = await readRunPhotos(images, files);
  const player = options.player ?? getPlayer(config.render.player);
  const previous = await previousManifest(manifestFile, files, logger);
  const context: RunContext = {
    images,
    photos,
    out,
    config,
    ...(options.garments ? { garments: path.resolve(options.garments) } : {}),
    cwd: options.cwd,
    env: options.env ?? {},
    files,
    logger,
    player,
    ...(options.playerRuntime ? { playerRuntime: options.playerRuntime } : {}),
    ...(options.renderEnv ? { renderEnv: options.renderEnv } : {}),
    ...(options.maxRestarts === undefined ? {} : { maxRestarts: options.maxRestarts }),
    ...(options.renderTimeouts ? { renderTimeouts: options.renderTimeouts } : {}),
    outputKeys: new Map(),
  };

  const first: 'detect' | 'garments' = context.garments ? 'garments' : 'detect';
  const firstDir = path.join(out, RUN_FOLDERS[first]);
  const steps: StageWork[] = [
    context.garments ? garmentsStep(context, context.garments) : detectStep(context),
    clusterStep(context, path.join(firstDir, PEOPLE_FILE), first),
    cloneStep(context, path.join(firstDir, GARMENTS_FILE)),
    charactersStep(context),
    renderStep(context),
    ...(config.dataset.enabled ? [datasetStep(context, options.sourceNote ?? `Source photos: ${images}; check their licence before sharing images derived from them.`)] : []),
    ...(config.dataset.enabled && config.eval.enabled ? [evalStep(context)] : []),
    ...(config.fidelity.enabled ? [fidelityStep(context)] : []),
    ...(config.overview.enabled
      ? [overviewStep(context, () => manifest, { title: options.title ?? `clonedperson run of ${images}`, credits: options.credits ?? [`Photos: ${images}`, 'Characters: MakeHuman 1.1 system assets (CC0)'] })]
      : []),
  ];
  const planned = new Set(steps.map((s) => s.name));
  const manifest: RunManifest = {
    formatVersion: 1,
    tool: { name: packageInfo().name, version: packageInfo().version },
    versions: { node: process.version, protocol: PROTOCOL_VERSION, player: { name: player.name, version: player.version } },
    startedAt: now().toISOString(),
    inputs: {
      images: { folder: images, files: photos.ids.length, sha256: photos.sha256 },
      ...(context.garments ? { garments: { file: context.garments, sha256: contentHash(await files.read(context.garments)) } } : {}),
      ...(options.configFile ? { config: options.configFile } : {}),
    },
    config,
    seed: config.seed,
    stages: ALL_STAGES.map((name) => ({ name, status: planned.has(name) ? 'pending' : 'skipped', counts: {}, dropped: [] })),
    people: peopleCounts([], photos.ids.length),
    outputs: { manifest: RUN_MANIFEST_FILE },
  };
  const write = (): Promise<void> => files.writeAtomic(manifestFile, RUN_MANIFEST_CONTRACT.format(manifest));
  await write();

  for (const step of steps) {
    const index = manifest.stages.findIndex((s) => s.name === step.name);
    manifest.stages[index] = { ...manifest.stages[index], status: 'running' };
    await write();
    const onProgress = options.reporter?.stageStarted(step.name) ?? (() => undefined);
    const { record, error } = await runStage(step, {
      ...(previous ? { previous: previous.stages.find((s) => s.name === step.name) } : {}),
      force: options.force ?? false,
      onProgress,
      now,
    });
    manifest.stages[index] = record;
    if (record.outputKey) context.outputKeys.set(step.name, record.outputKey);
    manifest.people = peopleCounts(manifest.stages, photos.ids.length);
    if (record.folder) manifest.outputs[step.name] = record.folder;
    if (step.name === 'fidelity' && record.status === 'done') {
      const file = path.join(out, RUN_FOLDERS.fidelity, FIDELITY_FILE);
      manifest.fidelity = JSON.parse(await files.readText(file)) as FidelityRecord;
    }
    if (step.name === 'eval' && record.status === 'done') {
      const result = JSON.parse(await files.readText(path.join(out, RUN_FOLDERS.eval, EVAL_RESULT_FILE))) as RunEvaluation;
      if (result) manifest.evaluation = { mAP: result.mAP, rank1: result.rank1, rank5: result.rank5, rank10: result.rank10, queries: result.queries, gallery: result.gallery };
      else delete manifest.evaluation;
    }
    if (step.name === 'overview' && record.status === 'done') manifest.outputs.overview = path.posix.join(RUN_FOLDERS.overview, OVERVIEW_FILE);
    await write();
    options.reporter?.stageFinished(record);
    if (error !== undefined) throw toClonedPersonError(error);
  }
  return manifest;
}
