/**
 * Where a skinned character's 17 COCO keypoints sit: each a point that moves rigidly with one
 * joint. Body keypoints are the heads of the humanoid bones (shoulder = upper arm, elbow = lower
 * arm, wrist = hand, hip = upper leg, knee = lower leg, ankle = foot); the face points come from
 * the head's vertices: nose = the most forward head vertex, eyes = the eye bones (or beside the
 * nose), ears = the outermost head vertices near eye height. Both players take their anchors
 * from here, so their keypoint annotations agree by construction.
 */

type Vec3 = [number, number, number];

/** A point that moves rigidly with one joint. */
export interface JointAnchor {
  joint: number;
  /** Bind-space position, metres. */
  positionM: Vec3;
}

/** What the anchors are found from: the rig, and the skinned vertices of each mesh primitive. */
export interface AnchorRig {
  /** Humanoid bone (Unity `HumanBodyBones` name) -> joint index. */
  humanoid: Partial<Record<string, number>>;
  /** Parent joint index or -1; parents come before children. */
  jointParents: Int32Array;
  /** Bind-space head (origin) of each joint, 3 per joint. */
  jointHeads: Float64Array;
  primitives: readonly AnchorPrimitive[];
}

export interface AnchorPrimitive {
  /** Bind-space positions (xyz), 4 joints and 4 weights per vertex. */
  positions: Float32Array;
  joints: Uint16Array;
  weights: Float32Array;
  /** Alpha-tested (hair cards, lashes): left out of the face points. */
  masked: boolean;
}

const BODY: readonly [number, string][] = [
  [5, 'LeftUpperArm'],
  [6, 'RightUpperArm'],
  [7, 'LeftLowerArm'],
  [8, 'RightLowerArm'],
  [9, 'LeftHand'],
  [10, 'RightHand'],
  [11, 'LeftUpperLeg'],
  [12, 'RightUpperLeg'],
  [13, 'LeftLowerLeg'],
  [14, 'RightLowerLeg'],
  [15, 'LeftFoot'],
  [16, 'RightFoot'],
];

function jointHead(rig: AnchorRig, bone: string): JointAnchor | null {
  const j = rig.humanoid[bone];
  if (j === undefined) return null;
  return { joint: j, positionM: [rig.jointHeads[j * 3], rig.jointHeads[j * 3 + 1], rig.jointHeads[j * 3 + 2]] };
}

/** The 17 COCO keypoint anchors (null where the rig lacks the bone). */
export function keypointAnchors(rig: AnchorRig): (JointAnchor | null)[] {
  const headJoint = rig.humanoid.Head;
  const anchors: (JointAnchor | null)[] = new Array<JointAnchor | null>(17).fill(null);
  for (const [k, bone] of BODY) anchors[k] = jointHead(rig, bone);
  if (headJoint === undefined) return anchors;
  // Head vertices: those whose strongest joint is the head or one of its descendants.
  const inHead = new Uint8Array(rig.jointParents.length);
  inHead[headJoint] = 1;
  for (let j = 0; j < rig.jointParents.length; j++) if (rig.jointParents[j] >= 0 && inHead[rig.jointParents[j]]) inHead[j] = 1;
  const points: Vec3[] = [];
  for (const p of rig.primitives) {
    if (p.masked) continue;
    for (let i = 0; i < p.positions.length / 3; i++) {
      let best = 0;
      for (let k = 1; k < 4; k++) if (p.weights[i * 4 + k] > p.weights[i * 4 + best]) best = k;
      if (inHead[p.joints[i * 4 + best]]) points.push([p.positions[i * 3], p.positions[i * 3 + 1], p.positions[i * 3 + 2]]);
    }
  }
  if (points.length === 0) return anchors;
  let nose = points[0];
  for (const q of points) if (q[2] > nose[2]) nose = q;
  anchors[0] = { joint: headJoint, positionM: nose };
  const leftEye = jointHead(rig, 'LeftEye');
  const rightEye = jointHead(rig, 'RightEye');
  anchors[1] = leftEye ? { joint: headJoint, positionM: leftEye.positionM } : { joint: headJoint, positionM: [nose[0] + 0.032, nose[1] + 0.035, nose[2] - 0.03] };
  anchors[2] = rightEye ? { joint: headJoint, positionM: rightEye.positionM } : { joint: headJoint, positionM: [nose[0] - 0.032, nose[1] + 0.035, nose[2] - 0.03] };
  const eyeY = (anchors[1].positionM[1] + anchors[2].positionM[1]) / 2;
  let left: Vec3 | null = null;
  let right: Vec3 | null = null;
  for (const q of points) {
    if (Math.abs(q[1] - (eyeY - 0.02)) > 0.025) continue;
    if (!left || q[0] > left[0]) left = q;
    if (!right || q[0] < right[0]) right = q;
  }
  if (left) anchors[3] = { joint: headJoint, positionM: left };
  if (right) anchors[4] = { joint: headJoint, positionM: right };
  return anchors;
}
