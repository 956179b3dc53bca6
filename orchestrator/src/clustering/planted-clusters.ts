/**
 * Synthetic features with a planted two-level structure, for tests, benchmarks and eps
 * calibration of distance scales: "looks" (groups of similar-looking people), identities
 * inside a look, and images of each identity; plus unstructured noise rows. All rows are
 * unit vectors, generated from a seed.
 *
 * With Gaussian offsets of norm ~sigma around a unit centre, cos(x, centre) ~ 1 / sqrt(1 +
 * sigma^2), so two images of one identity are at cosine distance ~ sigma_image^2 / (1 +
 * sigma_image^2), and images of two identities of one look are further by the look spread.
 */
import { checkNonNegativeInteger, checkPositiveInteger } from '../shared/check.js';
import { createRandom } from '../shared/random.js';
import type { FeatureMatrix } from '../features/feature-matrix.js';

export interface PlantedClustersOptions {
  /** Rows to generate in total (identity images + noise). */
  n: number;
  /** Dimension (default 512). */
  d?: number;
  /** Images per identity: uniform in [min, max] (default [2, 12]). */
  imagesPerIdentity?: [number, number];
  /** Identities per look: uniform in [min, max] (default [3, 10]). */
  identitiesPerLook?: [number, number];
  /** Offset norm of an identity around its look centre (default 0.75). */
  lookSpread?: number;
  /** Offset norm of an image around its identity centre (default 0.45). */
  imageSpread?: number;
  /** Share of rows that are unstructured noise (default 0.1). */
  noiseFraction?: number;
  seed?: number;
}

export interface PlantedClusters {
  features: FeatureMatrix;
  /** Identity of every row, -1 for noise rows. */
  identity: Int32Array;
  /** Look of every row, -1 for noise rows. */
  look: Int32Array;
}

/** Generates the planted features (deterministic for a seed). */
export function plantedClusters(options: PlantedClustersOptions): PlantedClusters {
  const n = checkPositiveInteger(options.n, 'n');
  const d = checkPositiveInteger(options.d ?? 512, 'd');
  const [imgMin, imgMax] = options.imagesPerIdentity ?? [2, 12];
  const [idMin, idMax] = options.identitiesPerLook ?? [3, 10];
  checkPositiveInteger(imgMin, 'imagesPerIdentity[0]');
  checkPositiveInteger(idMin, 'identitiesPerLook[0]');
  const lookSpread = options.lookSpread ?? 0.75;
  const imageSpread = options.imageSpread ?? 0.45;
  const noiseCount = Math.round(n * (options.noiseFraction ?? 0.1));
  checkNonNegativeInteger(noiseCount, 'noise rows');
  const random = createRandom(options.seed ?? 1);
  const data = new Float32Array(n * d);
  const identity = new Int32Array(n).fill(-1);
  const look = new Int32Array(n).fill(-1);
  const scratch = new Float64Array(d);
  const lookCentre = new Float64Array(d);
  const idCentre = new Float64Array(d);

  const gaussianInto = (out: Float64Array, base: Float64Array | undefined, spread: number): void => {
    const s = spread / Math.sqrt(d);
    let norm = 0;
    for (let k = 0; k < d; k++) {
      out[k] = (base ? base[k] : 0) + random.gaussian(0, base ? s : 1);
      norm += out[k] * out[k];
    }
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < d; k++) out[k] *= scale;
  };

  let row = 0;
  let identityId = 0;
  let lookId = 0;
  const structured = n - noiseCount;
  while (row < structured) {
    gaussianInto(lookCentre, undefined, 1);
    const identities = random.intBetween(idMin, Math.max(idMin, idMax));
    for (let p = 0; p < identities && row < structured; p++) {
      gaussianInto(idCentre, lookCentre, lookSpread);
      const images = random.intBetween(imgMin, Math.max(imgMin, imgMax));
      for (let m = 0; m < images && row < structured; m++) {
        gaussianInto(scratch, idCentre, imageSpread);
        data.set(scratch, row * d);
        identity[row] = identityId;
        look[row] = lookId;
        row++;
      }
      identityId++;
    }
    lookId++;
  }
  for (; row < n; row++) {
    gaussianInto(scratch, undefined, 1);
    data.set(scratch, row * d);
  }
  return { features: { n, d, data }, identity, look };
}
