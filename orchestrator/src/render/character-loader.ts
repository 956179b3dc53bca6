/**
 * The character file edge: reads a `.glb` (from a path or bytes) with glTF-Transform, decodes
 * its textures with sharp (image-io.ts) and builds the renderer's {@link CharacterModel}.
 */
import { NodeIO } from '@gltf-transform/core';
import { readGlbJson } from '../contracts/character.js';
import { decodeImage } from '../imaging/image-io.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import { characterModelFromDocument } from './character-model.js';
import type { CharacterModel } from './character-model.js';

/** Parses glb bytes into a character model (`id` names it in errors). */
export async function parseCharacterGlb(bytes: Uint8Array, id: string): Promise<CharacterModel> {
  let document;
  try {
    document = await new NodeIO().readBinary(bytes);
  } catch (cause) {
    throw new ClonedPersonError('E_CHARACTER_INVALID', `character ${id}: not a readable glb: ${(cause as Error).message}`, {
      cause,
      details: { characterId: id },
    });
  }
  return characterModelFromDocument(document, id, decodeImage, readGlbJson(bytes, `character ${id}`));
}

/** Reads and parses a character `.glb` file. */
export async function loadCharacterGlb(file: string, id: string, files: FileStore = nodeFileStore): Promise<CharacterModel> {
  return parseCharacterGlb(await files.read(file), id);
}
