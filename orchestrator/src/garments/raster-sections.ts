/**
 * Measurements across a front raster: a garment's outer ends in a row, the torso's ends in a
 * row (the runs over the torso columns halfway between the centre line and each shoulder), and
 * a cross-section along a direction (a sleeve's two edges).
 */
import type { Point2 } from '../geometry/point.js';
import type { DerivationJoints } from './body-joints.js';
import { cannotLocate } from './derivation-errors.js';
import { rowRuns, toPixel, toWorld, covered } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';

/** The pixel row of height `yDm`, clamped into the raster. */
function clampedRow(r: FrontRaster, yDm: number): { y: number; row: number } {
  const [, y] = toPixel(r, [0, yDm]);
  return { y, row: Math.min(r.height - 1, Math.max(0, y)) };
}

/**
 * A column inside the torso on each side (right, left), halfway from the centre line to the
 * shoulder joint (the centre itself may be open, as on a jacket).
 */
export function torsoColumns(r: FrontRaster, j: DerivationJoints): [number, number] {
  return [toPixel(r, [j.shoulder[0][0] / 2, 0])[0], toPixel(r, [j.shoulder[1][0] / 2, 0])[0]];
}

/** The garment's leftmost and rightmost covered points (image left = right side first) at a height. */
export function rowExtremes(r: FrontRaster, yDm: number, model: string): [Point2, Point2] {
  const { y, row } = clampedRow(r, yDm);
  const list = rowRuns(r, row);
  if (list.length === 0) throw cannotLocate(model, `the garment at height ${yDm.toFixed(2)} dm`);
  return [toWorld(r, list[0][0], y), toWorld(r, list[list.length - 1][1], y)];
}

/** The torso's outer ends at a height: per side, the end of the run over (or nearest to) that side's torso column. */
export function torsoEndsAt(r: FrontRaster, yDm: number, j: DerivationJoints, model: string): [Point2, Point2] {
  const { y, row } = clampedRow(r, yDm);
  const runs = rowRuns(r, row);
  const columns = torsoColumns(r, j);
  const ends = [0, 1].map((s) => {
    const column = columns[s];
    const run =
      runs.find(([a, b]) => a <= column && column <= b) ??
      [...runs].sort((a, b) => Math.abs((a[0] + a[1]) / 2 - column) - Math.abs((b[0] + b[1]) / 2 - column))[0];
    if (!run) throw cannotLocate(model, `the torso at height ${yDm.toFixed(2)} dm`);
    return toWorld(r, s === 0 ? run[0] : run[1], y);
  });
  return [ends[0], ends[1]];
}

export interface CrossSection {
  /** The end reached going along `across` (for a sleeve: up and away from the body). */
  outer: Point2;
  /** The end reached going against it. */
  inner: Point2;
}

/**
 * Walks from `from` along `across` (a unit front-view direction, y up) and against it, one pixel
 * step at a time, to the last covered pixel before a gap (gaps in the first 2 steps are crossed).
 */
export function crossSection(r: FrontRaster, from: Point2, across: Point2): CrossSection {
  const start = toPixel(r, from);
  const walk = (sign: number): Point2 => {
    let last = start;
    for (let t = 0; t < r.width + r.height; t++) {
      const x = Math.round(start[0] + sign * across[0] * t);
      const y = Math.round(start[1] - sign * across[1] * t);
      if (covered(r, x, y)) last = [x, y];
      else if (t > 2) break;
    }
    return toWorld(r, last[0], last[1]);
  };
  return { outer: walk(1), inner: walk(-1) };
}
