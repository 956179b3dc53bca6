import { describe, expect, it } from '@jest/globals';
import type { AnnotationLine } from '../../../orchestrator/src/contracts/render-record.js';
import { authorsCropRule, CROP_RULE_DEFAULTS, defaultCropRule } from '../../../orchestrator/src/dataset/crop-rules.js';
import { isSampledStep } from '../../../orchestrator/src/dataset/frame-sampling.js';
import { annotationLine } from './dataset-fixtures.js';

const frame = { widthPx: 640, heightPx: 480 };
const known = (id: string): boolean => id !== 'stranger';

describe('the default crop rule', () => {
  const rule = CROP_RULE_DEFAULTS.default;

  it('crops the amodal box with the margins, widened to the minimum aspect, in whole pixels', () => {
    // a 40 x 200 person: margins 20 px each side, 30 on top, 10 at the bottom -> 80 x 240, aspect 1/3 >= 0.3
    const [decision] = defaultCropRule([annotationLine({ amodalBox: [300, 100, 340, 300] })], frame, rule, known);
    expect(decision).toEqual({ keep: true, box: [280, 70, 360, 310] });
    // a 10 x 200 pole: 50 wide with margins, widened about its centre to 0.3 x 240 = 72
    const [thin] = defaultCropRule([annotationLine({ amodalBox: [100.5, 100, 110.5, 300] })], frame, rule, known);
    expect(thin).toEqual({ keep: true, box: [69, 70, 142, 310] });
  });

  it('clips the margins at the frame border, but drops a person the border cuts', () => {
    const [near] = defaultCropRule([annotationLine({ amodalBox: [2, 100, 42, 300] })], frame, rule, known);
    expect(near).toEqual({ keep: true, box: [0, 70, 62, 310] });
    const [cut] = defaultCropRule([annotationLine({ amodalBox: [-2, 100, 38, 300] })], frame, rule, known);
    expect(cut).toEqual({ keep: false, reason: 'truncated' });
    const [below] = defaultCropRule([annotationLine({ amodalBox: [300, 300, 340, 481] })], frame, rule, known);
    expect(below).toEqual({ keep: false, reason: 'truncated' });
  });

  it('names the first failing check of each person', () => {
    const lines: AnnotationLine[] = [
      annotationLine({ amodalBox: [300, 100, 340, 300], characterId: null }),
      annotationLine({ amodalBox: [300, 100, 340, 300], characterId: 'stranger' }),
      annotationLine({ amodalBox: null }),
      annotationLine({ amodalBox: [300, 100, 320, 163] }),
      annotationLine({ amodalBox: [300, 100, 340, 300], visibleFraction: 0.69 }),
      // small and occluded: too-small comes first
      annotationLine({ amodalBox: [300, 100, 320, 150], visibleFraction: 0.2 }),
      annotationLine({ amodalBox: [300, 100, 340, 300], visibleFraction: 0.7 }),
    ];
    expect(defaultCropRule(lines, frame, rule, known).map((d) => (d.keep ? 'keep' : d.reason))).toEqual([
      'unknown-person',
      'unknown-character',
      'no-box',
      'too-small',
      'occluded',
      'too-small',
      'keep',
    ]);
  });

  it('follows its thresholds', () => {
    const line = annotationLine({ amodalBox: [300, 100, 330, 150], visibleFraction: 0.5 });
    expect(defaultCropRule([line], frame, { ...rule, minHeightPx: 50, minVisibleFraction: 0.5 }, known)[0].keep).toBe(true);
    expect(defaultCropRule([line], frame, { ...rule, minHeightPx: 51, minVisibleFraction: 0.5 }, known)[0]).toEqual({ keep: false, reason: 'too-small' });
  });
});

describe("the authors' crop rule", () => {
  const rule = CROP_RULE_DEFAULTS.authors;

  /** A line whose keypoints span exactly `extent` (the amodal box's top is the head top). */
  function withExtent(extent: [number, number, number, number], extra: Partial<AnnotationLine> = {}): AnnotationLine {
    const [x0, y0, x1, y1] = extent;
    const keypoints: [number, number, number][] = Array.from({ length: 17 }, (_, k) => [k % 2 === 0 ? x0 : x1, k < 8 ? y0 + 10 : y1, k === 3 ? 1 : 2]);
    return annotationLine({ amodalBox: [x0 - 5, y0, x1 + 5, y1 + 3], ...extra, keypoints });
  }

  it('boxes the keypoint extent up to the head top with the margins', () => {
    // extent 60 x 200 from y 100 (amodal top) to 300: 60 + 2 * 20 = 100 wide, 100 - 30 .. 300 + 10
    const [decision] = authorsCropRule([withExtent([300, 100, 360, 300])], frame, rule, known);
    expect(decision).toEqual({ keep: true, box: [280, 70, 380, 310] });
  });

  it('rejects wide boxes, widens thin ones, and rejects boxes under 30 x 40 px', () => {
    // 100 + 40 = 140 wide, 240 tall: aspect 0.58 > 0.5
    expect(authorsCropRule([withExtent([300, 100, 400, 300])], frame, rule, known)[0]).toEqual({ keep: false, reason: 'too-wide' });
    // 2 + 40 = 42 wide < 0.3 * 240: widened to 72
    expect(authorsCropRule([withExtent([300, 100, 302, 300])], frame, rule, known)[0]).toEqual({ keep: true, box: [265, 70, 337, 310] });
    // 30 tall -> 36 with margins < 40
    expect(authorsCropRule([withExtent([300, 100, 305, 130])], frame, rule, known)[0]).toEqual({ keep: false, reason: 'too-small' });
  });

  it('uses keypoints outside the frame (their projections), not points behind the camera', () => {
    const line = withExtent([300, 100, 360, 300]);
    line.keypoints[16] = [700, 300, 0];
    line.keypoints[15] = [0, 0, 0];
    const [decision] = authorsCropRule([line], frame, rule, known);
    // the far keypoint makes the box too wide; [0, 0, 0] would have made it start at x = 0
    expect(decision).toEqual({ keep: false, reason: 'too-wide' });
    const none = annotationLine({ amodalBox: null, keypoints: [] });
    expect(authorsCropRule([none], frame, rule, known)[0]).toEqual({ keep: false, reason: 'no-keypoints' });
  });

  it('drops the farther of two boxes overlapping by more than 0.7 of the smaller when it is more than 0.2 m farther', () => {
    const near = withExtent([300, 100, 360, 300], { depthM: 5 });
    const behind = withExtent([310, 110, 365, 290], { depthM: 5.3, characterId: '0001' });
    const level = withExtent([310, 110, 365, 290], { depthM: 5.15, characterId: '0001' });
    const apart = withExtent([100, 110, 155, 290], { depthM: 9, characterId: '0001' });
    const decide = (lines: AnnotationLine[]): string[] => authorsCropRule(lines, frame, rule, known).map((d) => (d.keep ? 'keep' : d.reason));
    expect(decide([near, behind])).toEqual(['keep', 'overlapped']);
    expect(decide([behind, near])).toEqual(['overlapped', 'keep']);
    expect(decide([near, level])).toEqual(['keep', 'keep']);
    expect(decide([near, apart])).toEqual(['keep', 'keep']);
    // a person without a known character still hides the one behind it
    expect(decide([{ ...near, characterId: null }, behind])).toEqual(['unknown-person', 'overlapped']);
  });

  it('clips boxes to the frame', () => {
    const [decision] = authorsCropRule([withExtent([610, 100, 660, 300])], frame, rule, known);
    expect(decision).toEqual({ keep: true, box: [590, 70, 640, 310] });
    expect(authorsCropRule([withExtent([700, 100, 760, 300])], frame, rule, known)[0]).toEqual({ keep: false, reason: 'outside' });
  });
});

describe('frame sampling', () => {
  const sampled = (fps: number, intervalS: number, steps: number): number[] => Array.from({ length: steps }, (_, s) => s).filter((s) => isSampledStep(s, fps, intervalS));

  it('keeps one step every interval, from step 0', () => {
    expect(sampled(30, 0.5, 61)).toEqual([0, 15, 30, 45, 60]);
    expect(sampled(10, 0.5, 21)).toEqual([0, 5, 10, 15, 20]);
    // 25 fps: the steps where a new half second starts
    expect(sampled(25, 0.5, 51)).toEqual([0, 13, 25, 38, 50]);
    expect(sampled(2, 0.5, 4)).toEqual([0, 1, 2, 3]);
  });

  it('keeps every step for interval 0', () => {
    expect(sampled(30, 0, 5)).toEqual([0, 1, 2, 3, 4]);
  });
});
