/**
 * Scene specs: the environment (ground, sky, lighting, props), cameras (with their looks),
 * walkways and crowd of one rendered scene, read from JSON or YAML and validated here with
 * messages that name the offending field. World space is glTF's: metres, +Y up, the ground is
 * y = 0; walkway and footprint points are (x, z) on the ground. Headings and yaw: 0 looks along
 * +Z, 90 along +X. The format is documented in the README ("Scene specs").
 */
import type { Vec3 } from '../geometry/mat4.js';
import type { RgbUnit } from '../imaging/colour.js';
import { isPropKind, PROP_KINDS, resolvePropParameters } from '../environments/prop-generators.js';
import type { PropKind, PropParameters } from '../environments/prop-generators.js';
import { ClonedPersonError } from '../shared/errors.js';
import { deriveSeed } from '../shared/random.js';
import { LIGHTING_DEFAULTS } from './scene-lighting.js';
import type { TimeOfDay } from './scene-lighting.js';

export type GroundPattern = 'asphalt' | 'paving' | 'tiles' | 'grass' | 'plain';
export type BackgroundPattern = 'city' | 'park' | 'hall' | 'plain';

export interface SceneEnvironment {
  ground: {
    /** Colour 0..1 multiplying the pattern or texture. */
    color: RgbUnit;
    /** A procedural pattern used when `texture` is absent. */
    pattern: GroundPattern;
    /** An image file (relative to the spec file) tiled over the ground. */
    texture?: string;
    /** Metres covered by one texture tile. */
    tileM: number;
    /** Half the side of the square ground in metres. */
    halfSizeM: number;
  };
  background: {
    zenithColor: RgbUnit;
    horizonColor: RgbUnit;
    /** A procedural panorama (skyline, trees, walls) used when `image` is absent. */
    pattern: BackgroundPattern;
    /** A cylindrical 360-degree panorama image (relative to the spec file). */
    image?: string;
  };
  /** As given; scene-lighting.ts `resolveLighting` fills in the time of day and the defaults. */
  lighting: {
    /** Sky ambient (linear) 0..4, grey or RGB; default: from the time of day, else LIGHTING_DEFAULTS. */
    ambient?: RgbUnit;
    /** Ground ambient (linear); default: what the lit ground reflects. */
    groundAmbient?: RgbUnit;
    sun: {
      /** Compass direction the sun shines FROM: 0 = +Z, 90 = +X (not with `timeOfDay`). */
      azimuthDeg?: number;
      /** Height of the sun above the horizon, (0, 90] (not with `timeOfDay`). */
      elevationDeg?: number;
      /** Linear sun colour; default: daylight for its elevation. */
      color?: RgbUnit;
    };
    /** Places the sun by the clock and the calendar (and derives the daylight colours). */
    timeOfDay?: TimeOfDay;
  };
}

/** How a camera sees colour, applied by the orchestrator to every frame a player returns. */
export interface CameraLook {
  /**
   * White balance: the colour temperature in kelvin the camera is balanced for (6504 =
   * neutral daylight; lower looks bluer, higher warmer), or per-channel linear gains [r, g, b].
   */
  whiteBalance?: number | RgbUnit;
  /** Exposure compensation in stops (linear light x 2^ev). */
  exposureEv?: number;
  /** Extra gamma on the encoded image (out = in^(1/gamma); 1 = none). */
  gamma?: number;
  /** Saturation (0 = grey, 1 = unchanged). */
  saturation?: number;
  /** Sensor noise: standard deviation in 8-bit levels (Gaussian, per channel, seeded). */
  noiseSigma?: number;
  /** Lens/focus blur: Gaussian sigma in pixels. */
  blurPx?: number;
  /** JPEG quality of this camera's frames (1-100; overrides the run's --jpeg-quality). */
  jpegQuality?: number;
}

export interface SceneCamera {
  name: string;
  positionM: Vec3;
  /** Point looked at; alternatively `yawDeg` + `pitchDeg`. */
  lookAtM?: Vec3;
  /** Looking direction: 0 = +Z, 90 = +X. */
  yawDeg?: number;
  /** Negative looks down. */
  pitchDeg?: number;
  /** Vertical field of view. */
  fovDeg: number;
  widthPx: number;
  heightPx: number;
  /** Frames per second of this camera; must divide the scene's fps (default: the scene's). */
  fps?: number;
  look?: CameraLook;
}

/** A glTF model a prop shows: a user's .glb file, or one of the bundled generators. */
export type PropModel = { file: string } | { kind: PropKind; parameters: PropParameters; seed: number };

export interface SceneProp {
  name: string;
  model: PropModel;
  /** Where the model's origin goes, world metres. */
  positionM: Vec3;
  /** Turn about +Y (0 keeps the model's +Z facing +Z, 90 turns it to face +X). */
  yawDeg: number;
  /** Scale per axis. */
  scale: Vec3;
  /** Whether its ground footprint keeps people out (default true). */
  obstacle: boolean;
  /** The footprint as given ((x, z) polygon in world metres); default: computed from the model. */
  footprintM?: [number, number][];
}

export interface Walkway {
  name: string;
  /** Polyline on the ground, (x, z) metres, at least two points. */
  points: [number, number][];
  widthM: number;
  /** People walk both ways (keeping right); otherwise only from the first point to the last. */
  bidirectional: boolean;
  /** Relative share of people using this walkway. */
  weight: number;
}

export interface CrowdSpec {
  /** People in the scene at once (the choreography keeps this many when it can). */
  count: number;
  /** Walking speed range in m/s. */
  speedMps: [number, number];
  /** Minimum distance between two people's centres, metres. */
  minGapM: number;
  /** Minimum time between two entries, seconds. */
  entryIntervalS: number;
}

export interface SweepParameter {
  /** Dotted path into the spec; `*` matches every element of an array (e.g. `cameras.*.positionM.1`). */
  path: string;
  values: unknown[];
}

export interface SceneSweep {
  /** `grid`: every combination; `zip`: the i-th values together (all lists equally long). */
  mode: 'grid' | 'zip';
  parameters: SweepParameter[];
}

export interface SceneSpec {
  formatVersion: 1;
  name: string;
  seed: number;
  durationS: number;
  fps: number;
  environment: SceneEnvironment;
  props: SceneProp[];
  cameras: SceneCamera[];
  walkways: Walkway[];
  crowd: CrowdSpec;
  sweep?: SceneSweep;
  /** An authored Unity scene the Unity player loads instead of building the environment (ignored by the embedded player). */
  unityScene?: string;
  /** The folder relative paths (textures, images, models) resolve against; set by the loader. */
  baseDir?: string;
}

/** Defaults for omitted fields (one place; the CLI and docs refer to these). */
export const SCENE_DEFAULTS = {
  seed: 1,
  durationS: 10,
  fps: 30,
  ground: { color: [1, 1, 1] as RgbUnit, pattern: 'paving' as GroundPattern, tileM: 2, halfSizeM: 150 },
  background: { zenithColor: [0.36, 0.55, 0.85] as RgbUnit, horizonColor: [0.82, 0.87, 0.92] as RgbUnit, pattern: 'city' as BackgroundPattern },
  lighting: LIGHTING_DEFAULTS,
  camera: { fovDeg: 45, widthPx: 640, heightPx: 480 },
  walkway: { widthM: 3, bidirectional: true, weight: 1 },
  crowd: { count: 6, speedMps: [1.0, 1.5] as [number, number], minGapM: 0.7, entryIntervalS: 1.0 },
};

const GROUND_PATTERNS: GroundPattern[] = ['asphalt', 'paving', 'tiles', 'grass', 'plain'];
const BACKGROUND_PATTERNS: BackgroundPattern[] = ['city', 'park', 'hall', 'plain'];

class Reader {
  constructor(private readonly source: string) {}

  fail(path: string, message: string): never {
    throw new ClonedPersonError('E_SCENE_INVALID', `scene ${this.source}: ${path}: ${message}`, { details: { source: this.source, path } });
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Record<string, unknown>;
  }

  only(object: Record<string, unknown>, path: string, keys: string[]): void {
    for (const key of Object.keys(object)) if (!keys.includes(key)) this.fail(path, `unknown field ${JSON.stringify(key)} (known: ${keys.join(', ')})`);
  }

  number(value: unknown, path: string, min = -Infinity, max = Infinity, exclusiveMin = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `expected a number but got ${JSON.stringify(value)}`);
    if (exclusiveMin ? value <= min : value < min) this.fail(path, `must be ${exclusiveMin ? '>' : '>='} ${min}, got ${value}`);
    if (value > max) this.fail(path, `must be <= ${max}, got ${value}`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const n = this.number(value, path, min, max);
    if (!Number.isInteger(n)) this.fail(path, `expected an integer but got ${n}`);
    return n;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(path, `expected a non-empty string but got ${JSON.stringify(value)}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `expected true or false but got ${JSON.stringify(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
    if (!options.includes(value as T)) this.fail(path, `expected one of ${options.join(', ')} but got ${JSON.stringify(value)}`);
    return value as T;
  }

  tuple(value: unknown, path: string, length: number, min = -Infinity, max = Infinity): number[] {
    if (!Array.isArray(value) || value.length !== length) this.fail(path, `expected ${length} numbers`);
    return value.map((v, i) => this.number(v, `${path}[${i}]`, min, max));
  }

  rgb(value: unknown, path: string): RgbUnit {
    if (typeof value === 'number') {
      const v = this.number(value, path, 0, 4);
      return [v, v, v];
    }
    return this.tuple(value, path, 3, 0, 4) as RgbUnit;
  }

  array(value: unknown, path: string, minItems: number): unknown[] {
    if (!Array.isArray(value) || value.length < minItems) this.fail(path, `expected a list of at least ${minItems}`);
    return value;
  }

  /** `value` read by `read`, or `fallback` when absent. */
  optional<T>(value: unknown, fallback: T, read: (v: unknown) => T): T {
    return value === undefined ? fallback : read(value);
  }
}

function readEnvironment(r: Reader, value: unknown): SceneEnvironment {
  const envIn = r.object(value ?? {}, 'environment');
  r.only(envIn, 'environment', ['ground', 'background', 'lighting']);
  const groundIn = r.object(envIn.ground ?? {}, 'environment.ground');
  r.only(groundIn, 'environment.ground', ['color', 'pattern', 'texture', 'tileM', 'halfSizeM']);
  const backgroundIn = r.object(envIn.background ?? {}, 'environment.background');
  r.only(backgroundIn, 'environment.background', ['zenithColor', 'horizonColor', 'pattern', 'image']);
  const d = SCENE_DEFAULTS;
  return {
    ground: {
      color: r.optional(groundIn.color, d.ground.color, (v) => r.rgb(v, 'environment.ground.color')),
      pattern: r.optional(groundIn.pattern, d.ground.pattern, (v) => r.oneOf(v, 'environment.ground.pattern', GROUND_PATTERNS)),
      ...(groundIn.texture === undefined ? {} : { texture: r.string(groundIn.texture, 'environment.ground.texture') }),
      tileM: r.optional(groundIn.tileM, d.ground.tileM, (v) => r.number(v, 'environment.ground.tileM', 0, 1000, true)),
      halfSizeM: r.optional(groundIn.halfSizeM, d.ground.halfSizeM, (v) => r.number(v, 'environment.ground.halfSizeM', 0, 1e5, true)),
    },
    background: {
      zenithColor: r.optional(backgroundIn.zenithColor, d.background.zenithColor, (v) => r.rgb(v, 'environment.background.zenithColor')),
      horizonColor: r.optional(backgroundIn.horizonColor, d.background.horizonColor, (v) => r.rgb(v, 'environment.background.horizonColor')),
      pattern: r.optional(backgroundIn.pattern, d.background.pattern, (v) => r.oneOf(v, 'environment.background.pattern', BACKGROUND_PATTERNS)),
      ...(backgroundIn.image === undefined ? {} : { image: r.string(backgroundIn.image, 'environment.background.image') }),
    },
    lighting: readLighting(r, envIn.lighting),
  };
}

function readLighting(r: Reader, value: unknown): SceneEnvironment['lighting'] {
  const at = 'environment.lighting';
  const lightingIn = r.object(value ?? {}, at);
  r.only(lightingIn, at, ['ambient', 'groundAmbient', 'sun', 'timeOfDay']);
  const sunIn = r.object(lightingIn.sun ?? {}, `${at}.sun`);
  r.only(sunIn, `${at}.sun`, ['azimuthDeg', 'elevationDeg', 'color']);
  const lighting: SceneEnvironment['lighting'] = { sun: {} };
  if (lightingIn.ambient !== undefined) lighting.ambient = r.rgb(lightingIn.ambient, `${at}.ambient`);
  if (lightingIn.groundAmbient !== undefined) lighting.groundAmbient = r.rgb(lightingIn.groundAmbient, `${at}.groundAmbient`);
  if (sunIn.color !== undefined) lighting.sun.color = r.rgb(sunIn.color, `${at}.sun.color`);
  if (lightingIn.timeOfDay !== undefined) {
    if (sunIn.azimuthDeg !== undefined || sunIn.elevationDeg !== undefined) r.fail(`${at}.sun`, 'give either sun.azimuthDeg/elevationDeg or timeOfDay, not both');
    const t = r.object(lightingIn.timeOfDay, `${at}.timeOfDay`);
    r.only(t, `${at}.timeOfDay`, ['hour', 'latitudeDeg', 'dayOfYear', 'zAxisHeadingDeg']);
    const d = LIGHTING_DEFAULTS.timeOfDay;
    lighting.timeOfDay = {
      hour: r.number(t.hour, `${at}.timeOfDay.hour`, 0, 24),
      latitudeDeg: r.optional(t.latitudeDeg, d.latitudeDeg, (v) => r.number(v, `${at}.timeOfDay.latitudeDeg`, -90, 90)),
      dayOfYear: r.optional(t.dayOfYear, d.dayOfYear, (v) => r.integer(v, `${at}.timeOfDay.dayOfYear`, 1, 366)),
      zAxisHeadingDeg: r.optional(t.zAxisHeadingDeg, d.zAxisHeadingDeg, (v) => r.number(v, `${at}.timeOfDay.zAxisHeadingDeg`, -360, 360)),
    };
  } else {
    lighting.sun.azimuthDeg = r.optional(sunIn.azimuthDeg, LIGHTING_DEFAULTS.azimuthDeg, (v) => r.number(v, `${at}.sun.azimuthDeg`, -360, 360));
    lighting.sun.elevationDeg = r.optional(sunIn.elevationDeg, LIGHTING_DEFAULTS.elevationDeg, (v) => r.number(v, `${at}.sun.elevationDeg`, 0, 90, true));
  }
  return lighting;
}

function readLook(r: Reader, value: unknown, at: string): CameraLook {
  const l = r.object(value, at);
  r.only(l, at, ['whiteBalance', 'exposureEv', 'gamma', 'saturation', 'noiseSigma', 'blurPx', 'jpegQuality']);
  const look: CameraLook = {};
  if (l.whiteBalance !== undefined) look.whiteBalance = Array.isArray(l.whiteBalance) ? (r.tuple(l.whiteBalance, `${at}.whiteBalance`, 3, 0.05, 20) as RgbUnit) : r.number(l.whiteBalance, `${at}.whiteBalance`, 1500, 20000);
  if (l.exposureEv !== undefined) look.exposureEv = r.number(l.exposureEv, `${at}.exposureEv`, -6, 6);
  if (l.gamma !== undefined) look.gamma = r.number(l.gamma, `${at}.gamma`, 0.2, 5);
  if (l.saturation !== undefined) look.saturation = r.number(l.saturation, `${at}.saturation`, 0, 4);
  if (l.noiseSigma !== undefined) look.noiseSigma = r.number(l.noiseSigma, `${at}.noiseSigma`, 0, 64);
  if (l.blurPx !== undefined) look.blurPx = r.number(l.blurPx, `${at}.blurPx`, 0, 20);
  if (l.jpegQuality !== undefined) look.jpegQuality = r.integer(l.jpegQuality, `${at}.jpegQuality`, 1, 100);
  return look;
}

function readCamera(r: Reader, raw: unknown, i: number, fps: number): SceneCamera {
  const at = `cameras[${i}]`;
  const c = r.object(raw, at);
  r.only(c, at, ['name', 'positionM', 'groundM', 'heightM', 'lookAtM', 'yawDeg', 'pitchDeg', 'tiltDeg', 'fovDeg', 'widthPx', 'heightPx', 'fps', 'look']);
  const d = SCENE_DEFAULTS.camera;
  let positionM: Vec3;
  if (c.positionM !== undefined) {
    if (c.groundM !== undefined || c.heightM !== undefined) r.fail(at, 'give either positionM or groundM + heightM, not both');
    positionM = r.tuple(c.positionM, `${at}.positionM`, 3) as Vec3;
  } else {
    if (c.groundM === undefined || c.heightM === undefined) r.fail(at, 'needs positionM, or groundM [x, z] and heightM (the mounting height)');
    const [x, z] = r.tuple(c.groundM, `${at}.groundM`, 2);
    positionM = [x, r.number(c.heightM, `${at}.heightM`, 0, 500, true), z];
  }
  const camera: SceneCamera = {
    name: c.name === undefined ? `cam${i}` : r.string(c.name, `${at}.name`),
    positionM,
    fovDeg: r.optional(c.fovDeg, d.fovDeg, (v) => r.number(v, `${at}.fovDeg`, 0, 179, true)),
    widthPx: r.optional(c.widthPx, d.widthPx, (v) => r.integer(v, `${at}.widthPx`, 1, 8192)),
    heightPx: r.optional(c.heightPx, d.heightPx, (v) => r.integer(v, `${at}.heightPx`, 1, 8192)),
  };
  if (c.lookAtM !== undefined) {
    if (c.yawDeg !== undefined || c.pitchDeg !== undefined || c.tiltDeg !== undefined) r.fail(at, 'give either lookAtM or yawDeg/pitchDeg, not both');
    camera.lookAtM = r.tuple(c.lookAtM, `${at}.lookAtM`, 3) as Vec3;
    const [px, py, pz] = camera.positionM;
    const [lx, ly, lz] = camera.lookAtM;
    if (Math.hypot(lx - px, ly - py, lz - pz) < 1e-6) r.fail(`${at}.lookAtM`, 'coincides with positionM');
    if (Math.hypot(lx - px, lz - pz) < 1e-6) r.fail(`${at}.lookAtM`, 'is straight above or below the camera (no horizon direction)');
  } else {
    if (c.yawDeg === undefined) r.fail(at, 'needs lookAtM or yawDeg (+ optional pitchDeg or tiltDeg)');
    if (c.pitchDeg !== undefined && c.tiltDeg !== undefined) r.fail(at, 'give either pitchDeg or tiltDeg (= -pitchDeg), not both');
    camera.yawDeg = r.number(c.yawDeg, `${at}.yawDeg`, -720, 720);
    camera.pitchDeg = c.tiltDeg !== undefined ? -r.number(c.tiltDeg, `${at}.tiltDeg`, -89, 89) : r.optional(c.pitchDeg, 0, (v) => r.number(v, `${at}.pitchDeg`, -89, 89));
  }
  if (c.fps !== undefined) {
    camera.fps = r.integer(c.fps, `${at}.fps`, 1, fps);
    if (fps % camera.fps !== 0) r.fail(`${at}.fps`, `must divide the scene fps ${fps}`);
  }
  if (c.look !== undefined) camera.look = readLook(r, c.look, `${at}.look`);
  return camera;
}

function readModel(r: Reader, value: unknown, at: string, sceneSeed: number, name: string): PropModel {
  if (typeof value === 'string') {
    if (!/\.glb$/i.test(value)) r.fail(at, `expected a .glb file or a generator object ({ kind: ${PROP_KINDS.join(' | ')}, ... }) but got ${JSON.stringify(value)}`);
    return { file: value };
  }
  const m = r.object(value, at);
  if (!isPropKind(m.kind)) r.fail(`${at}.kind`, `expected one of ${PROP_KINDS.join(', ')} but got ${JSON.stringify(m.kind)}`);
  const { kind: _kind, seed, ...rest } = m;
  // The parsed form ({ kind, seed, parameters }) reads back as itself (sweeps re-validate parsed specs).
  const parsedForm = Object.keys(rest).length === 1 && typeof rest.parameters === 'object' && rest.parameters !== null && !Array.isArray(rest.parameters);
  const given = parsedForm ? (rest.parameters as Record<string, unknown>) : rest;
  const parameters = resolvePropParameters(m.kind, given, (field, message) => r.fail(`${at}.${field}`, message));
  return { kind: m.kind, parameters, seed: seed === undefined ? deriveSeed(sceneSeed, 'prop', name) : r.integer(seed, `${at}.seed`, 0, 0xffffffff) };
}

/** The props of a spec; `repeat: { count, stepM: [dx, dz] }` expands into `<name>-<i>` copies. */
function readProps(r: Reader, value: unknown, sceneSeed: number): SceneProp[] {
  const props: SceneProp[] = [];
  (value === undefined ? [] : r.array(value, 'props', 0)).forEach((raw, i) => {
    const at = `props[${i}]`;
    const p = r.object(raw, at);
    r.only(p, at, ['name', 'model', 'positionM', 'yawDeg', 'scale', 'obstacle', 'footprintM', 'repeat']);
    const name = p.name === undefined ? `prop${i}` : r.string(p.name, `${at}.name`);
    if (p.model === undefined) r.fail(at, 'needs a model (a .glb file or a generator object)');
    const base = r.tuple(p.positionM, `${at}.positionM`, 3) as Vec3;
    const scale = p.scale === undefined ? ([1, 1, 1] as Vec3) : typeof p.scale === 'number' ? ([p.scale, p.scale, p.scale].map((v) => r.number(v, `${at}.scale`, 0, 1000, true)) as Vec3) : (r.tuple(p.scale, `${at}.scale`, 3, 0, 1000) as Vec3);
    if (scale.some((v) => v <= 0)) r.fail(`${at}.scale`, 'must be positive');
    const yawDeg = r.optional(p.yawDeg, 0, (v) => r.number(v, `${at}.yawDeg`, -720, 720));
    const obstacle = r.optional(p.obstacle, true, (v) => r.boolean(v, `${at}.obstacle`));
    const footprintM = p.footprintM === undefined ? undefined : r.array(p.footprintM, `${at}.footprintM`, 3).map((q, k) => r.tuple(q, `${at}.footprintM[${k}]`, 2) as [number, number]);
    let count = 1;
    let step: [number, number] = [0, 0];
    if (p.repeat !== undefined) {
      const rep = r.object(p.repeat, `${at}.repeat`);
      r.only(rep, `${at}.repeat`, ['count', 'stepM']);
      count = r.integer(rep.count, `${at}.repeat.count`, 1, 1000);
      step = r.tuple(rep.stepM, `${at}.repeat.stepM`, 2) as [number, number];
      if (footprintM) r.fail(`${at}.footprintM`, 'cannot be given with repeat (each copy stands elsewhere)');
    }
    for (let k = 0; k < count; k++) {
      const copyName = count > 1 ? `${name}-${k}` : name;
      props.push({
        name: copyName,
        model: readModel(r, p.model, `${at}.model`, sceneSeed, copyName),
        positionM: [base[0] + step[0] * k, base[1], base[2] + step[1] * k],
        yawDeg,
        scale,
        obstacle,
        ...(footprintM ? { footprintM } : {}),
      });
    }
  });
  const names = new Set<string>();
  for (const prop of props) {
    if (names.has(prop.name)) r.fail('props', `duplicate prop name ${prop.name}`);
    names.add(prop.name);
  }
  return props;
}

function readWalkway(r: Reader, raw: unknown, i: number): Walkway {
  const at = `walkways[${i}]`;
  const w = r.object(raw, at);
  r.only(w, at, ['name', 'points', 'widthM', 'bidirectional', 'weight']);
  const points = r.array(w.points, `${at}.points`, 2).map((p, k) => r.tuple(p, `${at}.points[${k}]`, 2) as [number, number]);
  for (let k = 1; k < points.length; k++) {
    if (Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]) < 1e-3) r.fail(`${at}.points[${k}]`, 'repeats the previous point');
  }
  const d = SCENE_DEFAULTS.walkway;
  return {
    name: w.name === undefined ? `walkway${i}` : r.string(w.name, `${at}.name`),
    points,
    widthM: r.optional(w.widthM, d.widthM, (v) => r.number(v, `${at}.widthM`, 0.5, 100)),
    bidirectional: r.optional(w.bidirectional, d.bidirectional, (v) => r.boolean(v, `${at}.bidirectional`)),
    weight: r.optional(w.weight, d.weight, (v) => r.number(v, `${at}.weight`, 0, 1e6, true)),
  };
}

function readCrowd(r: Reader, value: unknown): CrowdSpec {
  const crowdIn = r.object(value ?? {}, 'crowd');
  r.only(crowdIn, 'crowd', ['count', 'speedMps', 'minGapM', 'entryIntervalS']);
  const d = SCENE_DEFAULTS.crowd;
  const crowd: CrowdSpec = {
    count: r.optional(crowdIn.count, d.count, (v) => r.integer(v, 'crowd.count', 0, 1000)),
    speedMps: r.optional(crowdIn.speedMps, d.speedMps, (v) => r.tuple(v, 'crowd.speedMps', 2, 0.2, 3) as [number, number]),
    minGapM: r.optional(crowdIn.minGapM, d.minGapM, (v) => r.number(v, 'crowd.minGapM', 0.3, 10)),
    entryIntervalS: r.optional(crowdIn.entryIntervalS, d.entryIntervalS, (v) => r.number(v, 'crowd.entryIntervalS', 0, 600)),
  };
  if (crowd.speedMps[0] > crowd.speedMps[1]) r.fail('crowd.speedMps', 'minimum exceeds maximum');
  return crowd;
}

function readSweep(r: Reader, value: unknown): SceneSweep {
  const s = r.object(value, 'sweep');
  r.only(s, 'sweep', ['mode', 'parameters']);
  const parameters = r.array(s.parameters, 'sweep.parameters', 1).map((raw, i): SweepParameter => {
    const p = r.object(raw, `sweep.parameters[${i}]`);
    r.only(p, `sweep.parameters[${i}]`, ['path', 'values']);
    return { path: r.string(p.path, `sweep.parameters[${i}].path`), values: r.array(p.values, `sweep.parameters[${i}].values`, 1) };
  });
  const sweep: SceneSweep = { mode: r.optional(s.mode, 'grid' as const, (v) => r.oneOf(v, 'sweep.mode', ['grid', 'zip'] as const)), parameters };
  if (sweep.mode === 'zip' && new Set(parameters.map((p) => p.values.length)).size > 1) r.fail('sweep.parameters', 'zip mode needs value lists of equal length');
  return sweep;
}

/**
 * Validates a parsed spec (from JSON or YAML) and fills defaults. `source` names the file in
 * error messages. Throws E_SCENE_INVALID naming the field at fault.
 */
export function parseSceneSpec(value: unknown, source = 'spec'): SceneSpec {
  const r = new Reader(source);
  const root = r.object(value, '(root)');
  r.only(root, '(root)', ['formatVersion', 'name', 'seed', 'durationS', 'fps', 'environment', 'props', 'cameras', 'walkways', 'crowd', 'sweep', 'description', 'unityScene']);
  if (root.formatVersion !== 1) r.fail('formatVersion', `expected 1 but got ${JSON.stringify(root.formatVersion)}`);
  const name = r.string(root.name, 'name');
  if (!/^[\w.-]+$/.test(name)) r.fail('name', 'use letters, digits, ".", "_" and "-" only (it names output folders)');
  const d = SCENE_DEFAULTS;
  const fps = r.optional(root.fps, d.fps, (v) => r.integer(v, 'fps', 1, 240));
  const seed = r.optional(root.seed, d.seed, (v) => r.integer(v, 'seed', 0, 0xffffffff));
  const cameras = r.array(root.cameras, 'cameras', 1).map((raw, i) => readCamera(r, raw, i, fps));
  const names = new Set<string>();
  for (const [i, camera] of cameras.entries()) {
    if (names.has(camera.name)) r.fail(`cameras[${i}].name`, `duplicate camera name ${camera.name}`);
    names.add(camera.name);
  }
  const walkways = r.array(root.walkways, 'walkways', 1).map((raw, i) => readWalkway(r, raw, i));
  const crowd = readCrowd(r, root.crowd);
  for (const [i, w] of walkways.entries()) {
    if (w.bidirectional && w.widthM < 2 * crowd.minGapM) r.fail(`walkways[${i}].widthM`, `a two-way walkway must be at least 2 x crowd.minGapM (${2 * crowd.minGapM} m) wide`);
  }
  return {
    formatVersion: 1,
    name,
    seed,
    durationS: r.optional(root.durationS, d.durationS, (v) => r.number(v, 'durationS', 0, 86400, true)),
    fps,
    environment: readEnvironment(r, root.environment),
    props: readProps(r, root.props, seed),
    cameras,
    walkways,
    crowd,
    ...(root.sweep === undefined ? {} : { sweep: readSweep(r, root.sweep) }),
    ...(root.unityScene === undefined ? {} : { unityScene: r.string(root.unityScene, 'unityScene') }),
  };
}

/** The look-at point of a camera (from `lookAtM` or from yaw/pitch, 10 m ahead). */
export function cameraLookAt(camera: SceneCamera): Vec3 {
  if (camera.lookAtM) return camera.lookAtM;
  const yaw = ((camera.yawDeg ?? 0) * Math.PI) / 180;
  const pitch = ((camera.pitchDeg ?? 0) * Math.PI) / 180;
  const [x, y, z] = camera.positionM;
  return [x + 10 * Math.sin(yaw) * Math.cos(pitch), y + 10 * Math.sin(pitch), z + 10 * Math.cos(yaw) * Math.cos(pitch)];
}

/** Steps of a run of `durationS` at `fps` (at least one). */
export function sceneStepCount(spec: Pick<SceneSpec, 'durationS' | 'fps'>): number {
  return Math.max(1, Math.round(spec.durationS * spec.fps));
}
