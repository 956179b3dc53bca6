/** Shared fixtures of the cluster integration tests: synthetic people written as PNG files. */
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { syntheticPeople } from '../../orchestrator/src/clustering/synthetic-people.js';
import { encodePng } from '../../orchestrator/src/imaging/image-io.js';

/** Writes `<look>/<identity>/<view>.png` for `looks` looks; returns the folder and labels. */
export async function writeSyntheticPeople(looks: number, seed = 3): Promise<{ dir: string; images: string[]; identity: Int32Array; look: Int32Array }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-cluster-'));
  const people = syntheticPeople({ looks, seed });
  const images = people.images.map((_, i) => `look${String(people.look[i]).padStart(2, '0')}/id${String(people.identity[i]).padStart(3, '0')}/v${String(i).padStart(3, '0')}.png`);
  await Promise.all(
    people.images.map(async (image, i) => {
      const file = path.join(dir, 'images', images[i]);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await encodePng(image));
    }),
  );
  return { dir, images, identity: people.identity, look: people.look };
}
