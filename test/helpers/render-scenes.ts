/**
 * The renderer's golden scenes (small frames), shared by test/unit/render/golden.test.ts and
 * scripts/update-render-goldens.ts. Each returns the rendered image and its annotations.
 */
import path from 'node:path';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';
import { createOrthographicCamera, createPerspectiveCamera } from '../../orchestrator/src/render/camera.js';
import type { RenderCamera } from '../../orchestrator/src/render/camera.js';
import { parseCharacterGlb } from '../../orchestrator/src/render/character-loader.js';
import type { CharacterModel } from '../../orchestrator/src/render/character-model.js';
import { createRenderEnvironment } from '../../orchestrator/src/render/environment.js';
import type { RenderEnvironment } from '../../orchestrator/src/render/environment.js';
import { prepareGaitRig } from '../../orchestrator/src/render/gait.js';
import type { PoseInput } from '../../orchestrator/src/render/gait.js';
import { createPoseBuffers, posePerson } from '../../orchestrator/src/render/pose-person.js';
import { renderView } from '../../orchestrator/src/render/scene-view.js';
import type { PosedPerson, ViewAnnotation } from '../../orchestrator/src/render/scene-view.js';
import { fileURLToPath } from 'node:url';
import { buildSkinnedFigureGlb, buildTexturedCubeGlb, checkerImage } from './gltf-fixtures.js';

export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden/render');
export const GOLDEN_SIZE = { widthPx: 160, heightPx: 120 };

export interface GoldenRender {
  image: RawImage;
  annotations: ViewAnnotation[];
}

let cube: CharacterModel | undefined;
let figure: CharacterModel | undefined;

export async function cubeModel(): Promise<CharacterModel> {
  cube ??= await parseCharacterGlb(await buildTexturedCubeGlb(), 'cube');
  return cube;
}

export async function figureModel(): Promise<CharacterModel> {
  figure ??= await parseCharacterGlb(await buildSkinnedFigureGlb(), 'figure');
  return figure;
}

export function testEnvironment(): RenderEnvironment {
  return createRenderEnvironment(
    {
      ground: { color: [1, 1, 1], tileM: 1, halfSizeM: 40 },
      background: { zenithColor: [0.3, 0.5, 0.85], horizonColor: [0.8, 0.85, 0.9] },
      lighting: { ambient: [0.45, 0.45, 0.45], sunDirection: [-0.4, -1, -0.5], sunColor: [0.6, 0.6, 0.6] },
    },
    { ground: checkerImage(32, [160, 160, 160], [120, 120, 120], [160, 160, 160]) },
  );
}

export function place(model: CharacterModel, personId: number, input: PoseInput): PosedPerson {
  return posePerson(prepareGaitRig(model), input, personId, createPoseBuffers(model));
}

function view(persons: PosedPerson[], camera: RenderCamera, samplesPerPixel = 2): GoldenRender {
  const result = renderView(testEnvironment(), persons, camera, { ...GOLDEN_SIZE, samplesPerPixel });
  return { image: result.image, annotations: result.annotations };
}

const still = { headingDeg: 0, walkPhase: 0, speedMps: 0 };

/** The golden cases by file name. */
export const GOLDEN_CASES: Record<string, () => Promise<GoldenRender>> = {
  'textured-cube': async () =>
    view(
      [place(await cubeModel(), 1, { ...still, positionM: [0, 0, 0], headingDeg: 30 })],
      createPerspectiveCamera({ positionM: [1.6, 1.8, 3.2], lookAtM: [0, 0.4, 0], fovDeg: 45, aspect: 4 / 3 }),
    ),
  'figure-rest': async () =>
    view(
      [place(await figureModel(), 1, { ...still, positionM: [0, 0, 0], pose: 'bind' })],
      createPerspectiveCamera({ positionM: [0.8, 1.3, 3.6], lookAtM: [0, 0.9, 0], fovDeg: 45, aspect: 4 / 3 }),
    ),
  'figure-mid-stride': async () =>
    view(
      [place(await figureModel(), 1, { positionM: [0, 0, 0], headingDeg: 90, walkPhase: 0, speedMps: 1.3 })],
      createPerspectiveCamera({ positionM: [0.3, 1.2, 3.6], lookAtM: [0, 0.85, 0], fovDeg: 45, aspect: 4 / 3 }),
    ),
  'two-person-occlusion': async () =>
    view(
      [
        place(await figureModel(), 1, { positionM: [-0.15, 0, -1.2], headingDeg: 90, walkPhase: 0.5, speedMps: 1.3 }),
        place(await figureModel(), 2, { positionM: [0.2, 0, 0.3], headingDeg: -90, walkPhase: 0.25, speedMps: 1.2 }),
      ],
      createPerspectiveCamera({ positionM: [0, 1.4, 4], lookAtM: [0, 0.9, 0], fovDeg: 45, aspect: 4 / 3 }),
    ),
};

/** A front orthographic camera showing x in [-halfWidthM, halfWidthM], y in [yM - halfHeightM, yM + halfHeightM]. */
export function frontOrthoCamera(halfHeightM: number, aspect: number, yM: number): RenderCamera {
  return createOrthographicCamera({ positionM: [0, yM, 10], lookAtM: [0, yM, 0], halfHeightM, aspect, nearM: 1, farM: 20 });
}
