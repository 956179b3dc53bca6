/**
 * The detect stage of a run: people in every photo, their view qualification and garment
 * landmarks (built-in models, no weights of the user's needed), then the run's people: one per
 * photo, the qualified person with the largest box (an outfit is named by its photo, so a second
 * qualified person in the same photo is dropped as `second-person`). Everyone else is dropped
 * with detect's reason (`side-view`, `truncated`, ...; decisions, not failures).
 */
import path from 'node:path';
import { DETECTIONS_FILE, DETECTION_LINE_CONTRACT, qualifiedPeople } from '../../contracts/detections.js';
import type { DetectionLine } from '../../contracts/detections.js';
import { detectBatch } from '../../detect/detect-batch.js';
import { readAnnotations } from '../../detect/importers/read-annotations.js';
import { loadBuiltinPersonModels } from '../../detect/models/person-models.js';
import { formatGarments, formatPeople } from '../people-files.js';
import type { RunGarment, RunPerson } from '../people-files.js';
import { GARMENTS_FILE, PEOPLE_FILE, RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { DroppedPerson } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';

/** The run's people from detections (see the module doc; the person per photo is the contract's {@link qualifiedPeople}). Pure. */
export function peopleFromDetections(lines: readonly DetectionLine[], photos: readonly string[], keepUnqualified: boolean): { people: RunPerson[]; garments: RunGarment[]; dropped: DroppedPerson[] } {
  // with keepUnqualified, anyone whose garments were placed counts as qualified here
  const usable = lines.filter((l) => (l.qualified || keepUnqualified) && l.garments.length > 0).map((l) => ({ ...l, qualified: true }));
  const chosen = new Map(qualifiedPeople(usable).map((l) => [l.image, l]));
  const people: RunPerson[] = [];
  const garments: RunGarment[] = [];
  const dropped: DroppedPerson[] = [];
  for (const image of [...new Set([...photos, ...lines.map((l) => l.image)])].sort()) {
    const found = lines.filter((l) => l.image === image);
    const person = chosen.get(image);
    if (found.length === 0) dropped.push({ image, reason: 'no-person', message: 'detect found nobody in the photo' });
    else if (!person) {
      const first = found.find((l) => !l.qualified) ?? found[0];
      dropped.push({ image, reason: first.rejections[0] ?? 'garments-unknown', message: `detect: ${first.rejections.join(', ') || 'no garments placed'}` });
    } else {
      const others = usable.filter((l) => l.image === image).length - 1;
      if (others > 0) dropped.push({ image, reason: 'second-person', message: `${others} more qualified people in the photo; one outfit per photo keeps the largest` });
      people.push({ image, box: person.box });
      for (const g of person.garments) garments.push({ image, category: g.category, landmarks: g.landmarks });
    }
  }
  return { people, garments, dropped };
}

export function detectStep(context: RunContext): StageWork {
  const { config, files } = context;
  const dir = path.join(context.out, RUN_FOLDERS.detect);
  const outputs = [path.join(dir, PEOPLE_FILE), path.join(dir, GARMENTS_FILE)];
  return {
    name: 'detect',
    folder: RUN_FOLDERS.detect,
    key: () => Promise.resolve({ options: config.detect, inputs: { photos: context.photos.sha256 } }),
    outputKey: () => hashFiles(files, [path.join(dir, DETECTIONS_FILE), ...outputs]),
    run: async (onProgress) => {
      const d = config.detect;
      const annotations = d.annotations ? await readAnnotations(d.annotations, files) : undefined;
      const models = await loadBuiltinPersonModels({ ...(d.models ? { modelsDir: d.models } : {}), threads: d.threads, files, logger: context.logger, env: { ...context.env } });
      let summary;
      try {
        summary = await detectBatch({ imagesDir: context.images, outDir: dir, models, ...(annotations ? { annotations } : {}), qualification: d.qualification, files, logger: context.logger, onProgress });
      } finally {
        await models.close();
      }
      const file = path.join(dir, DETECTIONS_FILE);
      const lines = DETECTION_LINE_CONTRACT.parseLines(await files.read(file), file).flatMap((l) => (l.value ? [l.value] : []));
      const failed = new Set(summary.failed.map((f) => f.image));
      const { people, garments, dropped } = peopleFromDetections(lines, context.photos.ids.filter((id) => !failed.has(id)), d.keepUnqualified);
      for (const f of summary.failed) dropped.push({ image: f.image, reason: f.code, message: f.message });
      await files.writeAtomic(outputs[1], formatGarments(garments));
      await files.writeAtomic(outputs[0], formatPeople(people));
      return {
        peopleIn: context.photos.ids.length,
        peopleOut: people.length,
        counts: { photos: summary.photos, people: summary.people, qualified: summary.qualified },
        dropped: groupDrops(dropped),
        upToDate: summary.detected === 0 && summary.failed.length === 0,
      };
    },
  };
}
