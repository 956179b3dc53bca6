/**
 * The paper's cloth-cell search (section 3.2): the most homogeneous large square block of a
 * garment's feature map.
 */
import { invalidArgument } from '../shared/check.js';
import { ClonedPersonError } from '../shared/errors.js';
import { checkFeatureMap } from './feature-map.js';
import type { FeatureMap } from './feature-map.js';

export interface ClothCell {
  /** Top row and left column of the block on the feature grid. */
  row: number;
  col: number;
  /** Side of the square block, in feature cells (2 .. floor(width / 2)). */
  size: number;
  /** Mean over channels of the std of the L2-normalised block values, divided by size^2. */
  score: number;
}

/** PyTorch's F.normalize epsilon: norms below it divide by it instead. */
const NORM_EPSILON = 1e-12;

/**
 * Searches every square block of side k = 2 .. floor(W / 2) that lies entirely inside `mask`
 * (height*width, nonzero = inside). A block's score is, for each channel, the k*k values
 * L2-normalised then their sample standard deviation (divide by k*k - 1), averaged over
 * channels and divided by k*k, so large uniform blocks score lowest. The lowest score wins;
 * ties go to the larger block, then the upper, then the left one.
 *
 * The deviation is computed in two passes (mean, then squared deviations), so a perfectly
 * uniform block scores exactly 0. Throws E_NO_CLOTH_CELL when no block fits inside the mask.
 */
export function findClothCell(features: FeatureMap, mask: Uint8Array): ClothCell {
  checkFeatureMap(features);
  const { channels, height, width, data } = features;
  const plane = height * width;
  if (!(mask instanceof Uint8Array) || mask.length !== plane) throw invalidArgument(`Uint8Array of length ${plane}`, 'mask', mask);
  // summed-area table of the mask: a block is usable when all k*k cells are inside
  const sat = new Int32Array((height + 1) * (width + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += mask[y * width + x] !== 0 ? 1 : 0;
      sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + rowSum;
    }
  }
  const insideCount = (row: number, col: number, k: number): number =>
    sat[(row + k) * (width + 1) + col + k] - sat[row * (width + 1) + col + k] - sat[(row + k) * (width + 1) + col] + sat[row * (width + 1) + col];

  let best: ClothCell | undefined;
  for (let k = 2; k <= Math.floor(width / 2); k++) {
    const n = k * k;
    for (let row = 0; row + k <= height; row++) {
      for (let col = 0; col + k <= width; col++) {
        if (insideCount(row, col, k) !== n) continue;
        let stdSum = 0;
        for (let c = 0; c < channels; c++) {
          const base = c * plane + row * width + col;
          let sum = 0;
          let sumSquares = 0;
          for (let i = 0; i < k; i++) {
            const rowBase = base + i * width;
            for (let j = 0; j < k; j++) {
              const v = data[rowBase + j];
              sum += v;
              sumSquares += v * v;
            }
          }
          const mean = sum / n;
          let deviations = 0;
          for (let i = 0; i < k; i++) {
            const rowBase = base + i * width;
            for (let j = 0; j < k; j++) {
              const d = data[rowBase + j] - mean;
              deviations += d * d;
            }
          }
          stdSum += Math.sqrt(deviations / (n - 1)) / Math.max(Math.sqrt(sumSquares), NORM_EPSILON);
        }
        const score = stdSum / channels / n;
        // blocks are visited by increasing size, then row, then column: ties keep the larger
        // block (later k) but not a later position of the same size
        if (!best || score < best.score || (score === best.score && k > best.size)) best = { row, col, size: k, score };
      }
    }
  }
  if (!best) {
    throw new ClonedPersonError(
      'E_NO_CLOTH_CELL',
      `no 2x2 or larger block of the ${width}x${height} feature grid lies inside the garment mask`,
      { details: { width, height, insideCells: sat[height * (width + 1) + width] } },
    );
  }
  return best;
}
