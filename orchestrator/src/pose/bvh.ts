/**
 * BVH (Biovision hierarchy) motion capture files: the joint tree with offsets and channels,
 * then one line of channel values per frame. Pure: text in, typed data out. Rotation channels
 * compose in the order they are listed (`Zrotation Yrotation Xrotation` is R = Rz * Ry * Rx,
 * applied to the joint's local vectors), in degrees; a joint's position in its parent is its
 * OFFSET plus any position channels.
 */
import { ClonedPersonError } from '../shared/errors.js';
import { quatFromAxisAngle, quatMultiply, quatRotateVector } from './quaternion.js';
import type { Quat, Vec3Like } from './quaternion.js';

export type BvhChannel = 'Xposition' | 'Yposition' | 'Zposition' | 'Xrotation' | 'Yrotation' | 'Zrotation';

const CHANNELS: readonly BvhChannel[] = ['Xposition', 'Yposition', 'Zposition', 'Xrotation', 'Yrotation', 'Zrotation'];

export interface BvhJoint {
  name: string;
  /** Index of the parent joint, -1 for the root. Parents come before children. */
  parent: number;
  /** Position of the joint in its parent's frame (file units). */
  offset: Vec3Like;
  channels: BvhChannel[];
  /** Index of the joint's first channel in a frame's values. */
  channelStart: number;
  /** The End Site offset, when the joint has one (the tip of a chain). */
  endSite?: Vec3Like;
}

export interface BvhClip {
  joints: BvhJoint[];
  frameTimeS: number;
  frameCount: number;
  channelCount: number;
  /** frameCount x channelCount values, frame-major. */
  motion: Float64Array;
}

function fail(source: string, line: number, message: string): never {
  throw new ClonedPersonError('E_MOTION_INVALID', `${source}: line ${line}: ${message}`, { details: { file: source, line } });
}

/** Parses a BVH file's text. Throws E_MOTION_INVALID naming the line at fault. */
export function parseBvh(text: string, source = 'bvh'): BvhClip {
  const lines = text.split(/\r?\n/);
  let index = 0;
  // Tokens of the hierarchy, each with its line number.
  const tokens: { word: string; line: number }[] = [];
  for (; index < lines.length; index++) {
    const trimmed = lines[index].trim();
    if (/^MOTION\b/.test(trimmed)) break;
    for (const word of trimmed.split(/\s+/)) if (word) tokens.push({ word, line: index + 1 });
  }
  if (index >= lines.length) fail(source, lines.length, 'no MOTION section');
  let t = 0;
  const next = (): { word: string; line: number } => {
    if (t >= tokens.length) fail(source, index, 'the hierarchy ends early');
    return tokens[t++];
  };
  const expect = (word: string): void => {
    const token = next();
    if (token.word !== word) fail(source, token.line, `expected ${word} but found ${token.word}`);
  };
  const number = (): number => {
    const token = next();
    const value = Number(token.word);
    if (!Number.isFinite(value)) fail(source, token.line, `expected a number but found ${token.word}`);
    return value;
  };
  const joints: BvhJoint[] = [];
  let channelCount = 0;
  const readJoint = (name: string, parent: number): void => {
    expect('{');
    const self = joints.length;
    const joint: BvhJoint = { name, parent, offset: [0, 0, 0], channels: [], channelStart: channelCount };
    joints.push(joint);
    for (;;) {
      const token = next();
      if (token.word === '}') return;
      if (token.word === 'OFFSET') joint.offset = [number(), number(), number()];
      else if (token.word === 'CHANNELS') {
        const count = number();
        for (let k = 0; k < count; k++) {
          const channel = next();
          if (!CHANNELS.includes(channel.word as BvhChannel)) fail(source, channel.line, `unknown channel ${channel.word}`);
          joint.channels.push(channel.word as BvhChannel);
        }
        joint.channelStart = channelCount;
        channelCount += count;
      } else if (token.word === 'JOINT') readJoint(next().word, self);
      else if (token.word === 'End') {
        expect('Site');
        expect('{');
        expect('OFFSET');
        joint.endSite = [number(), number(), number()];
        expect('}');
      } else fail(source, token.line, `unexpected ${token.word}`);
    }
  };
  expect('HIERARCHY');
  expect('ROOT');
  readJoint(next().word, -1);
  if (t < tokens.length) fail(source, tokens[t].line, `unexpected ${tokens[t].word} after the root joint`);
  const names = new Set<string>();
  for (const joint of joints) {
    if (names.has(joint.name)) fail(source, 1, `joint ${joint.name} appears twice`);
    names.add(joint.name);
  }

  const header = (prefix: RegExp, what: string): number => {
    index++;
    const match = prefix.exec((lines[index] ?? '').trim());
    if (!match) fail(source, index + 1, `expected ${what}`);
    const value = Number(match[1]);
    if (!Number.isFinite(value)) fail(source, index + 1, `expected ${what}`);
    return value;
  };
  const frameCount = header(/^Frames:\s*(\S+)$/, '"Frames: <count>"');
  if (!Number.isInteger(frameCount) || frameCount < 1) fail(source, index + 1, `expected a positive frame count but found ${frameCount}`);
  const frameTimeS = header(/^Frame Time:\s*(\S+)$/, '"Frame Time: <seconds>"');
  if (frameTimeS <= 0) fail(source, index + 1, 'the frame time must be positive');
  const motion = new Float64Array(frameCount * channelCount);
  let frame = 0;
  for (index++; index < lines.length && frame < frameCount; index++) {
    const trimmed = lines[index].trim();
    if (!trimmed) continue;
    const values = trimmed.split(/\s+/);
    if (values.length !== channelCount) fail(source, index + 1, `frame ${frame} has ${values.length} values, expected ${channelCount}`);
    for (let c = 0; c < channelCount; c++) {
      const value = Number(values[c]);
      if (!Number.isFinite(value)) fail(source, index + 1, `frame ${frame}: ${values[c]} is not a number`);
      motion[frame * channelCount + c] = value;
    }
    frame++;
  }
  if (frame < frameCount) fail(source, lines.length, `the header announces ${frameCount} frames but ${frame} follow`);
  return { joints, frameTimeS, frameCount, channelCount, motion };
}

const AXES: Record<string, Vec3Like> = { X: [1, 0, 0], Y: [0, 1, 0], Z: [0, 0, 1] };
const DEG = Math.PI / 180;

/** A frame's local pose: one rotation per joint (4 numbers each) and each joint's position in its parent. */
export interface BvhLocalPose {
  rotations: Float64Array;
  translations: Float64Array;
}

/** The local rotations and translations of every joint in `frame`. */
export function bvhLocalPose(clip: BvhClip, frame: number, out?: BvhLocalPose): BvhLocalPose {
  const n = clip.joints.length;
  const pose = out ?? { rotations: new Float64Array(n * 4), translations: new Float64Array(n * 3) };
  const values = clip.motion.subarray(frame * clip.channelCount, (frame + 1) * clip.channelCount);
  const q: Quat = [0, 0, 0, 1];
  const axis: Quat = [0, 0, 0, 1];
  clip.joints.forEach((joint, j) => {
    q[0] = q[1] = q[2] = 0;
    q[3] = 1;
    const position: Vec3Like = [joint.offset[0], joint.offset[1], joint.offset[2]];
    joint.channels.forEach((channel, k) => {
      const value = values[joint.channelStart + k];
      const axisName = channel[0];
      if (channel.endsWith('position')) position['XYZ'.indexOf(axisName)] += value;
      else quatMultiply(q, q, quatFromAxisAngle(axis, AXES[axisName], value * DEG));
    });
    pose.rotations.set(q, j * 4);
    pose.translations.set(position, j * 3);
  });
  return pose;
}

/** Global (clip-space) rotations and positions of every joint for a local pose. */
export function bvhGlobalPose(clip: BvhClip, local: BvhLocalPose): { rotations: Float64Array; positions: Float64Array } {
  const n = clip.joints.length;
  const rotations = new Float64Array(n * 4);
  const positions = new Float64Array(n * 3);
  const q: Quat = [0, 0, 0, 1];
  const parentQ: Quat = [0, 0, 0, 1];
  const v: Vec3Like = [0, 0, 0];
  clip.joints.forEach((joint, j) => {
    const lq = local.rotations.subarray(j * 4, j * 4 + 4);
    const lt = local.translations.subarray(j * 3, j * 3 + 3);
    if (joint.parent < 0) {
      rotations.set(lq, j * 4);
      positions.set(lt, j * 3);
      return;
    }
    const p = joint.parent;
    parentQ[0] = rotations[p * 4];
    parentQ[1] = rotations[p * 4 + 1];
    parentQ[2] = rotations[p * 4 + 2];
    parentQ[3] = rotations[p * 4 + 3];
    quatMultiply(q, parentQ, lq);
    rotations.set(q, j * 4);
    quatRotateVector(v, parentQ, lt);
    positions[j * 3] = positions[p * 3] + v[0];
    positions[j * 3 + 1] = positions[p * 3 + 1] + v[1];
    positions[j * 3 + 2] = positions[p * 3 + 2] + v[2];
  });
  return { rotations, positions };
}

