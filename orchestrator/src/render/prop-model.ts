/**
 * Props as the renderer sees them: the static meshes of a glTF model (every mesh node of its
 * default scene, at its node transform; skins and animations ignored) placed in the world by the
 * prop's position, rotation and scale, as world-space triangle primitives with materials. Built
 * from a glTF-Transform `Document`; prop-loader.ts is the file edge.
 */
import type { Document, Node } from '@gltf-transform/core';
import { mat4FromTrs, mat4Invert, mat4Multiply } from '../geometry/mat4.js';
import type { Vec3 } from '../geometry/mat4.js';
import { ClonedPersonError } from '../shared/errors.js';
import { convertMaterial, readAttribute } from './gltf-mesh-data.js';
import type { ImageDecoder } from './gltf-mesh-data.js';
import type { Material } from './rasterizer.js';

export interface PropPrimitive {
  /** World positions and unit normals (xyz), UVs (uv), triangles. */
  positions: Float32Array;
  normals: Float32Array | null;
  uvs: Float32Array | null;
  indices: Uint32Array;
  material: Material;
}

export interface RenderProp {
  name: string;
  primitives: PropPrimitive[];
  /** World bounding box. */
  boundsMin: Vec3;
  boundsMax: Vec3;
}

export interface PropPlacement {
  positionM: Vec3;
  /** Unit quaternion [x, y, z, w]. */
  rotation: [number, number, number, number];
  scale: Vec3;
}

function invalid(name: string, message: string): ClonedPersonError {
  return new ClonedPersonError('E_SCENE_INVALID', `prop ${name}: ${message}`, { details: { prop: name } });
}

/** Mesh nodes of the document's default scene (or of every scene when none is default), depth first. */
function meshNodes(document: Document): Node[] {
  const root = document.getRoot();
  const scenes = root.getDefaultScene() ? [root.getDefaultScene()!] : root.listScenes();
  const out: Node[] = [];
  const visit = (node: Node): void => {
    if (node.getMesh()) out.push(node);
    node.listChildren().forEach(visit);
  };
  if (scenes.length === 0) return root.listNodes().filter((n) => n.getMesh());
  for (const scene of scenes) scene.listChildren().forEach(visit);
  return out;
}

/**
 * Builds a {@link RenderProp}: world-space triangles of the model's meshes. With `decode` null
 * the textures are not decoded (geometry only, e.g. for footprints). Throws E_SCENE_INVALID
 * without triangles.
 */
export async function propFromDocument(document: Document, name: string, placement: PropPlacement, decode: ImageDecoder | null): Promise<RenderProp> {
  const world = mat4FromTrs(new Float64Array(16), placement.positionM, placement.rotation, placement.scale);
  const materials = new Map<unknown, Material>();
  const primitives: PropPrimitive[] = [];
  const boundsMin: Vec3 = [Infinity, Infinity, Infinity];
  const boundsMax: Vec3 = [-Infinity, -Infinity, -Infinity];
  const m = new Float64Array(16);
  const inverse = new Float64Array(16);
  for (const node of meshNodes(document)) {
    mat4Multiply(m, world, Float64Array.from(node.getWorldMatrix()));
    // Normals go through the inverse transpose (non-uniform scale).
    mat4Invert(inverse, m);
    for (const primitive of node.getMesh()!.listPrimitives()) {
      if (primitive.getMode() !== 4) continue;
      const position = primitive.getAttribute('POSITION');
      if (!position) continue;
      const count = position.getCount();
      const positions = readAttribute(primitive, 'POSITION', 3, count, Float32Array)!;
      const normals = readAttribute(primitive, 'NORMAL', 3, count, Float32Array);
      for (let i = 0; i < count; i++) {
        const x = positions[i * 3], y = positions[i * 3 + 1], z = positions[i * 3 + 2];
        const wx = m[0] * x + m[4] * y + m[8] * z + m[12];
        const wy = m[1] * x + m[5] * y + m[9] * z + m[13];
        const wz = m[2] * x + m[6] * y + m[10] * z + m[14];
        positions[i * 3] = wx;
        positions[i * 3 + 1] = wy;
        positions[i * 3 + 2] = wz;
        boundsMin[0] = Math.min(boundsMin[0], wx);
        boundsMin[1] = Math.min(boundsMin[1], wy);
        boundsMin[2] = Math.min(boundsMin[2], wz);
        boundsMax[0] = Math.max(boundsMax[0], wx);
        boundsMax[1] = Math.max(boundsMax[1], wy);
        boundsMax[2] = Math.max(boundsMax[2], wz);
        if (normals) {
          const nx = normals[i * 3], ny = normals[i * 3 + 1], nz = normals[i * 3 + 2];
          const tx = inverse[0] * nx + inverse[1] * ny + inverse[2] * nz;
          const ty = inverse[4] * nx + inverse[5] * ny + inverse[6] * nz;
          const tz = inverse[8] * nx + inverse[9] * ny + inverse[10] * nz;
          const l = Math.hypot(tx, ty, tz) || 1;
          normals[i * 3] = tx / l;
          normals[i * 3 + 1] = ty / l;
          normals[i * 3 + 2] = tz / l;
        }
      }
      const material = decode ? await convertMaterial(primitive.getMaterial(), decode, materials, `prop ${name}`, 'E_SCENE_INVALID') : { baseColor: [1, 1, 1, 1] as const };
      const texCoord = primitive.getMaterial()?.getBaseColorTextureInfo()?.getTexCoord() ?? 0;
      const indexAccessor = primitive.getIndices();
      const indices = indexAccessor ? Uint32Array.from({ length: indexAccessor.getCount() }, (_, i) => indexAccessor.getScalar(i)) : Uint32Array.from({ length: count }, (_, i) => i);
      // A mirroring transform (negative determinant) flips the winding: swap to keep front faces.
      if (determinant3(m) < 0) for (let t = 0; t + 2 < indices.length; t += 3) [indices[t + 1], indices[t + 2]] = [indices[t + 2], indices[t + 1]];
      primitives.push({ positions, normals, uvs: readAttribute(primitive, `TEXCOORD_${texCoord}`, 2, count, Float32Array), indices, material });
    }
  }
  if (primitives.length === 0) throw invalid(name, 'the model has no triangle meshes');
  return { name, primitives, boundsMin, boundsMax };
}

function determinant3(m: Float64Array): number {
  return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
}
