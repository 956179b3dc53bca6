/**
 * The render stage: a scene spec (one sweep variant), a folder of characters and a player
 * become frames per camera and one annotations file.
 *
 * Output folder:
 * - `frames/<camera>/<step>.jpg|png` — one image per camera and rendered step (6-digit step);
 * - `annotations.jsonl` — one line per (step, camera, person seen): step, timeS, camera,
 *   personId, characterId, frame, visibleBox, amodalBox, visibleFraction, visiblePixels,
 *   keypoints (COCO-17 [x, y, v]), depthM;
 * - `scene.json` — the resolved spec; `player.log` — the player's output;
 * - `progress.json` — last acknowledged step and the annotations length at that point, so an
 *   interrupted run resumes where it stopped (the annotations are cut back to that length);
 * - `render.json` — written last: the run's summary (its presence means done).
 */
import { readdir, readFile, stat, truncate, appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { StepMessage, WireCamera, WireEnvironment } from '../../../protocol/src/index.js';
import { encodePng } from '../imaging/image-io.js';
import { computeChoreography, cameraRendersAt } from '../scene/choreography.js';
import type { Choreography } from '../scene/choreography.js';
import { backgroundPanorama, groundTexture } from '../scene/environment-textures.js';
import { cameraLookAt, sceneStepCount } from '../scene/scene-spec.js';
import type { SceneSpec } from '../scene/scene-spec.js';
import { ClonedPersonError } from '../shared/errors.js';
import { pathExists, resolveInside, sha256, writeFileAtomic, writeJsonAtomic } from '../shared/files.js';
import type { Logger } from '../shared/logger.js';
import { noProgress } from '../shared/progress.js';
import type { ProgressCallback } from '../shared/progress.js';
import { deriveSeed } from '../shared/random.js';
import type { StepOutput } from '../players/player-connection.js';
import type { PlayerDefinition } from '../players/player-definition.js';
import { runPlayer } from '../players/player-runner.js';
import type { PlayerRunOptions } from '../players/player-runner.js';

export interface RenderRunOptions {
  scene: SceneSpec;
  /** Characters: `<dir>/<id>/character.glb` (characters stage) or `<dir>/*.glb`. */
  charactersDir: string;
  outDir: string;
  player: PlayerDefinition;
  /** Render only the first N steps (default: the whole duration). */
  frames?: number;
  /** Override the scene's frame rate. */
  fps?: number;
  encoding?: 'jpeg' | 'png';
  jpegQuality?: number;
  workers?: number;
  samplesPerPixel?: number;
  logger: Logger;
  onProgress?: ProgressCallback;
  /** Extra player environment (tests), restart budget and timeouts. */
  env?: Record<string, string>;
  maxRestarts?: number;
  timeouts?: PlayerRunOptions['timeouts'];
  server?: PlayerRunOptions['server'];
}

export const RENDER_DEFAULTS = { encoding: 'jpeg' as const, jpegQuality: 92, samplesPerPixel: 2 };

export interface RenderSummary {
  formatVersion: 1;
  scene: string;
  seed: number;
  fps: number;
  steps: number;
  cameras: { index: number; name: string; widthPx: number; heightPx: number; fovDeg: number; positionM: number[]; lookAtM: number[] }[];
  characters: string[];
  player: string;
  restarts: number;
  frames: number;
  annotations: number;
  choreography: Choreography['stats'];
  key: string;
}

interface Progress {
  key: string;
  /** Last acknowledged step, -1 before the first. */
  lastStep: number;
  annotationsBytes: number;
  frames: number;
  annotations: number;
}

/** Lists the characters of a folder: `<id>/character.glb` first, else `*.glb` (id = file stem). */
export async function listCharacterFiles(dir: string): Promise<{ id: string; file: string }[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new ClonedPersonError('E_NO_CHARACTERS', `cannot read the characters folder ${dir}`, { cause, details: { dir } });
  }
  const found: { id: string; file: string }[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await pathExists(path.join(dir, entry.name, 'character.glb')))) {
      found.push({ id: entry.name, file: path.join(dir, entry.name, 'character.glb') });
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.glb')) {
      found.push({ id: entry.name.replace(/\.glb$/i, ''), file: path.join(dir, entry.name) });
    }
  }
  if (found.length === 0) throw new ClonedPersonError('E_NO_CHARACTERS', `no character .glb files in ${dir}`, { details: { dir } });
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The sun's travel direction from azimuth (direction it shines from) and elevation. */
function sunDirection(azimuthDeg: number, elevationDeg: number): [number, number, number] {
  const az = (azimuthDeg * Math.PI) / 180, el = (elevationDeg * Math.PI) / 180;
  return [-Math.sin(az) * Math.cos(el), -Math.sin(el), -Math.cos(az) * Math.cos(el)];
}

async function wireEnvironment(spec: SceneSpec): Promise<WireEnvironment> {
  const env = spec.environment;
  const baseDir = spec.baseDir ?? process.cwd();
  const asset = async (file: string | undefined, generate: () => Promise<Uint8Array | null>) => {
    if (file) return { path: resolveInside(baseDir, file) };
    const bytes = await generate();
    return bytes ? { base64: Buffer.from(bytes).toString('base64'), mimeType: 'image/png' } : undefined;
  };
  const ground = await asset(env.ground.texture, async () =>
    env.ground.pattern === 'plain' ? null : new Uint8Array(await encodePng(groundTexture(env.ground.pattern, deriveSeed(spec.seed, 'ground')))),
  );
  const panorama = await asset(env.background.image, async () => {
    const image = backgroundPanorama(env.background.pattern, deriveSeed(spec.seed, 'background'));
    return image ? new Uint8Array(await encodePng(image)) : null;
  });
  return {
    ground: { color: env.ground.color, tileM: env.ground.tileM, halfSizeM: env.ground.halfSizeM, ...(ground ? { texture: ground } : {}) },
    background: { zenithColor: env.background.zenithColor, horizonColor: env.background.horizonColor, ...(panorama ? { image: panorama } : {}) },
    lighting: { ambient: env.lighting.ambient, sunDirection: sunDirection(env.lighting.sun.azimuthDeg, env.lighting.sun.elevationDeg), sunColor: env.lighting.sun.color },
  };
}

/** Renders one scene variant with a player; resumes an interrupted run in the same folder. */
export async function renderScene(options: RenderRunOptions): Promise<RenderSummary> {
  const log = options.logger;
  const onProgress = options.onProgress ?? noProgress;
  const spec: SceneSpec = { ...options.scene, ...(options.fps ? { fps: options.fps } : {}) };
  const encoding = options.encoding ?? RENDER_DEFAULTS.encoding;
  const jpegQuality = options.jpegQuality ?? RENDER_DEFAULTS.jpegQuality;
  const characters = await listCharacterFiles(options.charactersDir);
  const total = Math.min(options.frames ?? Infinity, sceneStepCount(spec));
  const choreography = computeChoreography(spec, characters.map((c) => c.id), { steps: total });
  const ext = encoding === 'jpeg' ? 'jpg' : 'png';
  const cameras: WireCamera[] = spec.cameras.map((c, index) => ({
    camera: index,
    name: c.name,
    positionM: c.positionM,
    lookAtM: cameraLookAt(c),
    fovDeg: c.fovDeg,
    widthPx: c.widthPx,
    heightPx: c.heightPx,
    encoding,
    ...(encoding === 'jpeg' ? { jpegQuality } : {}),
  }));
  const { baseDir: _baseDir, ...specForKey } = spec;
  const characterHashes = await Promise.all(characters.map(async (c) => `${c.id}:${(await stat(c.file)).size}:${(await stat(c.file)).mtimeMs}`));
  const key = sha256(JSON.stringify({ spec: specForKey, total, encoding, jpegQuality, samples: options.samplesPerPixel ?? RENDER_DEFAULTS.samplesPerPixel, characters: characterHashes }));
  const out = options.outDir;
  const summaryFile = path.join(out, 'render.json');
  const progressFile = path.join(out, 'progress.json');
  const annotationsFile = path.join(out, 'annotations.jsonl');
  if (await pathExists(summaryFile)) {
    const done = JSON.parse(await readFile(summaryFile, 'utf8')) as RenderSummary;
    if (done.key === key) {
      log.info(`render: ${spec.name}: already rendered in ${out}; nothing to do`);
      onProgress(total, total);
      return done;
    }
  }
  let progress: Progress = { key, lastStep: -1, annotationsBytes: 0, frames: 0, annotations: 0 };
  if (await pathExists(progressFile)) {
    const previous = JSON.parse(await readFile(progressFile, 'utf8')) as Progress;
    if (previous.key === key) {
      progress = previous;
      log.info(`render: ${spec.name}: resuming after step ${progress.lastStep}`);
    } else log.warn(`render: ${spec.name}: ${out} holds a different run; starting over`);
  }
  // Cut the annotations back to the last acknowledged step (a crash may have left more).
  if (await pathExists(annotationsFile)) await truncate(annotationsFile, progress.annotationsBytes);
  else await writeFileAtomic(annotationsFile, '');
  await writeJsonAtomic(path.join(out, 'scene.json'), specForKey);

  const frameOf = (step: number) => choreography.frames[step];
  const stepAt = (step: number): StepMessage => {
    const frame = frameOf(step);
    return {
      type: 'frame/step',
      step,
      timeS: frame.timeS,
      persons: frame.persons.map((p) => ({
        personId: p.personId,
        characterId: p.characterId,
        positionM: p.positionM,
        headingDeg: p.headingDeg,
        walkPhase: p.walkPhase,
        speedMps: p.speedMps,
      })),
      cameras: spec.cameras.flatMap((c, i) => (cameraRendersAt(step, spec.fps, c.fps) ? [i] : [])),
    };
  };
  const onResult = async (output: StepOutput): Promise<void> => {
    const frame = frameOf(output.step);
    const stepName = String(output.step).padStart(6, '0');
    const byPerson = new Map(frame.persons.map((p) => [p.personId, p]));
    for (const image of output.frames) {
      await writeFileAtomic(path.join(out, 'frames', cameras[image.camera].name, `${stepName}.${ext}`), image.payload);
    }
    const lines = output.result.annotations.map((a) =>
      JSON.stringify({
        step: output.step,
        timeS: Math.round(frame.timeS * 1e6) / 1e6,
        camera: cameras[a.camera].name,
        personId: a.personId,
        characterId: byPerson.get(a.personId)?.characterId ?? null,
        frame: `frames/${cameras[a.camera].name}/${stepName}.${ext}`,
        visibleBox: a.visibleBox,
        amodalBox: a.amodalBox,
        visibleFraction: Math.round(a.visibleFraction * 1e6) / 1e6,
        visiblePixels: a.visiblePixels,
        keypoints: a.keypoints,
        depthM: a.depthM,
      }),
    );
    const text = lines.length ? `${lines.join('\n')}\n` : '';
    if (text) await appendFile(annotationsFile, text);
    progress = {
      key,
      lastStep: output.step,
      annotationsBytes: progress.annotationsBytes + Buffer.byteLength(text),
      frames: progress.frames + output.frames.length,
      annotations: progress.annotations + lines.length,
    };
    await writeJsonAtomic(progressFile, progress);
    onProgress(output.step + 1, total, `step ${output.step}`);
  };

  const first = progress.lastStep + 1;
  let engine = '';
  let restarts = 0;
  if (first < total) {
    const environment = await wireEnvironment(spec);
    log.info(`render: ${spec.name}: steps ${first}..${total - 1} of ${total}, ${cameras.length} cameras, ${characters.length} characters, player ${options.player.name}`);
    const run = await runPlayer({
      player: options.player,
      setup: {
        sceneName: spec.name,
        environment,
        characters: characters.map((c) => ({ characterId: c.id, source: { path: path.resolve(c.file) } })),
        cameras,
      },
      firstStep: first,
      endStep: total,
      stepAt,
      onResult,
      logger: log,
      logFile: path.join(out, 'player.log'),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      samplesPerPixel: options.samplesPerPixel ?? RENDER_DEFAULTS.samplesPerPixel,
      // The player may read only the characters and the scene's own files.
      assetRoots: [path.resolve(options.charactersDir), path.resolve(spec.baseDir ?? process.cwd())],
      ...(options.env ? { env: options.env } : {}),
      ...(options.maxRestarts === undefined ? {} : { maxRestarts: options.maxRestarts }),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.server ? { server: options.server } : {}),
    });
    engine = run.engine;
    restarts = run.restarts;
  }
  const summary: RenderSummary = {
    formatVersion: 1,
    scene: spec.name,
    seed: spec.seed,
    fps: spec.fps,
    steps: total,
    cameras: cameras.map((c) => ({ index: c.camera, name: c.name, widthPx: c.widthPx, heightPx: c.heightPx, fovDeg: c.fovDeg, positionM: c.positionM, lookAtM: c.lookAtM })),
    characters: characters.map((c) => c.id),
    player: engine || options.player.name,
    restarts,
    frames: progress.frames,
    annotations: progress.annotations,
    choreography: choreography.stats,
    key,
  };
  await writeJsonAtomic(summaryFile, summary);
  return summary;
}
