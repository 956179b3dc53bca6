/**
 * People behind props: the id pass counts prop occlusion in visibleFraction and visibleBox covers
 * only what is seen (analytic cases), and the cached static background (ground, sky, props and
 * their shadows) gives the same pixels as drawing it afresh.
 */
import { describe, expect, it } from '@jest/globals';
import { createPerspectiveCamera } from '../../../orchestrator/src/render/camera.js';
import { createRenderEnvironment } from '../../../orchestrator/src/render/environment.js';
import type { RenderEnvironment } from '../../../orchestrator/src/render/environment.js';
import { parsePropGlb } from '../../../orchestrator/src/render/prop-loader.js';
import type { RenderProp } from '../../../orchestrator/src/render/prop-model.js';
import { renderView } from '../../../orchestrator/src/render/scene-view.js';
import { buildTexturedCubeGlb } from '../../helpers/gltf-fixtures.js';
import { compareImages } from '../../helpers/images.js';
import { cubeModel, figureModel, frontOrthoCamera, place } from '../../helpers/render-scenes.js';

const still = { headingDeg: 0, walkPhase: 0, speedMps: 0 };

/** A wall from the unit cube glb: x in [x0, x1], y in [0, heightM], z in [z - 0.1, z + 0.1]. */
async function wall(x0: number, x1: number, heightM: number, z: number): Promise<RenderProp> {
  return parsePropGlb(await buildTexturedCubeGlb(), 'wall', { positionM: [(x0 + x1) / 2, 0, z], rotation: [0, 0, 0, 1], scale: [x1 - x0, heightM, 0.2] });
}

function environment(props: RenderProp[]): RenderEnvironment {
  return createRenderEnvironment(
    {
      ground: { color: [0.7, 0.7, 0.7], tileM: 1, halfSizeM: 40 },
      background: { zenithColor: [0.3, 0.5, 0.85], horizonColor: [0.8, 0.85, 0.9] },
      lighting: { ambient: [0.35, 0.35, 0.38], groundAmbient: [0.15, 0.14, 0.12], sunDirection: [-0.5, -1, -0.4], sunColor: [0.8, 0.78, 0.7] },
    },
    {},
    props,
  );
}

describe('occlusion by props', () => {
  it('gives visibleFraction 0.5 (exactly) for a person half behind a wall, with the box of the seen half', async () => {
    // 200 x 100 px showing x in [-2, 2] m and y in [-0.5, 1.5] m: 50 px per metre. The "person" is
    // the 1 m cube at the origin (x 75..125 px, y 25..75 px); the wall in front covers x < 0.
    const camera = frontOrthoCamera(1, 2, 0.5);
    const env = environment([await wall(-3, 0, 2, 1)]);
    for (const samplesPerPixel of [1, 2]) {
      const { annotations } = renderView(env, [place(await cubeModel(), 1, { ...still, positionM: [0, 0, 0] })], camera, { widthPx: 200, heightPx: 100, samplesPerPixel });
      const [a] = annotations;
      expect(a.visibleFraction).toBe(0.5);
      expect(a.visibleBox).toEqual([100, 25, 125, 75]);
      expect(a.amodalBox).toEqual([75, 25, 125, 75]);
      expect(a.visiblePixels).toBe(25 * 50);
    }
    // Nothing hidden without the wall, everything behind a wider one.
    const open = renderView(environment([]), [place(await cubeModel(), 1, { ...still, positionM: [0, 0, 0] })], camera, { widthPx: 200, heightPx: 100 });
    expect(open.annotations[0].visibleFraction).toBe(1);
    const hidden = renderView(environment([await wall(-3, 3, 2, 1)]), [place(await cubeModel(), 1, { ...still, positionM: [0, 0, 0] })], camera, { widthPx: 200, heightPx: 100 });
    expect(hidden.annotations[0]).toMatchObject({ visibleFraction: 0, visibleBox: null, visiblePixels: 0 });
  });

  it('cuts the visible box of a walking person at the top edge of a low wall (perspective)', async () => {
    const camera = createPerspectiveCamera({ positionM: [0, 1.2, 5], lookAtM: [0, 1, 0], fovDeg: 40, aspect: 4 / 3 });
    const wallTopM = 0.9;
    const wallCentreZ = 1.4; // the wall spans z 1.3..1.5; its top front edge (z 1.5) hides what is seen below it
    const env = environment([await wall(-2, 2, wallTopM, wallCentreZ)]);
    const person = place(await figureModel(), 1, { positionM: [0, 0, 0], headingDeg: 90, walkPhase: 0.2, speedMps: 1.2 });
    const { annotations } = renderView(env, [person], camera, { widthPx: 160, heightPx: 120 });
    const [a] = annotations;
    // Image row of the wall's top front edge, projected by the camera matrix.
    const vp = camera.viewProjection;
    const clip = (x: number, y: number, z: number) => [vp[1] * x + vp[5] * y + vp[9] * z + vp[13], vp[3] * x + vp[7] * y + vp[11] * z + vp[15]];
    const [cy, cw] = clip(0, wallTopM, wallCentreZ + 0.1);
    const edgeRow = ((1 - cy / cw) / 2) * 120;
    expect(a.visibleBox![3]).toBeLessThanOrEqual(edgeRow + 0.5);
    expect(a.visibleBox![3]).toBeGreaterThan(edgeRow - 1.5);
    // The amodal box still reaches the feet, well below the wall's edge.
    expect(a.amodalBox![3]).toBeGreaterThan(edgeRow + 10);
    expect(a.visibleFraction).toBeGreaterThan(0.3);
    expect(a.visibleFraction).toBeLessThan(0.8);
  });

  it('draws the same pixels from the cached background as from a fresh one, props and shadows included, frame after frame', async () => {
    const camera = createPerspectiveCamera({ positionM: [2, 2.5, 6], lookAtM: [0, 0.8, 0], fovDeg: 50, aspect: 4 / 3 });
    const env = environment([await wall(-2, 0.5, 1.2, -1), await wall(1, 1.4, 2.5, 1)]);
    const persons = [place(await figureModel(), 1, { positionM: [0.3, 0, 0], headingDeg: 30, walkPhase: 0.4, speedMps: 1.3 })];
    const options = { widthPx: 160, heightPx: 120 };
    const fresh = renderView(env, persons, camera, { ...options, environmentCache: false });
    const first = renderView(env, persons, camera, options);
    const second = renderView(env, persons, camera, options);
    expect(compareImages(first.image, fresh.image, 0).maxDifference).toBe(0);
    expect(compareImages(second.image, fresh.image, 0).maxDifference).toBe(0);
    expect(second.annotations).toEqual(fresh.annotations);
    // Frames after the first restore only what the last one touched: after the person moved
    // (and after an empty frame) the cached view still equals a fresh one.
    const moved = [place(await figureModel(), 1, { positionM: [-1.2, 0, 1.5], headingDeg: -60, walkPhase: 0.7, speedMps: 1.3 })];
    const movedCached = renderView(env, moved, camera, options);
    expect(compareImages(movedCached.image, renderView(env, moved, camera, { ...options, environmentCache: false }).image, 0).maxDifference).toBe(0);
    const emptyCached = renderView(env, [], camera, options);
    expect(compareImages(emptyCached.image, renderView(env, [], camera, { ...options, environmentCache: false }).image, 0).maxDifference).toBe(0);
  });
});
