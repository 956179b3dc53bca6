/**
 * Binary image frames: one WebSocket binary message per rendered camera image, a fixed 24-byte
 * little-endian header followed by the encoded image.
 *
 * | offset | type   | field                                   |
 * | -----: | ------ | --------------------------------------- |
 * |      0 | 4 x u8 | magic `CPFR`                            |
 * |      4 | u16    | header version (1)                      |
 * |      6 | u16    | encoding: 0 raw RGB8, 1 PNG, 2 JPEG     |
 * |      8 | u32    | step                                    |
 * |     12 | u32    | camera index                            |
 * |     16 | u32    | width in pixels                         |
 * |     20 | u32    | height in pixels                        |
 * |     24 | bytes  | payload (raw: width * height * 3 bytes) |
 *
 * @since 1.0.0
 */
import type { ImageEncoding } from './messages.js';
import { ProtocolError } from './protocol-error.js';

export const IMAGE_FRAME_MAGIC = [0x43, 0x50, 0x46, 0x52] as const; // "CPFR"
export const IMAGE_FRAME_HEADER_VERSION = 1;
export const IMAGE_FRAME_HEADER_BYTES = 24;

const ENCODING_CODES: Record<ImageEncoding, number> = { raw: 0, png: 1, jpeg: 2 };
const ENCODINGS: ImageEncoding[] = ['raw', 'png', 'jpeg'];

export interface ImageFrameHeader {
  step: number;
  camera: number;
  widthPx: number;
  heightPx: number;
  encoding: ImageEncoding;
}

export interface ImageFrame extends ImageFrameHeader {
  /** The encoded image (a view into the message bytes). */
  payload: Uint8Array;
}

function checkU32(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new ProtocolError('E_PROTOCOL_MALFORMED', `image frame ${name} must be an unsigned 32-bit integer, got ${value}`);
  }
}

/** Builds a frame message: header + payload in one new buffer. */
export function encodeImageFrame(header: ImageFrameHeader, payload: Uint8Array): Uint8Array {
  checkU32(header.step, 'step');
  checkU32(header.camera, 'camera');
  checkU32(header.widthPx, 'widthPx');
  checkU32(header.heightPx, 'heightPx');
  const code = ENCODING_CODES[header.encoding];
  if (code === undefined) throw new ProtocolError('E_PROTOCOL_MALFORMED', `unknown image encoding ${String(header.encoding)}`);
  const out = new Uint8Array(IMAGE_FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  out.set(IMAGE_FRAME_MAGIC, 0);
  view.setUint16(4, IMAGE_FRAME_HEADER_VERSION, true);
  view.setUint16(6, code, true);
  view.setUint32(8, header.step, true);
  view.setUint32(12, header.camera, true);
  view.setUint32(16, header.widthPx, true);
  view.setUint32(20, header.heightPx, true);
  out.set(payload, IMAGE_FRAME_HEADER_BYTES);
  return out;
}

/**
 * Parses a frame message. Throws {@link ProtocolError} `E_PROTOCOL_MALFORMED` for a short
 * buffer, wrong magic, unknown header version or encoding, zero size, or a raw payload whose
 * length is not width * height * 3.
 */
export function decodeImageFrame(bytes: Uint8Array): ImageFrame {
  if (bytes.length < IMAGE_FRAME_HEADER_BYTES) {
    throw new ProtocolError('E_PROTOCOL_MALFORMED', `image frame of ${bytes.length} bytes is shorter than its ${IMAGE_FRAME_HEADER_BYTES}-byte header`);
  }
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== IMAGE_FRAME_MAGIC[i]) throw new ProtocolError('E_PROTOCOL_MALFORMED', 'image frame does not start with the magic CPFR');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== IMAGE_FRAME_HEADER_VERSION) {
    throw new ProtocolError('E_PROTOCOL_MALFORMED', `image frame header version ${version} is not ${IMAGE_FRAME_HEADER_VERSION}`);
  }
  const encoding = ENCODINGS[view.getUint16(6, true)];
  if (encoding === undefined) throw new ProtocolError('E_PROTOCOL_MALFORMED', `unknown image frame encoding ${view.getUint16(6, true)}`);
  const frame: ImageFrame = {
    step: view.getUint32(8, true),
    camera: view.getUint32(12, true),
    widthPx: view.getUint32(16, true),
    heightPx: view.getUint32(20, true),
    encoding,
    payload: bytes.subarray(IMAGE_FRAME_HEADER_BYTES),
  };
  if (frame.widthPx === 0 || frame.heightPx === 0) throw new ProtocolError('E_PROTOCOL_MALFORMED', 'image frame has zero width or height');
  if (encoding === 'raw' && frame.payload.length !== frame.widthPx * frame.heightPx * 3) {
    throw new ProtocolError(
      'E_PROTOCOL_MALFORMED',
      `raw image frame of ${frame.widthPx}x${frame.heightPx} needs ${frame.widthPx * frame.heightPx * 3} bytes, got ${frame.payload.length}`,
    );
  }
  return frame;
}
