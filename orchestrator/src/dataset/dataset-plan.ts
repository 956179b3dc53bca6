/**
 * The dataset plan: from the render folders' annotations and the identities, every image the
 * dataset will hold (file, subset, source frame, crop box) and every person dropped, by reason.
 * Pure and deterministic: the writer (write-dataset.ts) computes it before touching any frame,
 * which is how the query/gallery split can see all test images and how a resumed write knows
 * exactly which files belong to the dataset.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { DATASET_FOLDERS, datasetCameraKey, datasetImageName } from '../contracts/dataset-record.js';
import type { DatasetCropRule, DatasetIdentity, DatasetImage, DatasetLayout, DatasetSubsetCount } from '../contracts/dataset-record.js';
import type { AnnotationLine, RenderRecord } from '../contracts/render-record.js';
import { cropRuleFunction } from './crop-rules.js';
import type { RejectionReason } from './crop-rules.js';
import { isSampledStep } from './frame-sampling.js';
import { splitQueryGallery } from './query-split.js';

/** One scene variant of the run. */
export interface PlanScene {
  /** 1-based index in the run. */
  index: number;
  record: RenderRecord;
  lines: readonly AnnotationLine[];
  /** The render folder relative to the dataset folder (prefix of each image's `source`). */
  folder: string;
}

/** What a character shows. */
export interface PlanIdentity {
  pid: number;
  split: 'train' | 'test';
  image: string;
}

export interface PlanOptions {
  layout: DatasetLayout;
  cropRule: DatasetCropRule;
  seed: number;
  /** [width, height] when crops are resampled to one size. */
  resizePx?: readonly [number, number];
}

export interface DatasetPlan {
  images: DatasetImage[];
  annotations: number;
  rejections: Partial<Record<RejectionReason, number>>;
  identities: DatasetIdentity[];
  counts: { train: DatasetSubsetCount; query: DatasetSubsetCount; gallery: DatasetSubsetCount };
  cameras: number;
}

/** Plans the dataset (see the module doc); `identities` maps character ids to what they show. */
export function planDataset(scenes: readonly PlanScene[], identities: ReadonlyMap<string, PlanIdentity>, options: PlanOptions): DatasetPlan {
  const rule = cropRuleFunction(options.cropRule.name);
  const rejections: Partial<Record<RejectionReason, number>> = {};
  const reject = (reason: RejectionReason): void => {
    rejections[reason] = (rejections[reason] ?? 0) + 1;
  };
  const kept: Omit<DatasetImage, 'file' | 'subset'>[] = [];
  let annotations = 0;
  for (const scene of scenes) {
    const cameras = [...scene.record.cameras].sort((a, b) => a.index - b.index);
    const cameraNumber = new Map(cameras.map((camera, i) => [camera.name, i + 1]));
    // the lines of each frame, frames in (step, camera) order
    const frames = new Map<string, AnnotationLine[]>();
    for (const line of scene.lines) {
      annotations++;
      if (!cameraNumber.has(line.camera)) {
        throw new ClonedPersonError('E_RENDER_INVALID', `${scene.folder}: annotation of step ${line.step} names camera "${line.camera}", which render.json does not list`, { details: { render: scene.folder } });
      }
      const list = frames.get(line.frame) ?? [];
      list.push(line);
      frames.set(line.frame, list);
    }
    const ordered = [...frames.values()].sort((a, b) => a[0].step - b[0].step || cameraNumber.get(a[0].camera)! - cameraNumber.get(b[0].camera)!);
    for (const lines of ordered) {
      const { step, camera } = lines[0];
      if (!isSampledStep(step, scene.record.fps, options.cropRule.frameIntervalS)) {
        for (let i = 0; i < lines.length; i++) reject('not-sampled');
        continue;
      }
      const number = cameraNumber.get(camera)!;
      const spec = cameras[number - 1];
      const decisions = rule(lines, spec, options.cropRule, (id) => identities.has(id));
      decisions.forEach((decision, i) => {
        if (!decision.keep) {
          reject(decision.reason);
          return;
        }
        const line = lines[i];
        const identity = identities.get(line.characterId!)!;
        const [x0, y0, x1, y1] = decision.box;
        kept.push({
          pid: identity.pid,
          scene: scene.index,
          camera: number,
          frame: step,
          character: line.characterId!,
          source: `${scene.folder}/${line.frame}`,
          box: decision.box,
          amodalBox: line.amodalBox,
          visibleBox: line.visibleBox,
          visibleFraction: line.visibleFraction,
          widthPx: options.resizePx ? options.resizePx[0] : x1 - x0,
          heightPx: options.resizePx ? options.resizePx[1] : y1 - y0,
        });
      });
    }
  }
  const splitByPid = new Map([...identities.values()].map((identity) => [identity.pid, identity.split]));
  const testIndices = kept.flatMap((image, i) => (splitByPid.get(image.pid) === 'test' ? [i] : []));
  const isQuery = splitQueryGallery(testIndices.map((i) => kept[i]), options.seed);
  const subsets = new Array<DatasetImage['subset']>(kept.length).fill('train');
  testIndices.forEach((i, k) => {
    subsets[i] = isQuery[k] ? 'query' : 'gallery';
  });
  const folders = DATASET_FOLDERS[options.layout];
  const images: DatasetImage[] = kept.map((image, i) => ({
    file: `${folders[subsets[i]]}/${datasetImageName(options.layout, image)}`,
    subset: subsets[i],
    ...image,
  }));
  return { images, annotations, rejections, ...summarise(images, identities), cameras: new Set(images.map((image) => datasetCameraKey(image.scene, image.camera))).size };
}

function summarise(
  images: readonly DatasetImage[],
  identities: ReadonlyMap<string, PlanIdentity>,
): Pick<DatasetPlan, 'identities' | 'counts'> {
  const perPid = new Map<number, { images: number; cameras: Set<string> }>();
  const subsetPids = { train: new Set<number>(), query: new Set<number>(), gallery: new Set<number>() };
  const subsetImages = { train: 0, query: 0, gallery: 0 };
  for (const image of images) {
    const entry = perPid.get(image.pid) ?? { images: 0, cameras: new Set<string>() };
    entry.images++;
    entry.cameras.add(datasetCameraKey(image.scene, image.camera));
    perPid.set(image.pid, entry);
    subsetPids[image.subset].add(image.pid);
    subsetImages[image.subset]++;
  }
  const list: DatasetIdentity[] = [...identities]
    .map(([character, identity]) => ({
      pid: identity.pid,
      character,
      split: identity.split,
      image: identity.image,
      images: perPid.get(identity.pid)?.images ?? 0,
      cameras: perPid.get(identity.pid)?.cameras.size ?? 0,
    }))
    .sort((a, b) => a.pid - b.pid);
  const count = (subset: 'train' | 'query' | 'gallery'): DatasetSubsetCount => ({ images: subsetImages[subset], identities: subsetPids[subset].size });
  return { identities: list, counts: { train: count('train'), query: count('query'), gallery: count('gallery') } };
}
