import { describe, expect, it } from '@jest/globals';
import { listBundledScenes, loadSceneSpec, parseSceneText } from '../../../orchestrator/src/scene/scene-loader.js';
import { LIGHTING_DEFAULTS, resolveLighting } from '../../../orchestrator/src/scene/scene-lighting.js';
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
    expect(resolveLighting(spec.environment.lighting)).toMatchObject({ ambient: LIGHTING_DEFAULTS.ambient, azimuthDeg: 135, elevationDeg: 50, sunColor: LIGHTING_DEFAULTS.sunColor });
    expect(spec.props).toEqual([]);
  });

  it('reads props: .glb files, bundled generators with defaults and a seed per prop, rows by repeat', () => {
    const spec = parseSceneSpec({
      ...minimal,
      seed: 4,
      props: [
        { name: 'kiosk', model: 'models/kiosk.glb', positionM: [1, 0, 2], yawDeg: 30, scale: 2 },
        { name: 'shops', model: { kind: 'building', floors: 5, style: 'offices', seed: 11 }, positionM: [0, 0, -10] },
        { name: 'tree', model: { kind: 'tree' }, positionM: [-6, 0, 4], repeat: { count: 3, stepM: [4, 0] }, obstacle: false },
        { name: 'ghost', model: { kind: 'bench' }, positionM: [9, 0, 9], footprintM: [[8, 8], [10, 8], [10, 10]] },
      ],
    });
    expect(spec.props.map((p) => p.name)).toEqual(['kiosk', 'shops', 'tree-0', 'tree-1', 'tree-2', 'ghost']);
    expect(spec.props[0]).toMatchObject({ model: { file: 'models/kiosk.glb' }, positionM: [1, 0, 2], yawDeg: 30, scale: [2, 2, 2], obstacle: true });
    expect(spec.props[1].model).toEqual({ kind: 'building', seed: 11, parameters: { widthM: 20, depthM: 10, floors: 5, floorHeightM: 3.2, groundFloorHeightM: 4.2, bayWidthM: 3.5, style: 'offices' } });
    expect(spec.props.slice(2, 5).map((p) => p.positionM)).toEqual([
      [-6, 0, 4],
      [-2, 0, 4],
      [2, 0, 4],
    ]);
    // Each generated prop without a seed gets its own, from the scene seed and its name.
    const seeds = spec.props.slice(2, 5).map((p) => ('seed' in p.model ? p.model.seed : -1));
    expect(new Set(seeds).size).toBe(3);
    expect(spec.props[5].footprintM).toEqual([
      [8, 8],
      [10, 8],
      [10, 10],
    ]);
  });

  it('reads surveillance cameras: mounting height over a ground point, tilt, and a look', () => {
    const spec = parseSceneSpec({
      ...minimal,
      cameras: [{ name: 'mast', groundM: [3, -4], heightM: 6, yawDeg: 45, tiltDeg: 20, widthPx: 1920, heightPx: 1080, look: { whiteBalance: 3200, exposureEv: -0.5, gamma: 1.1, saturation: 0.8, noiseSigma: 2, blurPx: 0.7, jpegQuality: 75 } }],
    });
    expect(spec.cameras[0]).toMatchObject({ positionM: [3, 6, -4], yawDeg: 45, pitchDeg: -20, widthPx: 1920, heightPx: 1080 });
    expect(spec.cameras[0].look).toEqual({ whiteBalance: 3200, exposureEv: -0.5, gamma: 1.1, saturation: 0.8, noiseSigma: 2, blurPx: 0.7, jpegQuality: 75 });
  });

  it('reads a time of day, with defaults for latitude, day and orientation', () => {
    const spec = parseSceneSpec({ ...minimal, environment: { lighting: { timeOfDay: { hour: 9.5 }, sun: { color: [1, 0.8, 0.6] } } } });
    expect(spec.environment.lighting).toEqual({ sun: { color: [1, 0.8, 0.6] }, timeOfDay: { hour: 9.5, ...LIGHTING_DEFAULTS.timeOfDay } });
    const resolved = resolveLighting(spec.environment.lighting);
    // Morning: the sun stands east of south (compass 90..180 = scene azimuth 90..180 with +Z north) and shines with the given colour.
    expect(resolved.azimuthDeg).toBeGreaterThan(90);
    expect(resolved.azimuthDeg).toBeLessThan(180);
    expect(resolved.sunColor).toEqual([1, 0.8, 0.6]);
  });

  it('reads back its own output unchanged (sweeps re-validate parsed specs)', () => {
    const once = parseSceneSpec({
      ...minimal,
      environment: { lighting: { timeOfDay: { hour: 16, latitudeDeg: 52 } } },
      props: [{ name: 'shops', model: { kind: 'building', floors: 2 }, positionM: [0, 0, -10] }, { name: 'row', model: { kind: 'bench' }, positionM: [0, 0, 3], repeat: { count: 2, stepM: [3, 0] } }],
      cameras: [{ groundM: [0, 8], heightM: 4, yawDeg: 180, tiltDeg: 15, look: { whiteBalance: [1.1, 1, 0.9] } }],
    });
    expect(parseSceneSpec(JSON.parse(JSON.stringify(once)))).toEqual(once);
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
      [{ ...minimal, props: [{ model: { kind: 'castle' }, positionM: [0, 0, 0] }] }, /props\[0\]\.model\.kind: expected one of building/],
      [{ ...minimal, props: [{ model: { kind: 'tree', heightM: 100 }, positionM: [0, 0, 0] }] }, /props\[0\]\.model\.heightM: must be from 2 to 30/],
      [{ ...minimal, props: [{ model: { kind: 'bench', wheels: 4 }, positionM: [0, 0, 0] }] }, /props\[0\]\.model\.wheels: unknown parameter of a bench/],
      [{ ...minimal, props: [{ model: 'kiosk.obj', positionM: [0, 0, 0] }] }, /props\[0\]\.model: expected a \.glb file/],
      [{ ...minimal, props: [{ name: 'a', model: 'a.glb', positionM: [0, 0, 0] }, { name: 'a', model: 'b.glb', positionM: [1, 0, 0] }] }, /duplicate prop name a/],
      [{ ...minimal, cameras: [{ groundM: [0, 8], yawDeg: 0 }] }, /groundM \[x, z\] and heightM/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], yawDeg: 0, pitchDeg: -5, tiltDeg: 5 }] }, /either pitchDeg or tiltDeg/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], yawDeg: 0, look: { gamma: 0 } }] }, /cameras\[0\]\.look\.gamma/],
      [{ ...minimal, cameras: [{ positionM: [0, 2, 8], yawDeg: 0, look: { sepia: true } }] }, /unknown field "sepia"/],
      [{ ...minimal, environment: { lighting: { timeOfDay: { hour: 10 }, sun: { elevationDeg: 30 } } } }, /either sun\.azimuthDeg\/elevationDeg or timeOfDay/],
      [{ ...minimal, environment: { lighting: { timeOfDay: { hour: 25 } } } }, /timeOfDay\.hour/],
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
    // The six bundled scenes of the README, each with several cameras and a sweep.
    expect(names).toEqual(['corridor', 'park', 'parking', 'plaza', 'station', 'street']);
    for (const name of names) {
      const spec = await loadSceneSpec(name, '/');
      expect(spec.cameras.length).toBeGreaterThanOrEqual(4);
      expect(spec.sweep).toBeDefined();
      expect(spec.props.length).toBeGreaterThan(5);
      expect(expandSceneSweep(spec).length).toBeGreaterThanOrEqual(2);
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
