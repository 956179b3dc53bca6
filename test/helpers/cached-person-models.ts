/**
 * Person models whose outputs are kept on disk, keyed by the model fingerprint, the call and a
 * hash of the photo's pixels: the outputs depend on nothing else, so an evaluation rerun after a
 * change to the garment estimate skips the models. For scripts (no jest imports).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PersonModels } from '../../orchestrator/src/detect/models/person-models.js';
import type { RawImage } from '../../orchestrator/src/imaging/raw-image.js';

export function cachedPersonModels(models: PersonModels, dir: string): PersonModels {
  const keyOf = (image: RawImage, call: string): string =>
    createHash('sha256').update(models.fingerprint).update(call).update(`${image.width}x${image.height}`).update(image.data).digest('hex').slice(0, 32);
  const through = async <T>(image: RawImage, call: string, compute: () => Promise<T>, encode: (v: T) => unknown, decode: (v: unknown) => T): Promise<T> => {
    const file = path.join(dir, `${keyOf(image, call)}.json`);
    try {
      return decode(JSON.parse(await readFile(file, 'utf8')));
    } catch {
      const value = await compute();
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(encode(value)));
      return value;
    }
  };
  return {
    fingerprint: models.fingerprint,
    detect: (image) => through(image, 'detect', () => models.detect(image), (v) => v, (v) => v as Awaited<ReturnType<PersonModels['detect']>>),
    refinePose: (image, box) => through(image, `pose ${box.join(',')}`, () => models.refinePose(image, box), (v) => v, (v) => v as Awaited<ReturnType<PersonModels['refinePose']>>),
    segment: (image, box) =>
      through(
        image,
        `mask ${box.join(',')}`,
        () => models.segment(image, box),
        (m) => ({ ...m, data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('base64') }),
        (v) => {
          const m = v as { box: [number, number, number, number]; widthPx: number; heightPx: number; data: string };
          const bytes = Buffer.from(m.data, 'base64');
          return { ...m, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
        },
      ),
    close: () => models.close(),
  };
}
