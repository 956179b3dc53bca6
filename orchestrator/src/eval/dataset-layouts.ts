/**
 * The evaluation side of a dataset folder: which layout it is, and its query and gallery images
 * with identity and camera. Detected from the folders (only the test parts are needed):
 *
 * | layout | what identifies it | query / gallery |
 * | --- | --- | --- |
 * | ours | `dataset.json` (either of our layouts), or `test/query/` + `test/gallery/` | as dataset.json says |
 * | MSMT17 (V1, V2) | `list_query.txt` + `list_gallery.txt` (`<path> <pid>` per line) | under `test/` or `mask_test_v2/` |
 * | CUHK03-NP | `detected/` and/or `labeled/`, each Market-style | the chosen boxes (default detected) |
 * | Market-1501, DukeMTMC-reID | `query/` + `bounding_box_test/` | told apart by their file names |
 *
 * Market-1501's junk images (pid -1) are dropped from both sides; its distractors (pid 0) stay in
 * the gallery. Image files whose names do not parse are reported, not guessed.
 */
import path from 'node:path';
import { DATASET_FILES, DATASET_FOLDERS, DATASET_RECORD_CONTRACT } from '../contracts/dataset-record.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { FileStore } from '../shared/file-store.js';
import { detectNaming, isImageFile, parseImageName } from './image-names.js';
import type { ImageNaming } from './image-names.js';

export type DatasetKind = 'clonedperson' | 'market1501' | 'dukemtmc' | 'cuhk03-np' | 'msmt17';

/** One image of the query or gallery side. */
export interface EvalImage {
  /** Absolute path. */
  file: string;
  /** Path relative to the dataset folder (as reports show it). */
  name: string;
  pid: number;
  /** Camera key (see image-names.ts). */
  camera: string;
}

export interface EvalSplit {
  kind: DatasetKind;
  naming: ImageNaming;
  root: string;
  query: EvalImage[];
  gallery: EvalImage[];
  /** Image files (relative paths) whose names did not parse. */
  unparsed: string[];
  /** Junk images dropped (Market-1501's pid -1). */
  junk: number;
}

export interface LoadSplitOptions {
  /** CUHK03-NP: which boxes (default `detected` when present). */
  cuhk03Boxes?: 'detected' | 'labeled';
}

interface Side {
  /** Relative folder of the images. */
  folder: string;
  /** For list-file layouts: relative image paths with the listed pid. */
  list?: { path: string; pid: number }[];
}

async function isDir(files: FileStore, ...parts: string[]): Promise<boolean> {
  return files.isDirectory(path.join(...parts));
}

async function imageNames(files: FileStore, dir: string): Promise<string[]> {
  return (await files.list(dir)).filter((entry) => entry.kind === 'file' && isImageFile(entry.name)).map((entry) => entry.name);
}

async function readList(files: FileStore, file: string): Promise<{ path: string; pid: number }[]> {
  const out: { path: string; pid: number }[] = [];
  (await files.readText(file)).split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const [image, pid] = trimmed.split(/\s+/);
    if (pid === undefined || !/^-?\d+$/.test(pid)) throw new ClonedPersonError('E_DATASET_INVALID', `${file}:${i + 1}: expected "<image path> <pid>", got ${JSON.stringify(trimmed)}`, { details: { file, line: i + 1 } });
    out.push({ path: image, pid: Number(pid) });
  });
  return out;
}

function layoutError(dir: string): ClonedPersonError {
  return new ClonedPersonError(
    'E_DATASET_INVALID',
    `${dir} is in no supported dataset layout: expected dataset.json or test/query + test/gallery (ours), list_query.txt + list_gallery.txt (MSMT17), detected/ or labeled/ (CUHK03-NP), or query/ + bounding_box_test/ (Market-1501, DukeMTMC-reID)`,
    { details: { dir } },
  );
}

/** Finds the layout of `dir` and lists its query and gallery images. */
export async function loadEvalSplit(dir: string, files: FileStore, options: LoadSplitOptions = {}): Promise<EvalSplit> {
  if (!(await files.isDirectory(dir))) throw new ClonedPersonError('E_INPUT_MISSING', `no such file or folder: ${dir}`, { details: { file: dir } });
  let kind: DatasetKind;
  let namings: ImageNaming[];
  let root = dir;
  let query: Side;
  let gallery: Side;
  const recordFile = path.join(dir, DATASET_FILES.record);
  if (await files.exists(recordFile)) {
    const record = DATASET_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
    kind = 'clonedperson';
    namings = [record.layout === 'market' ? 'clonedperson-market' : 'clonedperson'];
    query = { folder: DATASET_FOLDERS[record.layout].query };
    gallery = { folder: DATASET_FOLDERS[record.layout].gallery };
  } else if ((await isDir(files, dir, 'test', 'query')) && (await isDir(files, dir, 'test', 'gallery'))) {
    kind = 'clonedperson';
    namings = ['clonedperson'];
    query = { folder: DATASET_FOLDERS.clonedperson.query };
    gallery = { folder: DATASET_FOLDERS.clonedperson.gallery };
  } else if ((await files.exists(path.join(dir, 'list_query.txt'))) && (await files.exists(path.join(dir, 'list_gallery.txt')))) {
    kind = 'msmt17';
    namings = ['msmt17'];
    const imagesDir = (await isDir(files, dir, 'test')) ? 'test' : (await isDir(files, dir, 'mask_test_v2')) ? 'mask_test_v2' : '.';
    query = { folder: imagesDir, list: await readList(files, path.join(dir, 'list_query.txt')) };
    gallery = { folder: imagesDir, list: await readList(files, path.join(dir, 'list_gallery.txt')) };
  } else if ((await isDir(files, dir, 'detected')) || (await isDir(files, dir, 'labeled'))) {
    kind = 'cuhk03-np';
    namings = ['cuhk03-np'];
    const boxes = options.cuhk03Boxes ?? ((await isDir(files, dir, 'detected')) ? 'detected' : 'labeled');
    if (!(await isDir(files, dir, boxes))) throw new ClonedPersonError('E_INPUT_MISSING', `no such file or folder: ${path.join(dir, boxes)} (CUHK03-NP ${boxes} boxes)`, { details: { file: path.join(dir, boxes) } });
    root = path.join(dir, boxes);
    query = { folder: 'query' };
    gallery = { folder: 'bounding_box_test' };
  } else if ((await isDir(files, dir, 'query')) && (await isDir(files, dir, 'bounding_box_test'))) {
    const names = await imageNames(files, path.join(dir, 'query'));
    const naming = detectNaming(names.slice(0, 200), ['market1501', 'dukemtmc', 'cuhk03-np']) ?? 'market1501';
    kind = naming === 'market1501' ? 'market1501' : naming === 'dukemtmc' ? 'dukemtmc' : 'cuhk03-np';
    namings = [naming];
    query = { folder: 'query' };
    gallery = { folder: 'bounding_box_test' };
  } else {
    throw layoutError(dir);
  }
  const naming = namings[0];
  const unparsed: string[] = [];
  let junk = 0;
  const load = async (side: Side): Promise<EvalImage[]> => {
    const folder = path.join(root, side.folder);
    const entries = side.list ? side.list.map((e) => ({ relative: e.path, pid: e.pid })) : (await imageNames(files, folder)).map((name) => ({ relative: name, pid: undefined }));
    const images: EvalImage[] = [];
    for (const entry of entries) {
      const file = path.join(folder, entry.relative);
      const name = path.relative(dir, file).split(path.sep).join('/');
      const parsed = parseImageName(naming, path.basename(entry.relative), entry.pid);
      if (!parsed) {
        unparsed.push(name);
        continue;
      }
      if (naming === 'market1501' && parsed.pid === -1) {
        junk++;
        continue;
      }
      images.push({ file, name, pid: parsed.pid, camera: parsed.camera });
    }
    return images;
  };
  return { kind, naming, root, query: await load(query), gallery: await load(gallery), unparsed, junk };
}
