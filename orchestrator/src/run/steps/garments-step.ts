/**
 * The first stage of a run given a garment list (`run --garments`, JSONL or the authors' CSV)
 * instead of detection: the people are the photos the list has garments for. Image paths in the
 * list are relative to the list's folder (as `clone` reads them) and become image ids relative to
 * the photos folder. A photo whose garment lines cannot be read, or that the list does not name,
 * is dropped with the reason.
 */
import path from 'node:path';
import { imageIdUnder } from '../../cloning/clone-batch.js';
import { parseGarmentList } from '../../cloning/garment-list.js';
import type { GarmentEntry } from '../../cloning/garment-list.js';
import { contentHash } from '../../shared/input-key.js';
import { formatGarments, formatPeople } from '../people-files.js';
import type { RunGarment } from '../people-files.js';
import { GARMENTS_FILE, PEOPLE_FILE, RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { DroppedPerson } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

export function garmentsStep(context: RunContext, garmentsFile: string): StageWork {
  const dir = path.join(context.out, RUN_FOLDERS.garments);
  const outputs = [path.join(dir, PEOPLE_FILE), path.join(dir, GARMENTS_FILE)];
  return {
    name: 'garments',
    folder: RUN_FOLDERS.garments,
    key: async () => ({ options: {}, inputs: { photos: context.photos.sha256, garments: contentHash(await context.files.read(garmentsFile)) } }),
    outputKey: () => hashFiles(context.files, outputs),
    run: async (onProgress) => {
      const text = await context.files.readText(garmentsFile);
      const entries = parseGarmentList(text, garmentsFile);
      const photos = new Set(context.photos.ids);
      const byImage = new Map<string, GarmentEntry[]>();
      const dropped: DroppedPerson[] = [];
      for (const entry of entries) {
        const image = entry.image === '' ? undefined : imageIdUnder(context.images, path.dirname(garmentsFile), entry.image);
        if (image === undefined) {
          dropped.push({ image: entry.image || entry.where, reason: entry.error?.code ?? 'E_GARMENTS_INVALID', message: entry.error?.message ?? `${entry.where}: not inside the photos folder ${context.images}` });
          continue;
        }
        byImage.set(image, [...(byImage.get(image) ?? []), entry]);
      }
      const garments: RunGarment[] = [];
      const people: string[] = [];
      for (const [image, list] of [...byImage.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const broken = list.find((e) => e.error || e.category === undefined);
        if (broken) dropped.push({ image, reason: broken.error?.code ?? 'E_GARMENTS_INVALID', message: broken.error?.message ?? `${broken.where}: unreadable line` });
        else if (!photos.has(image)) dropped.push({ image, reason: 'E_IMAGE_MISSING', message: `${list[0].where}: ${image} is not in the photos folder` });
        else {
          people.push(image);
          for (const e of list) garments.push({ image, category: e.category!, landmarks: e.landmarks, ...(e.template === undefined ? {} : { template: e.template }) });
        }
      }
      for (const image of context.photos.ids) if (!byImage.has(image)) dropped.push({ image, reason: 'no-garments', message: `${garmentsFile} lists no garments for it` });
      await context.files.writeAtomic(outputs[1], formatGarments(garments));
      await context.files.writeAtomic(outputs[0], formatPeople(people.map((image) => ({ image }))));
      onProgress(1, 1);
      const named = new Set([...context.photos.ids, ...byImage.keys(), ...dropped.map((d) => d.image)]);
      return { peopleIn: named.size, peopleOut: people.length, counts: { garments: garments.length }, dropped: groupDrops(dropped) };
    },
  };
}
