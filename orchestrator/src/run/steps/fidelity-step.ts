/**
 * Clone fidelity after rendering (clone-fidelity.ts): each character's rendered crops against
 * every character's source photo, with the built-in appearance descriptor. Written to
 * fidelity/fidelity.json and the manifest.
 */
import path from 'node:path';
import { CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE } from '../../contracts/character.js';
import type { FidelityRecord } from '../../contracts/run-manifest.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../../contracts/selection.js';
import { builtinAppearanceExtractor } from '../../features/feature-extractor.js';
import { jsonText } from '../../shared/json-text.js';
import { cloneFidelity } from '../clone-fidelity.js';
import type { FidelityPhoto, FidelityQuery } from '../clone-fidelity.js';
import { pickRenderedViews } from '../rendered-crops.js';
import { FIDELITY_FILE, RUN_FOLDERS } from '../run-layout.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { cropViews, readRenderedViews, sourceCrop } from '../view-crops.js';
import { hashFiles } from './output-keys.js';
import { renderVariants } from './render-step.js';

/** The descriptor's name in the record. */
const DESCRIPTOR = 'appearance-v1';

export function fidelityStep(context: RunContext): StageWork {
  const { config, files } = context;
  const file = path.join(context.out, RUN_FOLDERS.fidelity, FIDELITY_FILE);
  return {
    name: 'fidelity',
    folder: RUN_FOLDERS.fidelity,
    key: () =>
      Promise.resolve({
        options: { ...config.fidelity, descriptor: DESCRIPTOR },
        inputs: { photos: context.photos.sha256, selection: context.outputKeys.get('cluster') ?? '', characters: context.outputKeys.get('characters') ?? '', render: context.outputKeys.get('render') ?? '' },
      }),
    outputKey: () => hashFiles(files, [file]),
    run: async (onProgress) => {
      const listFile = path.join(context.out, RUN_FOLDERS.characters, CHARACTERS_LIST_FILE);
      const characters = CHARACTERS_LIST_CONTRACT.parse(await files.read(listFile), listFile).characters;
      const selectionFile = path.join(context.out, RUN_FOLDERS.cluster, SELECTION_FILE);
      const boxes = new Map(SELECTION_CONTRACT.parse(await files.read(selectionFile), selectionFile).identities.map((i) => [i.id, i.box]));
      const { views, frameSizes } = await readRenderedViews(context.out, (await renderVariants(context)).map((v) => v.folder), files);
      const picked = pickRenderedViews(views, config.fidelity.cropsPerCharacter, { minHeightPx: config.fidelity.minCropHeightPx, frameSizes });
      const extractor = builtinAppearanceExtractor();
      const photos: FidelityPhoto[] = [];
      for (const [i, c] of characters.entries()) {
        onProgress(i, characters.length * 2, `photo ${c.image}`);
        const [feature] = await extractor.extract([await sourceCrop(path.join(context.images, c.image), boxes.get(c.identity), files)]);
        photos.push({ characterId: c.id, identity: c.identity, image: c.image, feature });
      }
      const queries: FidelityQuery[] = [];
      for (const [i, c] of characters.entries()) {
        onProgress(characters.length + i, characters.length * 2, `crops of ${c.id}`);
        const crops = (await cropViews(context.out, picked.get(c.id) ?? [], files)).filter((crop) => crop !== undefined);
        for (const feature of await extractor.extract(crops)) queries.push({ characterId: c.id, feature });
      }
      const record: FidelityRecord = cloneFidelity(queries, photos, DESCRIPTOR);
      await files.writeAtomic(file, jsonText(record));
      onProgress(1, 1);
      return { peopleIn: characters.length, peopleOut: record.characters.length, counts: { queries: record.queries, gallery: record.gallery }, dropped: [] };
    },
  };
}
