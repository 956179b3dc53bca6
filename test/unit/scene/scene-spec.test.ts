import { describe, expect, it } from '@jest/globals';
import { listBundledScenes, loadSceneSpec, parseSceneText } from '../../../orchestrator/src/scene/scene-loader.js';
import { cameraLookAt, parseSceneSpec, SCENE_DEFAULTS } from '../../../orchestrator/src/scene/scene-spec.js';
import { expandSceneSweep } from '../../../orchestrator/src/scene/scene-sweep.js';
import type { ClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';

const minimal = {
  formatVersion: 1,
  name: 'tiny',
  cameras: [{ positionM: [0, 2, 8], lookAtM: [0, 1, 0] }],
  walkways: [{ points: [[-10, 0], [10, 0]] }],
};

function failure(value: unknown): ClonedPersonError {
  try {
    parseSceneSpec(value, 'test');
  } catch (error) {
    return error as ClonedPersonError;
  }
  throw new Error('expected the spec to be refused');
}

describe('scene specs', () => {
  it('fills defaults from SCENE_DEFAULTS', () => {
    const spec = parseSceneSpec(minimal);
    expect(spec.fps).toBe(SCENE_DEFAULTS.fps);
    expect(spec.cameras[0]).toMatchObject({ name: 'cam0', widthPx: 640, heightPx: 480, fovDeg: SCENE_DEFAULTS.camera.fovDeg });
    expect(spec.walkways[0]).toMatchObject({ widthM: 3, bidirectional: true, weight: 1 });
    expect(spec.environment.lighting.ambient).toEqual(SCENE_DEFAULTS.lighting.ambient);
  });

  it('refuses bad specs with E_SCENE_INVALID naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...minimal, formatVersion: 2 }, /formatVersion/],
      [{ ...minimal, name: 'a/b' }, /name/],
      [{ ...minimal, cameras: [] }, /cameras/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], lookAtM: [0, 2, 8] }] }, /cameras\[0\]\.lookAtM: coincides/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], lookAtM: [0, 1, 0], fovDeg: 200 }] }, /cameras\[0\]\.fovDeg/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], yawDeg: 0, lookAtM: [0, 1, 0] }] }, /not both/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], lookAtM: [0, 1, 0], fps: 7 }] }, /must divide/],
      [{ ...minimal, walkways: [{ points: [[0, 0]] }] }, /walkways\[0\]\.points/],
      [{ ...minimal, walkways: [{ points: [[0, 0], [5, 0]], widthM: 1 }] }, /two-way walkway/],
      [{ ...minimal, crowd: { speedMps: [2, 1] } }, /crowd\.speedMps/],
      [{ ...minimal, environment: { ground: { pattern: 'lava' } } }, /environment\.ground\.pattern/],
      [{ ...minimal, surprise: true }, /unknown field "surprise"/],
    ];
    for (const [value, message] of cases) {
      const error = failure(value);
      expect(error.code).toBe('E_SCENE_INVALID');
      expect(error.message).toMatch(message);
    }
  });

  it('reads YAML and JSON text', () => {
    const yaml = parseSceneText('formatVersion: 1\nname: y\ncameras: [{ positionM: [0, 2, 8], yawDeg: 180, pitchDeg: -10 }]\nwalkways: [{ points: [[-1, 0], [1, 0]] }]\n', 'inline');
    expect(yaml.cameras[0].pitchDeg).toBe(-10);
    expect(parseSceneText(JSON.stringify(minimal), 'json').name).toBe('tiny');
    expect(() => parseSceneText('formatVersion: [', 'broken')).toThrow(/not valid YAML/);
  });

  it('turns yaw and pitch into a look-at point', () => {
    const at = cameraLookAt({ name: 'c', positionM: [1, 2, 3], yawDeg: 90, pitchDeg: 0, fovDeg: 40, widthPx: 10, heightPx: 10 });
    expect(at.map((v) => +v.toFixed(9))).toEqual([11, 2, 3]);
  });

  it('loads every bundled scene', async () => {
    const names = await listBundledScenes();
    expect(names).toEqual(expect.arrayContaining(['street', 'plaza', 'corridor', 'hall']));
    for (const name of names) {
      const spec = await loadSceneSpec(name, '/');
      expect(spec.cameras.length).toBeGreaterThan(0);
    }
    await expect(loadSceneSpec('atlantis', '/')).rejects.toMatchObject({ code: 'E_SCENE_INVALID' });
  });

  it('reads a scene file relative to the given folder through the file store', async () => {
    const files = createMemoryFileStore({ '/work/scenes/tiny.yaml': `formatVersion: 1\nname: tiny\ncameras: [{ positionM: [0, 2, 8], lookAtM: [0, 1, 0] }]\nwalkways: [{ points: [[-10, 0], [10, 0]] }]\n` });
    const spec = await loadSceneSpec('scenes/tiny.yaml', '/work', files);
    expect(spec.name).toBe('tiny');
    expect(spec.baseDir).toBe('/work/scenes');
    // a bundled name still finds the bundled scene; a missing file names its resolved path
    expect((await loadSceneSpec('street', '/work', files)).name).toBe('street');
    await expect(loadSceneSpec('scenes/none.yaml', '/work', files)).rejects.toMatchObject({ code: 'E_INPUT_MISSING', message: 'no such scene file: /work/scenes/none.yaml' });
  });
});

describe('parameter sweeps', () => {
  it('expands a grid into every combination, each validated, with the base seed', () => {
    const spec = parseSceneSpec({
      ...minimal,
      seed: 9,
      cameras: [{ positionM: [0, 2, 8], yawDeg: 180 }, { positionM: [5, 2, 0], yawDeg: -90 }],
      sweep: {
        parameters: [
          { path: 'cameras.*.positionM.1', values: [2.5, 6] },
          { path: 'cameras.*.pitchDeg', values: [-10, -30] },
          { path: 'crowd.count', values: [4, 8, 12] },
        ],
      },
    });
    const variants = expandSceneSweep(spec);
    expect(variants).toHaveLength(12);
    expect(variants.map((v) => v.id)).toContain('tiny-s11');
    const last = variants[11];
    expect(last.values).toEqual({ 'cameras.*.positionM.1': 6, 'cameras.*.pitchDeg': -30, 'crowd.count': 12 });
    expect(last.spec.cameras.map((c) => [c.positionM[1], c.pitchDeg])).toEqual([
      [6, -30],
      [6, -30],
    ]);
    expect(last.spec.seed).toBe(9);
    expect(last.spec.sweep).toBeUndefined();
  });

  it('zips lists of equal length and refuses paths that match nothing or break the spec', () => {
    const zipped = expandSceneSweep(
      parseSceneSpec({ ...minimal, sweep: { mode: 'zip', parameters: [{ path: 'crowd.count', values: [1, 2] }, { path: 'fps', values: [10, 20] }] } }),
    );
    expect(zipped.map((v) => [v.spec.crowd.count, v.spec.fps])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(() => expandSceneSweep(parseSceneSpec({ ...minimal, sweep: { parameters: [{ path: 'cameras.*.fovDeg', values: [500] }] } }))).toThrow(/fovDeg/);
    expect(() => expandSceneSweep(parseSceneSpec({ ...minimal, sweep: { parameters: [{ path: 'walkways.5.widthM', values: [2] }] } }))).toThrow(/out of range/);
  });
});
