/**
 * The image type of every pure core: interleaved 8-bit pixels, row-major, no padding.
 * sharp and onnxruntime stay at the edges (see image-io.ts).
 */
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';

export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/** A zero-filled (black, transparent) image. */
export function createRawImage(width: number, height: number, channels: 1 | 3 | 4): RawImage {
  checkPositiveInteger(width, 'width');
  checkPositiveInteger(height, 'height');
  return { width, height, channels, data: new Uint8Array(width * height * channels) };
}

/** Checks shape and buffer length; returns the image for chaining. */
export function checkRawImage(image: RawImage, name = 'image'): RawImage {
  if (typeof image !== 'object' || image === null) throw invalidArgument('RawImage', name, image);
  checkPositiveInteger(image.width, `${name}.width`);
  checkPositiveInteger(image.height, `${name}.height`);
  if (image.channels !== 1 && image.channels !== 3 && image.channels !== 4) {
    throw invalidArgument('1, 3 or 4', `${name}.channels`, image.channels);
  }
  if (!(image.data instanceof Uint8Array) || image.data.length !== image.width * image.height * image.channels) {
    throw invalidArgument(
      `Uint8Array of length ${image.width * image.height * image.channels}`,
      `${name}.data`,
      image.data,
    );
  }
  return image;
}

/** Converts to `channels` (gray <-> RGB <-> RGBA); alpha is dropped or set opaque. */
export function convertChannels(image: RawImage, channels: 1 | 3 | 4): RawImage {
  if (image.channels === channels) return image;
  const out = createRawImage(image.width, image.height, channels);
  const n = image.width * image.height;
  const src = image.data;
  const dst = out.data;
  const sc = image.channels;
  for (let i = 0; i < n; i++) {
    const s = i * sc;
    const r = src[s];
    const g = sc === 1 ? r : src[s + 1];
    const b = sc === 1 ? r : src[s + 2];
    const d = i * channels;
    if (channels === 1) {
      dst[d] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    } else {
      dst[d] = r;
      dst[d + 1] = g;
      dst[d + 2] = b;
      if (channels === 4) dst[d + 3] = sc === 4 ? src[s + 3] : 255;
    }
  }
  return out;
}

/** Copies the rectangle [x, x+width) x [y, y+height), which must lie inside the image. */
export function cropImage(image: RawImage, x: number, y: number, width: number, height: number): RawImage {
  if (x < 0 || y < 0 || x + width > image.width || y + height > image.height) {
    throw invalidArgument(`rectangle inside ${image.width}x${image.height}`, 'crop', `${x},${y},${width}x${height}`);
  }
  const out = createRawImage(width, height, image.channels);
  const rowBytes = width * image.channels;
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * image.channels;
    out.data.set(image.data.subarray(start, start + rowBytes), row * rowBytes);
  }
  return out;
}

/**
 * The pixels of a box [x1, y1, x2, y2] (fractional pixel coordinates, rounded outwards),
 * clamped to the image; undefined when nothing of the box lies inside.
 */
export function cropToBox(image: RawImage, box: readonly [number, number, number, number]): RawImage | undefined {
  const x1 = Math.max(0, Math.floor(box[0]));
  const y1 = Math.max(0, Math.floor(box[1]));
  const x2 = Math.min(image.width, Math.ceil(box[2]));
  const y2 = Math.min(image.height, Math.ceil(box[3]));
  if (x2 <= x1 || y2 <= y1) return undefined;
  return cropImage(image, x1, y1, x2 - x1, y2 - y1);
}

/** Pastes `source` into `target` at (x, y), clipping at the target's borders (in place). */
export function pasteImage(target: RawImage, source: RawImage, x: number, y: number): void {
  if (source.channels !== target.channels) throw invalidArgument(`${target.channels} channels`, 'source', source.channels);
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(target.width, x + source.width);
  const y1 = Math.min(target.height, y + source.height);
  if (x1 <= x0 || y1 <= y0) return;
  const c = target.channels;
  for (let ty = y0; ty < y1; ty++) {
    const s = ((ty - y) * source.width + (x0 - x)) * c;
    target.data.set(source.data.subarray(s, s + (x1 - x0) * c), (ty * target.width + x0) * c);
  }
}
