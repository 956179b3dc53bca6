/**
 * A generated character as .glb: the Khronos validator reports no errors, the file carries the
 * skin and the humanoid bone map, and its front and side previews match the golden images
 * (docs/images/characters/preview-*.png; per-channel threshold 48, at most 3% failing values).
 */
import { beforeAll, expect, it } from '@jest/globals';
import { NodeIO } from '@gltf-transform/core';
import { validateBytes } from 'gltf-validator';
import { readImage } from '../../orchestrator/src/imaging/image-io.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { describeWithAssets } from '../helpers/assets.js';
import { compareImages } from '../helpers/images.js';
import { PREVIEW_GOLDEN, previewCharacter, previewData } from './characters-preview-fixture.js';

describeWithAssets('character .glb files', () => {
  let glb: Uint8Array;
  let front: RawImage;
  let side: RawImage;
  beforeAll(async () => {
    ({ glb, front, side } = await previewCharacter(previewData()));
  });

  it('passes the Khronos glTF validator without errors or warnings', async () => {
    const report = await validateBytes(glb, { maxIssues: 50 });
    expect(report.issues.messages.filter((m) => m.severity <= 1)).toEqual([]);
    expect(report.issues.numErrors).toBe(0);
  });

  it('is a skinned character in metres, feet on the ground, with the humanoid map in extras', async () => {
    const doc = await new NodeIO().readBinary(glb);
    const root = doc.getRoot();
    const skin = root.listSkins()[0];
    expect(skin.listJoints().length).toBe(31);
    expect(skin.getSkeleton()?.getName()).toBe('Hips');
    const extras = root.getExtras() as { clonedperson: { humanoidBones: Record<string, string>; heightM: number; skeleton: string } };
    expect(extras.clonedperson.skeleton).toBe('cmu_mb');
    expect(extras.clonedperson.humanoidBones).toMatchObject({ Hips: 'Hips', LeftUpLeg: 'LeftUpperLeg', RightForeArm: 'RightLowerArm', Head: 'Head' });
    let minY = Infinity;
    let maxY = -Infinity;
    const materials = new Set<string>();
    for (const primitive of root.listMeshes()[0].listPrimitives()) {
      const position = primitive.getAttribute('POSITION')!;
      minY = Math.min(minY, position.getMin([0, 0, 0])[1]);
      maxY = Math.max(maxY, position.getMax([0, 0, 0])[1]);
      materials.add(primitive.getMaterial()!.getName());
      expect(primitive.getAttribute('JOINTS_0')).not.toBeNull();
    }
    expect(minY).toBeCloseTo(0, 5);
    // the card's height is the body's; hair and shoes add a little
    expect(maxY).toBeGreaterThan(extras.clonedperson.heightM);
    expect(maxY).toBeLessThan(extras.clonedperson.heightM + 0.12);
    expect(materials.size).toBe(root.listMeshes()[0].listPrimitives().length); // one primitive per material
    expect(root.listTextures().length).toBeGreaterThanOrEqual(4); // suit, hair, eyes, eyebrows, ...
  });

  it('binds the skin in its rest pose: every joint world matrix times its inverse bind matrix is the identity', async () => {
    const doc = await new NodeIO().readBinary(glb);
    const skin = doc.getRoot().listSkins()[0];
    const ibm = skin.getInverseBindMatrices()!.getArray()!;
    let worst = 0;
    skin.listJoints().forEach((joint, j) => {
      const world = joint.getWorldMatrix();
      for (let col = 0; col < 4; col++) {
        for (let row = 0; row < 4; row++) {
          let sum = 0;
          for (let k = 0; k < 4; k++) sum += world[k * 4 + row] * ibm[j * 16 + col * 4 + k];
          worst = Math.max(worst, Math.abs(sum - (row === col ? 1 : 0)));
        }
      }
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('renders front and side previews like the golden images', async () => {
    for (const [view, image] of [['front', front], ['side', side]] as const) {
      const golden = await readImage(PREVIEW_GOLDEN[view]);
      const difference = compareImages(image, golden, 48);
      expect({ view, failing: difference.failingShare < 0.03 }).toEqual({ view, failing: true });
    }
  });
});
