/**
 * The render stage end to end with real player processes (started from the TypeScript sources
 * through tsx): an uninterrupted run through the CLI with the embedded player, then one run with
 * the fault player (the embedded player behind test-only fault injection,
 * test/helpers/fault-player-main.ts) that crashes at one step and stalls at another. The
 * restarted players must deliver exactly the frames and byte-identical annotations of the
 * uninterrupted run. The restart rules themselves are tested in process
 * (test/unit/players/player-runner.test.ts, test/unit/render-stage/).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderScene } from '../../orchestrator/src/render-stage/render-stage.js';
import { parseSceneText } from '../../orchestrator/src/scene/scene-loader.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { buildSkinnedFigureGlb, checkerImage } from '../helpers/gltf-fixtures.js';
import { runCliCaptured } from '../helpers/cli.js';
import { FAULT_PLAYER_ENV } from '../helpers/player-faults.js';
import { faultPlayer } from '../helpers/test-players.js';
import { RENDER_CLI_SCENE as SCENE } from '../helpers/render-cli-scene.js';

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

async function listFrames(outDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const camera of (await readdir(path.join(outDir, 'frames'))).sort()) {
    for (const file of (await readdir(path.join(outDir, 'frames', camera))).sort()) out.push(`${camera}/${file}`);
  }
  return out;
}

const expectedFrames = ['front', 'side'].flatMap((c) => Array.from({ length: STEPS }, (_, s) => `${c}/${String(s).padStart(6, '0')}.png`));

describe('render with real player processes', () => {
  it('renders through the CLI, and a fault player that crashes and stalls ends with the same frames and annotations', async () => {
    const cleanDir = path.join(root, 'clean');
    const args = ['render', '--scene', sceneFile, '--characters', charactersDir, '--out', cleanDir, '--steps', String(STEPS), '--threads', '1', '--samples-per-axis', '1', '--encoding', 'png'];
    const run = await runCliCaptured(args);
    expect(run.stderr).toContain(`render: tiny: steps 0..${STEPS - 1}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`render: tiny: ${STEPS} steps, ${STEPS * 2} frames`);
    expect(await listFrames(cleanDir)).toEqual(expectedFrames);
    const cleanAnnotations = await readFile(path.join(cleanDir, 'annotations.jsonl'), 'utf8');
    const lines = cleanAnnotations.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(STEPS);
    for (const line of lines) {
      expect(expectedFrames).toContain(String(line.frame).replace('frames/', ''));
      expect(['ann', 'bob']).toContain(line.characterId);
      expect((line.keypoints as unknown[]).length).toBe(17);
    }
    const record = JSON.parse(await readFile(path.join(cleanDir, 'render.json'), 'utf8')) as { restarts: number; player: string; characters: string[] };
    expect(record).toMatchObject({ restarts: 0, characters: ['ann', 'bob'] });
    expect(record.player).toMatch(/^embedded /);
    const again = await runCliCaptured(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to do');

    // The first fault player crashes at step 2, the second stalls at step 4, the third behaves.
    const faultDir = path.join(root, 'faults');
    const launches = path.join(root, 'launches.txt');
    const logger = createMemoryLogger();
    const summary = await renderScene({
      scene: { ...parseSceneText(SCENE, 'tiny'), baseDir: root },
      charactersDir,
      outDir: faultDir,
      player: faultPlayer,
      steps: STEPS,
      threads: 0,
      samplesPerAxis: 1,
      encoding: 'png',
      cwd: root,
      logger,
      env: { [FAULT_PLAYER_ENV.faults]: 'crash@2,hang@4', [FAULT_PLAYER_ENV.launches]: launches },
      // A stall shows as 1.5 s without a pong (real time: this test runs real processes).
      server: { heartbeatIntervalMs: 150, heartbeatTimeoutMs: 1500 },
    });
    expect(summary.restarts).toBe(2);
    const restarts = logger.lines.filter((l) => l.level === 'warn' && l.message.includes('restarting')).map((l) => l.message);
    expect(restarts).toEqual([
      expect.stringMatching(/^player: E_PLAYER_CRASHED: .*resuming at step 2$/),
      expect.stringMatching(/^player: E_PROTOCOL_TIMEOUT: player missed its heartbeat .*resuming at step 4$/),
    ]);
    expect((await readFile(launches, 'utf8')).trim().split('\n')).toHaveLength(3);
    const playerLog = await readFile(path.join(faultDir, 'player.log'), 'utf8');
    expect(playerLog).toContain('injected fault crash at step 2');
    expect(playerLog).toContain('injected fault hang at step 4');
    expect(await listFrames(faultDir)).toEqual(expectedFrames);
    expect(await readFile(path.join(faultDir, 'annotations.jsonl'), 'utf8')).toBe(cleanAnnotations);
    for (const frame of expectedFrames) {
      const [clean, faulty] = await Promise.all([readFile(path.join(cleanDir, 'frames', frame)), readFile(path.join(faultDir, 'frames', frame))]);
      expect({ frame, same: clean.equals(faulty) }).toEqual({ frame, same: true });
    }
  }, 120000);
});
