/**
 * The template's `cellBox`: the top's torso (its first part) UV box on the cloning stage's
 * 50 x 50 grid over the canvas, outward to whole cells.
 */
import type { Point, Rect, TemplatePart } from '../contracts/garment-template.js';

/** Cells per canvas side. */
export const CELL_GRID = 50;

export function torsoCellBox(parts: readonly TemplatePart[], uvKeypoints: readonly Point[], canvasPx: number): Rect {
  const torsoUv = parts[0].uv.map((i) => uvKeypoints[i - 1]);
  const cell = CELL_GRID / canvasPx;
  return [
    Math.floor(Math.min(...torsoUv.map((p) => p[0])) * cell),
    Math.floor(Math.min(...torsoUv.map((p) => p[1])) * cell),
    Math.ceil(Math.max(...torsoUv.map((p) => p[0])) * cell),
    Math.ceil(Math.max(...torsoUv.map((p) => p[1])) * cell),
  ];
}
