import { describe, expect, it } from '@jest/globals';
import { decodeImage } from '../../../orchestrator/src/imaging/image-io.js';
import { encodePngDeterministic } from '../../../orchestrator/src/environments/png-encoder.js';

describe('the deterministic PNG encoder', () => {
  it('writes RGB and RGBA images that sharp (libpng) decodes to the same pixels', async () => {
    for (const channels of [3, 4] as const) {
      const width = 37, height = 19;
      const data = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 97 + (i >> 3)) & 255);
      const decoded = await decodeImage(encodePngDeterministic({ width, height, channels, data }), 'png');
      expect([decoded.width, decoded.height, decoded.channels]).toEqual([width, height, channels]);
      expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(data))).toBe(0);
    }
  });

  it('refuses other channel counts', () => {
    expect(() => encodePngDeterministic({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) })).toThrow(/3 or 4 channels/);
  });
});
