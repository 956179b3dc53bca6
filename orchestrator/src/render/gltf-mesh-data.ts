/**
 * Shared glTF reading for the renderer's models (characters and props): materials with their
 * textures, and vertex attributes as typed arrays.
 */
import type { Material as GltfMaterial, Primitive } from '@gltf-transform/core';
import type { RawImage } from '../imaging/raw-image.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { Material } from './rasterizer.js';
import { createMipTexture } from './texture.js';
import type { WrapMode } from './texture.js';

/** Decodes embedded image bytes (PNG/JPEG) to a RawImage (the sharp edge is injected). */
export type ImageDecoder = (bytes: Uint8Array, label: string) => Promise<RawImage>;

const WRAP: Record<number, WrapMode> = { 10497: 'repeat', 33071: 'clamp', 33648: 'mirror' };

/**
 * The renderer's material of a glTF material: base colour factor, the base colour texture
 * decoded into a shared mip chain, alpha mode (BLEND drawn as MASK) and double-sidedness.
 * `where` names the model in errors (code `errorCode`).
 */
export async function convertMaterial(
  material: GltfMaterial | null,
  decode: ImageDecoder,
  cache: Map<unknown, Material>,
  where: string,
  errorCode: 'E_CHARACTER_INVALID' | 'E_SCENE_INVALID' = 'E_CHARACTER_INVALID',
): Promise<Material> {
  if (!material) return { baseColor: [0.8, 0.8, 0.8, 1] };
  const cached = cache.get(material);
  if (cached) return cached;
  const factor = material.getBaseColorFactor();
  const texture = material.getBaseColorTexture();
  const info = material.getBaseColorTextureInfo();
  let mip = null;
  if (texture) {
    const bytes = texture.getImage();
    if (!bytes) throw new ClonedPersonError(errorCode, `${where}: material ${material.getName()} has a texture without image data`);
    const image = await decode(bytes, `${where}:${texture.getName() || texture.getURI() || 'texture'}`);
    mip = createMipTexture(image, { wrapS: WRAP[info?.getWrapS() ?? 10497] ?? 'repeat', wrapT: WRAP[info?.getWrapT() ?? 10497] ?? 'repeat', shared: true });
  }
  const alphaMode = material.getAlphaMode();
  const result: Material = {
    baseColor: [factor[0], factor[1], factor[2], factor[3]],
    texture: mip,
    // BLEND is drawn as MASK (no sorting in a z-buffer renderer): hair and lashes look right.
    alphaCutoff: alphaMode === 'MASK' ? material.getAlphaCutoff() : alphaMode === 'BLEND' ? 0.5 : 0,
    doubleSided: material.getDoubleSided(),
  };
  if (alphaMode === 'OPAQUE' && mip) mip.hasAlpha = false;
  cache.set(material, result);
  return result;
}

export function readAttribute(primitive: Primitive, name: string, size: number, count: number, Type: Float32ArrayConstructor): Float32Array | null;
export function readAttribute(primitive: Primitive, name: string, size: number, count: number, Type: Uint16ArrayConstructor): Uint16Array | null;
export function readAttribute(
  primitive: Primitive,
  name: string,
  size: number,
  count: number,
  Type: Float32ArrayConstructor | Uint16ArrayConstructor,
): Float32Array | Uint16Array | null {
  const accessor = primitive.getAttribute(name);
  if (!accessor) return null;
  const out = new Type(count * size);
  const element: number[] = [];
  for (let i = 0; i < count; i++) {
    accessor.getElement(i, element);
    for (let k = 0; k < size; k++) out[i * size + k] = element[k] ?? 0;
  }
  return out;
}
