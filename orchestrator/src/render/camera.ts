/**
 * Cameras for the software renderer: a view matrix (world -> camera, OpenGL convention, camera
 * looks down -Z) and a projection (perspective or orthographic) into NDC [-1, 1]^3. World space
 * is glTF's: metres, +Y up.
 */
import { invalidArgument, isFiniteNumber } from '../shared/check.js';
import { mat4Identity, mat4LookAt, mat4Multiply, mat4Orthographic, mat4Perspective } from '../geometry/mat4.js';
import type { Mat4, Vec3 } from '../geometry/mat4.js';

export interface RenderCamera {
  kind: 'perspective' | 'orthographic';
  /** World -> view. */
  view: Mat4;
  /** View -> clip. */
  projection: Mat4;
  /** World -> clip (projection * view). */
  viewProjection: Mat4;
  /** Eye position in world metres. */
  positionM: Vec3;
  nearM: number;
  farM: number;
}

export interface PerspectiveCameraOptions {
  positionM: Vec3;
  lookAtM: Vec3;
  /** Vertical field of view in degrees, (0, 180). */
  fovDeg: number;
  /** Width / height of the image. */
  aspect: number;
  /** Near and far clip distances in metres (defaults 0.1 and 500). */
  nearM?: number;
  farM?: number;
  /** World up vector (default +Y). */
  up?: Vec3;
}

export interface OrthographicCameraOptions {
  positionM: Vec3;
  lookAtM: Vec3;
  /** Half the visible height in metres; the half width is `halfHeightM * aspect`. */
  halfHeightM: number;
  aspect: number;
  nearM?: number;
  farM?: number;
  up?: Vec3;
}

function checkVec3(value: unknown, name: string): Vec3 {
  if (!Array.isArray(value) || value.length !== 3 || !value.every(isFiniteNumber)) {
    throw invalidArgument('[x, y, z] of finite numbers', name, value);
  }
  return value as Vec3;
}

function checkClip(nearM: number, farM: number): void {
  if (!isFiniteNumber(nearM) || nearM <= 0) throw invalidArgument('positive number', 'nearM', nearM);
  if (!isFiniteNumber(farM) || farM <= nearM) throw invalidArgument(`number greater than nearM (${nearM})`, 'farM', farM);
}

function finish(kind: RenderCamera['kind'], view: Mat4, projection: Mat4, positionM: Vec3, nearM: number, farM: number): RenderCamera {
  const viewProjection = mat4Multiply(mat4Identity(), projection, view);
  return { kind, view, projection, viewProjection, positionM: [...positionM], nearM, farM };
}

/** A pinhole camera at `positionM` looking at `lookAtM` with vertical FOV `fovDeg`. */
export function createPerspectiveCamera(options: PerspectiveCameraOptions): RenderCamera {
  const position = checkVec3(options.positionM, 'positionM');
  const target = checkVec3(options.lookAtM, 'lookAtM');
  if (!isFiniteNumber(options.fovDeg) || options.fovDeg <= 0 || options.fovDeg >= 180) {
    throw invalidArgument('number in (0, 180)', 'fovDeg', options.fovDeg);
  }
  if (!isFiniteNumber(options.aspect) || options.aspect <= 0) throw invalidArgument('positive number', 'aspect', options.aspect);
  const nearM = options.nearM ?? 0.1;
  const farM = options.farM ?? 500;
  checkClip(nearM, farM);
  const view = mat4LookAt(new Float64Array(16), position, target, options.up ?? [0, 1, 0]);
  const projection = mat4Perspective(new Float64Array(16), (options.fovDeg * Math.PI) / 180, options.aspect, nearM, farM);
  return finish('perspective', view, projection, position, nearM, farM);
}

/** A parallel-projection camera (previews, technical views). */
export function createOrthographicCamera(options: OrthographicCameraOptions): RenderCamera {
  const position = checkVec3(options.positionM, 'positionM');
  const target = checkVec3(options.lookAtM, 'lookAtM');
  if (!isFiniteNumber(options.halfHeightM) || options.halfHeightM <= 0) {
    throw invalidArgument('positive number', 'halfHeightM', options.halfHeightM);
  }
  if (!isFiniteNumber(options.aspect) || options.aspect <= 0) throw invalidArgument('positive number', 'aspect', options.aspect);
  const nearM = options.nearM ?? 0.01;
  const farM = options.farM ?? 100;
  checkClip(nearM, farM);
  const view = mat4LookAt(new Float64Array(16), position, target, options.up ?? [0, 1, 0]);
  const h = options.halfHeightM;
  const w = h * options.aspect;
  const projection = mat4Orthographic(new Float64Array(16), -w, w, -h, h, nearM, farM);
  return finish('orthographic', view, projection, position, nearM, farM);
}
