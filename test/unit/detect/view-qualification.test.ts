import { describe, expect, it } from '@jest/globals';
import type { Keypoint } from '../../../orchestrator/src/detect/coco-keypoints.js';
import { PersonSilhouette } from '../../../orchestrator/src/detect/person-silhouette.js';
import { REJECTION_ORDER, REJECTION_REASONS } from '../../../orchestrator/src/detect/rejection-reasons.js';
import { QUALIFICATION_DEFAULTS, qualifyView } from '../../../orchestrator/src/detect/view-qualification.js';
import type { PersonView } from '../../../orchestrator/src/detect/view-qualification.js';

const PHOTO = { widthPx: 400, heightPx: 600 };

/** A front view 400 px tall centred at x = 200: the subject's left on the image's right. */
function frontKeypoints(): Keypoint[] {
  const k: [number, number, number][] = [
    [200, 80, 0.9], [210, 72, 0.9], [190, 72, 0.9], [220, 76, 0.8], [180, 76, 0.8],
    [245, 130, 0.9], [155, 130, 0.9], [265, 200, 0.9], [135, 200, 0.9], [275, 260, 0.9], [125, 260, 0.9],
    [225, 270, 0.9], [175, 270, 0.9], [228, 370, 0.9], [172, 370, 0.9], [230, 460, 0.9], [170, 460, 0.9],
  ];
  return k;
}

function view(overrides: Partial<PersonView> = {}): PersonView {
  return { box: [110, 50, 290, 480], keypoints: frontKeypoints(), ...overrides };
}

function withKeypoint(index: number, value: Keypoint): Keypoint[] {
  const k = frontKeypoints();
  k[index] = value;
  return k;
}

describe('qualifyView', () => {
  it('keeps a clear front-facing full-body view', () => {
    expect(qualifyView(view(), PHOTO, [])).toEqual([]);
  });

  it('names every reason in the documented table', () => {
    expect(REJECTION_ORDER).toEqual(Object.keys(REJECTION_REASONS));
  });

  it('rejects small, oddly shaped, truncated and overlapped people', () => {
    expect(qualifyView(view({ box: [150, 300, 250, 450] }), PHOTO, [])).toContain('too-small');
    expect(qualifyView(view({ box: [0, 50, 400, 480] }), PHOTO, [])).toEqual(expect.arrayContaining(['bad-aspect', 'truncated']));
    expect(qualifyView(view({ box: [110, 50, 290, 599] }), PHOTO, [])).toContain('truncated');
    const other = view({ box: [200, 60, 380, 480] });
    expect(qualifyView(view(), PHOTO, [view(), other])).toContain('overlapped');
    // a small person far behind covers little of the box
    expect(qualifyView(view(), PHOTO, [view({ box: [260, 300, 290, 360] })])).toEqual([]);
  });

  it('uses the silhouette for the border and ignores stray cells', () => {
    const grid = (touchBottom: number): PersonSilhouette => {
      const data = new Float32Array(10 * 10);
      data[45] = 1;
      for (let i = 0; i < touchBottom; i++) data[90 + i] = 1;
      return new PersonSilhouette({ box: [110, 500, 210, 600], widthPx: 10, heightPx: 10, data });
    };
    expect(qualifyView(view({ silhouette: grid(2) }), PHOTO, [])).toEqual([]);
    expect(qualifyView(view({ silhouette: grid(3) }), PHOTO, [])).toEqual(['truncated']);
  });

  it('needs the head, shoulders, hips, knees and ankles confident', () => {
    const hidden = (index: number): string[] => qualifyView(view({ keypoints: withKeypoint(index, [0, 0, 0.1]) }), PHOTO, []);
    expect(hidden(15)).toEqual(['ankles-hidden']);
    expect(hidden(14)).toEqual(['knees-hidden']);
    expect(hidden(11)).toEqual(['hips-hidden']);
    const noHead = frontKeypoints().map((k, i) => (i < 5 ? ([k[0], k[1], 0.1] as Keypoint) : k));
    expect(qualifyView(view({ keypoints: noHead }), PHOTO, [])).toEqual(['head-hidden', 'face-hidden']);
    expect(qualifyView(view({ keypoints: [] }), PHOTO, [])).toEqual(['head-hidden', 'shoulders-hidden', 'hips-hidden', 'knees-hidden', 'ankles-hidden']);
  });

  it('tells back, side and covered-face views from front views', () => {
    // facing away: the left shoulder is on the image's left
    const back = frontKeypoints();
    [back[5], back[6]] = [back[6], back[5]];
    expect(qualifyView(view({ keypoints: back }), PHOTO, [])).toContain('back-view');
    const side = frontKeypoints();
    side[5] = [205, 130, 0.9];
    side[6] = [195, 130, 0.9];
    expect(qualifyView(view({ keypoints: side }), PHOTO, [])).toContain('side-view');
    const turnedHead = frontKeypoints().map((k, i) => (i < 3 ? ([k[0], k[1], 0.1] as Keypoint) : k));
    expect(qualifyView(view({ keypoints: turnedHead }), PHOTO, [])).toEqual(['face-hidden']);
  });

  it('rejects arms over the outfit (the authors\' occlusion rule), unless switched off', () => {
    const crossed = withKeypoint(9, [190, 240, 0.9]);
    expect(qualifyView(view({ keypoints: crossed }), PHOTO, [])).toEqual(['arms-over-body']);
    expect(qualifyView(view({ keypoints: crossed }), PHOTO, [], { ...QUALIFICATION_DEFAULTS, armsClear: false })).toEqual([]);
    // an unsure wrist does not count
    expect(qualifyView(view({ keypoints: withKeypoint(9, [190, 240, 0.2]) }), PHOTO, [])).toEqual([]);
  });

  it('widens the quads by armsMargin (the authors: 0.1)', () => {
    // a hand at the hip, 5 px outside the hip joint (the hips are 50 px apart)
    const handOnHip = withKeypoint(9, [230, 268, 0.9]);
    expect(qualifyView(view({ keypoints: handOnHip }), PHOTO, [])).toEqual([]);
    expect(qualifyView(view({ keypoints: handOnHip }), PHOTO, [], { ...QUALIFICATION_DEFAULTS, armsMargin: 0.1 })).toEqual(['arms-over-body']);
  });

  it('takes its thresholds from the options', () => {
    expect(qualifyView(view(), PHOTO, [], { ...QUALIFICATION_DEFAULTS, minHeightPx: 500 })).toEqual(['too-small']);
    expect(qualifyView(view({ keypoints: withKeypoint(15, [230, 460, 0.5]) }), PHOTO, [], { ...QUALIFICATION_DEFAULTS, minKeypointScore: 0.6 })).toEqual(['ankles-hidden']);
  });
});
