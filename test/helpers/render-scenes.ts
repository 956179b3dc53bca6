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
import { createPoseBuffers, posePerson } from '../../orchestrator/src/render/pose-person.js';
import type { PoseInput } from '../../orchestrator/src/render/pose-person.js';
import { renderView } from '../../orchestrator/src/render/scene-view.js';
import type { PosedPerson, ViewAnnotation } from '../../orchestrator/src/render/scene-view.js';
import { fileURLToPath } from 'node:url';
import { parsePropGlb } from '../../orchestrator/src/render/prop-loader.js';
import { sceneProps } from '../../orchestrator/src/render-stage/scene-props.js';
import { wireEnvironment } from '../../orchestrator/src/render-stage/wire-conversions.js';
import { backgroundPanorama, groundTexture } from '../../orchestrator/src/scene/environment-textures.js';
import { loadSceneSpec } from '../../orchestrator/src/scene/scene-loader.js';
import { deriveSeed } from '../../orchestrator/src/shared/random.js';
import { nodeFileStore } from '../../orchestrator/src/shared/node-file-store.js';
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
  return posePerson(model, input, personId, createPoseBuffers(model));
}

function view(persons: PosedPerson[], camera: RenderCamera, samplesPerPixel = 2): GoldenRender {
  const result = renderView(testEnvironment(), persons, camera, { ...GOLDEN_SIZE, samplesPerPixel });
  return { image: result.image, annotations: result.annotations };
}

const still = { headingDeg: 0, walkPhase: 0, speedMps: 0 };

let street: RenderEnvironment | undefined;

/** The bundled street scene's environment with all its props (generated, with textures). */
export async function streetEnvironment(): Promise<RenderEnvironment> {
  if (!street) {
    const spec = await loadSceneSpec('street', '/');
    const { props } = await sceneProps(spec, spec.baseDir!, nodeFileStore);
    const models = await Promise.all(props.map(async ({ wire }) => parsePropGlb(new Uint8Array(Buffer.from((wire.source as { base64: string }).base64, 'base64')), wire.name, wire)));
    const env = spec.environment;
    street = createRenderEnvironment(
      wireEnvironment(spec, {}),
      { ground: groundTexture(env.ground.pattern, deriveSeed(spec.seed, 'ground')), panorama: backgroundPanorama(env.background.pattern, deriveSeed(spec.seed, 'background')) },
      models,
    );
  }
  return street;
}

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
  // The bundled street (buildings, awnings, cars, trees, lamps, their sun shadows) from a wide
  // camera over the south sidewalk, with three walkers: one on the crossing, one on the far
  // sidewalk, one partly behind a parked car.
  'street-props': async () => {
    const camera = createPerspectiveCamera({ positionM: [-6, 5, 10], lookAtM: [7, 0.5, -3], fovDeg: 50, aspect: 16 / 9 });
    const figure = await figureModel();
    const persons = [
      place(figure, 1, { positionM: [2.3, 0, 1], headingDeg: 180, walkPhase: 0.1, speedMps: 1.3 }),
      place(figure, 2, { positionM: [6, 0, -7.6], headingDeg: -90, walkPhase: 0.6, speedMps: 1.1 }),
      place(figure, 3, { positionM: [13.5, 0, -5.6], headingDeg: 90, walkPhase: 0.35, speedMps: 1.4 }),
    ];
    const result = renderView(await streetEnvironment(), persons, camera, { widthPx: 320, heightPx: 180, samplesPerPixel: 2 });
    return { image: result.image, annotations: result.annotations };
  },
};

/** A front orthographic camera showing x in [-halfWidthM, halfWidthM], y in [yM - halfHeightM, yM + halfHeightM]. */
export function frontOrthoCamera(halfHeightM: number, aspect: number, yM: number): RenderCamera {
  return createOrthographicCamera({ positionM: [0, yM, 10], lookAtM: [0, yM, 0], halfHeightM, aspect, nearM: 1, farM: 20 });
}
