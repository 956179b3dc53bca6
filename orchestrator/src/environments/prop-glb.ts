/**
 * Writes a procedural prop's mesh groups as a glTF 2.0 binary with glTF-Transform: one mesh node
 * in the default scene, one primitive per material (metallic-roughness, base colour factor and an
 * embedded PNG texture, matte), top-level `extras.clonedperson` naming the generator.
 * Deterministic: the same groups give the same bytes (textures use the deterministic PNG encoder).
 */
import { Document, NodeIO } from '@gltf-transform/core';
import { encodePngDeterministic } from './png-encoder.js';
import type { MeshBuilder } from './mesh-builder.js';

export interface PropGlbInfo {
  /** The generator kind (`building`, `bench`, ...). */
  kind: string;
  seed: number;
  /** The generator's parameters as given (for provenance). */
  parameters: Record<string, unknown>;
}

/** The glb bytes of `mesh`. */
export async function writePropGlb(mesh: MeshBuilder, info: PropGlbInfo): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const gltfMesh = doc.createMesh(info.kind);
  for (const group of mesh.groups.values()) {
    if (group.indices.length === 0) continue;
    const m = group.material;
    const material = doc.createMaterial(m.name).setBaseColorFactor(m.color).setMetallicFactor(0).setRoughnessFactor(0.9).setDoubleSided(m.doubleSided ?? false);
    if (m.texture) {
      const texture = doc.createTexture(m.name).setImage(encodePngDeterministic(m.texture)).setMimeType('image/png');
      material.setBaseColorTexture(texture);
    }
    if (m.alphaCutoff !== undefined) material.setAlphaMode('MASK').setAlphaCutoff(m.alphaCutoff);
    const vertexCount = group.positions.length / 3;
    const indices = vertexCount > 65535 ? new Uint32Array(group.indices) : new Uint16Array(group.indices);
    const primitive = doc
      .createPrimitive()
      .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(group.positions)).setBuffer(buffer))
      .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(group.normals)).setBuffer(buffer))
      .setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(new Float32Array(group.uvs)).setBuffer(buffer))
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer))
      .setMaterial(material);
    gltfMesh.addPrimitive(primitive);
  }
  const node = doc.createNode(info.kind).setMesh(gltfMesh);
  doc.createScene(info.kind).addChild(node);
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]);
  doc.getRoot().setExtras({ clonedperson: { kind: 'prop', model: info.kind, seed: info.seed, parameters: info.parameters } });
  doc.getRoot().getAsset().generator = 'clonedperson environments';
  return new NodeIO().writeBinary(doc);
}
