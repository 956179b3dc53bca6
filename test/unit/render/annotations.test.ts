import { describe, expect, it } from '@jest/globals';
import { createPerspectiveCamera } from '../../../orchestrator/src/render/camera.js';
import { renderView } from '../../../orchestrator/src/render/scene-view.js';
import { COCO_KEYPOINTS } from '../../../orchestrator/src/render/character-model.js';
import { FIGURE_JOINTS } from '../../helpers/gltf-fixtures.js';
import { cubeModel, figureModel, frontOrthoCamera, place, testEnvironment } from '../../helpers/render-scenes.js';

const still = { headingDeg: 0, walkPhase: 0, speedMps: 0 };

describe('view annotations', () => {
  it('measures an occluded cube exactly (orthographic, pixel-aligned edges)', async () => {
    // 200 x 100 px showing x in [-2, 2] m and y in [-0.5, 1.5] m: 50 px per metre.
    const camera = frontOrthoCamera(1, 2, 0.5);
    const cube = await cubeModel();
    const back = place(cube, 1, { ...still, positionM: [-0.5, 0, -2] }); // x in [-1, 0]
    const front = place(cube, 2, { ...still, positionM: [0, 0, 0] }); // x in [-0.5, 0.5], nearer
    for (const samplesPerPixel of [1, 2]) {
      const { annotations } = renderView(testEnvironment(), [back, front], camera, { widthPx: 200, heightPx: 100, samplesPerPixel });
      const a = annotations.find((x) => x.personId === 1)!;
      const b = annotations.find((x) => x.personId === 2)!;
      // Back cube: x from -1 (px 50) to 0 (px 100), y from 0 (px 75) to 1 m (px 25); its right half is hidden.
      expect(a.amodalBox).toEqual([50, 25, 100, 75]);
      expect(a.visibleBox).toEqual([50, 25, 75, 75]);
      expect(a.visibleFraction).toBeCloseTo(0.5, 10);
      expect(a.visiblePixels).toBe(25 * 50);
      expect(b.visibleBox).toEqual([75, 25, 125, 75]);
      expect(b.visibleFraction).toBe(1);
      expect(b.visiblePixels).toBe(50 * 50);
    }
  });

  it('reports depth along the view axis and the amodal box of the projected corners (perspective)', async () => {
    // Camera 5 m in front of the cube's face, level, looking along -Z.
    const camera = createPerspectiveCamera({ positionM: [0, 0.5, 5], lookAtM: [0, 0.5, 0], fovDeg: 60, aspect: 1 });
    const { annotations } = renderView(testEnvironment(), [place(await cubeModel(), 7, { ...still, positionM: [0, 0, 0] })], camera, {
      widthPx: 120,
      heightPx: 120,
    });
    const [a] = annotations;
    // Pinhole by hand: f = (120 / 2) / tan(30 deg); the near face (z = 0.5) is 4.5 m away.
    const f = 60 / Math.tan(Math.PI / 6);
    const half = (0.5 / 4.5) * f;
    expect(a.amodalBox![0]).toBeCloseTo(60 - half, 2);
    expect(a.amodalBox![2]).toBeCloseTo(60 + half, 2);
    expect(a.amodalBox![1]).toBeCloseTo(60 - half, 2);
    expect(a.amodalBox![3]).toBeCloseTo(60 + half, 2);
    // The cube has no rig: its depth reference is the origin of the model (the ground point), 5 m away.
    expect(a.depthM).toBeCloseTo(5, 3);
    expect(a.visibleFraction).toBe(1);
  });

  it('projects keypoints of the rest pose where the joints are, marked visible or hidden', async () => {
    // 100 px per metre: x in [-1, 1] m, y in [-0.1, 1.9] m on 200 x 200 px.
    const camera = frontOrthoCamera(1, 1, 0.9);
    const figure = await figureModel();
    const person = place(figure, 3, { ...still, positionM: [0, 0, 0], pose: 'bind' });
    const { annotations } = renderView(testEnvironment(), [person], camera, { widthPx: 200, heightPx: 200 });
    const [a] = annotations;
    const joint = (name: string) => FIGURE_JOINTS.find((j) => j.name === name)!.head;
    const expectAt = (k: number, [x, y]: [number, number, number]) => {
      expect(a.keypoints[k][0]).toBeCloseTo(100 + 100 * x, 3);
      expect(a.keypoints[k][1]).toBeCloseTo(100 - 100 * (y - 0.9), 3);
    };
    expect(COCO_KEYPOINTS[5]).toBe('left_shoulder');
    expectAt(5, joint('LeftArm'));
    expectAt(6, joint('RightArm'));
    expectAt(9, joint('LeftHand'));
    expectAt(13, joint('LeftLeg'));
    expectAt(16, joint('RightFoot'));
    // The nose is the most forward head vertex: the nose box's front face centre line at z = 0.13.
    expect(a.keypoints[0][1]).toBeLessThan(100 - 100 * (1.66 - 0.9) + 0.01);
    // Seen from the front, the figure's own keypoints lie on its silhouette: visible.
    for (const k of [0, 5, 6, 11, 12]) expect(a.keypoints[k][2]).toBe(2);
  });

  it('marks keypoints hidden behind another person with v = 1', async () => {
    const camera = frontOrthoCamera(1, 1, 0.9);
    const figure = await figureModel();
    const back = place(figure, 1, { ...still, positionM: [0, 0, -1], pose: 'bind' });
    const wall = place(await cubeModel(), 2, { ...still, positionM: [0, 0, 1] }); // 1 m cube hides the legs and hips
    const { annotations } = renderView(testEnvironment(), [back, wall], camera, { widthPx: 200, heightPx: 200 });
    const a = annotations.find((x) => x.personId === 1)!;
    for (const k of [11, 12, 13, 14]) expect(a.keypoints[k][2]).toBe(1); // hips and knees below 1 m
    for (const k of [5, 6]) expect(a.keypoints[k][2]).toBe(2); // shoulders above the cube
    expect(a.visibleFraction).toBeGreaterThan(0.2);
    expect(a.visibleFraction).toBeLessThan(0.8);
  });
});
