/**
 * The body places garment landmarks are found from: joint heads of MakeHuman's default rig on
 * the reference body, and the body region (torso, neck, arms, legs) a 3D point is nearest to,
 * by its distance to the bone segments.
 */
import type { Point2 } from '../geometry/point.js';
import { ClonedPersonError } from '../shared/errors.js';
import type { Skeleton } from '../makehuman/skeleton.js';

export type V3 = [number, number, number];

/** Joint heads; pairs are [the character's right (-x, image left), left (+x)]. */
export interface DerivationJoints {
  /** neck01. */
  neckBase: V3;
  head: V3;
  /** spine05 (the lower spine). */
  root: V3;
  /** upperarm01. */
  shoulder: [V3, V3];
  /** lowerarm01. */
  elbow: [V3, V3];
  wrist: [V3, V3];
  /** upperleg01. */
  hip: [V3, V3];
  /** lowerleg01. */
  knee: [V3, V3];
  /** foot. */
  ankle: [V3, V3];
}

export type Region = 'torso' | 'neck' | 'armR' | 'armL' | 'legR' | 'legL';

export function sub3(a: V3, b: V3): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function dot3(a: V3, b: V3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** The front-view (x, y) of a 3D point. */
export function frontOf(p: V3): Point2 {
  return [p[0], p[1]];
}

/** Distance from p to segment ab. */
export function segmentDistance(p: V3, a: V3, b: V3): number {
  const ab = sub3(b, a);
  const t = Math.max(0, Math.min(1, dot3(sub3(p, a), ab) / (dot3(ab, ab) || 1)));
  const q: V3 = [a[0] + ab[0] * t, a[1] + ab[1] * t, a[2] + ab[2] * t];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The joints of the default rig the derivation uses; E_ASSET_INVALID when one is missing. */
export function derivationJoints(skeleton: Skeleton): DerivationJoints {
  const head = (name: string): V3 => {
    const i = skeleton.index.get(name);
    if (i === undefined) throw new ClonedPersonError('E_ASSET_INVALID', `characters: garment derivation needs bone ${name} of the default rig`);
    return skeleton.bones[i].head;
  };
  const pair = (bone: string): [V3, V3] => [head(`${bone}.R`), head(`${bone}.L`)];
  return {
    neckBase: head('neck01'),
    head: head('head'),
    root: head('spine05'),
    shoulder: pair('upperarm01'),
    elbow: pair('lowerarm01'),
    wrist: pair('wrist'),
    hip: pair('upperleg01'),
    knee: pair('lowerleg01'),
    ankle: pair('foot'),
  };
}

/** The region whose bone segments pass nearest to `p` (ties: the first listed). */
export function regionOf(p: V3, j: DerivationJoints): Region {
  const candidates: [Region, number][] = [
    ['neck', segmentDistance(p, j.neckBase, j.head)],
    ['torso', segmentDistance(p, j.root, j.neckBase)],
    ['armR', Math.min(segmentDistance(p, j.shoulder[0], j.elbow[0]), segmentDistance(p, j.elbow[0], j.wrist[0]))],
    ['armL', Math.min(segmentDistance(p, j.shoulder[1], j.elbow[1]), segmentDistance(p, j.elbow[1], j.wrist[1]))],
    ['legR', Math.min(segmentDistance(p, j.hip[0], j.knee[0]), segmentDistance(p, j.knee[0], j.ankle[0]))],
    ['legL', Math.min(segmentDistance(p, j.hip[1], j.knee[1]), segmentDistance(p, j.knee[1], j.ankle[1]))],
  ];
  candidates.sort((a, b) => a[1] - b[1]);
  return candidates[0][0];
}
