/**
 * What the Unity player reads from a character glb itself (character-data.ts, glb-accessors.ts)
 * is what the embedded player's loader (glTF-Transform, render/character-model.ts) makes of the
 * same file: accessor values, joints, parents and heads, humanoid bones, keypoint anchors,
 * bounds, height and vertex count.
 */
import { describe, expect, it } from '@jest/globals';
import { Document, NodeIO } from '@gltf-transform/core';
import { readGlbJson } from '../../../orchestrator/src/contracts/character.js';
import { parseCharacterGlb } from '../../../orchestrator/src/render/character-loader.js';
import { readCharacterData } from '../../../unity-project/TypeScript/src/character-data.js';
import { glbBinaryChunk, readAccessor } from '../../../unity-project/TypeScript/src/glb-accessors.js';
import { buildSkinnedFigureGlb, buildTexturedCubeGlb } from '../../helpers/gltf-fixtures.js';

async function compareWithEmbedded(glb: Uint8Array): Promise<void> {
  const model = await parseCharacterGlb(glb, 'c');
  const data = readCharacterData(readGlbJson(glb, 'c'), glbBinaryChunk(glb), 'c');
  expect(data.jointNames).toEqual(model.jointNames);
  expect(Array.from(data.jointParents)).toEqual(Array.from(model.jointParents));
  Array.from(data.jointHeads).forEach((v, i) => expect(v).toBeCloseTo(model.jointHeads[i], 9));
  for (const [bone, joint] of Object.entries(model.humanoid)) expect({ bone, joint: data.humanoid[bone] }).toEqual({ bone, joint });
  expect(data.keypoints.map((k) => k && k.joint)).toEqual(model.keypoints.map((k) => k && k.joint));
  data.keypoints.forEach((k, i) => k && k.positionM.forEach((v, c) => expect(v).toBeCloseTo(model.keypoints[i]!.positionM[c], 6)));
  expect(data.vertexCount).toBe(model.vertexCount);
  expect(data.heightM).toBeCloseTo(model.heightM, 9);
  expect(data.boundsMin).toEqual(model.boundsMin);
  expect(data.boundsMax).toEqual(model.boundsMax);
  expect(data.primitives.map((p) => p.alphaCutoff)).toEqual(model.primitives.map((p) => p.material.alphaCutoff ?? 0));
  Array.from(data.inverseBind).forEach((v, i) => expect(v).toBeCloseTo(model.inverseBindMatrices[i], 9));
}

describe('the Unity player reading a character glb', () => {
  it('reads every accessor as glTF-Transform does (floats, integers, normalised bytes, strides)', async () => {
    const doc = new Document();
    const buffer = doc.createBuffer();
    const weights = doc.createAccessor().setType('VEC4').setArray(new Uint8Array([255, 0, 0, 0, 128, 127, 0, 0, 10, 20, 30, 195])).setNormalized(true).setBuffer(buffer);
    const positions = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 1.5, -2, 3.25, 0.125, 9, -1, -2, -3])).setBuffer(buffer);
    const joints = doc.createAccessor().setType('VEC4').setArray(new Uint16Array([0, 1, 2, 3, 4, 5, 6, 7, 65535, 0, 1, 2])).setBuffer(buffer);
    const primitive = doc.createPrimitive().setAttribute('POSITION', positions).setAttribute('WEIGHTS_0', weights).setAttribute('JOINTS_0', joints);
    doc.createScene().addChild(doc.createNode('n').setMesh(doc.createMesh().addPrimitive(primitive)));
    for (const glb of [await new NodeIO().writeBinary(doc), await buildSkinnedFigureGlb()]) {
      const json = readGlbJson(glb, 'x') as { accessors: unknown[] };
      const reread = await new NodeIO().readBinary(glb);
      const accessors = reread.getRoot().listAccessors();
      expect(accessors.length).toBe(json.accessors.length);
      accessors.forEach((accessor, i) => {
        const expected = Array.from({ length: accessor.getCount() }, (_, e) => accessor.getElement(e, [])).flat();
        const ours = Array.from(readAccessor(json as never, glbBinaryChunk(glb), i));
        expect(ours.length).toBe(expected.length);
        ours.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6));
      });
    }
  });

  it('agrees with the embedded player on the skinned test figure', async () => {
    await compareWithEmbedded(await buildSkinnedFigureGlb());
  });

  it('agrees without humanoid extras (the MakeHuman tables by bone name)', async () => {
    await compareWithEmbedded(await buildSkinnedFigureGlb({ withHumanoidExtras: false }));
  });

  it('agrees on a rigid mesh (one implicit joint)', async () => {
    const glb = await buildTexturedCubeGlb(0.5);
    await compareWithEmbedded(glb);
    expect(readCharacterData(readGlbJson(glb, 'c'), glbBinaryChunk(glb), 'c').jointNames).toEqual(['root']);
  });

  it('refuses a glb without a mesh', async () => {
    const doc = new Document();
    doc.createScene().addChild(doc.createNode('empty'));
    const glb = await new NodeIO().writeBinary(doc);
    expect(() => readCharacterData(readGlbJson(glb, 'c'), glbBinaryChunk(glb), 'empty')).toThrow('character empty: no mesh in the glb');
  });
});
