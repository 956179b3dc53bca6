/**
 * Orthographic front and side previews of a character `.glb`, drawn with the embedded software
 * renderer (render/preview.ts) from the file's own content (positions, UVs, embedded textures),
 * so a preview also checks what the players will load. The character is shown in its rest pose.
 */
import { NodeIO } from '@gltf-transform/core';
import type { Accessor } from '@gltf-transform/core';
import { decodeImage } from '../imaging/image-io.js';
import type { RawImage } from '../imaging/raw-image.js';
import { renderOrthographicPreview } from '../render/preview.js';
import type { PreviewItem, PreviewView } from '../render/preview.js';
import type { MipTexture } from '../render/texture.js';
import { createMipTexture } from '../render/texture.js';

export interface CharacterPreviewOptions {
  widthPx?: number;
  heightPx?: number;
  views?: PreviewView[];
}

export const CHARACTER_PREVIEW_DEFAULTS = { widthPx: 256, heightPx: 512, views: ['front', 'side'] as PreviewView[] };

/** An accessor's typed array (typed loosely: glTF-Transform's TypedArray union). */
function arrayOf(accessor: Accessor | null): ArrayLike<number> | undefined {
  const array: unknown = accessor?.getArray();
  return array === null || array === undefined ? undefined : (array as ArrayLike<number>);
}

/** Renders the requested views of a `.glb` (bytes); returns one RGB image per view. */
export async function renderCharacterPreviews(glb: Uint8Array, options: CharacterPreviewOptions = {}): Promise<Map<PreviewView, RawImage>> {
  const o = { ...CHARACTER_PREVIEW_DEFAULTS, ...options };
  const doc = await new NodeIO().readBinary(glb);
  const textures = new Map<unknown, MipTexture>();
  const items: PreviewItem[] = [];
  for (const mesh of doc.getRoot().listMeshes()) {
    for (const primitive of mesh.listPrimitives()) {
      const position = arrayOf(primitive.getAttribute('POSITION')) as Float32Array | undefined;
      const indices = arrayOf(primitive.getIndices()) as Uint32Array | undefined;
      if (!position || !indices) continue;
      const material = primitive.getMaterial();
      let texture: MipTexture | null = null;
      const source = material?.getBaseColorTexture();
      const image = source?.getImage();
      if (source && image) {
        texture = textures.get(source) ?? createMipTexture(await decodeImage(image, source.getName()));
        textures.set(source, texture);
      }
      const factor = material?.getBaseColorFactor() ?? [1, 1, 1, 1];
      items.push({
        mesh: {
          positions: position,
          normals: (arrayOf(primitive.getAttribute('NORMAL')) as Float32Array | undefined) ?? null,
          uvs: (arrayOf(primitive.getAttribute('TEXCOORD_0')) as Float32Array | undefined) ?? null,
          indices,
        },
        material: {
          baseColor: [factor[0], factor[1], factor[2], factor[3]],
          texture,
          alphaCutoff: material?.getAlphaMode() === 'MASK' ? material.getAlphaCutoff() : 0,
          doubleSided: material?.getDoubleSided() ?? false,
        },
      });
    }
  }
  const result = new Map<PreviewView, RawImage>();
  for (const view of o.views) result.set(view, renderOrthographicPreview(items, { view, widthPx: o.widthPx, heightPx: o.heightPx }));
  return result;
}
