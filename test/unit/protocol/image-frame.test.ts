import { describe, expect, it } from '@jest/globals';
import { IMAGE_FRAME_HEADER_BYTES, ProtocolError, decodeImageFrame, encodeImageFrame } from '../../../protocol/src/index.js';

describe('image frames', () => {
  it('lays out the 24-byte little-endian header as documented', () => {
    const bytes = encodeImageFrame({ step: 0x01020304, camera: 5, widthPx: 640, heightPx: 480, encoding: 'jpeg' }, new Uint8Array([9, 8, 7]));
    expect(IMAGE_FRAME_HEADER_BYTES).toBe(24);
    // Hand-written expectation: "CPFR", version 1, encoding 2, then u32 fields little-endian.
    expect(Array.from(bytes)).toEqual([
      0x43, 0x50, 0x46, 0x52, 1, 0, 2, 0, 4, 3, 2, 1, 5, 0, 0, 0, 0x80, 2, 0, 0, 0xe0, 1, 0, 0, 9, 8, 7,
    ]);
  });

  it('round-trips header and payload', () => {
    const payload = new Uint8Array(2 * 3 * 3).map((_, i) => i);
    const frame = decodeImageFrame(encodeImageFrame({ step: 7, camera: 1, widthPx: 2, heightPx: 3, encoding: 'raw' }, payload));
    expect(frame).toMatchObject({ step: 7, camera: 1, widthPx: 2, heightPx: 3, encoding: 'raw' });
    expect(Array.from(frame.payload)).toEqual(Array.from(payload));
  });

  it('decodes from a view with a byte offset (as sockets deliver)', () => {
    const bytes = encodeImageFrame({ step: 1, camera: 0, widthPx: 1, heightPx: 1, encoding: 'png' }, new Uint8Array([1, 2]));
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 5);
    expect(decodeImageFrame(padded.subarray(5))).toMatchObject({ step: 1, encoding: 'png' });
  });

  it('refuses short, foreign, unknown-version, unknown-encoding and wrong-size frames', () => {
    const good = encodeImageFrame({ step: 1, camera: 0, widthPx: 2, heightPx: 2, encoding: 'raw' }, new Uint8Array(12));
    const cases: Uint8Array[] = [good.subarray(0, 10)];
    const magic = good.slice();
    magic[0] = 0x58;
    cases.push(magic);
    const version = good.slice();
    version[4] = 9;
    cases.push(version);
    const encoding = good.slice();
    encoding[6] = 7;
    cases.push(encoding);
    cases.push(good.subarray(0, good.length - 1));
    for (const bytes of cases) {
      expect(() => decodeImageFrame(bytes)).toThrow(ProtocolError);
      try {
        decodeImageFrame(bytes);
      } catch (error) {
        expect((error as ProtocolError).code).toBe('E_PROTOCOL_MALFORMED');
      }
    }
  });
});
