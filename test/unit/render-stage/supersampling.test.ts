/**
 * Supersampling end to end: the render stage's `samplesPerAxis` travels in `camera/setup` to the
 * embedded player (in this process), and the frames it renders differ from unsupersampled ones
 * on the edges of the people and the horizon, not in flat areas.
 */
import { describe, expect, it } from '@jest/globals';
import type { CameraSetupMessage } from '../../../protocol/src/index.js';
import { decodeImage } from '../../../orchestrator/src/imaging/image-io.js';
import type { RawImage } from '../../../orchestrator/src/imaging/raw-image.js';
import { OUT_DIR, characterStore, inProcessRender } from './render-stage-fixtures.js';
import type { InProcessRender } from './render-stage-fixtures.js';

/** The `camera/setup` the orchestrator sent to the first player. */
function sentCameraSetup(render: InProcessRender): CameraSetupMessage {
  const texts = render.transport.sent[0].map((t) => JSON.parse(t) as { type: string });
  return texts.find((m): m is CameraSetupMessage => m.type === 'camera/setup')!;
}

/** Sum of absolute RGB differences of two pixels. */
function rgbDistance(a: RawImage, i: number, b: RawImage, j: number): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i * a.channels + c] - b.data[j * b.channels + c]);
  return sum;
}

/** Whether pixel (x, y) of `image` differs clearly from one of its four neighbours. */
function onEdge(image: RawImage, x: number, y: number): boolean {
  const i = y * image.width + x;
  return [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ].some(([dx, dy]) => {
    const nx = x + dx;
    const ny = y + dy;
    return nx >= 0 && ny >= 0 && nx < image.width && ny < image.height && rgbDistance(image, i, image, ny * image.width + nx) > 30;
  });
}

describe('supersampling through the render stage', () => {
  it('sends samplesPerAxis to the embedded player, which anti-aliases the edges', async () => {
    const singleFiles = await characterStore();
    const doubleFiles = await characterStore();
    const single = inProcessRender(singleFiles, { samplesPerAxis: 1 });
    const double = inProcessRender(doubleFiles, { samplesPerAxis: 2 });
    await single.run();
    await double.run();
    expect(sentCameraSetup(single).cameras.map((c) => c.samplesPerAxis)).toEqual([undefined, undefined]);
    expect(sentCameraSetup(double).cameras.map((c) => c.samplesPerAxis)).toEqual([2, 2]);

    for (const camera of ['front', 'side']) {
      const file = `${OUT_DIR}/frames/${camera}/000002.png`;
      const plain = await decodeImage(await singleFiles.read(file), 'single');
      const smooth = await decodeImage(await doubleFiles.read(file), 'double');
      let changed = 0;
      let changedOnEdges = 0;
      for (let y = 0; y < plain.height; y++) {
        for (let x = 0; x < plain.width; x++) {
          const i = y * plain.width + x;
          if (rgbDistance(plain, i, smooth, i) === 0) continue;
          changed++;
          if (onEdge(plain, x, y)) changedOnEdges++;
        }
      }
      const pixels = plain.width * plain.height;
      expect(changed).toBeGreaterThan(0);
      expect(changed).toBeLessThan(pixels * 0.25);
      // A few changed pixels lie inside thin parts the pixel centres miss; most are on edges.
      expect(changedOnEdges).toBeGreaterThanOrEqual(changed * 0.8);
    }
  });
});
