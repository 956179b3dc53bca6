import { describe, expect, it } from '@jest/globals';
import { evaluateFeatureFiles, evaluateFeatureMatrices } from '../../../orchestrator/src/eval/evaluate.js';
import { encodeNpy } from '../../../orchestrator/src/features/npy.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { createRandom } from '../../../orchestrator/src/shared/random.js';
import { referenceEval } from './market-eval-oracle.js';

const D = 16;

/** Features of `n` images of identities near random centres; Market-style names. */
function side(n: number, seed: number, centres: Float32Array, identities: number) {
  const random = createRandom(seed);
  const pids: number[] = [];
  const cams: number[] = [];
  const data = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    const pid = 1 + random.int(identities);
    pids.push(pid);
    cams.push(1 + random.int(6));
    for (let k = 0; k < D; k++) data[i * D + k] = centres[(pid - 1) * D + k] + random.gaussian(0, 0.9);
  }
  const names = pids.map((pid, i) => `${String(pid).padStart(4, '0')}_c${cams[i]}s1_${String(i).padStart(6, '0')}_00.jpg`);
  return { pids, cams, data, names };
}

/** Cosine distances in float64, row-major. */
function cosine(a: Float32Array, b: Float32Array): Float64Array {
  const na = a.length / D;
  const nb = b.length / D;
  const out = new Float64Array(na * nb);
  const norm = (x: Float32Array, i: number) => Math.sqrt(x.subarray(i * D, (i + 1) * D).reduce((s, v) => s + v * v, 0));
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      let dot = 0;
      for (let k = 0; k < D; k++) dot += a[i * D + k] * b[j * D + k];
      out[i * nb + j] = 1 - dot / (norm(a, i) * norm(b, j));
    }
  }
  return out;
}

describe('evaluateFeatureFiles', () => {
  const random = createRandom(3);
  const centres = Float32Array.from({ length: 40 * D }, () => random.gaussian(0, 1));
  const query = side(60, 1, centres, 40);
  const gallery = side(300, 2, centres, 40);
  // a junk image (pid -1) and a file whose name means nothing, both with features rows
  gallery.names[7] = '-1_c2s1_000007_00.jpg';
  gallery.names[8] = 'notes.jpg';
  const files = createMemoryFileStore({
    '/f/q.npy': encodeNpy(query.data, [60, D]),
    '/f/g.npy': encodeNpy(gallery.data, [300, D]),
    '/f/q.txt': query.names.map((n) => `images/query/${n}\n`).join(''),
    '/f/g.txt': gallery.names.join('\n'),
  });
  const input = { queryFeatures: '/f/q.npy', galleryFeatures: '/f/g.npy', queryList: '/f/q.txt', galleryList: '/f/g.txt' };

  it('agrees with the numpy transcription of torchreid, leaving out junk and unparseable rows', async () => {
    const result = await evaluateFeatureFiles(input, { files, threads: 1 });
    expect(result.source).toMatchObject({ kind: 'features', naming: 'market1501' });
    expect(result.junk).toBe(1);
    expect(result.unparsed).toEqual(['notes.jpg']);
    expect(result.galleryImages).toBe(298);
    const keep = gallery.pids.map((_, j) => j).filter((j) => j !== 7 && j !== 8);
    const keptData = new Float32Array(keep.length * D);
    keep.forEach((j, r) => keptData.set(gallery.data.subarray(j * D, (j + 1) * D), r * D));
    const reference = await referenceEval(
      cosine(query.data, keptData),
      { pids: Int32Array.from(query.pids), cams: Int32Array.from(query.cams) },
      { pids: Int32Array.from(keep.map((j) => gallery.pids[j])), cams: Int32Array.from(keep.map((j) => gallery.cams[j])) },
      50,
    );
    expect(result.validQueries).toBe(reference.validQueries);
    expect(Math.abs(result.mAP - reference.mAP)).toBeLessThan(1e-6);
    result.cmc.forEach((v, k) => expect(Math.abs(v - reference.cmc[k])).toBeLessThan(1e-6));
    expect(result.rank1).toBe(result.cmc[0]);
    expect(result.rank20).toBe(result.cmc[19]);
    expect(result.mAP).toBeGreaterThan(0.2);
    expect(result.mAP).toBeLessThan(0.95);
  });

  it('gives the same numbers with either GEMM engine and a metric change changes them', async () => {
    const onnx = await evaluateFeatureFiles(input, { files, threads: 1 });
    const js = await evaluateFeatureFiles(input, { files, engine: 'js' });
    expect(js.mAP).toBeCloseTo(onnx.mAP, 6);
    expect(js.cmc).toEqual(onnx.cmc);
    const euclidean = await evaluateFeatureFiles(input, { files, metric: 'euclidean', threads: 1 });
    expect(euclidean.metric).toBe('euclidean');
    expect(euclidean.mAP).not.toBeCloseTo(onnx.mAP, 6);
  });

  it('refuses features and lists of different lengths', async () => {
    const short = createMemoryFileStore({ ...Object.fromEntries(files.files), '/f/q.txt': query.names.slice(0, 59).join('\n') });
    await expect(evaluateFeatureFiles(input, { files: short })).rejects.toMatchObject({ code: 'E_EVAL_INVALID', message: expect.stringMatching(/60 rows but \/f\/q.txt names 59 images/) });
  });
});

describe('evaluateFeatureMatrices', () => {
  it('takes any camera keys and returns the top of the ranking of chosen queries', async () => {
    const data = Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.8, 0.3]);
    const gallery = { features: { n: 4, d: 2, data }, pids: [1, 1, 2, 1], cameras: ['a', 'b', 'b', 'a'] };
    const query = { features: { n: 1, d: 2, data: Float32Array.from([1, 0]) }, pids: [1], cameras: ['a'] };
    const { metrics, tops } = await evaluateFeatureMatrices(query, gallery, { keepTopOf: new Set([0]), threads: 1 });
    // same-camera images 0 and 3 are removed: gallery 1 (match) then 2
    expect(tops[0].gallery).toEqual([1, 2]);
    expect(metrics.mAP).toBe(1);
  });
});
