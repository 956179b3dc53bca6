import { describe, expect, it } from '@jest/globals';
import { legLengthM, poseSkeletonFromGltf, restGlobals } from '../../../orchestrator/src/pose/pose-skeleton.js';
import { FIGURE_JOINTS } from '../../helpers/gltf-fixtures.js';
import { figureSkeleton } from './pose-fixtures.js';

describe('pose skeletons from glb JSON', () => {
  it('reads the skin joints parents first with rest transforms that rebuild the joint heads', async () => {
    const skeleton = await figureSkeleton();
    expect(skeleton.bones.map((b) => b.name)).toEqual(FIGURE_JOINTS.map((j) => j.name));
    skeleton.bones.forEach((bone, b) => {
      const parent = FIGURE_JOINTS[b].parent;
      expect(bone.parent).toBe(parent === null ? -1 : FIGURE_JOINTS.findIndex((j) => j.name === parent));
    });
    const { positions } = restGlobals(skeleton);
    FIGURE_JOINTS.forEach((joint, b) => joint.head.forEach((v, k) => expect(positions[b * 3 + k]).toBeCloseTo(v, 6)));
    expect(skeleton.humanoid).toMatchObject({ Hips: 0, LeftUpperLeg: FIGURE_JOINTS.findIndex((j) => j.name === 'LeftUpLeg'), RightFoot: FIGURE_JOINTS.findIndex((j) => j.name === 'RightFoot') });
    // Hip 0.92 -> knee 0.5 -> ankle 0.08: 0.84 m.
    expect(legLengthM(skeleton)).toBeCloseTo(0.84, 6);
  });

  it('folds non-joint nodes between joints into the child, decomposes matrices and falls back to the rig tables', () => {
    const json = {
      nodes: [
        { name: 'Hips', translation: [0, 1, 0], children: [1] },
        { name: 'helper', translation: [0.1, 0, 0], rotation: [0, 0, Math.SQRT1_2, Math.SQRT1_2], children: [2] },
        // 90 degrees about Z as a matrix, 0.4 along the helper's X.
        { name: 'LeftUpLeg', matrix: [0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0.4, 0, 0, 1] },
        { name: 'body', mesh: 0, skin: 0 },
      ],
      skins: [{ joints: [0, 2] }],
    };
    const skeleton = poseSkeletonFromGltf(json, undefined);
    expect(skeleton.bones[1].parent).toBe(0);
    // helper (T 0.1 x, R 90 about Z) then the leg (T 0.4 along x -> 0.4 along y, R 90): 180 degrees in all.
    expect(skeleton.bones[1].restTranslationM.map((v) => +v.toFixed(12) || 0)).toEqual([0.1, 0.4, 0]);
    expect(skeleton.bones[1].restRotation.map((v) => +v.toFixed(12) || 0)).toEqual([0, 0, 1, 0]);
    // Without extras the MakeHuman rig tables name the humanoid bones.
    expect(skeleton.humanoid).toEqual({ Hips: 0, LeftUpperLeg: 1 });
  });

  it('refuses glbs without a skin or with children listed before their parent', () => {
    expect(() => poseSkeletonFromGltf({ nodes: [{ mesh: 0 }] }, undefined)).toThrow(/no skinned mesh/);
    const childFirst = { nodes: [{ name: 'A', children: [1] }, { name: 'B' }, { mesh: 0, skin: 0 }], skins: [{ joints: [1, 0] }] };
    expect(() => poseSkeletonFromGltf(childFirst, undefined)).toThrow(expect.objectContaining({ code: 'E_CHARACTER_INVALID' }));
  });
});
