/** The prop file edge: a .glb's bytes (glTF-Transform, textures decoded with sharp) into a placed {@link RenderProp}. */
import { NodeIO } from '@gltf-transform/core';
import { decodeImage } from '../imaging/image-io.js';
import { ClonedPersonError } from '../shared/errors.js';
import { propFromDocument } from './prop-model.js';
import type { PropPlacement, RenderProp } from './prop-model.js';

/** Parses a prop .glb and places it; `geometryOnly` skips the textures (footprints). */
export async function parsePropGlb(bytes: Uint8Array, name: string, placement: PropPlacement, geometryOnly = false): Promise<RenderProp> {
  let document;
  try {
    document = await new NodeIO().readBinary(bytes);
  } catch (cause) {
    throw new ClonedPersonError('E_SCENE_INVALID', `prop ${name}: not a readable glb: ${(cause as Error).message}`, { cause, details: { prop: name } });
  }
  return propFromDocument(document, name, placement, geometryOnly ? null : decodeImage);
}
