/**
 * Vertex-to-bone weights: normalising, remapping to another rig, transferring to proxies and
 * compiling to glTF's fixed number of influences. Rules follow MakeHuman 1.1
 * (shared/animation.py VertexBoneWeights, shared/skeleton.py, shared/proxy.py):
 *
 * - Normalise (VertexBoneWeights._build_vertex_weights_data): divide every weight by its
 *   vertex's total over all bones; a bone listing a vertex twice gets the sum; weights at or
 *   below 1e-4 (after normalising) are dropped; vertices with no weight at all go to the root
 *   bone with weight 1. Hence every vertex is weighted.
 * - Weight references (Skeleton.autoBuildWeightReferences): a bone without explicit
 *   `weights_reference` takes the weights of its `reference` bones plus, for each referenced
 *   default-rig bone whose descendants are (partly) not referenced by any bone of this rig, those
 *   unreferenced descendant chains (visited from the leaves up, so a chain goes to the lowest
 *   bone that references an ancestor).
 * - Remap (Skeleton.getVertexWeights): each bone collects the (vertex, weight) pairs of its
 *   weight-reference bones (or of the same-named reference bone when it lists none), then the
 *   result is normalised as above.
 * - Proxies without their own weights (Proxy.getVertexWeights): proxy vertex p fitted with
 *   weights w_k to body vertices r_k receives bone weight w_k x body weight of r_k for every k
 *   (new-format proxies use 1/4 per quad corner); products at or below 1e-4 are dropped; then
 *   normalised as above. Proxies with a `.mhw` (shoes) remap that file like a body.
 * - Compile (VertexBoneWeights._compileVertexWeights): keep the `maxInfluences` largest weights
 *   per vertex and renormalise them to sum 1.
 */
import { silentLogger } from '../shared/logger.js';
import type { Logger } from '../shared/logger.js';
import type { ProxyDefinition } from './proxy-parser.js';
import type { RawBoneWeights, SkeletonDefinition } from './rig-parser.js';
import { breadthFirst } from './skeleton.js';

/** Sparse weights per bone: vertex indices ascending (root extras appended) and weights. */
export type BoneWeights = Map<string, { vertices: Uint32Array; weights: Float32Array }>;

/** MakeHuman's inclusion threshold for a bone weight. */
export const WEIGHT_THRESHOLD = 1e-4;

/** Pairs per bone before normalisation. */
type PairLists = Map<string, { vertices: number[]; weights: number[] }>;

/** Normalises raw per-bone weights over `vertexCount` vertices (see the module doc). */
export function normalizeBoneWeights(raw: RawBoneWeights | PairLists, vertexCount: number, rootBone: string): BoneWeights {
  const total = new Float64Array(vertexCount);
  for (const { vertices, weights } of raw.values()) {
    for (let i = 0; i < vertices.length; i++) total[vertices[i]] += weights[i];
  }
  const result: BoneWeights = new Map();
  for (const [bone, { vertices, weights }] of raw) {
    if (vertices.length === 0) continue;
    const merged = new Map<number, number>();
    for (let i = 0; i < vertices.length; i++) {
      const v = vertices[i];
      if (total[v] === 0) continue;
      merged.set(v, (merged.get(v) ?? 0) + weights[i] / total[v]);
    }
    const keys = [...merged.keys()].sort((a, b) => a - b).filter((v) => (merged.get(v) as number) > WEIGHT_THRESHOLD);
    result.set(bone, { vertices: Uint32Array.from(keys), weights: Float32Array.from(keys.map((v) => merged.get(v) as number)) });
  }
  const unweighted: number[] = [];
  for (let v = 0; v < vertexCount; v++) if (total[v] === 0) unweighted.push(v);
  if (unweighted.length > 0) {
    const existing = result.get(rootBone);
    const vertices = [...(existing?.vertices ?? []), ...unweighted];
    const weights = [...(existing?.weights ?? []), ...unweighted.map(() => 1)];
    result.set(rootBone, { vertices: Uint32Array.from(vertices), weights: Float32Array.from(weights) });
  }
  return result;
}

/**
 * The weight-reference bones of every bone of `definition` against the reference rig
 * (MakeHuman's autoBuildWeightReferences; see the module doc). Explicit `weights_reference`
 * lists are kept as they are.
 */
export function weightReferences(definition: SkeletonDefinition, reference: SkeletonDefinition): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  const included = new Map<string, boolean>();
  for (const bone of definition.bones) {
    included.set(bone.name, bone.weightsReference === undefined);
    refs.set(bone.name, [...(bone.weightsReference ?? bone.reference)]);
  }
  if (definition === reference) return refs;
  const children = new Map<string, string[]>();
  for (const bone of reference.bones) {
    if (bone.parent === null) continue;
    const list = children.get(bone.parent) ?? [];
    list.push(bone.name);
    children.set(bone.parent, list);
  }
  const reverseMap = (): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    for (const bone of definition.bones) {
      for (const r of refs.get(bone.name) ?? []) {
        const list = map.get(r) ?? [];
        list.push(bone.name);
        map.set(r, list);
      }
    }
    return map;
  };
  let reverse = reverseMap();
  const hasUnreferencedTail = (bone: string, first: boolean): boolean => {
    if (!first && reverse.has(bone) && reverse.size > 0) return false;
    const kids = children.get(bone) ?? [];
    if (kids.length === 0) return true;
    return kids.some((kid) => hasUnreferencedTail(kid, false));
  };
  const allChildren = (bone: string): string[] => (children.get(bone) ?? []).flatMap((kid) => [kid, ...allChildren(kid)]);
  const order = breadthFirst(reference).map((b) => b.name);
  for (const rbone of order.reverse()) {
    const referrers = reverse.get(rbone);
    if (!referrers) continue;
    if (!hasUnreferencedTail(rbone, true)) continue;
    const extra = allChildren(rbone).filter((child) => hasUnreferencedTail(child, false));
    for (const name of referrers) {
      if (!included.get(name)) continue;
      refs.set(name, [...new Set([...(refs.get(name) ?? []), ...extra])]);
    }
    reverse = reverseMap();
  }
  return refs;
}

/**
 * Remaps normalised weights of the reference rig to the bones of `definition` (see the module
 * doc). Bones without references take the same-named reference bone's weights.
 */
export function remapBoneWeights(
  referenceWeights: BoneWeights,
  definition: SkeletonDefinition,
  references: Map<string, string[]>,
  vertexCount: number,
  logger: Logger = silentLogger,
): BoneWeights {
  const pairs: PairLists = new Map();
  for (const bone of breadthFirst(definition)) {
    const sources = references.get(bone.name) ?? [];
    const names = sources.length > 0 ? sources : [bone.name];
    const vertices: number[] = [];
    const weights: number[] = [];
    for (const name of names) {
      const source = referenceWeights.get(name);
      if (!source) continue;
      for (let i = 0; i < source.vertices.length; i++) {
        vertices.push(source.vertices[i]);
        weights.push(source.weights[i]);
      }
    }
    if (vertices.length > 0) pairs.set(bone.name, { vertices, weights });
    else if (sources.length === 0) logger.debug(`characters: bone ${bone.name} of ${definition.name} maps to no weighted reference bone`);
  }
  const root = breadthFirst(definition)[0]?.name ?? 'root';
  return normalizeBoneWeights(pairs, vertexCount, root);
}

/**
 * The reverse proxy mapping as CSR arrays: for body vertex v, proxy vertices
 * `proxyVertex[start[v] .. start[v + 1])` with fitting weights `weight[...]`.
 */
export interface ProxyReverseMap {
  start: Uint32Array;
  proxyVertex: Uint32Array;
  weight: Float32Array;
}

export function proxyReverseMap(proxy: ProxyDefinition, bodyVertexCount: number): ProxyReverseMap {
  const width = proxy.newFitting ? 4 : 3;
  const count = proxy.weights.length / 3;
  const counts = new Uint32Array(bodyVertexCount + 1);
  for (let i = 0; i < count * width; i++) counts[proxy.refVerts[i] + 1]++;
  for (let v = 0; v < bodyVertexCount; v++) counts[v + 1] += counts[v];
  const start = counts.slice();
  const fill = counts.slice(0, bodyVertexCount);
  const proxyVertex = new Uint32Array(count * width);
  const weight = new Float32Array(count * width);
  for (let p = 0; p < count; p++) {
    for (let k = 0; k < width; k++) {
      const v = proxy.refVerts[p * width + k];
      const slot = fill[v]++;
      proxyVertex[slot] = p;
      weight[slot] = proxy.newFitting ? 1 / 4 : proxy.weights[p * 3 + k];
    }
  }
  return { start, proxyVertex, weight };
}

/** Transfers body weights to a proxy's vertices through its fitting (see the module doc). */
export function transferWeightsToProxy(
  bodyWeights: BoneWeights,
  proxy: ProxyDefinition,
  bodyVertexCount: number,
  rootBone: string,
): BoneWeights {
  const reverse = proxyReverseMap(proxy, bodyVertexCount);
  const pairs: PairLists = new Map();
  for (const [bone, { vertices, weights }] of bodyWeights) {
    const pv: number[] = [];
    const pw: number[] = [];
    for (let i = 0; i < vertices.length; i++) {
      const v = vertices[i];
      for (let s = reverse.start[v]; s < reverse.start[v + 1]; s++) {
        const w = reverse.weight[s] * weights[i];
        if (w > WEIGHT_THRESHOLD) {
          pv.push(reverse.proxyVertex[s]);
          pw.push(w);
        }
      }
    }
    if (pv.length > 0) pairs.set(bone, { vertices: pv, weights: pw });
  }
  return normalizeBoneWeights(pairs, proxy.weights.length / 3, rootBone);
}

/** Per-vertex influences in glTF layout: `influences` joint indices and weights per vertex. */
export interface CompiledWeights {
  influences: number;
  joints: Uint16Array;
  weights: Float32Array;
}

/**
 * Compiles per-bone weights to per-vertex top-`maxInfluences` influences, renormalised to sum
 * 1; `boneIndex` maps bone names to joint indices (bones it lacks are reported and skipped).
 */
export function compileWeights(
  boneWeights: BoneWeights,
  boneIndex: Map<string, number>,
  vertexCount: number,
  maxInfluences = 4,
  logger: Logger = silentLogger,
): CompiledWeights {
  const lists: { joint: number; weight: number }[][] = Array.from({ length: vertexCount }, () => []);
  for (const [bone, { vertices, weights }] of boneWeights) {
    const joint = boneIndex.get(bone);
    if (joint === undefined) {
      logger.warn(`characters: weights name bone ${bone}, which the skeleton does not have; skipped`);
      continue;
    }
    for (let i = 0; i < vertices.length; i++) lists[vertices[i]].push({ joint, weight: weights[i] });
  }
  const joints = new Uint16Array(vertexCount * maxInfluences);
  const out = new Float32Array(vertexCount * maxInfluences);
  for (let v = 0; v < vertexCount; v++) {
    const list = lists[v].sort((a, b) => b.weight - a.weight || a.joint - b.joint).slice(0, maxInfluences);
    let sum = 0;
    for (const e of list) sum += e.weight;
    list.forEach((e, k) => {
      joints[v * maxInfluences + k] = e.joint;
      out[v * maxInfluences + k] = sum > 0 ? e.weight / sum : 0;
    });
  }
  return { influences: maxInfluences, joints, weights: out };
}
