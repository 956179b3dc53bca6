import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sizeHistogramSvg, writeClusterReport } from '../../../orchestrator/src/clustering/cluster-report.js';
import type { SdeResult, SdeRound } from '../../../orchestrator/src/clustering/sde.js';
import { SDE_DEFAULTS } from '../../../orchestrator/src/clustering/sde.js';
import { decodeImage, encodePng } from '../../../orchestrator/src/imaging/image-io.js';
import { createRawImage } from '../../../orchestrator/src/imaging/raw-image.js';

describe('cluster report', () => {
  it('counts cluster sizes into the histogram buckets', () => {
    const svg = sizeHistogramSvg([1, 2, 3, 4, 5, 6, 11, 200, 200]);
    // each bar writes its label, then its count
    const texts = [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    const labels = texts.filter((_, k) => k % 2 === 0);
    const counts = texts.filter((_, k) => k % 2 === 1).map(Number);
    expect(labels).toEqual(['1', '2-3', '4', '5', '6-7', '8-10', '11-20', '21-50', '51-100', '>100']);
    expect(counts).toEqual([1, 2, 1, 1, 1, 0, 1, 0, 0, 2]);
  });

  it('draws one sheet row per cluster (medoid framed first) plus a noise row, and links them from the HTML', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-report-'));
    try {
      const colours: [number, number, number][] = [[250, 0, 0], [0, 250, 0], [0, 0, 250], [250, 250, 0], [0, 250, 250]];
      const items = await Promise.all(
        colours.map(async (c, i) => {
          const image = createRawImage(16, 32, 3);
          for (let p = 0; p < 16 * 32; p++) image.data.set(c, 3 * p);
          const file = path.join(dir, `p${i}.png`);
          await writeFile(file, await encodePng(image));
          return { image: `p${i}.png`, file };
        }),
      );
      // round 1: cluster {0, 1, 2} with medoid 1, noise 3 and 4
      const round1: SdeRound = {
        eps: 0.4,
        items: Int32Array.from([0, 1, 2, 3, 4]),
        labels: Int32Array.from([0, 0, 0, -1, -1]),
        isCore: Uint8Array.from([1, 1, 1, 0, 0]),
        clusters: [{ label: 0, members: [0, 1, 2], medoid: 1, medoidMeanDistance: 0.1, distancesToMedoid: [0.2, 0, 0.1], sampled: false }],
        storedPairs: 6,
        timeMs: 1,
      };
      const round2: SdeRound = { ...round1, items: Int32Array.from([1, 3, 4]), labels: Int32Array.from([-1, -1, -1]), clusters: [] };
      const result: SdeResult = { round1, round2, options: { ...SDE_DEFAULTS, engine: 'onnx' } };
      await writeClusterReport(path.join(dir, 'report'), items, [0, 1, 2, 3, 4], result, undefined, { maxPerCluster: 4 });
      const sheet = await decodeImage(await readFile(path.join(dir, 'report', 'round1.png')));
      expect([sheet.width, sheet.height]).toEqual([6 + 2 + 4 * 34, 2 * 66]);
      // row 0: the medoid (item 1, green) first, inside its frame, then item 2 (d 0.1), then item 0 (d 0.2)
      const at = (x: number, y: number): number[] => Array.from(sheet.data.subarray(3 * (y * sheet.width + x), 3 * (y * sheet.width + x) + 3));
      expect(at(8 + 16, 32)).toEqual([0, 250, 0]);
      expect(at(8 + 34 + 16, 32)).toEqual([0, 0, 250]);
      expect(at(8 + 68 + 16, 32)).toEqual([250, 0, 0]);
      // row 1: noise, items 3 and 4
      expect(at(8 + 16, 66 + 32)).toEqual([250, 250, 0]);
      const html = await readFile(path.join(dir, 'report', 'index.html'), 'utf8');
      expect(html).toContain('cluster 0: 3 images');
      expect(html).toContain('noise: 2 images');
      expect(html).toContain('p2.png | distance to medoid 0.100');
      expect(html).toContain("url('round2.png')");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
