/**
 * The Unity player's script bundle, outside Unity: built with esbuild exactly as it ships, run in
 * a Node vm context and once more in QuickJS, each offering only what PuerTS's backends offer
 * (the fake engine's CS and puer, console, timers; no TextDecoder, fetch, URL, queueMicrotask,
 * process, require, ...), with the socket queued and drained per tick as SocketTransport.cs does.
 * It completes a real session against the orchestrator's runner and session server: handshake,
 * scene, characters (by path and inline bytes), cameras, several steps with frames and
 * annotations, heartbeats, bye, and a clean exit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StepMessage, WireCamera } from '../../protocol/src/index.js';
import type { PlayerSetup } from '../../orchestrator/src/players/player-runner.js';
import { isClonedPersonError } from '../../orchestrator/src/shared/errors.js';
import { buildSkinnedFigureGlb, checkerImage } from '../helpers/gltf-fixtures.js';
import { runUnitySession } from '../helpers/unity-sessions.js';

let root: string;
let annPath: string;
let bobBase64: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cp-unity-session-'));
  annPath = path.join(root, 'ann.glb');
  await writeFile(annPath, await buildSkinnedFigureGlb());
  bobBase64 = Buffer.from(await buildSkinnedFigureGlb({ image: checkerImage(32, [200, 60, 60], [240, 220, 200]) })).toString('base64');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CAMERAS: WireCamera[] = [
  { camera: 0, name: 'front', positionM: [0, 1.6, 6], lookAtM: [0, 0.9, 0], fovDeg: 45, widthPx: 64, heightPx: 48, encoding: 'png' },
  { camera: 1, name: 'side', positionM: [6, 2, 0.5], lookAtM: [0, 0.9, 0], fovDeg: 50, widthPx: 40, heightPx: 30, encoding: 'raw', samplesPerAxis: 2 },
];

const SETUP = (): PlayerSetup => ({
  sceneName: 'plain',
  environment: {
    ground: { color: [0.5, 0.5, 0.45], tileM: 1, halfSizeM: 20 },
    background: { zenithColor: [0.3, 0.5, 0.9], horizonColor: [0.8, 0.85, 0.9] },
    lighting: { ambient: [0.3, 0.3, 0.3], sunDirection: [0.3, -1, 0.2], sunColor: [0.9, 0.9, 0.85] },
  },
  characters: [
    { characterId: 'ann', source: { path: annPath } },
    { characterId: 'bob', source: { base64: bobBase64, mimeType: 'model/gltf-binary' } },
  ],
  cameras: CAMERAS,
});

function step(n: number): StepMessage {
  return {
    type: 'frame/step',
    step: n,
    timeS: n / 10,
    persons: [
      { personId: 1, characterId: 'ann', positionM: [-0.6 + 0.12 * n, 0, 0], headingDeg: 90, walkPhase: (0.1 * n) % 1, speedMps: 1.2 },
      { personId: 2, characterId: 'bob', positionM: [0.7, 0, -0.8], headingDeg: 180, walkPhase: (0.5 + 0.1 * n) % 1, speedMps: 0.9 },
    ],
    cameras: [0, 1],
  };
}

describe.each(['vm', 'quickjs'] as const)('the Unity bundle in %s', (runtime) => {
  it('completes a session: handshake, scene, characters, cameras, steps with frames and annotations, heartbeats, bye', async () => {
    const { outputs, guest, sent, summary } = await runUnitySession({ setup: SETUP(), steps: [0, 1, 2, 3].map(step), assetRoots: [root], logDir: root }, runtime);
    expect(guest.forbidden).toEqual([]);
    expect(guest.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(await guest.exited).toBe(0);
    expect(summary).toMatchObject({ restarts: 0, delivered: 4, engine: 'unity 2022.3.62f1' });
    expect(outputs.map((o) => o.step)).toEqual([0, 1, 2, 3]);
    for (const output of outputs) {
      const [png, raw] = output.frames;
      expect([png.camera, png.widthPx, png.heightPx, png.encoding]).toEqual([0, 64, 48, 'png']);
      expect(Array.from(png.payload.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect([raw.camera, raw.payload.length]).toEqual([1, 40 * 30 * 3]);
      const byPerson = new Map(output.result.annotations.filter((a) => a.camera === 0).map((a) => [a.personId, a]));
      expect([...byPerson.keys()].sort()).toEqual([1, 2]);
      for (const a of output.result.annotations) {
        expect(a.keypoints).toHaveLength(17);
        expect(a.visiblePixels).toBeGreaterThan(0);
        expect(a.visibleFraction).toBeGreaterThan(0);
        expect(a.visibleFraction).toBeLessThanOrEqual(1);
        expect(a.depthM).toBeGreaterThan(3);
        const [x0, y0, x1, y1] = a.visibleBox!;
        const [ax0, ay0, ax1, ay1] = a.amodalBox!;
        // What is seen lies inside the whole projected person (up to the id image's pixel grid).
        expect(x0).toBeGreaterThanOrEqual(Math.floor(ax0) - 1);
        expect(y0).toBeGreaterThanOrEqual(Math.floor(ay0) - 1);
        expect(x1).toBeLessThanOrEqual(Math.ceil(ax1) + 1);
        expect(y1).toBeLessThanOrEqual(Math.ceil(ay1) + 1);
      }
    }
    const records = guest.records();
    // Both characters were instantiated once per person and posed every step; the ids went through IdPass.
    expect(records.rotations).toHaveLength(8);
    expect(new Set(records.rotations.map((r) => r.person))).toEqual(new Set(['clonedperson-person-1', 'clonedperson-person-2']));
    expect(records.frames.map((f) => [f.camera, f.samplesPerAxis]).slice(0, 2)).toEqual([
      ['clonedperson-camera-front', 1],
      ['clonedperson-camera-side', 2],
    ]);
    expect(records.idRenders).toBe(8);
    // Pings reached the player and were answered (the session would have timed out otherwise).
    const pings = sent.filter((t) => t.includes('"session/ping"')).length;
    expect(pings).toBeGreaterThan(0);
    expect(sent.at(-1)).toContain('"session/bye"');
  }, 60000);
});

describe('an authored Unity scene', () => {
  it('is loaded instead of the built environment, with the people and cameras placed in it', async () => {
    const input = { setup: { ...SETUP(), unityScene: 'Plaza' }, steps: [0, 1].map(step), assetRoots: [root], logDir: root };
    const { outputs, guest } = await runUnitySession(input, 'vm', ['Plaza']);
    expect(await guest.exited).toBe(0);
    const records = guest.records();
    expect(records.loadedScenes).toEqual(['Plaza']);
    expect(records.activeScene).toBe('Plaza');
    expect(records.used).not.toContain('GameObject.CreatePrimitive');
    expect(outputs.map((o) => o.result.annotations.length)).toEqual([4, 4]);
  }, 60000);

  it('that is not in the build fails the scene load with E_PLAYER_ASSET, not retried', async () => {
    const input = { setup: { ...SETUP(), unityScene: 'Nowhere' }, steps: [step(0)], assetRoots: [root], logDir: root };
    const error = await runUnitySession(input, 'vm', ['Plaza']).catch((e: unknown) => e);
    expect(isClonedPersonError(error) && error.code).toBe('E_PLAYER_ASSET');
    expect((error as Error).message).toContain("Unity scene Nowhere is not in the player's build (put it under Assets/Environments");
  }, 60000);
});

