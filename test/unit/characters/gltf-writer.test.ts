import { describe, expect, it } from '@jest/globals';
import { NodeIO } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import type { AssembledCharacter, MeshPart } from '../../../orchestrator/src/characters/character-assembly.js';
import { lowestPoint, partGeometry, writeCharacterGlb } from '../../../orchestrator/src/characters/gltf-writer.js';
import { MACRO_DEFAULTS } from '../../../orchestrator/src/makehuman/macro-modifiers.js';
import { parseObj } from '../../../orchestrator/src/makehuman/obj-parser.js';
import { parseSkeleton } from '../../../orchestrator/src/makehuman/rig-parser.js';
import { buildSkeleton } from '../../../orchestrator/src/makehuman/skeleton.js';
import { encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';

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
