/**
 * Both players show the same thing. The Unity player's bundle (in the vm guest, its bones moved by
 * the fake engine's left-handed transforms as glTFast builds them) and the embedded player get the
 * same set-up and steps:
 * - the bone rotations the Unity bundle writes (Rig.SetLocalRotations, Unity space) are, after
 *   the handedness conversion, the embedded player's (its posePerson path) to 1e-6;
 * - the geometric annotations (keypoint positions, amodal box, depth, which persons are in view)
 *   agree to the rounding of the wire; those from id images (visible box and pixels, visible
 *   fraction, keypoint visibility) agree up to the two rasterisers' edge rules.
 * On the box test figure, and on a MakeHuman character when the shared assets are present.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StepMessage, WireAnnotation, WireCamera } from '../../protocol/src/index.js';
import { assembleCharacter } from '../../orchestrator/src/characters/character-assembly.js';
import { writeCharacterGlb } from '../../orchestrator/src/characters/gltf-writer.js';
import { randomCharacterSpec } from '../../orchestrator/src/characters/random-character.js';
import { gaitSeed } from '../../orchestrator/src/pose/walk-pose.js';
import type { PlayerSetup } from '../../orchestrator/src/players/player-runner.js';
import { parseCharacterGlb } from '../../orchestrator/src/render/character-loader.js';
import { createPoseBuffers, posePerson } from '../../orchestrator/src/render/pose-person.js';
import { mirrorQuaternion } from '../../unity-project/TypeScript/src/handedness.js';
import { hasSharedAssets } from '../helpers/asset-paths.js';
import { inCi } from '../helpers/assets.js';
import { buildSkinnedFigureGlb, buildTexturedCubeGlb } from '../helpers/gltf-fixtures.js';
import { runEmbeddedSession, runUnitySession } from '../helpers/unity-sessions.js';
import type { SessionInput, SessionRun } from '../helpers/unity-sessions.js';
import { previewData } from './characters-preview-fixture.js';

const CAMERAS: WireCamera[] = [
  { camera: 0, name: 'front', positionM: [0.3, 1.7, 6.5], lookAtM: [0, 0.9, 0], fovDeg: 45, widthPx: 96, heightPx: 72, encoding: 'png' },
  { camera: 1, name: 'oblique', positionM: [-5, 2.4, 3], lookAtM: [0.2, 0.8, 0], fovDeg: 55, widthPx: 80, heightPx: 64, encoding: 'png' },
];

let root: string;
const glbs = new Map<string, Uint8Array>();
const withMakeHuman = hasSharedAssets || inCi;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cp-unity-parity-'));
  glbs.set('figure', await buildSkinnedFigureGlb());
  if (withMakeHuman) {
    const data = previewData();
    const { spec } = await randomCharacterSpec(data, { id: 'eve', identity: 3, seed: 1, skeleton: 'cmu_mb', clothes: [{ asset: 'female_casualsuit02' }] });
    glbs.set('eve', await writeCharacterGlb(await assembleCharacter(data, spec), { readTexture: (file) => data.bytes(file) }));
  }
  for (const [id, bytes] of glbs) await writeFile(path.join(root, `${id}.glb`), bytes);
  await writeFile(path.join(root, 'wall.glb'), await buildTexturedCubeGlb());
}, 120000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function input(characterIds: string[]): SessionInput {
  const setup: PlayerSetup = {
    sceneName: 'parity',
    environment: {
      ground: { color: [0.5, 0.5, 0.5], tileM: 1, halfSizeM: 20 },
      background: { zenithColor: [0.3, 0.5, 0.9], horizonColor: [0.8, 0.85, 0.9] },
      lighting: { ambient: [0.3, 0.3, 0.3], sunDirection: [0.3, -1, 0.2], sunColor: [0.9, 0.9, 0.85] },
    },
    // A low wall between the front camera and the second person (protocol 1.2.0 props).
    props: [{ name: 'wall', source: { path: path.join(root, 'wall.glb') }, positionM: [0.3, 0, 2.5], rotation: [0, Math.sin(0.1), 0, Math.cos(0.1)], scale: [0.9, 1.0, 0.1] }],
    characters: characterIds.map((id) => ({ characterId: id, source: { path: path.join(root, `${id}.glb`) } })),
    cameras: CAMERAS,
  };
  const [a, b] = [characterIds[0], characterIds[characterIds.length - 1]];
  const steps: StepMessage[] = [0, 1, 2].map((n) => ({
    type: 'frame/step',
    step: n,
    timeS: n * 0.2,
    persons: [
      // Walking across, partly behind the second person for the front camera.
      { personId: 4, characterId: a, positionM: [-1 + 0.35 * n, 0, -0.9], headingDeg: 90, walkPhase: (0.13 + 0.27 * n) % 1, speedMps: 1.3 },
      { personId: 9, characterId: b, positionM: [0.2, 0, 0.4], headingDeg: 200 - 15 * n, walkPhase: (0.61 + 0.2 * n) % 1, speedMps: 0.8 },
      // Outside both views: no annotation from either player.
      { personId: 12, characterId: a, positionM: [0, 0, 40], headingDeg: 0, walkPhase: 0.3, speedMps: 1 },
    ],
    cameras: [0, 1],
  }));
  // Both players render in this process, so a big character blocks the heartbeats for a while.
  return { setup, steps, assetRoots: [root], logDir: root, heartbeatTimeoutMs: 60000 };
}

const key = (a: WireAnnotation): string => `${a.camera}/${a.personId}`;

function compareAnnotations(unity: SessionRun, embedded: SessionRun): { visibility: number; total: number } {
  let agree = 0, total = 0;
  // The wall hides part of person 9 from the front camera, in both players.
  for (const run of [unity, embedded]) {
    for (const output of run.outputs) expect(output.result.annotations.find((a) => a.camera === 0 && a.personId === 9)!.visibleFraction).toBeLessThan(0.9);
  }
  expect(unity.outputs.map((o) => o.step)).toEqual(embedded.outputs.map((o) => o.step));
  unity.outputs.forEach((output, s) => {
    const ours = new Map(output.result.annotations.map((a) => [key(a), a]));
    const theirs = new Map(embedded.outputs[s].result.annotations.map((a) => [key(a), a]));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect([...ours.keys()].some((k) => k.endsWith('/12'))).toBe(false);
    for (const [k, u] of ours) {
      const e = theirs.get(k)!;
      const where = `step ${s} ${k}`;
      u.keypoints.forEach(([x, y, v], q) => {
        expect({ where, q, dx: Math.abs(x - e.keypoints[q][0]) <= 2e-3, dy: Math.abs(y - e.keypoints[q][1]) <= 2e-3 }).toEqual({ where, q, dx: true, dy: true });
        if (v === 0 || e.keypoints[q][2] === 0) expect({ where, q, v }).toEqual({ where, q, v: e.keypoints[q][2] });
        else {
          total++;
          if (v === e.keypoints[q][2]) agree++;
        }
      });
      expect(Math.abs(u.depthM - e.depthM)).toBeLessThanOrEqual(1e-3);
      u.amodalBox!.forEach((c, i) => expect(Math.abs(c - e.amodalBox![i])).toBeLessThanOrEqual(2e-3));
      if (e.visibleBox === null) expect(u.visibleBox).toBeNull();
      else u.visibleBox!.forEach((c, i) => expect({ where, i, close: Math.abs(c - e.visibleBox![i]) <= 1 }).toEqual({ where, i, close: true }));
      expect(Math.abs(u.visibleFraction - e.visibleFraction)).toBeLessThanOrEqual(0.06);
      expect(Math.abs(u.visiblePixels - e.visiblePixels)).toBeLessThanOrEqual(0.12 * e.visiblePixels + 4);
    }
  });
  return { visibility: agree, total };
}

async function compareRotations(unity: Awaited<ReturnType<typeof runUnitySession>>, steps: StepMessage[]): Promise<number> {
  const models = new Map(await Promise.all([...new Set(steps.flatMap((s) => s.persons.map((p) => p.characterId)))].map(async (id) => [id, await parseCharacterGlb(glbs.get(id)!, id)] as const)));
  const records = unity.guest.records().rotations;
  let i = 0, worst = 0;
  for (const step of steps) {
    for (const person of step.persons) {
      const model = models.get(person.characterId)!;
      const buffers = createPoseBuffers(model);
      // The embedded player's path (render/step-renderer.ts): the gait seed of the character id.
      posePerson(model, { personSeed: gaitSeed(person.characterId), ...person }, person.personId, buffers);
      const record = records[i++];
      expect(record.person).toBe(`clonedperson-person-${person.personId}`);
      expect(record.quaternions).toHaveLength(buffers.walk.rotations.length);
      for (let b = 0; b < record.quaternions.length / 4; b++) {
        const gltf = mirrorQuaternion(record.quaternions.slice(b * 4, b * 4 + 4));
        for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(gltf[c] - buffers.walk.rotations[b * 4 + c]));
      }
    }
  }
  expect(i).toBe(records.length);
  return worst;
}

describe('the Unity bundle and the embedded player on the same steps', () => {
  it('on the box figure: the same bone rotations (1e-6) and the same annotations', async () => {
    const session = input(['figure']);
    const unity = await runUnitySession(session, 'vm');
    const embedded = await runEmbeddedSession(session);
    expect(unity.guest.forbidden).toEqual([]);
    expect(await compareRotations(unity, session.steps)).toBeLessThanOrEqual(1e-6);
    const { visibility, total } = compareAnnotations(unity, embedded);
    expect(total).toBeGreaterThan(40);
    expect(visibility / total).toBeGreaterThanOrEqual(0.85);
  }, 60000);

  (withMakeHuman ? it : it.skip)('on a MakeHuman character (cmu_mb): the same bone rotations (1e-6) and the same annotations', async () => {
    const session = input(['eve', 'figure']);
    const unity = await runUnitySession(session, 'vm');
    const embedded = await runEmbeddedSession(session);
    expect(await compareRotations(unity, session.steps)).toBeLessThanOrEqual(1e-6);
    const { visibility, total } = compareAnnotations(unity, embedded);
    expect(total).toBeGreaterThan(40);
    expect(visibility / total).toBeGreaterThanOrEqual(0.85);
  }, 120000);
});
