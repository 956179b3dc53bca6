/**
 * Contract: a render folder. Producer: the render stage (one folder per scene variant).
 * Consumers: dataset (crops), run (status), users.
 * ```
 * <out>/render.json              RenderRecord, written last: the variant's completion record
 * <out>/annotations.jsonl        AnnotationLine per (step, camera, person seen)
 * <out>/frames/<camera>/<step>.<jpg|png>   one image per camera and rendered step (6-digit step)
 * <out>/scene.json               the resolved scene spec
 * <out>/player.log               the player's output
 * ```
 * Boxes are [x0, y0, x1, y1] in frame pixels (x1/y1 exclusive); keypoints are COCO-17
 * [x, y, v] with v = 0 outside the image, 1 occluded, 2 visible.
 */
import { defineJsonContract, defineJsonlContract } from './contract.js';
import type { Count, ImageBoxPx } from './selection.js';

export const RENDER_FILES = { record: 'render.json', annotations: 'annotations.jsonl', scene: 'scene.json', playerLog: 'player.log' } as const;

/** A frame's path relative to the render folder. */
export function framePath(cameraName: string, step: number, encoding: 'jpeg' | 'png'): string {
  return `frames/${cameraName}/${String(step).padStart(6, '0')}.${encoding === 'jpeg' ? 'jpg' : 'png'}`;
}

/** One camera of the render. */
export interface RenderCamera {
  index: Count;
  name: string;
  /** @asType integer */
  widthPx: number;
  /** @asType integer */
  heightPx: number;
  fovDeg: number;
  positionM: [number, number, number];
  lookAtM: [number, number, number];
}

/** `render.json`. */
export interface RenderRecord {
  formatVersion: 1;
  /** The scene variant's name. */
  scene: string;
  seed: Count;
  fps: number;
  /** Steps rendered: 0 .. steps-1. */
  steps: Count;
  cameras: RenderCamera[];
  /** Character ids (folder names) in the scene. */
  characters: string[];
  /** The player's engine as it introduced itself (`embedded 0.1.0`). */
  player: string;
  restarts: Count;
  frames: Count;
  annotations: Count;
  /** Choreography statistics (people, paths, minimum gap). */
  choreography: Record<string, unknown>;
  /** Input key over everything that shaped the render (shared/input-key.ts). */
  inputKey: string;
}

/** One line of `annotations.jsonl`: one person seen by one camera in one step. */
export interface AnnotationLine {
  step: Count;
  timeS: number;
  /** The camera's name. */
  camera: string;
  /** @asType integer */
  personId: number;
  /** The character this person shows (null for an unknown person). */
  characterId: string | null;
  /** The frame image, relative to the render folder. */
  frame: string;
  /** Box of the visible pixels (null when none is visible). */
  visibleBox: ImageBoxPx | null;
  /** Box of the whole projected person, not clipped to the frame (null when behind the camera). */
  amodalBox: ImageBoxPx | null;
  /**
   * Visible pixels / pixels the person would cover in the frame with no occluders.
   * @minimum 0
   * @maximum 1
   */
  visibleFraction: number;
  /** @minimum 0 */
  visiblePixels: number;
  /** COCO-17 keypoints [x, y, v] (empty when the player reports none). */
  keypoints: [number, number, number][];
  /** Distance of the hips in front of the camera along its axis, metres. */
  depthM: number;
}

export const RENDER_RECORD_CONTRACT = defineJsonContract<RenderRecord>({
  type: 'RenderRecord',
  formatVersion: 1,
  errorCode: 'E_RENDER_INVALID',
});

export const ANNOTATION_LINE_CONTRACT = defineJsonlContract<AnnotationLine>({
  type: 'AnnotationLine',
  formatVersion: 1,
  errorCode: 'E_RENDER_INVALID',
  check(line, fail) {
    if (line.keypoints.length !== 0 && line.keypoints.length !== 17) fail('/keypoints', `expected 17 COCO keypoints or none, got ${line.keypoints.length}`);
  },
});
