/**
 * The clustering input: a folder of images (recursive, sorted by path) or a JSONL list. A JSONL
 * of detection lines (the detect stage's `detections.jsonl`, read through its contract,
 * contracts/detections.ts) gives each photo's qualified person with its box (one per photo, as
 * the clone stage takes it); any other JSONL is a plain image list, one object per line with
 * `image` and an optional person `box` [x1, y1, x2, y2] in pixels (other fields ignored). Image
 * paths are relative to the images root (default the JSONL's folder) or absolute, and are kept
 * as given, since selection.json reports them that way.
 */
import path from 'node:path';
import { DETECTION_LINE_CONTRACT, isDetectionLineShape, qualifiedPeople } from '../contracts/detections.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { nodeFileStore } from '../shared/node-file-store.js';

/** Extensions read from folders (what sharp decodes). */
const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif'];

export interface ImageItem {
  /** The path as given: relative to the folder (with "/"), or as written in the JSONL. */
  image: string;
  /** Absolute path to read. */
  file: string;
  /** Person box [x1, y1, x2, y2] in pixels, if given. */
  box?: [number, number, number, number];
}

export interface ImageList {
  /** The folder, or the JSONL's folder. */
  root: string;
  source: 'folder' | 'jsonl';
  items: ImageItem[];
}

function fail(message: string, details: Record<string, unknown> = {}): never {
  throw new ClonedPersonError('E_IMAGE_LIST_INVALID', message, { details });
}

async function walk(files: FileStore, dir: string, prefix: string, out: string[]): Promise<void> {
  for (const entry of await files.list(dir)) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.kind === 'dir') await walk(files, path.join(dir, entry.name), relative, out);
    else if (IMAGE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) out.push(relative);
  }
}

function firstRecord(text: string): unknown {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '');
  try {
    return first === undefined ? undefined : JSON.parse(first);
  } catch {
    return undefined;
  }
}

/**
 * The qualified people of detect's `detections.jsonl` (one per photo, with boxes); the first
 * malformed line is E_DETECTIONS_INVALID naming it.
 */
export function parseDetectionLines(text: string, root: string, label = 'detections.jsonl'): ImageItem[] {
  const lines = DETECTION_LINE_CONTRACT.parseLines(text, label).map((parsed) => {
    if (parsed.error) throw parsed.error;
    return parsed.value;
  });
  return qualifiedPeople(lines).map((line) => ({ image: line.image, file: path.resolve(root, line.image), box: [...line.box] }));
}

/** Parses JSONL image-list text (detection lines or plain `{image, box?}` lines); `root` resolves relative image paths. */
export function parseDetectionsJsonl(text: string, root: string, label = 'detections.jsonl'): ImageItem[] {
  if (isDetectionLineShape(firstRecord(text))) return parseDetectionLines(text, root, label);
  const items: ImageItem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${label}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      fail(`${where}: not valid JSON (${(cause as Error).message})`, { file: label, line: index + 1 });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: expected a JSON object`, { file: label, line: index + 1 });
    const record = value as Record<string, unknown>;
    if (typeof record.image !== 'string' || record.image.length === 0) fail(`${where}: "image" must be a non-empty path`, { file: label, line: index + 1 });
    const image = record.image;
    const item: ImageItem = { image, file: path.resolve(root, image) };
    if (record.box !== undefined) {
      const box = record.box;
      if (!Array.isArray(box) || box.length !== 4 || box.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        fail(`${where}: "box" must be [x1, y1, x2, y2] (four numbers)`, { file: label, line: index + 1 });
      }
      const [x1, y1, x2, y2] = box as number[];
      if (!(x2 > x1 && y2 > y1)) fail(`${where}: "box" needs x2 > x1 and y2 > y1, got [${box.join(', ')}]`, { file: label, line: index + 1 });
      item.box = [x1, y1, x2, y2];
    }
    items.push(item);
  });
  return items;
}

export interface ImageListOptions {
  /**
   * The images root a JSONL's relative image paths are relative to (detections.jsonl names
   * images relative to the photos folder, wherever the file itself lies); default the JSONL's
   * folder. Ignored for a folder input, which is its own root.
   */
  root?: string;
}

/** Reads the image list from a folder or a JSONL file. Throws E_IMAGE_LIST_INVALID when empty. */
export async function readImageList(input: string, files: FileStore = nodeFileStore, options: ImageListOptions = {}): Promise<ImageList> {
  const resolved = path.resolve(input);
  if (!(await files.exists(resolved))) throw new ClonedPersonError('E_INPUT_MISSING', `no such folder or file: ${input}`, { details: { file: input } });
  let list: ImageList;
  if (await files.isDirectory(resolved)) {
    const relative: string[] = [];
    await walk(files, resolved, '', relative);
    relative.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    list = { root: resolved, source: 'folder', items: relative.map((image) => ({ image, file: path.join(resolved, ...image.split('/')) })) };
  } else {
    const text = await files.readText(resolved);
    const root = options.root === undefined ? path.dirname(resolved) : path.resolve(options.root);
    list = { root, source: 'jsonl', items: parseDetectionsJsonl(text, root, input) };
  }
  if (list.items.length === 0) fail(`no images in ${input} (looked for ${IMAGE_EXTENSIONS.join(' ')})`, { input });
  return list;
}
