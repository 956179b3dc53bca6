/**
 * `clonedperson render --player unity --unity <path>` end to end with real processes: the CLI, the
 * runner and its WebSocket server, the Unity launcher, and a stand-in Unity that runs the player's
 * real script bundle (in a vm guest with the fake engine) over a real WebSocket. Frames,
 * annotations, the render record and player.log (with Unity's log) are written as for the
 * embedded player.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCliCaptured } from '../helpers/cli.js';
import { buildSkinnedFigureGlb, checkerImage } from '../helpers/gltf-fixtures.js';
import { makeUnityStandIn } from '../helpers/unity-stand-in.js';
import { RENDER_CLI_SCENE as SCENE } from '../helpers/render-cli-scene.js';

const STEPS = 4;

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cp-unity-render-'));
  await mkdir(path.join(root, 'characters', 'bob'), { recursive: true });
  await writeFile(path.join(root, 'characters', 'ann.glb'), await buildSkinnedFigureGlb());
  await writeFile(path.join(root, 'characters', 'bob', 'character.glb'), await buildSkinnedFigureGlb({ image: checkerImage(64, [200, 60, 60], [240, 220, 200]) }));
  await writeFile(path.join(root, 'tiny.yaml'), SCENE);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('render --player unity', () => {
  it('renders frames and annotations through the launcher and a stand-in Unity running the real bundle', async () => {
    const record = path.join(root, 'unity.json');
    const unity = makeUnityStandIn(path.join(root, 'build'), 'ClonedPersonPlayer.x86_64', 'session', record);
    const out = path.join(root, 'out');
    const args = ['render', '--scene', path.join(root, 'tiny.yaml'), '--characters', path.join(root, 'characters'), '--out', out, '--player', 'unity', '--unity', unity];
    const run = await runCliCaptured([...args, '--steps', String(STEPS), '--encoding', 'png', '--samples-per-axis', '2'], { env: { DISPLAY: ':0' } });
    if (run.code !== 0) console.log(`stderr:\n${run.stderr}\nplayer.log:\n${await readFile(path.join(out, 'player.log'), 'utf8').catch(() => '')}`);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`render: tiny: ${STEPS} steps, ${STEPS * 2} frames`);
    for (const camera of ['front', 'side']) {
      expect((await readdir(path.join(out, 'frames', camera))).sort()).toEqual(Array.from({ length: STEPS }, (_, s) => `${String(s).padStart(6, '0')}.png`));
    }
    const lines = (await readFile(path.join(out, 'annotations.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { characterId: string; keypoints: unknown[] });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(['ann', 'bob']).toContain(line.characterId);
      expect(line.keypoints).toHaveLength(17);
    }
    const renderRecord = JSON.parse(await readFile(path.join(out, 'render.json'), 'utf8')) as { player: string; restarts: number };
    expect(renderRecord).toMatchObject({ player: 'unity 2022.3.62f1', restarts: 0 });
    const log = await readFile(path.join(out, 'player.log'), 'utf8');
    expect(log).toContain('Initialize engine version: 2022.3.62f1 (stand-in)');
    expect(log).toMatch(/clonedperson: connected to ws:\/\/127\.0\.0\.1:\d+\//);
    expect(log).toContain('unity-launcher: Unity exited with code 0 (the session ended)');
    const seen = JSON.parse(await readFile(record, 'utf8')) as { forbidden: string[]; assetRoots: string };
    expect(seen.forbidden).toEqual([]);
    // The player may read the characters and the scene's folder only.
    expect(JSON.parse(seen.assetRoots)).toEqual([path.join(root, 'characters'), root]);
  }, 90000);

  it("renders in the authored Unity scene a spec names (unityScene)", async () => {
    await writeFile(path.join(root, 'authored.yaml'), SCENE.replace('name: tiny', 'name: authored\nunityScene: Plaza'));
    const record = path.join(root, 'authored.json');
    const unity = makeUnityStandIn(path.join(root, 'build-authored'), 'ClonedPersonPlayer.x86_64', 'session:Plaza', record);
    const out = path.join(root, 'authored');
    const run = await runCliCaptured(['render', '--scene', path.join(root, 'authored.yaml'), '--characters', path.join(root, 'characters'), '--out', out, '--player', 'unity', '--unity', unity, '--steps', '2', '--encoding', 'png'], { env: { DISPLAY: ':0' } });
    expect(run.code).toBe(0);
    expect((JSON.parse(await readFile(record, 'utf8')) as { loadedScenes: string[] }).loadedScenes).toEqual(['Plaza']);
  }, 90000);

  it('refuses --player unity without a Unity to run', async () => {
    const run = await runCliCaptured(['render', '--scene', path.join(root, 'tiny.yaml'), '--characters', path.join(root, 'characters'), '--out', path.join(root, 'none'), '--player', 'unity']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_USAGE: --player unity needs Unity: pass --unity <editor or built player> or set UNITY_PATH');
  });
});
