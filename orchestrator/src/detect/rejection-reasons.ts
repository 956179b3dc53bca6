/**
 * Why a person found in a photo is not used: the reason codes of `detections.jsonl`'s
 * `rejections` (never renamed: scripts match on them). A person is qualified exactly when it
 * has none. The summary counts them per code.
 */
export const REJECTION_REASONS = {
  'too-small': 'the person box is shorter than --min-height-px',
  'bad-aspect': 'the box height / width lies outside [minAspect, maxAspect] (sitting, crouching, cut, several people)',
  truncated: 'the person touches the photo border (part of the body is outside the photo)',
  overlapped: 'another person covers more than maxOverlap of this person box',
  'head-hidden': 'no head keypoint (nose, eyes, ears) reaches minKeypointScore',
  'shoulders-hidden': 'a shoulder keypoint is below minKeypointScore',
  'hips-hidden': 'a hip keypoint is below minKeypointScore',
  'knees-hidden': 'a knee keypoint is below minKeypointScore',
  'ankles-hidden': 'an ankle keypoint is below minKeypointScore',
  'face-hidden': 'neither the nose nor an eye reaches minFaceScore (a back view or a covered face)',
  'back-view': 'the left shoulder is on the image\'s left: the person faces away from the camera',
  'side-view': 'the shoulder width is below minShoulderRatio of the torso length: a side view',
  'arms-over-body': 'an elbow or wrist lies over the torso or the thighs, hiding the outfit (after the authors\' occlusion rule)',
  'garments-unknown': 'the garment estimate could not place a top and a bottom or a dress',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;

export const REJECTION_ORDER = Object.keys(REJECTION_REASONS) as RejectionReason[];
