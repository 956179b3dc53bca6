/**
 * Scene specs: the environment, cameras, walkways and crowd of one rendered scene, read from
 * JSON or YAML and validated here with messages that name the offending field. World space is
 * glTF's: metres, +Y up, the ground is y = 0; walkway points are (x, z) on the ground.
 * Headings and yaw: 0 looks along +Z, 90 along +X.
 */
import type { Vec3 } from '../geometry/mat4.js';
import type { RgbUnit } from '../imaging/colour.js';
import { ClonedPersonError } from '../shared/errors.js';

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
  lighting: {
    /** Ambient intensity 0..1 (grey) or RGB. */
    ambient: RgbUnit;
    sun: {
      /** Compass direction the sun shines FROM: 0 = +Z, 90 = +X. */
      azimuthDeg: number;
      /** Height of the sun above the horizon, (0, 90]. */
      elevationDeg: number;
      color: RgbUnit;
    };
  };
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
  cameras: SceneCamera[];
  walkways: Walkway[];
  crowd: CrowdSpec;
  sweep?: SceneSweep;
  /** The folder relative paths (textures, images) resolve against; set by the loader. */
  baseDir?: string;
}

/** Defaults for omitted fields (one place; the CLI and docs refer to these). */
export const SCENE_DEFAULTS = {
  seed: 1,
  durationS: 10,
  fps: 30,
  ground: { color: [1, 1, 1] as RgbUnit, pattern: 'paving' as GroundPattern, tileM: 2, halfSizeM: 150 },
  background: { zenithColor: [0.36, 0.55, 0.85] as RgbUnit, horizonColor: [0.82, 0.87, 0.92] as RgbUnit, pattern: 'city' as BackgroundPattern },
  lighting: { ambient: [0.45, 0.45, 0.45] as RgbUnit, sun: { azimuthDeg: 135, elevationDeg: 50, color: [0.65, 0.63, 0.58] as RgbUnit } },
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
}

/**
 * Validates a parsed spec (from JSON or YAML) and fills defaults. `source` names the file in
 * error messages. Throws E_SCENE_INVALID naming the field at fault.
 */
export function parseSceneSpec(value: unknown, source = 'spec'): SceneSpec {
  const r = new Reader(source);
  const root = r.object(value, '(root)');
  r.only(root, '(root)', ['formatVersion', 'name', 'seed', 'durationS', 'fps', 'environment', 'cameras', 'walkways', 'crowd', 'sweep', 'description']);
  if (root.formatVersion !== 1) r.fail('formatVersion', `expected 1 but got ${JSON.stringify(root.formatVersion)}`);
  const name = r.string(root.name, 'name');
  if (!/^[\w.-]+$/.test(name)) r.fail('name', 'use letters, digits, ".", "_" and "-" only (it names output folders)');
  const fps = root.fps === undefined ? SCENE_DEFAULTS.fps : r.integer(root.fps, 'fps', 1, 240);

  const envIn = r.object(root.environment ?? {}, 'environment');
  r.only(envIn, 'environment', ['ground', 'background', 'lighting']);
  const groundIn = r.object(envIn.ground ?? {}, 'environment.ground');
  r.only(groundIn, 'environment.ground', ['color', 'pattern', 'texture', 'tileM', 'halfSizeM']);
  const backgroundIn = r.object(envIn.background ?? {}, 'environment.background');
  r.only(backgroundIn, 'environment.background', ['zenithColor', 'horizonColor', 'pattern', 'image']);
  const lightingIn = r.object(envIn.lighting ?? {}, 'environment.lighting');
  r.only(lightingIn, 'environment.lighting', ['ambient', 'sun']);
  const sunIn = r.object(lightingIn.sun ?? {}, 'environment.lighting.sun');
  r.only(sunIn, 'environment.lighting.sun', ['azimuthDeg', 'elevationDeg', 'color']);
  const d = SCENE_DEFAULTS;
  const environment: SceneEnvironment = {
    ground: {
      color: groundIn.color === undefined ? d.ground.color : r.rgb(groundIn.color, 'environment.ground.color'),
      pattern: groundIn.pattern === undefined ? d.ground.pattern : r.oneOf(groundIn.pattern, 'environment.ground.pattern', GROUND_PATTERNS),
      ...(groundIn.texture === undefined ? {} : { texture: r.string(groundIn.texture, 'environment.ground.texture') }),
      tileM: groundIn.tileM === undefined ? d.ground.tileM : r.number(groundIn.tileM, 'environment.ground.tileM', 0, 1000, true),
      halfSizeM: groundIn.halfSizeM === undefined ? d.ground.halfSizeM : r.number(groundIn.halfSizeM, 'environment.ground.halfSizeM', 0, 1e5, true),
    },
    background: {
      zenithColor: backgroundIn.zenithColor === undefined ? d.background.zenithColor : r.rgb(backgroundIn.zenithColor, 'environment.background.zenithColor'),
      horizonColor:
        backgroundIn.horizonColor === undefined ? d.background.horizonColor : r.rgb(backgroundIn.horizonColor, 'environment.background.horizonColor'),
      pattern:
        backgroundIn.pattern === undefined ? d.background.pattern : r.oneOf(backgroundIn.pattern, 'environment.background.pattern', BACKGROUND_PATTERNS),
      ...(backgroundIn.image === undefined ? {} : { image: r.string(backgroundIn.image, 'environment.background.image') }),
    },
    lighting: {
      ambient: lightingIn.ambient === undefined ? d.lighting.ambient : r.rgb(lightingIn.ambient, 'environment.lighting.ambient'),
      sun: {
        azimuthDeg: sunIn.azimuthDeg === undefined ? d.lighting.sun.azimuthDeg : r.number(sunIn.azimuthDeg, 'environment.lighting.sun.azimuthDeg', -360, 360),
        elevationDeg:
          sunIn.elevationDeg === undefined ? d.lighting.sun.elevationDeg : r.number(sunIn.elevationDeg, 'environment.lighting.sun.elevationDeg', 0, 90, true),
        color: sunIn.color === undefined ? d.lighting.sun.color : r.rgb(sunIn.color, 'environment.lighting.sun.color'),
      },
    },
  };

  const cameras = r.array(root.cameras, 'cameras', 1).map((raw, i): SceneCamera => {
    const at = `cameras[${i}]`;
    const c = r.object(raw, at);
    r.only(c, at, ['name', 'positionM', 'lookAtM', 'yawDeg', 'pitchDeg', 'fovDeg', 'widthPx', 'heightPx', 'fps']);
    const camera: SceneCamera = {
      name: c.name === undefined ? `cam${i}` : r.string(c.name, `${at}.name`),
      positionM: r.tuple(c.positionM, `${at}.positionM`, 3) as Vec3,
      fovDeg: c.fovDeg === undefined ? d.camera.fovDeg : r.number(c.fovDeg, `${at}.fovDeg`, 0, 179, true),
      widthPx: c.widthPx === undefined ? d.camera.widthPx : r.integer(c.widthPx, `${at}.widthPx`, 1, 8192),
      heightPx: c.heightPx === undefined ? d.camera.heightPx : r.integer(c.heightPx, `${at}.heightPx`, 1, 8192),
    };
    if (c.lookAtM !== undefined) {
      if (c.yawDeg !== undefined || c.pitchDeg !== undefined) r.fail(at, 'give either lookAtM or yawDeg/pitchDeg, not both');
      camera.lookAtM = r.tuple(c.lookAtM, `${at}.lookAtM`, 3) as Vec3;
      const [px, py, pz] = camera.positionM;
      const [lx, ly, lz] = camera.lookAtM;
      if (Math.hypot(lx - px, ly - py, lz - pz) < 1e-6) r.fail(`${at}.lookAtM`, 'coincides with positionM');
      if (Math.hypot(lx - px, lz - pz) < 1e-6) r.fail(`${at}.lookAtM`, 'is straight above or below the camera (no horizon direction)');
    } else {
      if (c.yawDeg === undefined) r.fail(at, 'needs lookAtM or yawDeg (+ optional pitchDeg)');
      camera.yawDeg = r.number(c.yawDeg, `${at}.yawDeg`, -720, 720);
      camera.pitchDeg = c.pitchDeg === undefined ? 0 : r.number(c.pitchDeg, `${at}.pitchDeg`, -89, 89);
    }
    if (c.fps !== undefined) {
      camera.fps = r.integer(c.fps, `${at}.fps`, 1, fps);
      if (fps % camera.fps !== 0) r.fail(`${at}.fps`, `must divide the scene fps ${fps}`);
    }
    return camera;
  });
  const names = new Set<string>();
  for (const [i, camera] of cameras.entries()) {
    if (names.has(camera.name)) r.fail(`cameras[${i}].name`, `duplicate camera name ${camera.name}`);
    names.add(camera.name);
  }

  const walkways = r.array(root.walkways, 'walkways', 1).map((raw, i): Walkway => {
    const at = `walkways[${i}]`;
    const w = r.object(raw, at);
    r.only(w, at, ['name', 'points', 'widthM', 'bidirectional', 'weight']);
    const points = r.array(w.points, `${at}.points`, 2).map((p, k) => r.tuple(p, `${at}.points[${k}]`, 2) as [number, number]);
    for (let k = 1; k < points.length; k++) {
      if (Math.hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]) < 1e-3) r.fail(`${at}.points[${k}]`, 'repeats the previous point');
    }
    return {
      name: w.name === undefined ? `walkway${i}` : r.string(w.name, `${at}.name`),
      points,
      widthM: w.widthM === undefined ? d.walkway.widthM : r.number(w.widthM, `${at}.widthM`, 0.5, 100),
      bidirectional: w.bidirectional === undefined ? d.walkway.bidirectional : r.boolean(w.bidirectional, `${at}.bidirectional`),
      weight: w.weight === undefined ? d.walkway.weight : r.number(w.weight, `${at}.weight`, 0, 1e6, true),
    };
  });

  const crowdIn = r.object(root.crowd ?? {}, 'crowd');
  r.only(crowdIn, 'crowd', ['count', 'speedMps', 'minGapM', 'entryIntervalS']);
  const crowd: CrowdSpec = {
    count: crowdIn.count === undefined ? d.crowd.count : r.integer(crowdIn.count, 'crowd.count', 0, 1000),
    speedMps: crowdIn.speedMps === undefined ? d.crowd.speedMps : (r.tuple(crowdIn.speedMps, 'crowd.speedMps', 2, 0.2, 3) as [number, number]),
    minGapM: crowdIn.minGapM === undefined ? d.crowd.minGapM : r.number(crowdIn.minGapM, 'crowd.minGapM', 0.3, 10),
    entryIntervalS: crowdIn.entryIntervalS === undefined ? d.crowd.entryIntervalS : r.number(crowdIn.entryIntervalS, 'crowd.entryIntervalS', 0, 600),
  };
  if (crowd.speedMps[0] > crowd.speedMps[1]) r.fail('crowd.speedMps', 'minimum exceeds maximum');
  for (const [i, w] of walkways.entries()) {
    if (w.bidirectional && w.widthM < 2 * crowd.minGapM) r.fail(`walkways[${i}].widthM`, `a two-way walkway must be at least 2 x crowd.minGapM (${2 * crowd.minGapM} m) wide`);
  }

  let sweep: SceneSweep | undefined;
  if (root.sweep !== undefined) {
    const s = r.object(root.sweep, 'sweep');
    r.only(s, 'sweep', ['mode', 'parameters']);
    const parameters = r.array(s.parameters, 'sweep.parameters', 1).map((raw, i): SweepParameter => {
      const p = r.object(raw, `sweep.parameters[${i}]`);
      r.only(p, `sweep.parameters[${i}]`, ['path', 'values']);
      return { path: r.string(p.path, `sweep.parameters[${i}].path`), values: r.array(p.values, `sweep.parameters[${i}].values`, 1) };
    });
    sweep = { mode: s.mode === undefined ? 'grid' : r.oneOf(s.mode, 'sweep.mode', ['grid', 'zip'] as const), parameters };
    if (sweep.mode === 'zip' && new Set(parameters.map((p) => p.values.length)).size > 1) r.fail('sweep.parameters', 'zip mode needs value lists of equal length');
  }

  return {
    formatVersion: 1,
    name,
    seed: root.seed === undefined ? d.seed : r.integer(root.seed, 'seed', 0, 0xffffffff),
    durationS: root.durationS === undefined ? d.durationS : r.number(root.durationS, 'durationS', 0, 86400, true),
    fps,
    environment,
    cameras,
    walkways,
    crowd,
    ...(sweep ? { sweep } : {}),
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
