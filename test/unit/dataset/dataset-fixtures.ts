/**
 * Inputs of the dataset stage, small and in memory: hand-made annotation lines and render
 * records for the pure cores, and a real render (the embedded player in this process, box-limbed
 * figures as characters) with characters.json and selection.json in a memory file store for the
 * writer.
 */
import { CHARACTERS_LIST_CONTRACT } from '../../../orchestrator/src/contracts/character.js';
import type { CharactersList } from '../../../orchestrator/src/contracts/character.js';
import type { AnnotationLine, RenderRecord } from '../../../orchestrator/src/contracts/render-record.js';
import { SELECTION_CONTRACT } from '../../../orchestrator/src/contracts/selection.js';
import type { ImageBoxPx, Selection } from '../../../orchestrator/src/contracts/selection.js';
import { parseSceneText } from '../../../orchestrator/src/scene/scene-loader.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { buildSkinnedFigureGlb, checkerImage } from '../../helpers/gltf-fixtures.js';
import { inProcessRender } from '../render-stage/render-stage-fixtures.js';

export const ROOT = '/work';
export const CHARACTERS_DIR = `${ROOT}/characters`;
export const RENDER_DIR = `${ROOT}/render`;
export const DATASET_DIR = `${ROOT}/dataset`;

/** An annotation line with a standing person's keypoints inside `amodal` (overridable fields). */
export function annotationLine(overrides: Partial<AnnotationLine> & { amodalBox: ImageBoxPx | null }): AnnotationLine {
  const box = overrides.amodalBox ?? [0, 0, 0, 0];
  const [x0, y0, x1, y1] = box;
  const cx = (x0 + x1) / 2;
  const h = y1 - y0;
  // nose near the top, ankles near the bottom, wrists at the sides
  const keypoints: [number, number, number][] = Array.from({ length: 17 }, (_, k) => {
    if (k <= 4) return [cx, y0 + 0.08 * h, 2];
    if (k === 9) return [x0 + 0.1 * (x1 - x0), y0 + 0.5 * h, 2];
    if (k === 10) return [x1 - 0.1 * (x1 - x0), y0 + 0.5 * h, 2];
    if (k >= 15) return [cx, y0 + 0.95 * h, 2];
    return [cx, y0 + 0.4 * h, 2];
  });
  return {
    step: 0,
    timeS: 0,
    camera: 'cam0',
    personId: 1,
    characterId: '0000',
    frame: 'frames/cam0/000000.jpg',
    visibleBox: overrides.amodalBox,
    visibleFraction: 1,
    visiblePixels: 1000,
    keypoints,
    depthM: 5,
    ...overrides,
  };
}

/** A render record with cameras `cam0`, `cam1`, ... of `widthPx x heightPx`. */
export function renderRecord(scene: string, cameras = 2, widthPx = 640, heightPx = 480, fps = 10): RenderRecord {
  return {
    formatVersion: 1,
    scene,
    seed: 1,
    fps,
    steps: 20,
    cameras: Array.from({ length: cameras }, (_, index) => ({ index, name: `cam${index}`, widthPx, heightPx, fovDeg: 45, positionM: [0, 1.5, 5], lookAtM: [0, 1, 0] })),
    characters: ['0000', '0001'],
    player: 'embedded 0.1.0',
    restarts: 0,
    frames: 0,
    annotations: 0,
    choreography: {},
    inputKey: `render-${scene}`,
  };
}

/** Four people walking past two 320x240 cameras that see them about 100 px tall. */
export const DATASET_SCENE = `
formatVersion: 1
name: walk
fps: 10
durationS: 2
environment:
  ground: { pattern: plain }
  background: { pattern: plain }
cameras:
  - { name: front, positionM: [0, 1.1, 5.5], lookAtM: [0, 0.9, 0], fovDeg: 40, widthPx: 320, heightPx: 240 }
  - { name: side, positionM: [4.5, 1.3, 3], lookAtM: [0, 0.9, 0], fovDeg: 40, widthPx: 320, heightPx: 240 }
walkways:
  - { name: path, points: [[-2.5, 0], [2.5, 0]], widthM: 1.6 }
crowd: { count: 4, speedMps: [0.6, 0.9], entryIntervalS: 0.1 }
`;

/** The selection of the fixture: identities 0 and 1 train, 2 and 3 test. */
export const FIXTURE_SELECTION: Selection = {
  formatVersion: 1,
  method: 'random',
  seed: 1,
  identities: [0, 1, 2, 3].map((id) => ({ id, image: `photos/${id}.jpg`, cluster: -1, split: id < 2 ? 'train' : 'test' })),
};

const COLOURS: [number, number, number][] = [
  [200, 60, 60],
  [60, 160, 60],
  [60, 60, 200],
  [220, 200, 40],
];

/**
 * A memory store with four characters (`0000`..`0003`), characters.json, selection.json and a
 * render of {@link DATASET_SCENE} in {@link RENDER_DIR} (`steps` steps, JPEG frames).
 */
export async function renderedStore(steps = 20): Promise<MemoryFileStore> {
  const files = createMemoryFileStore();
  const list: CharactersList = { formatVersion: 1, seed: 1, skeleton: 'cmu_mb', selection: `${ROOT}/selection.json`, characters: [], failed: [] };
  for (let id = 0; id < 4; id++) {
    const name = String(id).padStart(4, '0');
    await files.writeAtomic(`${CHARACTERS_DIR}/${name}/character.glb`, await buildSkinnedFigureGlb({ image: checkerImage(64, COLOURS[id], [240, 230, 220]) }));
    list.characters.push({ id: name, identity: id, split: id < 2 ? 'train' : 'test', image: `photos/${id}.jpg`, glb: `${name}/character.glb`, card: `${name}/card.json`, mhm: `${name}/character.mhm` });
  }
  await files.writeAtomic(`${CHARACTERS_DIR}/characters.json`, CHARACTERS_LIST_CONTRACT.format(list));
  await files.writeAtomic(`${ROOT}/selection.json`, SELECTION_CONTRACT.format(FIXTURE_SELECTION));
  const render = inProcessRender(files, { scene: parseSceneText(DATASET_SCENE, 'walk'), outDir: RENDER_DIR, steps, encoding: 'jpeg', jpegQuality: 92, samplesPerAxis: 1 });
  await render.run();
  return files;
}
