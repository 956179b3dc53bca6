/**
 * Contract: a re-ID dataset folder. Producer: the dataset stage (`clonedperson dataset`, `run`).
 * Consumers: eval, run, users and their training code.
 * ```
 * <out>/dataset.json        DatasetRecord, written last: the dataset's completion record
 * <out>/README.md           the dataset card
 * <out>/train/              layout "clonedperson" (the authors'): {pid}_s{scene:02}_c{camera:02}_f{frame:06}.jpg
 * <out>/test/query/
 * <out>/test/gallery/
 * <out>/bounding_box_train/ layout "market" (Market-1501): {pid:04}_c{camera}s{scene}_{frame:06}_00.jpg
 * <out>/query/
 * <out>/bounding_box_test/
 * <out>/coco.json           optional: the sampled full frames, COCO keypoints style
 * ```
 * `pid` is the selection's identity number, zero-padded to at least 4 digits (it may be 0000:
 * here that is a real identity, not Market-1501's distractor class); `scene` is the 1-based
 * index of the scene variant in the run, `camera` the 1-based index of the camera in its scene
 * and `frame` the render step. A camera is the pair (scene, camera), so two scenes never share
 * a camera in evaluation.
 */
import { defineJsonContract } from './contract.js';
import type { Count, ImageBoxPx } from './selection.js';

export const DATASET_FILES = { record: 'dataset.json', card: 'README.md', coco: 'coco.json' } as const;

export type DatasetLayout = 'clonedperson' | 'market';
export type DatasetSubset = 'train' | 'query' | 'gallery';

/** The folder of each subset, per layout (relative to the dataset folder). */
export const DATASET_FOLDERS: Readonly<Record<DatasetLayout, Readonly<Record<DatasetSubset, string>>>> = {
  clonedperson: { train: 'train', query: 'test/query', gallery: 'test/gallery' },
  market: { train: 'bounding_box_train', query: 'query', gallery: 'bounding_box_test' },
};

/** What an image file name says. */
export interface DatasetImageName {
  pid: number;
  scene: number;
  camera: number;
  frame: number;
}

/** The file name of an image (see the module doc). */
export function datasetImageName(layout: DatasetLayout, name: DatasetImageName): string {
  const pid = String(name.pid).padStart(4, '0');
  if (layout === 'market') return `${pid}_c${name.camera}s${name.scene}_${String(name.frame).padStart(6, '0')}_00.jpg`;
  return `${pid}_s${String(name.scene).padStart(2, '0')}_c${String(name.camera).padStart(2, '0')}_f${String(name.frame).padStart(6, '0')}.jpg`;
}

const NAME_PATTERNS: Readonly<Record<DatasetLayout, RegExp>> = {
  clonedperson: /^(\d{4,})_s(\d{2,})_c(\d{2,})_f(\d{6,})\.jpg$/,
  market: /^(\d{4,})_c(\d+)s(\d+)_(\d{6,})_00\.jpg$/,
};

/** Parses a file name written by {@link datasetImageName}; undefined when it is not one. */
export function parseDatasetImageName(layout: DatasetLayout, file: string): DatasetImageName | undefined {
  const m = NAME_PATTERNS[layout].exec(file);
  if (!m) return undefined;
  const [pid, a, b, frame] = m.slice(1).map(Number);
  return layout === 'market' ? { pid, camera: a, scene: b, frame } : { pid, scene: a, camera: b, frame };
}

/** The crop rule and its thresholds. */
export interface DatasetCropRule {
  /**
   * `default`: the amodal box the player reports, with the authors' margins; `authors`: the
   * authors' box from the keypoint extent (../shared/PAPER.md).
   */
  name: 'default' | 'authors';
  /** Margins as fractions of the box height: each side, top, bottom (0.1, 0.15, 0.05). */
  marginSide: number;
  marginTop: number;
  marginBottom: number;
  /** Boxes narrower than this width / height are widened to it (0.3). */
  minAspect: number;
  /** authors: boxes wider than this width / height are rejected (0.5). */
  maxAspect?: number;
  /** authors: the smallest box, 30 x 40 px. */
  minWidthPx?: number;
  /** Smallest box height in pixels (authors: 40, with margins; default: of the amodal box). */
  minHeightPx: number;
  /** default: the smallest visible fraction kept (0.7). */
  minVisibleFraction?: number;
  /** authors: of two boxes overlapping by more than this share of the smaller one... (0.7) */
  maxOverlap?: number;
  /** ...the one farther by more than this many metres is dropped (0.2). */
  minDepthGapM?: number;
  /** Keep one step every this many seconds (0.5; 0 keeps every step). */
  frameIntervalS: number;
}

/** One scene variant (render folder) of the run. */
export interface DatasetScene {
  /** 1-based, as in file names. */
  index: Count;
  /** The scene variant's name (render.json `scene`). */
  name: string;
  /** The render folder, relative to the dataset folder. */
  render: string;
  /** The render record's input key. */
  renderInputKey: string;
  fps: number;
  steps: Count;
  cameras: { index: Count; name: string; widthPx: Count; heightPx: Count }[];
}

/** One identity of the dataset. */
export interface DatasetIdentity {
  pid: Count;
  /** The character folder name. */
  character: string;
  split: 'train' | 'test';
  /** The source photo the character was cloned from (selection `image`). */
  image: string;
  images: Count;
  /** Distinct (scene, camera) pairs that saw it. */
  cameras: Count;
}

/** Images and identities of one subset. */
export interface DatasetSubsetCount {
  images: Count;
  identities: Count;
}

/** One image of the dataset. */
export interface DatasetImage {
  /** Relative to the dataset folder. */
  file: string;
  subset: DatasetSubset;
  pid: Count;
  scene: Count;
  camera: Count;
  frame: Count;
  character: string;
  /** The frame it was cut from, relative to the dataset folder. */
  source: string;
  /** The crop in frame pixels, [x0, y0, x1, y1) integers. */
  box: ImageBoxPx;
  /** The player's boxes of the person. */
  amodalBox: ImageBoxPx | null;
  visibleBox: ImageBoxPx | null;
  /**
   * @minimum 0
   * @maximum 1
   */
  visibleFraction: number;
  /** The image's size (the crop's, or the resize target). */
  widthPx: Count;
  heightPx: Count;
}

/** `dataset.json`. */
export interface DatasetRecord {
  formatVersion: 1;
  /** `clonedperson <version>`. */
  generator: string;
  layout: DatasetLayout;
  seed: Count;
  cropRule: DatasetCropRule;
  /** Output size when crops are resampled; absent: every crop keeps its size in the frame. */
  resizePx?: [Count, Count];
  /** @asType integer */
  jpegQuality: number;
  /** The whole config of the run that wrote the dataset (`run`), when there was one. */
  runConfig?: Record<string, unknown>;
  counts: { train: DatasetSubsetCount; query: DatasetSubsetCount; gallery: DatasetSubsetCount };
  /** Distinct (scene, camera) pairs with at least one image. */
  cameras: Count;
  scenes: DatasetScene[];
  identities: DatasetIdentity[];
  /** Annotation lines read: each became an image or a rejection. */
  annotations: Count;
  /** Annotation lines that did not become an image, by reason (`not-sampled`: a step between the sampled ones). */
  rejections: Record<string, Count>;
  images: DatasetImage[];
  /** The COCO-style file, when written. */
  coco?: string;
  /** Input key over everything that shaped the dataset (shared/input-key.ts). */
  inputKey: string;
}

/** A camera's key in evaluation: the pair (scene, camera). */
export function datasetCameraKey(scene: number, camera: number): string {
  return `${scene}/${camera}`;
}

export const DATASET_RECORD_CONTRACT = defineJsonContract<DatasetRecord>({
  type: 'DatasetRecord',
  formatVersion: 1,
  errorCode: 'E_DATASET_INVALID',
  check(record, fail) {
    const files = new Set<string>();
    const trainPids = new Set<number>();
    const testPids = new Set<number>();
    // pid -> camera keys of its gallery images
    const galleryCameras = new Map<number, Set<string>>();
    record.images.forEach((image, i) => {
      if (files.has(image.file)) fail(`/images/${i}/file`, `${image.file} is listed twice`);
      files.add(image.file);
      const parsed = parseDatasetImageName(record.layout, image.file.split('/').pop()!);
      if (!parsed || parsed.pid !== image.pid || parsed.scene !== image.scene || parsed.camera !== image.camera || parsed.frame !== image.frame) {
        fail(`/images/${i}/file`, `${image.file} does not name pid ${image.pid}, scene ${image.scene}, camera ${image.camera}, frame ${image.frame} in the ${record.layout} layout`);
      }
      if (!image.file.startsWith(`${DATASET_FOLDERS[record.layout][image.subset]}/`)) fail(`/images/${i}/file`, `a ${image.subset} image must be in ${DATASET_FOLDERS[record.layout][image.subset]}/`);
      (image.subset === 'train' ? trainPids : testPids).add(image.pid);
      if (image.subset === 'gallery') {
        const set = galleryCameras.get(image.pid) ?? new Set<string>();
        set.add(datasetCameraKey(image.scene, image.camera));
        galleryCameras.set(image.pid, set);
      }
    });
    for (const pid of trainPids) if (testPids.has(pid)) fail('/images', `identity ${pid} is in both train and test`);
    const dropped = Object.values(record.rejections).reduce((sum, n) => sum + n, 0);
    if (record.images.length + dropped !== record.annotations) fail('/annotations', `${record.annotations} annotations, but ${record.images.length} images and ${dropped} rejections`);
    record.images.forEach((image, i) => {
      if (image.subset !== 'query') return;
      const own = datasetCameraKey(image.scene, image.camera);
      const cameras = galleryCameras.get(image.pid);
      if (!cameras || ![...cameras].some((camera) => camera !== own)) fail(`/images/${i}`, `query ${image.file} has no gallery image of identity ${image.pid} from another camera`);
    });
  },
});
