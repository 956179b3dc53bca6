/**
 * The dataset stage's input edge: render folders (render.json + annotations.jsonl), the
 * characters list and the selection, read through the FileStore and the contracts, with the
 * content hashes the input key needs.
 */
import path from 'node:path';
import { CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE } from '../contracts/character.js';
import { ANNOTATION_LINE_CONTRACT, RENDER_FILES, RENDER_RECORD_CONTRACT } from '../contracts/render-record.js';
import type { AnnotationLine, RenderRecord } from '../contracts/render-record.js';
import { SELECTION_CONTRACT } from '../contracts/selection.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { contentHash } from '../shared/input-key.js';
import type { PlanIdentity } from './dataset-plan.js';

export interface RenderInput {
  /** Absolute render folder. */
  dir: string;
  record: RenderRecord;
  lines: AnnotationLine[];
  /** Content hashes of render.json and annotations.jsonl. */
  hashes: [string, string];
}

/**
 * The render folders of `renders`, in order: a folder with a render.json is one scene variant; a
 * folder without one (a sweep) contributes its subfolders that have one, sorted by name.
 */
export async function readRenderInputs(renders: readonly string[], files: FileStore): Promise<RenderInput[]> {
  const dirs: string[] = [];
  for (const dir of renders) {
    if (await files.exists(path.join(dir, RENDER_FILES.record))) {
      dirs.push(dir);
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of await files.list(dir)) {
      if (entry.kind === 'dir' && (await files.exists(path.join(dir, entry.name, RENDER_FILES.record)))) subfolders.push(path.join(dir, entry.name));
    }
    if (subfolders.length === 0) throw new ClonedPersonError('E_INPUT_MISSING', `no such file or folder: ${path.join(dir, RENDER_FILES.record)} (no render.json there or in its subfolders)`, { details: { file: dir } });
    dirs.push(...subfolders);
  }
  const inputs: RenderInput[] = [];
  for (const dir of dirs) {
    const recordFile = path.join(dir, RENDER_FILES.record);
    const annotationsFile = path.join(dir, RENDER_FILES.annotations);
    const recordBytes = await files.read(recordFile);
    const annotationBytes = await files.read(annotationsFile);
    const record = RENDER_RECORD_CONTRACT.parse(recordBytes, recordFile);
    const lines: AnnotationLine[] = [];
    for (const parsed of ANNOTATION_LINE_CONTRACT.parseLines(annotationBytes, annotationsFile)) {
      if (parsed.error) throw parsed.error;
      lines.push(parsed.value);
    }
    inputs.push({ dir, record, lines, hashes: [contentHash(recordBytes), contentHash(annotationBytes)] });
  }
  return inputs;
}

export interface IdentityInput {
  /** Character folder name -> what it shows. */
  identities: Map<string, PlanIdentity>;
  charactersFile: string;
  selectionFile: string;
  /** Content hashes of characters.json and selection.json. */
  hashes: [string, string];
}

/**
 * Which identity each character shows: characters.json (a folder holding it, or the file) maps
 * character folders to selection identities; the selection (default: the one characters.json
 * names) gives each identity's number (the pid) and split.
 */
export async function readIdentityInput(characters: string, selection: string | undefined, files: FileStore): Promise<IdentityInput> {
  const charactersFile = (await files.isDirectory(characters)) ? path.join(characters, CHARACTERS_LIST_FILE) : characters;
  const charactersBytes = await files.read(charactersFile);
  const list = CHARACTERS_LIST_CONTRACT.parse(charactersBytes, charactersFile);
  const selectionFile = selection ?? path.resolve(path.dirname(charactersFile), list.selection);
  const selectionBytes = await files.read(selectionFile);
  const parsed = SELECTION_CONTRACT.parse(selectionBytes, selectionFile);
  const byId = new Map(parsed.identities.map((identity) => [identity.id, identity]));
  const identities = new Map<string, PlanIdentity>();
  const seen = new Set<number>();
  for (const entry of list.characters) {
    const identity = byId.get(entry.identity);
    if (!identity) {
      throw new ClonedPersonError('E_SELECTION_INVALID', `${charactersFile}: character ${entry.id} shows identity ${entry.identity}, which ${selectionFile} does not have`, { details: { file: selectionFile } });
    }
    if (seen.has(identity.id)) throw new ClonedPersonError('E_CHARACTER_INVALID', `${charactersFile}: identity ${identity.id} has two characters`, { details: { file: charactersFile } });
    seen.add(identity.id);
    identities.set(entry.id, { pid: identity.id, split: identity.split, image: identity.image });
  }
  return { identities, charactersFile, selectionFile, hashes: [contentHash(charactersBytes), contentHash(selectionBytes)] };
}
