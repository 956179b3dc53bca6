/**
 * MakeHuman rig files: `.mhskel` skeleton definitions and `.mhw` vertex weights (both JSON).
 *
 * `.mhskel`: `bones` maps a bone name to `{ head, tail, parent, rotation_plane?, reference?,
 * weights_reference?, roll? }` where head and tail are joint names; `joints` maps a joint name to
 * base-mesh vertex indices whose mean is the joint position; `planes` maps a plane name to three
 * joint names (the bone's local X axis comes from that plane's normal). Rigs made for
 * retargeting (cmu_mb, game_engine) have no planes: their bones name `reference` bones of the
 * default rig instead. `weights_file` names the rig's own `.mhw` (relative to the `.mhskel`).
 *
 * `.mhw`: `weights` maps a bone name to `[[vertex, weight], ...]`.
 */
import { invalidAsset } from './asset-errors.js';

export interface BoneDefinition {
  name: string;
  parent: string | null;
  head: string;
  tail: string;
  /** Plane name (or names) giving the bone's X axis; undefined when the rig has none. */
  rotationPlane?: string | string[];
  /** Bones of the reference (default) rig this bone stands for. */
  reference: string[];
  /** Reference bones whose weights it takes; undefined = derive (see skeleton-weights.ts). */
  weightsReference?: string[];
}

export interface SkeletonDefinition {
  name: string;
  file: string;
  /** Bones in file order. */
  bones: BoneDefinition[];
  joints: Map<string, Uint32Array>;
  planes: Map<string, [string, string, string]>;
  /** How planes are borrowed from the reference rig (MakeHuman's plane_map_strategy, default 3). */
  planeMapStrategy: number;
  weightsFile?: string;
}

/** Bone name -> (vertex indices, weights), as read from a `.mhw`. */
export type RawBoneWeights = Map<string, { vertices: Uint32Array; weights: Float32Array }>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw invalidAsset(file, `invalid JSON (${message})`, line);
  }
}

function stringList(value: unknown, file: string, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw invalidAsset(file, `${where}: expected a bone name or a list of bone names`);
}

/** Parses `.mhskel` JSON text; `vertexCount` bounds the joint vertex indices. */
export function parseSkeleton(text: string, file: string, vertexCount: number): SkeletonDefinition {
  const json = parseJson(text, file);
  if (!isObject(json) || !isObject(json.bones)) throw invalidAsset(file, 'expected an object with "bones"');
  const joints = new Map<string, Uint32Array>();
  if (json.joints !== undefined) {
    if (!isObject(json.joints)) throw invalidAsset(file, '"joints" must map joint names to vertex lists');
    for (const [name, list] of Object.entries(json.joints)) {
      if (!Array.isArray(list)) throw invalidAsset(file, `joint ${name}: expected a list of vertex indices`);
      if (list.length === 0) continue;
      for (const v of list) {
        if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= vertexCount) {
          throw invalidAsset(file, `joint ${name}: vertex index ${JSON.stringify(v)} is out of range (0..${vertexCount - 1})`);
        }
      }
      joints.set(name, Uint32Array.from(list as number[]));
    }
  }
  const planes = new Map<string, [string, string, string]>();
  if (json.planes !== undefined) {
    if (!isObject(json.planes)) throw invalidAsset(file, '"planes" must map plane names to three joint names');
    for (const [name, list] of Object.entries(json.planes)) {
      if (!Array.isArray(list) || list.length !== 3 || !list.every((j) => typeof j === 'string')) {
        throw invalidAsset(file, `plane ${name}: expected three joint names`);
      }
      planes.set(name, list as [string, string, string]);
    }
  }
  const bones: BoneDefinition[] = [];
  for (const [name, def] of Object.entries(json.bones)) {
    if (!isObject(def) || typeof def.head !== 'string' || typeof def.tail !== 'string') {
      throw invalidAsset(file, `bone ${name}: expected "head" and "tail" joint names`);
    }
    const parent = def.parent === undefined || def.parent === null ? null : def.parent;
    if (parent !== null && typeof parent !== 'string') throw invalidAsset(file, `bone ${name}: "parent" must be a bone name`);
    let rotationPlane: string | string[] | undefined;
    const plane = def.rotation_plane;
    if (typeof plane === 'string') rotationPlane = plane;
    else if (Array.isArray(plane) && plane.every((p) => typeof p === 'string')) rotationPlane = plane;
    bones.push({
      name,
      parent,
      head: def.head,
      tail: def.tail,
      ...(rotationPlane === undefined ? {} : { rotationPlane }),
      reference: [...new Set(stringList(def.reference, file, `bone ${name}.reference`) ?? [])],
      ...(def.weights_reference === undefined || def.weights_reference === null
        ? {}
        : { weightsReference: [...new Set(stringList(def.weights_reference, file, `bone ${name}.weights_reference`))] }),
    });
  }
  const names = new Set(bones.map((b) => b.name));
  for (const bone of bones) {
    if (bone.parent !== null && !names.has(bone.parent)) throw invalidAsset(file, `bone ${bone.name}: unknown parent ${bone.parent}`);
  }
  return {
    name: typeof json.name === 'string' ? json.name : file,
    file,
    bones,
    joints,
    planes,
    planeMapStrategy: Number.isInteger(json.plane_map_strategy) ? (json.plane_map_strategy as number) : 3,
    ...(typeof json.weights_file === 'string' && json.weights_file ? { weightsFile: json.weights_file } : {}),
  };
}

/** Parses `.mhw` JSON text; `vertexCount` bounds the vertex indices (pass the mesh's count). */
export function parseWeights(text: string, file: string, vertexCount: number): RawBoneWeights {
  const json = parseJson(text, file);
  if (!isObject(json) || !isObject(json.weights)) throw invalidAsset(file, 'expected an object with "weights"');
  const result: RawBoneWeights = new Map();
  for (const [bone, list] of Object.entries(json.weights)) {
    if (!Array.isArray(list)) throw invalidAsset(file, `bone ${bone}: expected a list of [vertex, weight]`);
    const vertices = new Uint32Array(list.length);
    const weights = new Float32Array(list.length);
    list.forEach((pair: unknown, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') {
        throw invalidAsset(file, `bone ${bone}: entry ${i} is not [vertex, weight]`);
      }
      const [v, w] = pair as [number, number];
      if (!Number.isInteger(v) || v < 0 || v >= vertexCount) {
        throw invalidAsset(file, `bone ${bone}: vertex index ${v} is out of range (0..${vertexCount - 1})`);
      }
      if (!Number.isFinite(w) || w < 0) throw invalidAsset(file, `bone ${bone}: weight ${w} is not a non-negative number`);
      vertices[i] = v;
      weights[i] = w;
    });
    result.set(bone, { vertices, weights });
  }
  return result;
}
