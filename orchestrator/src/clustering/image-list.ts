/**
 * The clustering input: a folder of images (recursive, sorted by path) or a detections JSONL
 * (one object per line with `image`, relative to the JSONL's folder or absolute, and an
 * optional person `box` [x1, y1, x2, y2] in pixels; other fields are ignored). The detect stage
 * writes that JSONL. Paths are kept as given, since selection.json reports them that way.
 */
import path from 'node:path';
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

/** Parses detections JSONL text; `root` resolves relative image paths. */
export function parseDetectionsJsonl(text: string, root: string, label = 'detections.jsonl'): ImageItem[] {
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

/** Reads the image list from a folder or a JSONL file. Throws E_IMAGE_LIST_INVALID when empty. */
export async function readImageList(input: string, files: FileStore = nodeFileStore): Promise<ImageList> {
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
    const root = path.dirname(resolved);
    list = { root, source: 'jsonl', items: parseDetectionsJsonl(text, root, input) };
  }
  if (list.items.length === 0) fail(`no images in ${input} (looked for ${IMAGE_EXTENSIONS.join(' ')})`, { input });
  return list;
}
