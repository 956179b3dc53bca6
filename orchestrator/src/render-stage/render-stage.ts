/**
 * The render stage: a scene spec (one sweep variant), a folder of characters and a player
 * become frames per camera and one annotations file (layout in contracts/render-record.ts).
 *
 * Resume: `render.json` is written last with the run's input key (shared/input-key.ts: the
 * resolved spec, every option, the player and its version, the content hashes of the characters
 * and scene images, the package version); a folder holding the same key is done. While running,
 * `progress.json` records the last acknowledged step and the annotations' length at that point,
 * so an interrupted run with the same key resumes where it stopped (the annotations are cut back
 * to that length) and a run with another key starts over.
 */
import path from 'node:path';
import { ANNOTATION_LINE_CONTRACT, RENDER_FILES, RENDER_RECORD_CONTRACT, framePath } from '../contracts/render-record.js';
import type { RenderRecord } from '../contracts/render-record.js';
import { computeChoreography } from '../scene/choreography.js';
import { sceneStepCount } from '../scene/scene-spec.js';
import type { SceneSpec } from '../scene/scene-spec.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash, inputKey } from '../shared/input-key.js';
import type { Logger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import type { StepOutput } from '../players/player-connection.js';
import type { PlayerDefinition } from '../players/player-definition.js';
import { runPlayer } from '../players/player-runner.js';
import type { PlayerRunOptions, PlayerRuntime } from '../players/player-runner.js';
import { characterCycleLengths } from './character-gaits.js';
import { listCharacterFiles } from './character-list.js';
import { finishFrame } from './frame-looks.js';
import { sceneImages } from './scene-images.js';
import { sceneProps } from './scene-props.js';
import { annotationLines, recordCameras, recordChoreography, stepMessage, wireCameras, wireEnvironment } from './wire-conversions.js';
import type { FrameEncoding } from './wire-conversions.js';
import { jsonText } from '../shared/json-text.js';

export interface RenderRunOptions {
  scene: SceneSpec;
  /** Characters: `<dir>/<id>/character.glb` (characters stage) or `<dir>/*.glb`. */
  charactersDir: string;
  outDir: string;
  player: PlayerDefinition;
  /** Render only the first N steps (default: the whole duration). */
  steps?: number;
  /** Override the scene's frame rate (steps per second). */
  fps?: number;
  encoding?: FrameEncoding;
  jpegQuality?: number;
  /** Render threads in the player (0 = inline; default: all cores). */
  threads?: number;
  /** Supersampling per pixel axis (1 = off). */
  samplesPerAxis?: number;
  /** The folder relative paths of a spec without `baseDir` resolve against. */
  cwd: string;
  files?: FileStore;
  logger: Logger;
  onProgress?: ProgressCallback;
  /** Extra player environment (tests), restart budget and timeouts. */
  env?: Record<string, string>;
  maxRestarts?: number;
  timeouts?: PlayerRunOptions['timeouts'];
  server?: PlayerRunOptions['server'];
  /** Transport, process host and clock of the player session (default: the real ones; tests run players in-process). */
  playerRuntime?: PlayerRuntime;
}

export const RENDER_DEFAULTS = { encoding: 'jpeg' as FrameEncoding, jpegQuality: 92, samplesPerAxis: 2 };

export interface RenderSummary extends RenderRecord {
  /** True when the folder already held this render (nothing was redone). */
  upToDate: boolean;
}

/** Internal resume state (not a contract: only this stage reads it). */
interface Progress {
  inputKey: string;
  /** Last acknowledged step, -1 before the first. */
  lastStep: number;
  annotationsBytes: number;
  frames: number;
  annotations: number;
}

const PROGRESS_FILE = 'progress.json';

async function readJsonOrUndefined<T>(files: FileStore, file: string, parse: (bytes: Uint8Array) => T): Promise<T | undefined> {
  if (!(await files.exists(file))) return undefined;
  try {
    return parse(await files.read(file));
  } catch {
    return undefined;
  }
}

/** Renders one scene variant with a player; resumes an interrupted run in the same folder. */
export async function renderScene(options: RenderRunOptions): Promise<RenderSummary> {
  const log = options.logger;
  const files = options.files ?? nodeFileStore;
  const onProgress = options.onProgress ?? noProgress;
  const { baseDir, ...resolvedSpec } = { ...options.scene, ...(options.fps ? { fps: options.fps } : {}) };
  const spec: SceneSpec = resolvedSpec;
  const sceneDir = baseDir ?? options.cwd;
  const encoding = options.encoding ?? RENDER_DEFAULTS.encoding;
  const jpegQuality = options.jpegQuality ?? RENDER_DEFAULTS.jpegQuality;
  const samplesPerAxis = options.samplesPerAxis ?? RENDER_DEFAULTS.samplesPerAxis;
  const characters = await listCharacterFiles(options.charactersDir, files);
  const total = Math.min(options.steps ?? Infinity, sceneStepCount(spec));
  const cameras = wireCameras(spec, encoding, jpegQuality, samplesPerAxis);
  const images = await sceneImages(spec, sceneDir, files);
  const props = await sceneProps(spec, sceneDir, files);
  const characterHashes = await Promise.all(characters.map(async (c) => `${c.id}:${contentHash(await files.read(c.file))}`));
  const key = inputKey({
    stage: 'render',
    item: spec.name,
    options: { spec, steps: total, encoding, jpegQuality, samplesPerAxis, player: { name: options.player.name, version: options.player.version } },
    inputs: { characters: characterHashes, ground: images.ground?.hash ?? '', background: images.background?.hash ?? '', props: props.props.map((p) => `${p.wire.name}:${p.hash}`) },
  });
  const out = options.outDir;
  const recordFile = path.join(out, RENDER_FILES.record);
  const progressFile = path.join(out, PROGRESS_FILE);
  const annotationsFile = path.join(out, RENDER_FILES.annotations);
  const done = await readJsonOrUndefined(files, recordFile, (bytes) => RENDER_RECORD_CONTRACT.parse(bytes, recordFile));
  if (done?.inputKey === key) {
    log.info(`render: ${spec.name}: already rendered in ${out}; nothing to do`);
    onProgress(total, total);
    return { ...done, upToDate: true };
  }
  await files.remove(recordFile);
  let progress: Progress = { inputKey: key, lastStep: -1, annotationsBytes: 0, frames: 0, annotations: 0 };
  const previous = await readJsonOrUndefined(files, progressFile, (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Progress);
  if (previous?.inputKey === key) {
    progress = previous;
    log.info(`render: ${spec.name}: resuming after step ${progress.lastStep}`);
  } else if (previous) log.warn(`render: ${spec.name}: ${out} holds a different run; starting over`);
  // Cut the annotations back to the last acknowledged step (a crash may have left more).
  const annotationsSoFar = (await files.exists(annotationsFile)) ? await files.read(annotationsFile) : new Uint8Array(0);
  await files.writeAtomic(annotationsFile, annotationsSoFar.subarray(0, progress.annotationsBytes));
  // A fresh start drops the frames of whatever run the folder held (fewer steps, another encoding).
  if (progress.lastStep < 0) await files.remove(path.join(out, 'frames'));
  await files.writeAtomic(path.join(out, RENDER_FILES.scene), jsonText(spec));

  const choreography = computeChoreography(
    spec,
    characters.map((c) => c.id),
    { steps: total, obstacles: props.obstacles, cycleLengthM: await characterCycleLengths(characters, files) },
  );
  const onResult = async (output: StepOutput): Promise<void> => {
    const frame = choreography.frames[output.step];
    for (const image of output.frames) {
      const camera = spec.cameras[image.camera];
      const bytes = await finishFrame(image, camera, spec.seed, encoding, jpegQuality);
      await files.writeAtomic(path.join(out, framePath(camera.name, output.step, encoding)), bytes);
    }
    const text = annotationLines(output.result, frame, cameras, encoding).map((line) => ANNOTATION_LINE_CONTRACT.formatLine(line)).join('');
    if (text) await files.append(annotationsFile, text);
    progress = {
      inputKey: key,
      lastStep: output.step,
      annotationsBytes: progress.annotationsBytes + Buffer.byteLength(text),
      frames: progress.frames + output.frames.length,
      annotations: progress.annotations + output.result.annotations.length,
    };
    await files.writeAtomic(progressFile, `${JSON.stringify(progress)}\n`);
    onProgress(output.step + 1, total, `step ${output.step}`);
  };

  const first = progress.lastStep + 1;
  let engine = '';
  let restarts = 0;
  if (first < total) {
    log.info(`render: ${spec.name}: steps ${first}..${total - 1} of ${total}, ${cameras.length} cameras, ${characters.length} characters, player ${options.player.name}`);
    const run = await runPlayer({
      player: options.player,
      setup: {
        sceneName: spec.name,
        environment: wireEnvironment(spec, { ground: images.ground?.source, background: images.background?.source }),
        props: props.props.map((p) => p.wire),
        ...(spec.unityScene === undefined ? {} : { unityScene: spec.unityScene }),
        characters: characters.map((c) => ({ characterId: c.id, source: { path: path.resolve(c.file) } })),
        cameras,
      },
      firstStep: first,
      endStep: total,
      stepAt: (step) => stepMessage(step, choreography.frames[step], spec),
      onResult,
      logger: log,
      logFile: path.join(out, RENDER_FILES.playerLog),
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      // The player may read only the characters and the scene's own files.
      assetRoots: [path.resolve(options.charactersDir), path.resolve(sceneDir)],
      ...(options.env ? { env: options.env } : {}),
      ...(options.maxRestarts === undefined ? {} : { maxRestarts: options.maxRestarts }),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.server ? { server: options.server } : {}),
      ...options.playerRuntime,
    });
    engine = run.engine;
    restarts = run.restarts;
  }
  const record: RenderRecord = {
    formatVersion: 1,
    scene: spec.name,
    seed: spec.seed,
    fps: spec.fps,
    steps: total,
    cameras: recordCameras(cameras),
    characters: characters.map((c) => c.id),
    player: engine || options.player.name,
    restarts,
    frames: progress.frames,
    annotations: progress.annotations,
    choreography: recordChoreography(choreography.stats),
    inputKey: key,
  };
  await files.writeAtomic(recordFile, RENDER_RECORD_CONTRACT.format(record));
  await files.remove(progressFile);
  return { ...record, upToDate: false };
}
