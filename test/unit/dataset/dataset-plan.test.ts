import { describe, expect, it } from '@jest/globals';
import { DATASET_FOLDERS, parseDatasetImageName } from '../../../orchestrator/src/contracts/dataset-record.js';
import type { DatasetLayout } from '../../../orchestrator/src/contracts/dataset-record.js';
import type { AnnotationLine } from '../../../orchestrator/src/contracts/render-record.js';
import { CROP_RULE_DEFAULTS } from '../../../orchestrator/src/dataset/crop-rules.js';
import { planDataset } from '../../../orchestrator/src/dataset/dataset-plan.js';
import type { PlanIdentity, PlanScene } from '../../../orchestrator/src/dataset/dataset-plan.js';
import { annotationLine, renderRecord } from './dataset-fixtures.js';

const identities = new Map<string, PlanIdentity>([
  ['0000', { pid: 0, split: 'train', image: 'a.jpg' }],
  ['0001', { pid: 1, split: 'train', image: 'b.jpg' }],
  ['0007', { pid: 7, split: 'test', image: 'c.jpg' }],
  ['0012', { pid: 12, split: 'test', image: 'd.jpg' }],
  ['0013', { pid: 13, split: 'test', image: 'e.jpg' }],
]);

/** Every character walks past both cameras of a scene; one step every 5 (fps 10, interval 0.5). */
function scene(index: number, name: string, steps: number, extra: AnnotationLine[] = []): PlanScene {
  const lines: AnnotationLine[] = [];
  for (let step = 0; step < steps; step++) {
    for (const camera of ['cam0', 'cam1']) {
      ['0000', '0001', '0007', '0012'].forEach((characterId, k) => {
        const x = 40 + 140 * k + step;
        lines.push(annotationLine({ step, timeS: step / 10, camera, characterId, personId: k, frame: `frames/${camera}/${String(step).padStart(6, '0')}.jpg`, amodalBox: [x, 100, x + 40, 300] }));
      });
    }
  }
  return { index, record: renderRecord(name), lines: [...lines, ...extra], folder: `../render/${name}` };
}

describe('planDataset', () => {
  it.each(['clonedperson', 'market'] as DatasetLayout[])('names every image so that it parses back (%s layout)', (layout) => {
    const plan = planDataset([scene(1, 'street', 12), scene(2, 'plaza', 6)], identities, { layout, cropRule: CROP_RULE_DEFAULTS.default, seed: 1 });
    // steps 0, 5, 10 and 0, 5; 4 characters, 2 cameras
    expect(plan.images).toHaveLength((3 + 2) * 4 * 2);
    for (const image of plan.images) {
      const [folder, name] = [image.file.slice(0, image.file.lastIndexOf('/')), image.file.slice(image.file.lastIndexOf('/') + 1)];
      expect(folder).toBe(DATASET_FOLDERS[layout][image.subset]);
      expect(parseDatasetImageName(layout, name)).toEqual({ pid: image.pid, scene: image.scene, camera: image.camera, frame: image.frame });
      expect(image.source).toBe(`../render/${image.scene === 1 ? 'street' : 'plaza'}/frames/cam${image.camera - 1}/${String(image.frame).padStart(6, '0')}.jpg`);
    }
    expect(new Set(plan.images.map((image) => image.file)).size).toBe(plan.images.length);
    expect(plan.cameras).toBe(4);
  });

  it('keeps train and test identities apart and gives every query a match from another camera', () => {
    const plan = planDataset([scene(1, 'street', 12), scene(2, 'plaza', 6)], identities, { layout: 'clonedperson', cropRule: CROP_RULE_DEFAULTS.default, seed: 4 });
    const bySubset = (subset: string): number[] => [...new Set(plan.images.filter((image) => image.subset === subset).map((image) => image.pid))].sort((a, b) => a - b);
    expect(bySubset('train')).toEqual([0, 1]);
    expect(bySubset('query')).toEqual([7, 12]);
    expect(bySubset('gallery')).toEqual([7, 12]);
    // one query per test identity and camera (4 cameras)
    expect(plan.counts.query).toEqual({ images: 8, identities: 2 });
    for (const query of plan.images.filter((image) => image.subset === 'query')) {
      expect(plan.images.some((g) => g.subset === 'gallery' && g.pid === query.pid && `${g.scene}/${g.camera}` !== `${query.scene}/${query.camera}`)).toBe(true);
    }
    // the identity that never appeared is listed with no images
    expect(plan.identities.find((identity) => identity.pid === 13)).toMatchObject({ images: 0, cameras: 0, split: 'test' });
    expect(plan.identities.find((identity) => identity.pid === 7)).toMatchObject({ images: 10, cameras: 4 });
  });

  it('counts every annotation line: kept or dropped by one reason', () => {
    const extra = [
      annotationLine({ step: 5, timeS: 0.5, camera: 'cam0', characterId: null, frame: 'frames/cam0/000005.jpg', amodalBox: [600, 100, 620, 160] }),
      annotationLine({ step: 5, timeS: 0.5, camera: 'cam1', characterId: '0099', frame: 'frames/cam1/000005.jpg', amodalBox: [600, 100, 620, 160] }),
    ];
    const plan = planDataset([scene(1, 'street', 7, extra)], identities, { layout: 'clonedperson', cropRule: CROP_RULE_DEFAULTS.default, seed: 1 });
    const dropped = Object.values(plan.rejections).reduce((a, b) => a + (b ?? 0), 0);
    expect(plan.annotations).toBe(7 * 8 + 2);
    expect(plan.images.length + dropped).toBe(plan.annotations);
    expect(plan.rejections).toEqual({ 'not-sampled': 5 * 8, 'unknown-person': 1, 'unknown-character': 1 });
  });

  it('records the resize target as the image size', () => {
    const plan = planDataset([scene(1, 'street', 1)], identities, { layout: 'clonedperson', cropRule: CROP_RULE_DEFAULTS.default, seed: 1, resizePx: [64, 128] });
    expect(plan.images.every((image) => image.widthPx === 64 && image.heightPx === 128)).toBe(true);
    const native = planDataset([scene(1, 'street', 1)], identities, { layout: 'clonedperson', cropRule: CROP_RULE_DEFAULTS.default, seed: 1 });
    expect(native.images[0]).toMatchObject({ widthPx: 80, heightPx: 240, box: [20, 70, 100, 310] });
  });

  it('refuses an annotation of a camera the render record does not list', () => {
    const bad = annotationLine({ camera: 'cam9', frame: 'frames/cam9/000000.jpg', amodalBox: [0, 0, 10, 10] });
    expect(() => planDataset([scene(1, 'street', 1, [bad])], identities, { layout: 'clonedperson', cropRule: CROP_RULE_DEFAULTS.default, seed: 1 })).toThrow(expect.objectContaining({ code: 'E_RENDER_INVALID' }));
  });
});
