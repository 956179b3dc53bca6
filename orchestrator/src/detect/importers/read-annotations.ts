/**
 * Reading `--annotations`: the format is told by the path and content:
 * - a folder: DeepFashion2 per-image files (`<stem>.json` annotates the image with that stem);
 * - a `.csv` file: the authors' garment CSV;
 * - a JSON file with `images` and `annotations`: COCO person keypoints;
 * - a JSON file with `item1`...: one DeepFashion2 image (the image with the file's stem);
 * - a JSON object of such objects: DeepFashion2 annotations keyed by image path.
 * Anything else is E_ANNOTATIONS_INVALID.
 */
import path from 'node:path';
import { ClonedPersonError } from '../../shared/errors.js';
import type { FileStore } from '../../shared/file-store.js';
import { nodeFileStore } from '../../shared/node-file-store.js';
import { parseAuthorsCsv } from './authors-csv.js';
import { isCocoKeypoints, parseCocoKeypoints } from './coco-keypoints-json.js';
import { isDeepFashion2Image, parseDeepFashion2Image } from './deepfashion2-json.js';
import type { AnnotationProblem, Annotations, ImageAnnotation } from './image-annotations.js';

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ClonedPersonError('E_ANNOTATIONS_INVALID', `${where}: not valid JSON (${(cause as Error).message})`, { cause, details: { file: where } });
  }
}

/** Parses annotation text read from `file` (see the module doc for the formats). */
export function parseAnnotationFile(text: string, file: string): Annotations {
  if (file.toLowerCase().endsWith('.csv')) return parseAuthorsCsv(text, file);
  const value = parseJson(text, file);
  if (isCocoKeypoints(value)) return parseCocoKeypoints(value, file);
  if (isDeepFashion2Image(value)) {
    const { annotation, problems } = parseDeepFashion2Image(value, path.basename(file, path.extname(file)), file);
    return { format: 'deepfashion2', source: file, images: [annotation], problems };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => isDeepFashion2Image(v))) {
      const images: ImageAnnotation[] = [];
      const problems: AnnotationProblem[] = [];
      for (const [image, v] of entries) {
        const parsed = parseDeepFashion2Image(v, image, `${file}#${image}`);
        images.push(parsed.annotation);
        problems.push(...parsed.problems);
      }
      return { format: 'deepfashion2', source: file, images, problems };
    }
  }
  throw new ClonedPersonError(
    'E_ANNOTATIONS_INVALID',
    `${file}: not a known annotation format (COCO person keypoints, DeepFashion2 JSON, or the authors' CSV)`,
    { details: { file } },
  );
}

/** Reads `--annotations` (a file, or a folder of DeepFashion2 per-image JSON files). */
export async function readAnnotations(input: string, files: FileStore = nodeFileStore): Promise<Annotations> {
  if (!(await files.isDirectory(input))) return parseAnnotationFile(await files.readText(input), input);
  const images: ImageAnnotation[] = [];
  const problems: AnnotationProblem[] = [];
  for (const entry of await files.list(input)) {
    if (entry.kind !== 'file' || !entry.name.toLowerCase().endsWith('.json')) continue;
    const file = path.join(input, entry.name);
    try {
      const value = parseJson(await files.readText(file), file);
      const parsed = parseDeepFashion2Image(value, path.basename(entry.name, path.extname(entry.name)), file);
      images.push(parsed.annotation);
      problems.push(...parsed.problems);
    } catch (error) {
      const e = error as ClonedPersonError;
      problems.push({ where: file, code: e.code, message: e.message });
    }
  }
  if (images.length === 0 && problems.length === 0) {
    throw new ClonedPersonError('E_ANNOTATIONS_INVALID', `${input}: the folder holds no DeepFashion2 .json annotations`, { details: { file: input } });
  }
  return { format: 'deepfashion2', source: input, images, problems };
}
