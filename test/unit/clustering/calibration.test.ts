import { describe, expect, it } from '@jest/globals';
import { calibrateEps, formatCalibrationReport, pairwiseScores } from '../../../orchestrator/src/clustering/calibration.js';
import { createNeighbourEngine } from '../../../orchestrator/src/features/neighbour-search.js';
import { plantedClusters } from '../../../orchestrator/src/clustering/planted-clusters.js';

describe('calibration', () => {
  it('scores a clustering by pairwise precision and recall', () => {
    // truth {0,1,2}, {3,4}; clusters {0,1}, {2,3,4}: pairs predicted 1 + 3 = 4, true 3 + 1 = 4,
    // both: (0,1) and (3,4) = 2 -> precision 0.5, recall 0.5
    const scores = pairwiseScores(new Int32Array([0, 0, 1, 1, 1]), new Int32Array([0, 0, 0, 1, 1]));
    expect(scores).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    // noise counts as singletons: no predicted pairs
    expect(pairwiseScores(new Int32Array([-1, -1]), new Int32Array([0, 0]))).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('finds eps between the planted identity and look distance scales', async () => {
    // identity images at cosine distance ~0.08, identities of a look ~0.35, looks ~1 apart
    const planted = plantedClusters({ n: 500, d: 32, seed: 5, imageSpread: 0.3, lookSpread: 0.7, noiseFraction: 0.05 });
    const engine = createNeighbourEngine('onnx', 1);
    try {
      const report = await calibrateEps(planted.features, { metric: 'cosine', rerank: false, minSamples: 3, engine, identity: planted.identity, look: planted.look });
      expect(report.suggested).toBeDefined();
      const [eps1, eps2] = report.suggested!;
      expect(eps1).toBeGreaterThan(0.05);
      expect(eps1).toBeLessThan(0.25);
      expect(eps2).toBeGreaterThan(eps1);
      expect(report.round1!.best.f1).toBeGreaterThan(0.8);
      expect(report.round2!.best.f1).toBeGreaterThan(0.5);
      expect(report.nearest.p50).toBeLessThan(report.kDistance.p95);
      expect(formatCalibrationReport(report)).toMatch(/suggested eps: 0\.\d\d,0\.\d\d/);
      // without labels: distributions only
      const unlabelled = await calibrateEps(planted.features, { metric: 'cosine', rerank: true, minSamples: 3, engine });
      expect(unlabelled.suggested).toBeUndefined();
      expect(formatCalibrationReport(unlabelled)).toMatch(/no labels given/);
    } finally {
      await engine.close();
    }
  });
});
