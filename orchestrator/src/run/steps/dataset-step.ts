/**
 * The dataset stage of a run: every render variant's frames cut into the re-ID dataset
 * (dataset/write-dataset.ts), scene numbers in config order. A rendered character none of whose
 * views passes the crop rule is dropped (`no-usable-crop`).
 */
import path from 'node:path';
import { CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE } from '../../contracts/character.js';
import { DATASET_FILES } from '../../contracts/dataset-record.js';
import { SELECTION_FILE } from '../../contracts/selection.js';
import { writeDataset } from '../../dataset/write-dataset.js';
import { RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { hashFiles } from './output-keys.js';
import { renderVariants, seenCharacters } from './render-step.js';

export function datasetStep(context: RunContext, sourceNote: string): StageWork {
  const { config, files } = context;
  const dir = path.join(context.out, RUN_FOLDERS.dataset);
  const charactersDir = path.join(context.out, RUN_FOLDERS.characters);
  return {
    name: 'dataset',
    folder: RUN_FOLDERS.dataset,
    key: () => Promise.resolve({ options: { ...config.dataset, seed: config.seed, sourceNote }, inputs: { render: context.outputKeys.get('render') ?? '', characters: context.outputKeys.get('characters') ?? '' } }),
    outputKey: () => hashFiles(files, [path.join(dir, DATASET_FILES.record)]),
    run: async (onProgress) => {
      const folders = (await renderVariants(context)).map((v) => v.folder);
      const d = config.dataset;
      const summary = await writeDataset({
        renders: folders.map((f) => path.join(context.out, f)),
        characters: charactersDir,
        selection: path.join(context.out, RUN_FOLDERS.cluster, SELECTION_FILE),
        out: dir,
        cropRule: d.cropRule,
        cropRuleOptions: d.cropRuleOptions,
        layout: d.layout,
        ...(d.resizePx ? { resizePx: [d.resizePx[0], d.resizePx[1]] as const } : {}),
        jpegQuality: d.jpegQuality,
        seed: config.seed,
        coco: d.coco,
        runConfig: config as unknown as Record<string, unknown>,
        sourceNote,
        files,
        logger: context.logger,
        onProgress,
      });
      const listFile = path.join(charactersDir, CHARACTERS_LIST_FILE);
      const characters = CHARACTERS_LIST_CONTRACT.parse(await files.read(listFile), listFile).characters;
      const seen = new Set<string>();
      for (const f of folders) for (const id of await seenCharacters(context, f)) seen.add(id);
      const inDataset = new Set(summary.record.identities.filter((i) => i.images > 0).map((i) => i.character));
      const rendered = characters.filter((c) => seen.has(c.id));
      const dropped = rendered.filter((c) => !inDataset.has(c.id)).map((c) => ({ image: c.image, reason: 'no-usable-crop', message: `no view of character ${c.id} passed the ${d.cropRule} crop rule` }));
      const { train, query, gallery } = summary.record.counts;
      return {
        peopleIn: rendered.length,
        peopleOut: rendered.filter((c) => inDataset.has(c.id)).length,
        counts: { train: train.images, query: query.images, gallery: gallery.images, identities: summary.record.identities.length, cameras: summary.record.cameras },
        dropped: groupDrops(dropped),
        upToDate: summary.upToDate,
      };
    },
  };
}
