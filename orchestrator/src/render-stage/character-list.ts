/** The characters a render stage loads: a characters folder (contracts/character.ts) or loose `.glb` files. */
import path from 'node:path';
import { CHARACTER_FILES } from '../contracts/character.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';

export interface CharacterFile {
  /** Folder name (`0003`) or file stem. */
  id: string;
  file: string;
}

/** `<dir>/<id>/character.glb` (the characters stage's layout) and `<dir>/*.glb` (id = stem), sorted by id. */
export async function listCharacterFiles(dir: string, files: FileStore): Promise<CharacterFile[]> {
  if (!(await files.isDirectory(dir))) throw new ClonedPersonError('E_INPUT_MISSING', `no characters folder ${dir}`, { details: { dir } });
  const found: CharacterFile[] = [];
  for (const entry of await files.list(dir)) {
    const inFolder = path.join(dir, entry.name, CHARACTER_FILES.glb);
    if (entry.kind === 'dir' && (await files.exists(inFolder))) found.push({ id: entry.name, file: inFolder });
    else if (entry.kind === 'file' && entry.name.toLowerCase().endsWith('.glb')) found.push({ id: entry.name.replace(/\.glb$/i, ''), file: path.join(dir, entry.name) });
  }
  if (found.length === 0) throw new ClonedPersonError('E_NO_CHARACTERS', `no character .glb files in ${dir}`, { details: { dir } });
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
