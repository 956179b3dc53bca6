import { describe, expect, it } from '@jest/globals';
import { NodeIO } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import { assembleCharacter } from '../../../orchestrator/src/characters/character-assembly.js';
import type { AssembledCharacter, MeshPart } from '../../../orchestrator/src/characters/character-assembly.js';
import { lowestPoint, partGeometry, writeCharacterGlb } from '../../../orchestrator/src/characters/gltf-writer.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { parseObj } from '../../../orchestrator/src/makehuman/obj-parser.js';
import { parseSkeleton } from '../../../orchestrator/src/makehuman/rig-parser.js';
import { buildSkeleton } from '../../../orchestrator/src/makehuman/skeleton.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { parseCharacterGlb } from '../../../orchestrator/src/render/character-loader.js';
import { SyntheticMakeHuman } from '../../helpers/synthetic-makehuman.js';

// Two quads sharing the edge 2-3 (in dm); the second quad uses its own UVs on that edge (a seam).
const OBJ = `v 0 0 0
v 1 0 0
v 1 10 0
v 0 10 0
v 2 0 0
v 2 10 0
vt 0 0
vt 0.5 0
vt 0.5 1
vt 0 1
vt 0.6 0
vt 1 0
vt 1 1
vt 0.6 1
f 1/1 2/2 3/3 4/4
f 2/5 5/6 6/7 3/8
`;

function character(): AssembledCharacter {
  const mesh = parseObj(OBJ, 'quad.obj');
  const positions = Float32Array.from(mesh.positions.map((v, i) => (i % 3 === 1 ? v - 2 : v))); // lowest y = -2 dm
  const rig = parseSkeleton(
    JSON.stringify({ bones: { Hips: { head: 'a', tail: 'b', parent: null }, Spine: { head: 'b', tail: 'c', parent: 'Hips' } }, joints: { a: [0], b: [3], c: [5] } }),
    'r.mhskel',
    6,
  );
  const skeleton = buildSkeleton(rig, positions);
  const part: MeshPart = {
    name: 'body',
    kind: 'body',
    mesh,
    positions,
    faceVisible: Uint8Array.from([1, 1]),
    influences: { influences: 4, joints: new Uint16Array(24).map((_, i) => (i % 4 === 0 ? (i / 4 >= 3 ? 1 : 0) : 0)), weights: new Float32Array(24).map((_, i) => (i % 4 === 0 ? 1 : 0)) },
    material: { name: 'skin', baseColor: [1, 1, 1], texture: 'tex.png', alphaMode: 'OPAQUE', doubleSided: false },
  };
  return {
    spec: { id: 'tiny', macro: MACRO_DEFAULTS, skeleton: 'cmu_mb', skin: 'default', clothes: [], hideFacesUnderClothes: true },
    body: positions,
    parts: [part],
    skeleton,
    proxies: [],
    heightCm: 100,
    warnings: [],
  };
}

describe('glTF writer', () => {
  it('triangulates quads, splits vertices at UV seams, converts to metres and flips v', () => {
    const c = character();
    const ground = lowestPoint(c.parts);
    expect(ground).toBe(-2);
    const g = partGeometry(c.parts[0], [0, 0.2, 0]);
    expect(g.indices.length).toBe(12); // 2 quads -> 4 triangles
    expect(g.positions.length / 3).toBe(8); // 6 vertices, 2 of them on the seam twice
    // first vertex: (0, -2 dm, 0) -> (0, -0.2 m + 0.2, 0) = origin; its uv (0, 0) -> (0, 1)
    expect(Array.from(g.positions.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(g.uvs.slice(0, 2))).toEqual([0, 1]);
    expect(Array.from(g.normals.slice(0, 3))).toEqual([0, 0, 1]);
  });

  it('writes a .glb that the Khronos validator accepts, with the skin and the humanoid map', async () => {
    const texture = await encodePng(createRawImage(8, 8, 3));
    const glb = await writeCharacterGlb(character(), { readTexture: async () => new Uint8Array(texture) });
    const report = await validateBytes(glb, { maxIssues: 20 });
    expect(report.issues.messages.filter((m) => m.severity === 0)).toEqual([]);
    const doc = await new NodeIO().readBinary(glb);
    const root = doc.getRoot();
    expect(root.listSkins()[0].listJoints().map((j) => j.getName())).toEqual(['Hips', 'Spine']);
    expect(root.getExtras()).toMatchObject({
      clonedperson: { formatVersion: 1, characterId: 'tiny', skeleton: 'cmu_mb', humanoidBones: { Hips: 'Hips', Spine: 'Chest' }, rootBone: 'Hips', units: 'm' },
    });
    // feet on the ground: the lowest vertex at y = 0
    const position = root.listMeshes()[0].listPrimitives()[0].getAttribute('POSITION')!;
    expect(position.getMin([0, 0, 0])[1]).toBeCloseTo(0, 6);
    expect(position.getMax([0, 0, 0])[1]).toBeCloseTo(1, 6);
  });
});

describe('glTF writer on the assembled mini-body, read back by the players\' loader', () => {
  const assembled = async (): Promise<{ assets: SyntheticMakeHuman; character: AssembledCharacter }> => {
    const assets = await SyntheticMakeHuman.create();
    const character = await assembleCharacter(assets, {
      id: 'mini',
      macro: { ...MACRO_DEFAULTS, gender: 1, height: 0.75 },
      skeleton: 'cmu_mb',
      skin: 'default',
      clothes: [{ asset: 'shirt01' }],
      hideFacesUnderClothes: true,
    });
    return { assets, character };
  };

  it('passes the Khronos validator without errors or warnings; each joint world matrix times its inverse bind is the identity', async () => {
    const { assets, character } = await assembled();
    const glb = await writeCharacterGlb(character, { readTexture: (file) => assets.bytes(file) });
    const report = await validateBytes(glb, { maxIssues: 50 });
    expect(report.issues.messages.filter((m) => m.severity <= 1)).toEqual([]);
    const skin = (await new NodeIO().readBinary(glb)).getRoot().listSkins()[0];
    const ibm = skin.getInverseBindMatrices()!.getArray()!;
    skin.listJoints().forEach((joint, j) => {
      const world = joint.getWorldMatrix();
      for (let col = 0; col < 4; col++) {
        for (let row = 0; row < 4; row++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) sum += world[k * 4 + row] * ibm[j * 16 + col * 4 + k];
          expect(sum).toBeCloseTo(row === col ? 1 : 0, 5);
        }
      }
    });
  });

  it('gives the players the geometry, skin and humanoid bones assembly made, in metres, feet on the ground', async () => {
    const { assets, character } = await assembled();
    const model = await parseCharacterGlb(await writeCharacterGlb(character, { readTexture: (file) => assets.bytes(file) }), 'mini');
    expect(model.jointNames).toEqual(['Hips', 'LeftUpLeg', 'RightUpLeg']);
    expect(Array.from(model.jointParents)).toEqual([-1, 0, 0]);
    // joint heads: hip (0, 8) and the hip corners (+-1, 8) dm
    expect(Array.from(model.jointHeads, (x) => +x.toFixed(6))).toEqual([0, 0.8, 0, 0.1, 0.8, 0, -0.1, 0.8, 0]);
    expect(model.humanoid).toEqual({ Hips: 0, LeftUpperLeg: 1, RightUpperLeg: 2 });
    // two primitives: the visible lower body quad (2 triangles) and the shirt quad
    expect(model.primitives.map((p) => [p.positions.length / 3, p.indices.length])).toEqual([
      [4, 6],
      [4, 6],
    ]);
    const [body, shirt] = model.primitives;
    const triples = (positions: Float32Array): number[][] =>
      Array.from({ length: positions.length / 3 }, (_, k) => Array.from(positions.slice(k * 3, k * 3 + 3), (x) => +x.toFixed(6))).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // body vertices 0, 1, 3, 2 in metres (the upper quad is hidden under the shirt)
    expect(triples(body.positions)).toEqual([
      [-0.1, 0, 0],
      [-0.1, 0.8, 0],
      [0.1, 0, 0],
      [0.1, 0.8, 0],
    ]);
    expect(model.boundsMin.map((x) => +x.toFixed(6))).toEqual([-0.2, 0, 0]);
    expect(model.boundsMax.map((x) => +x.toFixed(6))).toEqual([0.225, 1.8, 0.05]);
    expect(+model.heightM.toFixed(6)).toBe(1.8);
    // the shirt vertex at 0.75 v5 + 0.25 v3 + offset: (2.25, 16, 0.5) dm, weights Hips 0.875, LeftUpLeg 0.125
    const i = [0, 1, 2, 3].find((k) => Math.abs(shirt.positions[k * 3] - 0.225) < 1e-6)!;
    expect(Array.from(shirt.positions.slice(i * 3, i * 3 + 3), (x) => +x.toFixed(6))).toEqual([0.225, 1.6, 0.05]);
    expect(Array.from(shirt.joints.slice(i * 4, i * 4 + 2))).toEqual([0, 1]);
    expect(Array.from(shirt.weights.slice(i * 4, i * 4 + 4), (x) => +x.toFixed(6))).toEqual([0.875, 0.125, 0, 0]);
    // the shirt's texture (4 x 4, red left half) decoded; the skin is untextured
    expect(shirt.material.texture?.levels[0].width).toBe(4);
    expect(body.material.texture ?? null).toBeNull();
  });
});
