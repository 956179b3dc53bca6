/**
 * The two crop rules, each a pure function from the annotation lines of one frame (one camera,
 * one step) to a decision per line: keep with an integer crop box, or reject with a reason.
 *
 * - `default` uses what our players report exactly: the amodal box (the whole projected person,
 *   not clipped to the frame) with the authors' margins, widened to the minimum aspect. A person
 *   is rejected, first failing check first, when it shows no known character (`unknown-person`,
 *   `unknown-character`), is behind the camera (`no-box`), is cut by the frame border
 *   (`truncated`), is smaller than the minimum height (`too-small`, amodal height), or when less
 *   than `minVisibleFraction` of it is visible (`occluded`).
 * - `authors` reproduces the authors' crop step (../shared/PAPER.md) on our annotations. Their
 *   engine exported 7 projected keypoints plus a top point; we have the 17 COCO keypoints
 *   (projected, also when occluded or outside the frame) and take the amodal box's top as the
 *   top point (the head top of a walking person). The box is the extent, widened by 10 % of its
 *   height on each side, 15 % on top and 5 % at the bottom; rejected when width / height > 0.5
 *   (`too-wide`), widened to at least 0.3; rejected below 30 x 40 px (`too-small`); of two boxes
 *   whose intersection exceeds 0.7 of the smaller one, the one farther from the camera by more
 *   than 0.2 m is dropped (`overlapped`). Boxes are clipped to the frame (`outside` when
 *   nothing is left).
 * Frame sampling (one step every 0.5 s) is frame-sampling.ts.
 */
import type { DatasetCropRule } from '../contracts/dataset-record.js';
import type { AnnotationLine } from '../contracts/render-record.js';
import type { ImageBoxPx } from '../contracts/selection.js';
import { boxHeight, boxWidth, cropPixels, leavesFrame, overlapOfSmaller, widenToAspect, withMargins } from './crop-box.js';

export type RejectionReason =
  | 'not-sampled'
  | 'unknown-person'
  | 'unknown-character'
  | 'no-box'
  | 'no-keypoints'
  | 'truncated'
  | 'too-small'
  | 'too-wide'
  | 'occluded'
  | 'overlapped'
  | 'outside';

export type CropDecision = { keep: true; box: ImageBoxPx } | { keep: false; reason: RejectionReason };

export interface FrameSize {
  widthPx: number;
  heightPx: number;
}

/** The thresholds of each rule (the contract records them in dataset.json). */
export const CROP_RULE_DEFAULTS: Readonly<Record<DatasetCropRule['name'], Readonly<DatasetCropRule>>> = {
  default: { name: 'default', marginSide: 0.1, marginTop: 0.15, marginBottom: 0.05, minAspect: 0.3, minHeightPx: 64, minVisibleFraction: 0.7, frameIntervalS: 0.5 },
  authors: {
    name: 'authors',
    marginSide: 0.1,
    marginTop: 0.15,
    marginBottom: 0.05,
    minAspect: 0.3,
    maxAspect: 0.5,
    minWidthPx: 30,
    minHeightPx: 40,
    maxOverlap: 0.7,
    minDepthGapM: 0.2,
    frameIntervalS: 0.5,
  },
};

function identityCheck(line: AnnotationLine, known: (characterId: string) => boolean): CropDecision | undefined {
  if (line.characterId === null) return { keep: false, reason: 'unknown-person' };
  if (!known(line.characterId)) return { keep: false, reason: 'unknown-character' };
  return undefined;
}

/** The default rule on one frame's lines. */
export function defaultCropRule(lines: readonly AnnotationLine[], frame: FrameSize, rule: DatasetCropRule, known: (characterId: string) => boolean): CropDecision[] {
  return lines.map((line): CropDecision => {
    const identity = identityCheck(line, known);
    if (identity) return identity;
    const amodal = line.amodalBox;
    if (!amodal) return { keep: false, reason: 'no-box' };
    if (leavesFrame(amodal, frame.widthPx, frame.heightPx)) return { keep: false, reason: 'truncated' };
    if (boxHeight(amodal) < rule.minHeightPx) return { keep: false, reason: 'too-small' };
    if (line.visibleFraction < (rule.minVisibleFraction ?? 0)) return { keep: false, reason: 'occluded' };
    const box = cropPixels(widenToAspect(withMargins(amodal, rule), rule.minAspect), frame.widthPx, frame.heightPx);
    return box ? { keep: true, box } : { keep: false, reason: 'outside' };
  });
}

/** The keypoint extent plus the top point, or undefined when no keypoint is projected. */
function keypointExtent(line: AnnotationLine): ImageBoxPx | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y, v] of line.keypoints) {
    // [0, 0, 0] is a point behind the camera; v = 0 with coordinates is outside the frame
    if (v === 0 && x === 0 && y === 0) continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (x0 === Infinity) return undefined;
  if (line.amodalBox) y0 = Math.min(y0, line.amodalBox[1]);
  return [x0, y0, x1, y1];
}

/** The authors' rule on one frame's lines (the overlap test looks at every person of the frame). */
export function authorsCropRule(lines: readonly AnnotationLine[], frame: FrameSize, rule: DatasetCropRule, known: (characterId: string) => boolean): CropDecision[] {
  const boxes: (ImageBoxPx | undefined)[] = [];
  const decisions: (CropDecision | undefined)[] = lines.map((line, i): CropDecision | undefined => {
    const extent = keypointExtent(line);
    if (!extent) return { keep: false, reason: 'no-keypoints' };
    const margined = withMargins(extent, rule);
    if (boxWidth(margined) > (rule.maxAspect ?? Infinity) * boxHeight(margined)) return { keep: false, reason: 'too-wide' };
    const box = widenToAspect(margined, rule.minAspect);
    if (boxWidth(box) < (rule.minWidthPx ?? 0) || boxHeight(box) < rule.minHeightPx) return { keep: false, reason: 'too-small' };
    boxes[i] = box;
    return undefined;
  });
  // every person with a box takes part in the overlap test, known or not
  const dropped = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b || overlapOfSmaller(a, b) <= (rule.maxOverlap ?? Infinity)) continue;
      const gap = lines[i].depthM - lines[j].depthM;
      if (gap > (rule.minDepthGapM ?? 0)) dropped.add(i);
      else if (-gap > (rule.minDepthGapM ?? 0)) dropped.add(j);
    }
  }
  return lines.map((line, i): CropDecision => {
    const identity = identityCheck(line, known);
    if (identity) return identity;
    const early = decisions[i];
    if (early) return early;
    if (dropped.has(i)) return { keep: false, reason: 'overlapped' };
    const box = cropPixels(boxes[i]!, frame.widthPx, frame.heightPx);
    return box ? { keep: true, box } : { keep: false, reason: 'outside' };
  });
}

/** The rule function of a rule name. */
export function cropRuleFunction(name: DatasetCropRule['name']): typeof defaultCropRule {
  return name === 'authors' ? authorsCropRule : defaultCropRule;
}
