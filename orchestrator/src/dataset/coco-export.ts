/**
 * The optional COCO-style file of the full frames (`coco.json`): every sampled frame that shows
 * someone, with a person annotation per visible person: `bbox` [x, y, w, h] of the visible
 * pixels, `area` the visible pixels, the 17 COCO keypoints with our visibility (0 outside the
 * frame, 1 occluded, 2 visible, as COCO's 0/1/2 mean not labelled / labelled hidden / visible),
 * and the identity (`pid`, -1 for persons without a known character). Pure.
 */
import type { AnnotationLine } from '../contracts/render-record.js';
import { isSampledStep } from './frame-sampling.js';
import type { PlanIdentity, PlanScene } from './dataset-plan.js';

const KEYPOINT_NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
  'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
];
const SKELETON = [
  [16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8], [7, 9], [8, 10], [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7],
];

export interface CocoFile {
  info: { description: string; version: string };
  images: { id: number; file_name: string; width: number; height: number; scene: number; camera: number; frame: number }[];
  annotations: {
    id: number;
    image_id: number;
    category_id: 1;
    bbox: [number, number, number, number];
    area: number;
    iscrowd: 0;
    keypoints: number[];
    num_keypoints: number;
    pid: number;
    character_id: string | null;
    amodal_bbox: [number, number, number, number] | null;
    visible_fraction: number;
    depth_m: number;
  }[];
  categories: { id: 1; name: 'person'; supercategory: 'person'; keypoints: string[]; skeleton: number[][] }[];
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const xywh = (box: readonly number[]): [number, number, number, number] => [round2(box[0]), round2(box[1]), round2(box[2] - box[0]), round2(box[3] - box[1])];

/** The COCO file of the sampled frames of `scenes`. */
export function cocoFromScenes(scenes: readonly PlanScene[], identities: ReadonlyMap<string, PlanIdentity>, frameIntervalS: number, generator: string): CocoFile {
  const coco: CocoFile = {
    info: { description: 'clonedperson renders: person boxes and COCO keypoints', version: generator },
    images: [],
    annotations: [],
    categories: [{ id: 1, name: 'person', supercategory: 'person', keypoints: KEYPOINT_NAMES, skeleton: SKELETON }],
  };
  for (const scene of scenes) {
    const cameras = [...scene.record.cameras].sort((a, b) => a.index - b.index);
    const imageIds = new Map<string, number>();
    const add = (line: AnnotationLine): void => {
      if (!line.visibleBox || !isSampledStep(line.step, scene.record.fps, frameIntervalS)) return;
      let imageId = imageIds.get(line.frame);
      if (imageId === undefined) {
        const number = cameras.findIndex((camera) => camera.name === line.camera);
        imageId = coco.images.length + 1;
        imageIds.set(line.frame, imageId);
        coco.images.push({ id: imageId, file_name: `${scene.folder}/${line.frame}`, width: cameras[number].widthPx, height: cameras[number].heightPx, scene: scene.index, camera: number + 1, frame: line.step });
      }
      const keypoints = line.keypoints.length === 17 ? line.keypoints.flatMap(([x, y, v]) => (v === 0 ? [0, 0, 0] : [round2(x), round2(y), v])) : new Array<number>(51).fill(0);
      coco.annotations.push({
        id: coco.annotations.length + 1,
        image_id: imageId,
        category_id: 1,
        bbox: xywh(line.visibleBox),
        area: round2(line.visiblePixels),
        iscrowd: 0,
        keypoints,
        num_keypoints: line.keypoints.filter(([, , v]) => v > 0).length,
        pid: line.characterId !== null ? (identities.get(line.characterId)?.pid ?? -1) : -1,
        character_id: line.characterId,
        amodal_bbox: line.amodalBox ? xywh(line.amodalBox) : null,
        visible_fraction: line.visibleFraction,
        depth_m: line.depthM,
      });
    };
    scene.lines.forEach(add);
  }
  return coco;
}
