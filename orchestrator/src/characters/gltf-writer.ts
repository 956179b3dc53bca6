/**
 * Writes an assembled character as a skinned glTF 2.0 binary (`.glb`) with glTF-Transform.
 *
 * Conventions: metres (MakeHuman decimetres x 0.1), +Y up, the character facing +Z with its
 * left side at +X, feet on the ground (the lowest output vertex at y = 0; x and z as MakeHuman
 * places them, about the body's centre line). Quads are split into two triangles (a, b, c) and
 * (a, c, d); vertices are split wherever one mesh vertex has several UVs (texture seams); one
 * primitive per mesh part and material, all in one mesh `character` bound to one skin. Normals
 * are smooth (area-weighted over the part's visible faces). Textures are embedded as their
 * original PNG/JPEG bytes; glTF texture v runs down, so v_gltf = 1 - v_obj. Each vertex has at
 * most 4 influences (JOINTS_0 / WEIGHTS_0, summing to 1).
 *
 * Skeleton: one node per bone named like the bone, in breadth-first order, each with the
 * translation and rotation of its rest frame relative to its parent (frames from skeleton.ts,
 * Y along the bone); inverse bind matrices are the inverses of the global rest frames.
 *
 * Top-level `extras.clonedperson` (read by the Unity and embedded players):
 * ```json
 * { "formatVersion": 1,
 *   "characterId": "0003",
 *   "skeleton": "cmu_mb",                        // rig name
 *   "humanoidBones": { "Hips": "Hips", "LeftArm": "LeftUpperArm", ... },
 *                                                // MakeHuman bone (= glTF node name) -> Unity HumanBodyBones
 *   "rootBone": "Hips",                          // skin.skeleton node name
 *   "units": "m", "up": "+Y", "forward": "+Z",
 *   "heightM": 1.72,                             // MakeHuman height of the body mesh
 *   "generator": "clonedperson 0.1.0" }
 * ```
 */
import { Accessor, Document, NodeIO } from '@gltf-transform/core';
import type { Material, Node, Texture } from '@gltf-transform/core';
import { mat4InvertRigid, mat4Multiply, mat4ToQuaternion } from '../geometry/mat4.js';
import { packageInfo } from '../shared/package-info.js';
import type { AssembledCharacter, MeshPart } from './character-assembly.js';
import { humanoidBoneMap } from '../contracts/humanoid-bones.js';

/** MakeHuman units (decimetres) to metres. */
export const METRES_PER_MH_UNIT = 0.1;

export interface GlbOptions {
  /** Reads texture bytes; `unique` is true for per-character textures (do not cache). */
  readTexture: (file: string, unique: boolean) => Promise<Uint8Array>;
  /** Extra fields merged into `extras.clonedperson`. */
  extras?: Record<string, unknown>;
}

/** The geometry of one part ready for glTF: split vertices, triangles, attributes. */
export interface PartGeometry {
  positions: Float32Array;
  normals: Float32Array;
  uvs: Float32Array;
  joints: Uint16Array;
  weights: Float32Array;
  indices: Uint32Array;
}

/** The lowest y (MakeHuman units) over the visible faces of all parts. */
export function lowestPoint(parts: readonly MeshPart[]): number {
  let min = Infinity;
  for (const part of parts) {
    const { mesh, positions, faceVisible } = part;
    for (let f = 0; f < faceVisible.length; f++) {
      if (!faceVisible[f]) continue;
      for (let c = 0; c < mesh.faceSizes[f]; c++) {
        const y = positions[mesh.faceVerts[f * 4 + c] * 3 + 1];
        if (y < min) min = y;
      }
    }
  }
  return Number.isFinite(min) ? min : 0;
}

/**
 * Builds one part's glTF geometry in metres with `offset` (metres) added: triangulates visible
 * faces, splits vertices at UV seams, computes smooth normals.
 */
export function partGeometry(part: MeshPart, offset: [number, number, number]): PartGeometry {
  const { mesh, positions, faceVisible, influences } = part;
  const vertexCount = positions.length / 3;
  // Smooth normals on the welded mesh, from visible faces.
  const welded = new Float64Array(vertexCount * 3);
  const triangles: number[] = [];
  const cornerUv: number[] = [];
  for (let f = 0; f < faceVisible.length; f++) {
    if (!faceVisible[f]) continue;
    const o = f * 4;
    const corners = mesh.faceSizes[f] === 4 ? [0, 1, 2, 0, 2, 3] : [0, 1, 2];
    for (let t = 0; t < corners.length; t += 3) {
      const a = mesh.faceVerts[o + corners[t]];
      const b = mesh.faceVerts[o + corners[t + 1]];
      const c = mesh.faceVerts[o + corners[t + 2]];
      const abx = positions[b * 3] - positions[a * 3];
      const aby = positions[b * 3 + 1] - positions[a * 3 + 1];
      const abz = positions[b * 3 + 2] - positions[a * 3 + 2];
      const acx = positions[c * 3] - positions[a * 3];
      const acy = positions[c * 3 + 1] - positions[a * 3 + 1];
      const acz = positions[c * 3 + 2] - positions[a * 3 + 2];
      const nx = aby * acz - abz * acy;
      const ny = abz * acx - abx * acz;
      const nz = abx * acy - aby * acx;
      for (const v of [a, b, c]) {
        welded[v * 3] += nx;
        welded[v * 3 + 1] += ny;
        welded[v * 3 + 2] += nz;
      }
      for (let k = 0; k < 3; k++) {
        triangles.push(mesh.faceVerts[o + corners[t + k]]);
        cornerUv.push(mesh.faceUvs[o + corners[t + k]]);
      }
    }
  }
  const uvCount = mesh.uvs.length / 2;
  const remap = new Map<number, number>();
  const sourceVertex: number[] = [];
  const sourceUv: number[] = [];
  const indices = new Uint32Array(triangles.length);
  for (let i = 0; i < triangles.length; i++) {
    const key = triangles[i] * (uvCount + 1) + (cornerUv[i] + 1);
    let index = remap.get(key);
    if (index === undefined) {
      index = sourceVertex.length;
      remap.set(key, index);
      sourceVertex.push(triangles[i]);
      sourceUv.push(cornerUv[i]);
    }
    indices[i] = index;
  }
  const n = sourceVertex.length;
  const k = influences.influences;
  const out: PartGeometry = {
    positions: new Float32Array(n * 3),
    normals: new Float32Array(n * 3),
    uvs: new Float32Array(n * 2),
    joints: new Uint16Array(n * 4),
    weights: new Float32Array(n * 4),
    indices,
  };
  for (let i = 0; i < n; i++) {
    const v = sourceVertex[i];
    for (let a = 0; a < 3; a++) out.positions[i * 3 + a] = positions[v * 3 + a] * METRES_PER_MH_UNIT + offset[a];
    const nx = welded[v * 3];
    const ny = welded[v * 3 + 1];
    const nz = welded[v * 3 + 2];
    const length = Math.hypot(nx, ny, nz);
    if (length > 0) {
      out.normals[i * 3] = nx / length;
      out.normals[i * 3 + 1] = ny / length;
      out.normals[i * 3 + 2] = nz / length;
    } else {
      out.normals[i * 3 + 1] = 1;
    }
    const t = sourceUv[i];
    if (t >= 0) {
      out.uvs[i * 2] = mesh.uvs[t * 2];
      out.uvs[i * 2 + 1] = 1 - mesh.uvs[t * 2 + 1];
    }
    for (let j = 0; j < 4; j++) {
      if (j < k) {
        out.joints[i * 4 + j] = influences.joints[v * k + j];
        out.weights[i * 4 + j] = influences.weights[v * k + j];
      }
    }
  }
  return out;
}

function mimeOf(file: string): string {
  return /\.jpe?g$/i.test(file) ? 'image/jpeg' : 'image/png';
}

/** Builds the glTF document for a character (exposed for tests and the preview). */
export async function buildCharacterDocument(character: AssembledCharacter, options: GlbOptions): Promise<Document> {
  const doc = new Document();
  doc.getRoot().getAsset().generator = `${packageInfo().name} ${packageInfo().version}`;
  const buffer = doc.createBuffer();
  const groundMh = lowestPoint(character.parts);
  const offset: [number, number, number] = [0, -groundMh * METRES_PER_MH_UNIT, 0];

  // Skeleton nodes.
  const rest = character.skeleton.bones.map((bone) => {
    const m = Float64Array.from(bone.rest);
    m[12] = m[12] * METRES_PER_MH_UNIT + offset[0];
    m[13] = m[13] * METRES_PER_MH_UNIT + offset[1];
    m[14] = m[14] * METRES_PER_MH_UNIT + offset[2];
    return m;
  });
  const nodes: Node[] = character.skeleton.bones.map((bone, i) => {
    const local = bone.parent < 0 ? rest[i] : mat4Multiply(new Float64Array(16), mat4InvertRigid(new Float64Array(16), rest[bone.parent]), rest[i]);
    return doc
      .createNode(bone.name)
      .setTranslation([local[12], local[13], local[14]])
      .setRotation(mat4ToQuaternion(local));
  });
  character.skeleton.bones.forEach((bone, i) => {
    if (bone.parent >= 0) nodes[bone.parent].addChild(nodes[i]);
  });
  const inverseBind = new Float32Array(rest.length * 16);
  rest.forEach((m, i) => inverseBind.set(mat4InvertRigid(new Float64Array(16), m), i * 16));
  const skin = doc.createSkin('skin').setSkeleton(nodes[0]);
  for (const node of nodes) skin.addJoint(node);
  skin.setInverseBindMatrices(doc.createAccessor('inverseBindMatrices').setType(Accessor.Type.MAT4).setArray(inverseBind).setBuffer(buffer));

  // Materials, one texture per distinct file.
  const textures = new Map<string, Texture>();
  const materials = new Map<MeshPart, Material>();
  for (const part of character.parts) {
    const m = part.material;
    const material = doc
      .createMaterial(`${part.name}:${m.name}`)
      .setBaseColorFactor([m.baseColor[0], m.baseColor[1], m.baseColor[2], 1])
      .setMetallicFactor(0)
      .setRoughnessFactor(1)
      .setDoubleSided(m.doubleSided)
      .setAlphaMode(m.alphaMode);
    if (m.alphaMode === 'MASK') material.setAlphaCutoff(0.5);
    if (m.texture) {
      let texture = textures.get(m.texture);
      if (!texture) {
        const name = m.texture.replace(/^.*[\\/]/, '');
        texture = doc
          .createTexture(name)
          .setImage(await options.readTexture(m.texture, m.textureIsUnique === true))
          .setMimeType(mimeOf(m.texture));
        textures.set(m.texture, texture);
      }
      material.setBaseColorTexture(texture);
    }
    materials.set(part, material);
  }

  const mesh = doc.createMesh('character');
  for (const part of character.parts) {
    const g = partGeometry(part, offset);
    if (g.indices.length === 0) continue;
    const primitive = doc
      .createPrimitive()
      .setAttribute('POSITION', doc.createAccessor(`${part.name}:position`).setType(Accessor.Type.VEC3).setArray(g.positions).setBuffer(buffer))
      .setAttribute('NORMAL', doc.createAccessor(`${part.name}:normal`).setType(Accessor.Type.VEC3).setArray(g.normals).setBuffer(buffer))
      .setAttribute('TEXCOORD_0', doc.createAccessor(`${part.name}:uv`).setType(Accessor.Type.VEC2).setArray(g.uvs).setBuffer(buffer))
      .setAttribute('JOINTS_0', doc.createAccessor(`${part.name}:joints`).setType(Accessor.Type.VEC4).setArray(g.joints).setBuffer(buffer))
      .setAttribute('WEIGHTS_0', doc.createAccessor(`${part.name}:weights`).setType(Accessor.Type.VEC4).setArray(g.weights).setBuffer(buffer))
      .setIndices(doc.createAccessor(`${part.name}:indices`).setType(Accessor.Type.SCALAR).setArray(g.indices).setBuffer(buffer))
      .setMaterial(materials.get(part) as Material);
    primitive.setExtras({ part: part.name, kind: part.kind });
    mesh.addPrimitive(primitive);
  }
  const meshNode = doc.createNode('character').setMesh(mesh).setSkin(skin);
  const scene = doc.createScene(character.spec.id).addChild(meshNode).addChild(nodes[0]);
  for (let i = 1; i < nodes.length; i++) if (character.skeleton.bones[i].parent < 0) scene.addChild(nodes[i]);
  doc.getRoot().setDefaultScene(scene);
  doc.getRoot().setExtras({
    clonedperson: {
      formatVersion: 1,
      characterId: character.spec.id,
      skeleton: character.spec.skeleton,
      humanoidBones: humanoidBoneMap(character.spec.skeleton, character.skeleton.bones.map((b) => b.name)),
      rootBone: character.skeleton.bones[0].name,
      units: 'm',
      up: '+Y',
      forward: '+Z',
      heightM: Math.round(character.heightCm) / 100,
      generator: `${packageInfo().name} ${packageInfo().version}`,
      ...options.extras,
    },
  });
  return doc;
}

/** The character as `.glb` bytes (see the module doc). */
export async function writeCharacterGlb(character: AssembledCharacter, options: GlbOptions): Promise<Uint8Array> {
  const doc = await buildCharacterDocument(character, options);
  return new NodeIO().writeBinary(doc);
}
