/** The render stage's pure conversions between the scene, the wire and the render folder, on hand-made values. */
import { describe, expect, it } from '@jest/globals';
import type { StepResultMessage, WireAnnotation, WireCamera } from '../../../protocol/src/index.js';
import type { FrameState } from '../../../orchestrator/src/scene/choreography.js';
import type { SceneSpec } from '../../../orchestrator/src/scene/scene-spec.js';
import { annotationLines, recordCameras, recordChoreography, stepMessage, sunDirection, wireCameras, wireEnvironment } from '../../../orchestrator/src/render-stage/wire-conversions.js';

const HALF = Math.SQRT1_2;

function expectVector(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
}

/** A spec with two cameras: one looking at a point at 30 fps, one aimed by yaw/pitch at 10 fps. */
const SPEC: SceneSpec = {
  formatVersion: 1,
  name: 'hand-made',
  seed: 5,
  durationS: 1,
  fps: 30,
  environment: {
    ground: { color: [0.5, 0.6, 0.7], pattern: 'plain', tileM: 2, halfSizeM: 40 },
    background: { zenithColor: [0.1, 0.2, 0.9], horizonColor: [0.8, 0.8, 0.8], pattern: 'plain' },
    lighting: { ambient: [0.3, 0.3, 0.3], sun: { azimuthDeg: 90, elevationDeg: 30, color: [1, 0.9, 0.8] } },
  },
  props: [],
  cameras: [
    { name: 'north', positionM: [0, 3, 10], lookAtM: [0, 1, 0], fovDeg: 40, widthPx: 64, heightPx: 48 },
    { name: 'east', positionM: [10, 2, 0], yawDeg: -90, pitchDeg: 0, fovDeg: 50, widthPx: 32, heightPx: 32, fps: 10 },
  ],
  walkways: [{ name: 'w', points: [[-5, 0], [5, 0]], widthM: 2, bidirectional: true, weight: 1 }],
  crowd: { count: 2, speedMps: [1, 1.2], minGapM: 0.7, entryIntervalS: 1 },
};

const FRAME: FrameState = {
  step: 6,
  timeS: 0.2000000001,
  persons: [
    { personId: 3, characterId: 'ann', positionM: [1, 0, 2], headingDeg: 90, walkPhase: 0.25, speedMps: 1.1 },
    { personId: 9, characterId: 'bob', positionM: [-1, 0, -2], headingDeg: -90, walkPhase: 0.5, speedMps: 1.2 },
  ],
};

describe('sunDirection', () => {
  it('points from the sun to the ground: the sun stands at azimuth 0 = +Z, 90 = +X, and elevation up', () => {
    expectVector(sunDirection(0, 0), [0, 0, -1]);
    expectVector(sunDirection(90, 0), [-1, 0, 0]);
    expectVector(sunDirection(180, 45), [0, -HALF, HALF]);
    expectVector(sunDirection(270, 90), [0, -1, 0]);
  });

  it('is a unit vector', () => {
    const [x, y, z] = sunDirection(33, 21);
    expect(Math.hypot(x, y, z)).toBeCloseTo(1, 12);
  });
});

describe('wireCameras', () => {
  it('numbers the cameras, resolves yaw/pitch to a look-at point and carries the encoding', () => {
    const cameras = wireCameras(SPEC, 'png', 80, 1);
    expect(cameras).toHaveLength(2);
    expect(cameras[0]).toEqual({ camera: 0, name: 'north', positionM: [0, 3, 10], lookAtM: [0, 1, 0], fovDeg: 40, widthPx: 64, heightPx: 48, encoding: 'png' });
    expect(cameras[1]).toMatchObject({ camera: 1, name: 'east', positionM: [10, 2, 0], fovDeg: 50, widthPx: 32, heightPx: 32, encoding: 'png' });
    // yaw -90 looks along -X: 10 m ahead of (10, 2, 0).
    expectVector(cameras[1].lookAtM, [0, 2, 0]);
  });

  it('adds jpegQuality only for JPEG and samplesPerAxis only when supersampling', () => {
    const jpeg = wireCameras(SPEC, 'jpeg', 80, 3);
    expect(jpeg.map((c) => [c.encoding, c.jpegQuality, c.samplesPerAxis])).toEqual([
      ['jpeg', 80, 3],
      ['jpeg', 80, 3],
    ]);
    const plain = wireCameras(SPEC, 'png', 80, 1);
    expect(plain.every((c) => !('jpegQuality' in c) && !('samplesPerAxis' in c))).toBe(true);
  });

  it('asks for raw (lossless) frames from cameras with a look: the orchestrator applies it and encodes', () => {
    const withLook: SceneSpec = { ...SPEC, cameras: [{ ...SPEC.cameras[0], look: { gamma: 1.2, jpegQuality: 70 } }, SPEC.cameras[1]] };
    const cameras = wireCameras(withLook, 'jpeg', 92, 1);
    expect(cameras.map((c) => [c.encoding, c.jpegQuality])).toEqual([
      ['raw', undefined],
      ['jpeg', 92],
    ]);
  });
});

describe('wireEnvironment', () => {
  it('copies colours and sizes, turns the sun angles into a direction and attaches the image sources', () => {
    const ground = { path: '/scene/ground.png' };
    const env = wireEnvironment(SPEC, { ground });
    expect(env.ground).toEqual({ color: [0.5, 0.6, 0.7], tileM: 2, halfSizeM: 40, texture: ground });
    expect(env.background).toEqual({ zenithColor: [0.1, 0.2, 0.9], horizonColor: [0.8, 0.8, 0.8] });
    expect(env.lighting.ambient).toEqual([0.3, 0.3, 0.3]);
    // No ground ambient given: the ground reflects 40% of the sky's.
    expectVector(env.lighting.groundAmbient!, [0.12, 0.12, 0.12]);
    expect(env.lighting.sunColor).toEqual([1, 0.9, 0.8]);
    expectVector(env.lighting.sunDirection, [-Math.cos(Math.PI / 6), -0.5, 0]);
  });

  it('places the sun by the time of day: due south and 90 - latitude + 23.44 degrees high at the June solstice noon', () => {
    const spec: SceneSpec = { ...SPEC, environment: { ...SPEC.environment, lighting: { sun: {}, timeOfDay: { hour: 12, latitudeDeg: 48, dayOfYear: 172, zAxisHeadingDeg: 0 } } } };
    const env = wireEnvironment(spec, {});
    const elevation = (90 - 48 + 23.44) * (Math.PI / 180);
    // +Z is north, the sun stands south (-Z) and shines towards +Z.
    expectVector(env.lighting.sunDirection.map((v) => +v.toFixed(3)), [0, -Math.sin(elevation), Math.cos(elevation)].map((v) => +v.toFixed(3)));
    // Derived daylight: a bright, nearly white sun and a blue-tinted sky ambient.
    expect(env.lighting.sunColor[0]).toBeGreaterThan(0.9);
    expect(env.lighting.ambient[2]).toBeGreaterThan(env.lighting.ambient[0]);
  });
});

describe('stepMessage', () => {
  it('carries the people of the frame and only the cameras due at this step', () => {
    const at6 = stepMessage(6, FRAME, SPEC);
    expect(at6).toEqual({
      type: 'frame/step',
      step: 6,
      timeS: 0.2000000001,
      persons: [
        { personId: 3, characterId: 'ann', positionM: [1, 0, 2], headingDeg: 90, walkPhase: 0.25, speedMps: 1.1 },
        { personId: 9, characterId: 'bob', positionM: [-1, 0, -2], headingDeg: -90, walkPhase: 0.5, speedMps: 1.2 },
      ],
      cameras: [0, 1],
    });
    // The 10 fps camera renders every third step of the 30 fps scene.
    expect(stepMessage(7, { ...FRAME, step: 7 }, SPEC).cameras).toEqual([0]);
    expect(stepMessage(9, { ...FRAME, step: 9 }, SPEC).cameras).toEqual([0, 1]);
  });
});

describe('annotationLines', () => {
  const cameras: WireCamera[] = [
    { camera: 0, name: 'north', positionM: [0, 3, 10], lookAtM: [0, 1, 0], fovDeg: 40, widthPx: 64, heightPx: 48, encoding: 'png' },
    { camera: 1, name: 'east', positionM: [10, 2, 0], lookAtM: [0, 2, 0], fovDeg: 50, widthPx: 32, heightPx: 32, encoding: 'jpeg', jpegQuality: 90 },
  ];
  const annotation = (camera: number, personId: number): WireAnnotation => ({
    camera,
    personId,
    visibleBox: [1, 2, 10, 20],
    amodalBox: [0, 1, 11, 22],
    visibleFraction: 0.123456789,
    visiblePixels: 150,
    keypoints: [[5, 6, 2]],
    depthM: 7.5,
  });

  it('makes one line per annotation with the camera name, the frame path, the character and rounded numbers', () => {
    const result: StepResultMessage = { type: 'frame/stepResult', step: 6, frames: [], annotations: [annotation(1, 9), annotation(0, 3)], renderMs: 3 };
    const lines = annotationLines(result, FRAME, cameras, 'jpeg');
    expect(lines).toEqual([
      {
        step: 6,
        timeS: 0.2,
        camera: 'east',
        personId: 9,
        characterId: 'bob',
        frame: 'frames/east/000006.jpg',
        visibleBox: [1, 2, 10, 20],
        amodalBox: [0, 1, 11, 22],
        visibleFraction: 0.123457,
        visiblePixels: 150,
        keypoints: [[5, 6, 2]],
        depthM: 7.5,
      },
      expect.objectContaining({ camera: 'north', personId: 3, characterId: 'ann', frame: 'frames/north/000006.jpg' }),
    ]);
    // Frames are named for the run's encoding, whatever the player sent (raw frames for looks).
    expect(annotationLines(result, FRAME, cameras, 'png').map((l) => l.frame)).toEqual(['frames/east/000006.png', 'frames/north/000006.png']);
  });

  it('gives a person the step does not know no character', () => {
    const result: StepResultMessage = { type: 'frame/stepResult', step: 6, frames: [], annotations: [annotation(0, 42)], renderMs: 1 };
    expect(annotationLines(result, FRAME, cameras, 'jpeg')[0].characterId).toBeNull();
  });
});

describe('recordCameras', () => {
  it('lists index, name, size, field of view and pose of each camera', () => {
    const wire = wireCameras(SPEC, 'jpeg', 92, 2);
    expect(recordCameras(wire)).toEqual([
      { index: 0, name: 'north', widthPx: 64, heightPx: 48, fovDeg: 40, positionM: [0, 3, 10], lookAtM: [0, 1, 0] },
      { index: 1, name: 'east', widthPx: 32, heightPx: 32, fovDeg: 50, positionM: [10, 2, 0], lookAtM: wire[1].lookAtM },
    ]);
  });
});

describe('recordChoreography', () => {
  it('keeps the counts and turns a distance never measured (Infinity) into null', () => {
    expect(recordChoreography({ entered: 3, left: 1, gaveUp: 0, minDistanceM: 0.85 })).toEqual({ entered: 3, left: 1, gaveUp: 0, minDistanceM: 0.85 });
    expect(recordChoreography({ entered: 1, left: 0, gaveUp: 0, minDistanceM: Infinity })).toEqual({ entered: 1, left: 0, gaveUp: 0, minDistanceM: null });
  });
});
