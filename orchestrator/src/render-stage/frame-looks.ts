/**
 * The camera look at the file edge: a frame of a camera with a look arrives lossless (raw or
 * PNG), gets the look (camera-look.ts, seeded by scene seed, camera and step, so reruns give the
 * same bytes) and is encoded in the run's encoding, JPEG at the look's quality when it has one.
 * Frames of cameras without a look pass through as the player encoded them.
 */
import type { ImageFrame } from '../../../protocol/src/index.js';
import { decodeImage, encodeJpeg, encodePng } from '../imaging/image-io.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { SceneCamera } from '../scene/scene-spec.js';
import { deriveSeed } from '../shared/random.js';
import { applyCameraLook } from './camera-look.js';
import type { FrameEncoding } from './wire-conversions.js';

/** The seed of a camera's look noise at a step. */
export function lookSeed(sceneSeed: number, cameraName: string, step: number): number {
  return deriveSeed(sceneSeed, 'look', cameraName, step);
}

async function frameImage(frame: ImageFrame, where: string): Promise<RawImage> {
  if (frame.encoding === 'raw') return { width: frame.widthPx, height: frame.heightPx, channels: 3, data: frame.payload };
  const image = await decodeImage(frame.payload, where);
  return image.channels === 3 ? image : { width: image.width, height: image.height, channels: 3, data: dropAlpha(image) };
}

function dropAlpha(image: RawImage): Uint8Array {
  const out = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, n = image.width * image.height; i < n; i++) {
    const g = image.channels < 3;
    out[i * 3] = image.data[i * image.channels];
    out[i * 3 + 1] = image.data[i * image.channels + (g ? 0 : 1)];
    out[i * 3 + 2] = image.data[i * image.channels + (g ? 0 : 2)];
  }
  return out;
}

/** The bytes to write for one frame of `camera` at `step`. */
export async function finishFrame(frame: ImageFrame, camera: SceneCamera, sceneSeed: number, encoding: FrameEncoding, jpegQuality: number): Promise<Uint8Array> {
  if (!camera.look) return frame.payload;
  const image = applyCameraLook(await frameImage(frame, `camera ${camera.name} step ${frame.step}`), camera.look, lookSeed(sceneSeed, camera.name, frame.step));
  return encoding === 'jpeg' ? new Uint8Array(await encodeJpeg(image, camera.look.jpegQuality ?? jpegQuality)) : new Uint8Array(await encodePng(image, 6));
}
