/**
 * Skeleton rest pose from a morphed body: joint positions and bone frames.
 * Rules follow MakeHuman 1.1 shared/skeleton.py:
 *
 * - A joint's position is the mean of the body vertices the `.mhskel` lists for it (after
 *   morphing); a joint without a list falls back to the centre of the base mesh's
 *   `joint-<name>` helper group.
 * - A bone goes from its head joint to its tail joint. Its rest frame has Y along the bone
 *   (head -> tail), Z = normalize(normal x Y) and X = normalize(Y x Z), origin at the head
 *   (getMatrix), so X approximates the bone's *normal*.
 * - The normal comes from the bone's rotation plane: for plane joints (j1, j2, j3) at p1, p2, p3,
 *   normal = normalize(normalize(p3 - p2) x normalize(p2 - p1)) (get_normal). A list of planes
 *   averages the non-zero normals; no plane (or a zero normal) gives (0, 1, 0).
 * - Rigs without planes (cmu_mb, game_engine) borrow them from the reference (default) rig
 *   through each bone's `reference` bones (or its own name), by the rig's plane_map_strategy:
 *   1 = first reference bone's plane, 2 = last, 3 (default) = average of all
 *   (addReferencePlanes).
 * - Bones are ordered breadth-first from the roots, children in file order; that order is the
 *   glTF joint order.
 *
 * Positions are in the body's units (decimetres for MakeHuman data).
 */
import { ClonedPersonError } from '../shared/errors.js';
import type { BoneDefinition, SkeletonDefinition } from './rig-parser.js';

export type Vec3 = [number, number, number];

export interface SkeletonBone {
  name: string;
  /** Index of the parent in `Skeleton.bones`, -1 for a root. */
  parent: number;
  head: Vec3;
  tail: Vec3;
  /** The bone's rest-frame normal (before orthogonalisation). */
  normal: Vec3;
  /** Column-major 4x4 rest matrix in body space: columns X, Y, Z axes and the head. */
  rest: Float64Array;
  definition: BoneDefinition;
}

export interface Skeleton {
  name: string;
  /** Breadth-first. */
  bones: SkeletonBone[];
  index: Map<string, number>;
}

/** Joint name -> vertex list, with the base mesh's `joint-*` groups as fallback. */
export interface JointSource {
  joints: Map<string, Uint32Array>;
  /** `joint-<name>` face groups of the base mesh, keyed by `<name>`. */
  meshJoints?: Map<string, Uint32Array>;
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function length(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

function normalize(a: Vec3): Vec3 {
  const l = length(a);
  return l > 0 ? [a[0] / l, a[1] / l, a[2] / l] : [0, 0, 0];
}

/** Mean position of `vertices` in `positions` (xyz per vertex). */
export function meanPosition(positions: Float32Array, vertices: Uint32Array): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const v of vertices) {
    x += positions[v * 3];
    y += positions[v * 3 + 1];
    z += positions[v * 3 + 2];
  }
  const n = vertices.length || 1;
  return [x / n, y / n, z / n];
}

/** A joint's position: mean of its listed vertices, else of the `joint-<name>` helper group. */
export function jointPosition(source: JointSource, name: string, positions: Float32Array, file = 'skeleton'): Vec3 {
  const vertices = source.joints.get(name) ?? source.meshJoints?.get(name.replace(/^joint-/, ''));
  if (!vertices || vertices.length === 0) {
    throw new ClonedPersonError('E_ASSET_INVALID', `characters: ${file}: joint ${name} has no vertices and no joint-${name} group in the base mesh`, {
      details: { file, joint: name },
    });
  }
  return meanPosition(positions, vertices);
}

/** The normal of a plane through three joints (MakeHuman's get_normal). */
export function planeNormal(source: JointSource, joints: readonly [string, string, string], positions: Float32Array, file?: string): Vec3 {
  const [p1, p2, p3] = joints.map((j) => jointPosition(source, j, positions, file));
  const pvec = normalize(sub(p2, p1));
  const yvec = normalize(sub(p3, p2));
  return normalize(cross(yvec, pvec));
}

function isZero(v: Vec3): boolean {
  return Math.abs(v[0]) < 1e-5 && Math.abs(v[1]) < 1e-5 && Math.abs(v[2]) < 1e-5;
}

/** Averages non-zero normals (not renormalised, as MakeHuman); (0, 1, 0) when none. */
function averageNormals(normals: Vec3[]): Vec3 {
  const kept = normals.filter((n) => !isZero(n));
  if (kept.length === 0) return [0, 1, 0];
  const sum: Vec3 = [0, 0, 0];
  for (const n of kept) for (let k = 0; k < 3; k++) sum[k] += n[k];
  if (isZero(sum)) return [0, 1, 0];
  return [sum[0] / kept.length, sum[1] / kept.length, sum[2] / kept.length];
}

/**
 * The rest frame for a bone from head to tail with the given normal (MakeHuman's getMatrix),
 * column-major. Degenerate cases (zero length, normal along the bone) fall back to a stable
 * frame instead of NaNs.
 */
export function boneRestMatrix(head: Vec3, tail: Vec3, normal: Vec3): Float64Array {
  let y = normalize(sub(tail, head));
  if (isZero(y)) y = [0, 1, 0];
  let n = normalize(normal);
  let z = normalize(cross(n, y));
  if (length(cross(n, y)) < 1e-6) {
    n = Math.abs(y[0]) < 0.9 ? [1, 0, 0] : [0, 0, 1];
    z = normalize(cross(n, y));
  }
  const x = normalize(cross(y, z));
  const m = new Float64Array(16);
  m.set([x[0], x[1], x[2], 0, y[0], y[1], y[2], 0, z[0], z[1], z[2], 0, head[0], head[1], head[2], 1]);
  return m;
}

/** Breadth-first bone order (roots and children in file order). */
export function breadthFirst(definition: SkeletonDefinition): BoneDefinition[] {
  const children = new Map<string | null, BoneDefinition[]>();
  for (const bone of definition.bones) {
    const list = children.get(bone.parent) ?? [];
    list.push(bone);
    children.set(bone.parent, list);
  }
  const out: BoneDefinition[] = [];
  const queue = [...(children.get(null) ?? [])];
  while (queue.length > 0) {
    const bone = queue.shift() as BoneDefinition;
    out.push(bone);
    queue.push(...(children.get(bone.name) ?? []));
  }
  return out;
}

function boneNormal(
  bone: BoneDefinition,
  definition: SkeletonDefinition,
  source: JointSource,
  positions: Float32Array,
  reference: { definition: SkeletonDefinition; source: JointSource } | undefined,
): Vec3 {
  const plane = bone.rotationPlane;
  const normalOf = (def: SkeletonDefinition, src: JointSource, name: string): Vec3 => {
    const joints = def.planes.get(name);
    return joints ? planeNormal(src, joints, positions, def.file) : [0, 1, 0];
  };
  if (typeof plane === 'string') {
    const n = normalOf(definition, source, plane);
    return isZero(n) ? [0, 1, 0] : n;
  }
  if (Array.isArray(plane)) return averageNormals(plane.map((p) => normalOf(definition, source, p)));
  if (!reference) return [0, 1, 0];
  // Borrow planes from the reference rig (addReferencePlanes).
  const referenceBones = new Map(reference.definition.bones.map((b) => [b.name, b]));
  const names = bone.reference.length > 0 ? bone.reference : [bone.name];
  const strategy = definition.planeMapStrategy;
  const picked = strategy === 1 ? names.slice(0, 1) : strategy === 2 ? names.slice(-1) : names;
  const planes: string[] = [];
  for (const name of picked) {
    const rb = referenceBones.get(name);
    const rp = rb?.rotationPlane;
    if (typeof rp === 'string') planes.push(rp);
  }
  if (strategy === 1 || strategy === 2) {
    if (planes.length === 0) return [0, 1, 0];
    const n = normalOf(reference.definition, reference.source, planes[0]);
    return isZero(n) ? [0, 1, 0] : n;
  }
  return averageNormals(planes.map((p) => normalOf(reference.definition, reference.source, p)));
}

/**
 * Builds the rest skeleton for `definition` on body positions `positions` (xyz per vertex).
 * `reference` (the default rig) supplies planes for rigs that have none.
 */
export function buildSkeleton(
  definition: SkeletonDefinition,
  positions: Float32Array,
  options: { meshJoints?: Map<string, Uint32Array>; reference?: SkeletonDefinition } = {},
): Skeleton {
  const source: JointSource = { joints: definition.joints, ...(options.meshJoints ? { meshJoints: options.meshJoints } : {}) };
  const reference = options.reference
    ? {
        definition: options.reference,
        source: { joints: options.reference.joints, ...(options.meshJoints ? { meshJoints: options.meshJoints } : {}) },
      }
    : undefined;
  const ordered = breadthFirst(definition);
  const index = new Map<string, number>(ordered.map((b, i) => [b.name, i]));
  const bones = ordered.map((bone): SkeletonBone => {
    const head = jointPosition(source, bone.head, positions, definition.file);
    const tail = jointPosition(source, bone.tail, positions, definition.file);
    const normal = boneNormal(bone, definition, source, positions, reference);
    return {
      name: bone.name,
      parent: bone.parent === null ? -1 : (index.get(bone.parent) as number),
      head,
      tail,
      normal,
      rest: boneRestMatrix(head, tail, normal),
      definition: bone,
    };
  });
  return { name: definition.name, bones, index };
}
