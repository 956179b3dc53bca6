/**
 * The render stage end to end with the embedded player as a real child process (started from
 * the TypeScript sources through tsx): frames and annotations on disk, then a player that
 * crashes or stalls mid-run (test-only fault injection) recovers with exactly the frames of a
 * clean run, and an interrupted run resumes where it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getPlayer } from '../../orchestrator/src/players/players.js';
import { renderScene } from '../../orchestrator/src/render-stage/render-stage.js';
import type { RenderRunOptions } from '../../orchestrator/src/render-stage/render-stage.js';
import { parseSceneText } from '../../orchestrator/src/scene/scene-loader.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { buildSkinnedFigureGlb, checkerImage } from '../helpers/gltf-fixtures.js';
import { runCliCaptured } from '../helpers/cli.js';

const SCENE = `
formatVersion: 1
name: tiny
fps: 10
durationS: 1
environment:
  ground: { pattern: paving, tileM: 1.5, halfSizeM: 30 }
  background: { pattern: city }
cameras:
  - { name: front, positionM: [0, 2.0, 7], lookAtM: [0, 0.9, 0], fovDeg: 50, widthPx: 96, heightPx: 72 }
  - { name: side, positionM: [7, 2.5, 0], lookAtM: [0, 0.9, 0], fovDeg: 50, widthPx: 96, heightPx: 72 }
walkways:
  - { name: path, points: [[-6, 0], [6, 0]], widthM: 2.5 }
crowd: { count: 2, speedMps: [1.1, 1.3], entryIntervalS: 0.5 }
`;
const STEPS = 6;

let root: string;
let charactersDir: string;
let sceneFile: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-render-'));
  charactersDir = path.join(root, 'characters');
  await mkdir(path.join(charactersDir, 'bob'), { recursive: true });
  await writeFile(path.join(charactersDir, 'ann.glb'), await buildSkinnedFigureGlb());
  await writeFile(path.join(charactersDir, 'bob', 'character.glb'), await buildSkinnedFigureGlb({ image: checkerImage(64, [200, 60, 60], [240, 220, 200]) }));
  sceneFile = path.join(root, 'tiny.yaml');
  await writeFile(sceneFile, SCENE);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(outDir: string, extra: Partial<RenderRunOptions> = {}): RenderRunOptions {
  return {
    scene: { ...parseSceneText(SCENE, 'tiny'), baseDir: root },
    charactersDir,
    outDir,
    player: getPlayer('embedded'),
    steps: STEPS,
    threads: 0,
    samplesPerAxis: 1,
    cwd: root,
    encoding: 'png',
    logger: createMemoryLogger(),
    server: { heartbeatIntervalMs: 250, heartbeatTimeoutMs: 2500 },
    timeouts: { startMs: 60000 },
    ...extra,
  };
}

async function listFrames(outDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const camera of (await readdir(path.join(outDir, 'frames'))).sort()) {
    for (const file of (await readdir(path.join(outDir, 'frames', camera))).sort()) out.push(`${camera}/${file}`);
  }
  return out;
}

const expectedFrames = ['front', 'side'].flatMap((c) => Array.from({ length: STEPS }, (_, s) => `${c}/${String(s).padStart(6, '0')}.png`));

describe('render with the embedded player process', () => {
  let cleanAnnotations = '';
  let cleanFrame = Buffer.alloc(0);

  it('renders frames and annotations through the CLI, and a rerun has nothing to do', async () => {
    const outDir = path.join(root, 'clean');
    const args = ['render', '--scene', sceneFile, '--characters', charactersDir, '--out', outDir, '--frames', String(STEPS), '--workers', '1', '--samples', '1', '--encoding', 'png'];
    const run = await runCliCaptured(args);
    expect(run.stderr).toContain('render: tiny: steps 0..5');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`render: tiny: ${STEPS} steps, ${STEPS * 2} frames`);
    expect(await listFrames(outDir)).toEqual(expectedFrames);
    cleanAnnotations = await readFile(path.join(outDir, 'annotations.jsonl'), 'utf8');
    cleanFrame = await readFile(path.join(outDir, 'frames', 'side', '000004.png'));
    const lines = cleanAnnotations.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(STEPS);
    for (const line of lines) {
      expect(expectedFrames).toContain(String(line.frame).replace('frames/', ''));
      expect(['ann', 'bob']).toContain(line.characterId);
      expect((line.keypoints as unknown[]).length).toBe(17);
    }
    const summary = JSON.parse(await readFile(path.join(outDir, 'render.json'), 'utf8')) as { restarts: number; player: string; characters: string[] };
    expect(summary).toMatchObject({ restarts: 0, characters: ['ann', 'bob'] });
    expect(summary.player).toMatch(/^embedded /);
    const again = await runCliCaptured(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to do');
  }, 120000);

  it('recovers from a player crash mid-run with exactly the frames of a clean run', async () => {
    const outDir = path.join(root, 'crash');
    const summary = await renderScene(
      options(outDir, { env: { CLONEDPERSON_PLAYER_FAULT: 'crash@3', CLONEDPERSON_PLAYER_FAULT_ONCE: path.join(root, 'crash.once') } }),
    );
    expect(summary.restarts).toBe(1);
    expect(await listFrames(outDir)).toEqual(expectedFrames);
    expect(await readFile(path.join(outDir, 'annotations.jsonl'), 'utf8')).toBe(cleanAnnotations);
    expect((await readFile(path.join(outDir, 'frames', 'side', '000004.png'))).equals(cleanFrame)).toBe(true);
    expect(await readFile(path.join(outDir, 'player.log'), 'utf8')).toContain('injected fault crash at step 3');
  }, 120000);

  it('recovers from a stalled player (missed heartbeats) the same way', async () => {
    const outDir = path.join(root, 'hang');
    const summary = await renderScene(
      options(outDir, { env: { CLONEDPERSON_PLAYER_FAULT: 'hang@2', CLONEDPERSON_PLAYER_FAULT_ONCE: path.join(root, 'hang.once') } }),
    );
    expect(summary.restarts).toBe(1);
    expect(await listFrames(outDir)).toEqual(expectedFrames);
    expect(await readFile(path.join(outDir, 'annotations.jsonl'), 'utf8')).toBe(cleanAnnotations);
  }, 120000);

  it('resumes an interrupted run from the last acknowledged step', async () => {
    const outDir = path.join(root, 'resume');
    const env = { CLONEDPERSON_PLAYER_FAULT: 'crash@4', CLONEDPERSON_PLAYER_FAULT_ONCE: path.join(root, 'resume.once') };
    await expect(renderScene(options(outDir, { env, maxRestarts: 0 }))).rejects.toMatchObject({ code: 'E_PLAYER_CRASHED' });
    const progress = JSON.parse(await readFile(path.join(outDir, 'progress.json'), 'utf8')) as { lastStep: number };
    expect(progress.lastStep).toBe(3);
    const logger = createMemoryLogger();
    const summary = await renderScene(options(outDir, { logger }));
    expect(logger.lines.map((l) => l.message)).toContain('render: tiny: resuming after step 3');
    expect(summary.frames).toBe(STEPS * 2);
    expect(await listFrames(outDir)).toEqual(expectedFrames);
    expect(await readFile(path.join(outDir, 'annotations.jsonl'), 'utf8')).toBe(cleanAnnotations);
  }, 120000);
});
