import { describe, expect, it } from '@jest/globals';
import { prepareGaitRig, poseCharacter } from '../../../orchestrator/src/render/gait.js';
import { createPoseBuffers, posePerson } from '../../../orchestrator/src/render/pose-person.js';
import { FIGURE_JOINTS } from '../../helpers/gltf-fixtures.js';
import { figureModel } from '../../helpers/render-scenes.js';

const kp = { leftShoulder: 5, leftWrist: 9, rightWrist: 10, leftHip: 11, leftAnkle: 15, rightAnkle: 16 };

describe('procedural gait', () => {
  it('leaves the bind pose untouched and places it in the world (heading 90 = facing +X)', async () => {
    const model = await figureModel();
    const person = posePerson(prepareGaitRig(model), { positionM: [2, 0, -1], headingDeg: 90, walkPhase: 0, speedMps: 0, pose: 'bind' }, 1, createPoseBuffers(model));
    // A point at (x, y, z) in the character frame lands at (2 + z, y, -1 - x) after a 90-degree turn.
    const [x, y, z] = FIGURE_JOINTS.find((j) => j.name === 'LeftArm')!.head;
    const k = person.keypointsM;
    expect([k[kp.leftShoulder * 3], k[kp.leftShoulder * 3 + 1], k[kp.leftShoulder * 3 + 2]].map((v) => +v.toFixed(6))).toEqual([2 + z, y, -1 - x].map((v) => +v.toFixed(6)));
  });

  it('hangs the arms down when standing still', async () => {
    const model = await figureModel();
    const person = posePerson(prepareGaitRig(model), { positionM: [0, 0, 0], headingDeg: 0, walkPhase: 0, speedMps: 0 }, 1, createPoseBuffers(model));
    const k = person.keypointsM;
    // The bind pose holds the wrists out at 0.57 m; hanging (8 degrees out) brings them within 0.3 m.
    expect(Math.abs(k[kp.leftWrist * 3])).toBeLessThan(0.3);
    expect(k[kp.leftWrist * 3 + 1]).toBeLessThan(FIGURE_JOINTS.find((j) => j.name === 'LeftHand')!.head[1] - 0.1);
  });

  it('strides: at the left heel strike the left ankle is ahead, both feet stay on the ground', async () => {
    const model = await figureModel();
    const rig = prepareGaitRig(model);
    const buffers = createPoseBuffers(model);
    const ankleRestY = FIGURE_JOINTS.find((j) => j.name === 'LeftFoot')!.head[1];
    for (let i = 0; i < 20; i++) {
      const phase = i / 20;
      const k = posePerson(rig, { positionM: [0, 0, 0], headingDeg: 0, walkPhase: phase, speedMps: 1.3 }, 1, buffers).keypointsM;
      const left = k[kp.leftAnkle * 3 + 1], right = k[kp.rightAnkle * 3 + 1];
      // The lower ankle is exactly at its standing height; the other one is not below it.
      expect(Math.min(left, right)).toBeCloseTo(ankleRestY, 6); // float32 joint data
      if (i === 0) {
        const stride = k[kp.leftAnkle * 3 + 2] - k[kp.rightAnkle * 3 + 2];
        // Legs of 0.84 m at +30 / -14 degrees hip angle: the ankles are 0.4-0.7 m apart.
        expect(stride).toBeGreaterThan(0.4);
        expect(stride).toBeLessThan(0.7);
        // Arms swing opposite to the legs: the right wrist is ahead of the left one.
        expect(k[kp.rightWrist * 3 + 2]).toBeGreaterThan(k[kp.leftWrist * 3 + 2]);
      }
      if (i === 10) expect(k[kp.rightAnkle * 3 + 2]).toBeGreaterThan(k[kp.leftAnkle * 3 + 2] + 0.4);
    }
  });

  it('is a pure function of its input', async () => {
    const model = await figureModel();
    const rig = prepareGaitRig(model);
    const a = new Float64Array(model.jointNames.length * 16);
    const b = new Float64Array(model.jointNames.length * 16);
    const input = { positionM: [1, 0, 2] as [number, number, number], headingDeg: 33, walkPhase: 0.37, speedMps: 1.1 };
    poseCharacter(rig, input, a);
    poseCharacter(rig, { ...input, walkPhase: 0.9 }, b);
    poseCharacter(rig, input, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
