/**
 * A matrix of N feature vectors of dimension D, row-major float32 (the in-memory twin of a
 * `[N, D]` float32 `.npy` file), and the checks every clustering input goes through.
 */
import { ClonedPersonError } from '../shared/errors.js';

export interface FeatureMatrix {
  /** Number of rows (images). */
  n: number;
  /** Dimension of each row. */
  d: number;
  /** n * d values, row i at [i * d, (i + 1) * d). */
  data: Float32Array;
}

/** Row i as a view (no copy). */
export function featureRow(features: FeatureMatrix, i: number): Float32Array {
  return features.data.subarray(i * features.d, (i + 1) * features.d);
}

export interface FeatureCheckOptions {
  /** Refuse rows whose L2 norm is zero (cosine distance is undefined for them). */
  rejectZeroRows?: boolean;
  /** Expected dimension, when known (a model description's `dim`). */
  expectedDim?: number;
  /** Expected number of rows, when known (the image list). */
  expectedRows?: number;
  /** A label for messages, e.g. the file name. */
  label?: string;
}

/**
 * Checks shape and values: non-empty, every value finite, optional zero-row, D and N checks.
 * Throws E_FEATURES_INVALID naming the first offending row.
 */
export function checkFeatureMatrix(features: FeatureMatrix, options: FeatureCheckOptions = {}): FeatureMatrix {
  const label = options.label ?? 'features';
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw new ClonedPersonError('E_FEATURES_INVALID', `${label}: ${message}`, { details: { label, ...details } });
  };
  if (!(features.data instanceof Float32Array)) fail('data must be a Float32Array');
  if (!Number.isInteger(features.n) || !Number.isInteger(features.d) || features.n < 0 || features.d < 0) {
    fail(`bad shape [${features.n}, ${features.d}]`);
  }
  if (features.n === 0) fail('no feature rows (empty input)');
  if (features.d === 0) fail('feature dimension is 0');
  if (features.data.length !== features.n * features.d) {
    fail(`has ${features.data.length} values, expected ${features.n} x ${features.d}`);
  }
  if (options.expectedDim !== undefined && features.d !== options.expectedDim) {
    fail(`dimension ${features.d} does not match the expected ${options.expectedDim}`, { expected: options.expectedDim, actual: features.d });
  }
  if (options.expectedRows !== undefined && features.n !== options.expectedRows) {
    fail(`has ${features.n} rows but the image list has ${options.expectedRows}`, { expected: options.expectedRows, actual: features.n });
  }
  const { n, d, data } = features;
  for (let i = 0; i < n; i++) {
    let norm = 0;
    const base = i * d;
    for (let k = 0; k < d; k++) {
      const v = data[base + k];
      if (!Number.isFinite(v)) fail(`row ${i} holds a non-finite value (${v}) at column ${k}`, { row: i, column: k });
      norm += v * v;
    }
    if (options.rejectZeroRows && norm === 0) fail(`row ${i} has zero norm (cosine distance is undefined)`, { row: i });
  }
  return features;
}

/** Squared L2 norm of every row, in float64. */
export function rowNormsSquared(features: FeatureMatrix): Float64Array {
  const out = new Float64Array(features.n);
  const { d, data } = features;
  for (let i = 0; i < features.n; i++) {
    let s = 0;
    for (let k = i * d, end = k + d; k < end; k++) s += data[k] * data[k];
    out[i] = s;
  }
  return out;
}

/** A copy with every row scaled to unit L2 norm (rows of norm 0 stay 0). */
export function normaliseRows(features: FeatureMatrix): FeatureMatrix {
  const norms = rowNormsSquared(features);
  const data = new Float32Array(features.data.length);
  const { d } = features;
  for (let i = 0; i < features.n; i++) {
    const scale = norms[i] > 0 ? 1 / Math.sqrt(norms[i]) : 0;
    for (let k = i * d, end = k + d; k < end; k++) data[k] = features.data[k] * scale;
  }
  return { n: features.n, d, data };
}

/** The rows at `indices`, in that order (copies). */
export function selectRows(features: FeatureMatrix, indices: ArrayLike<number>): FeatureMatrix {
  const { d } = features;
  const data = new Float32Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) data.set(features.data.subarray(indices[r] * d, (indices[r] + 1) * d), r * d);
  return { n: indices.length, d, data };
}
