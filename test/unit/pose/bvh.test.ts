import { describe, expect, it } from '@jest/globals';
import { bvhGlobalPose, bvhLocalPose, parseBvh } from '../../../orchestrator/src/pose/bvh.js';
import { quatRotateVector } from '../../../orchestrator/src/pose/quaternion.js';

const TWO_JOINTS = `HIERARCHY
ROOT Hips
{
  OFFSET 0 0 0
  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation
  JOINT Arm
  {
    OFFSET 1 0 0
    CHANNELS 3 Zrotation Yrotation Xrotation
    End Site
    {
      OFFSET 2 0 0
    }
  }
}
MOTION
Frames: 2
Frame Time: 0.5
0 1 0 0 0 0 0 0 0
3 1 0 90 0 0 90 0 90
`;

describe('BVH parsing', () => {
  it('reads the hierarchy, channels and frames', () => {
    const clip = parseBvh(TWO_JOINTS, 'two.bvh');
    expect(clip.joints.map((j) => [j.name, j.parent, j.offset, j.channels.length, j.channelStart])).toEqual([
      ['Hips', -1, [0, 0, 0], 6, 0],
      ['Arm', 0, [1, 0, 0], 3, 6],
    ]);
    expect(clip.joints[1].endSite).toEqual([2, 0, 0]);
    expect([clip.frameCount, clip.channelCount, clip.frameTimeS]).toEqual([2, 9, 0.5]);
    expect(Array.from(clip.motion.subarray(9, 18))).toEqual([3, 1, 0, 90, 0, 0, 90, 0, 90]);
  });

  it('composes rotation channels in their listed order and places joints by forward kinematics', () => {
    const clip = parseBvh(TWO_JOINTS, 'two.bvh');
    const global = bvhGlobalPose(clip, bvhLocalPose(clip, 1));
    // Root at (3, 1, 0) turned 90 degrees about +Z: the arm's head is 1 unit up from it.
    expect(Array.from(global.positions).map((v) => +v.toFixed(12) || 0)).toEqual([3, 1, 0, 3, 2, 0]);
    // The arm's local rotation is Rz(90) * Rx(90) (Z listed first): +Y goes to +Z (Rx first), not to -X.
    const local = bvhLocalPose(clip, 1).rotations.subarray(4, 8);
    expect(quatRotateVector([0, 0, 0], local, [0, 1, 0]).map((v) => +v.toFixed(12) || 0)).toEqual([0, 0, 1]);
    // The end site, 2 units along the arm: root Z90 then arm Z90 X90 turn +X to -X.
    const tip = quatRotateVector([0, 0, 0], global.rotations.subarray(4, 8), [2, 0, 0]);
    expect(tip.map((v) => +v.toFixed(12) || 0)).toEqual([-2, 0, 0]);
  });

  it('names the line of a malformed file', () => {
    expect(() => parseBvh(TWO_JOINTS.replace('OFFSET 1 0 0', 'OFFSET 1 zero 0'), 'bad.bvh')).toThrow(/bad\.bvh: line 8: expected a number but found zero/);
    expect(() => parseBvh(TWO_JOINTS.replace('3 1 0 90 0 0 90 0 90', '3 1 0 90'), 'short.bvh')).toThrow(/short\.bvh: line 20: frame 1 has 4 values, expected 9/);
    expect(() => parseBvh(TWO_JOINTS.replace('Frames: 2', 'Frames: 3'), 'few.bvh')).toThrow(/announces 3 frames but 2 follow/);
    expect(() => parseBvh(TWO_JOINTS.replace('Xrotation\n  JOINT', 'Wrotation\n  JOINT'), 'ch.bvh')).toThrow(/unknown channel Wrotation/);
    expect(() => parseBvh('HIERARCHY\nROOT A\n{\n}\n', 'nomotion.bvh')).toThrow(/no MOTION section/);
    let caught: unknown;
    try {
      parseBvh('nonsense', 'x.bvh');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'E_MOTION_INVALID' });
  });
});
