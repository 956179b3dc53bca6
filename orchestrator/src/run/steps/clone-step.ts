/**
 * The clone stage of a run: the garments of the selected people (written to clone/garments.jsonl
 * with image ids relative to the photos folder, so outfits are named as the selection names the
 * images), cloned onto the catalog's templates.
 */
import path from 'node:path';
import { bundledCatalogPath, loadCatalog } from '../../cloning/catalog.js';
import { cloneBatch } from '../../cloning/clone-batch.js';
import { createOnnxFeatureExtractor } from '../../cloning/onnx-feature-extractor.js';
import { outfitIdForImage, outfitRecordPath } from '../../contracts/outfit-id.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../../contracts/selection.js';
import { canonicalJson, contentHash } from '../../shared/input-key.js';
import { formatGarments, parseGarments } from '../people-files.js';
import { GARMENTS_FILE, RUN_FOLDERS } from '../run-layout.js';
import { groupDrops } from '../stage-drops.js';
import type { DroppedPerson } from '../stage-drops.js';
import type { RunContext, StageWork } from '../stage-work.js';

export function cloneStep(context: RunContext, garmentsFile: string): StageWork {
  const dir = path.join(context.out, RUN_FOLDERS.clone);
  const selectionFile = path.join(context.out, RUN_FOLDERS.cluster, SELECTION_FILE);
  const { config, files } = context;
  const catalogPath = config.clone.catalog ?? bundledCatalogPath();
  const selectedImages = async (): Promise<string[]> => [...new Set(SELECTION_CONTRACT.parse(await files.read(selectionFile), selectionFile).identities.map((i) => i.image))].sort();
  return {
    name: 'clone',
    folder: RUN_FOLDERS.clone,
    key: async () => {
      const catalog = await loadCatalog(catalogPath, files);
      return {
        options: { ...config.clone, catalog: undefined, seed: config.seed },
        inputs: { selection: context.outputKeys.get('cluster') ?? '', garments: contentHash(await files.read(garmentsFile)), catalog: contentHash(canonicalJson(catalog.templates)) },
      };
    },
    outputKey: async () => {
      // the record of every selected image (or its absence: a failed outfit)
      const records: [string, string][] = [];
      for (const image of await selectedImages()) {
        const file = path.join(dir, outfitRecordPath(outfitIdForImage(image)));
        records.push([image, (await files.exists(file)) ? contentHash(await files.read(file)) : 'none']);
      }
      return contentHash(canonicalJson(records));
    },
    run: async (onProgress) => {
      const selected = new Set(await selectedImages());
      const garments = parseGarments(await files.readText(garmentsFile)).filter((g) => selected.has(g.image));
      const listFile = path.join(dir, GARMENTS_FILE);
      await files.writeAtomic(listFile, formatGarments(garments));
      const catalog = await loadCatalog(catalogPath, files);
      for (const [id, problems] of catalog.problems) context.logger.warn(`clone: template ${id} is not usable: ${problems.join('; ')}`);
      const extractor = config.clone.model
        ? await createOnnxFeatureExtractor(config.clone.model, config.clone.modelConfig ? { config: config.clone.modelConfig } : {})
        : undefined;
      let summary;
      try {
        summary = await cloneBatch({
          garmentsFile: listFile,
          imagesDir: context.images,
          catalog,
          outDir: dir,
          seed: config.seed,
          sizePx: config.clone.sizePx,
          refine: config.clone.refine,
          nearestTemplates: config.clone.nearestTemplates,
          steps: config.clone.steps,
          ...(extractor ? { extractor } : {}),
          files,
          logger: context.logger,
          onProgress,
        });
      } finally {
        await extractor?.close();
      }
      const withGarments = new Set(garments.map((g) => g.image));
      const dropped: DroppedPerson[] = summary.failed.map((f) => ({ image: f.image ?? f.where ?? '?', reason: f.code, message: f.message }));
      for (const image of selected) if (!withGarments.has(image)) dropped.push({ image, reason: 'no-garments', message: 'no garment lines for this image' });
      let outfits = 0;
      for (const image of selected) if (await files.exists(path.join(dir, outfitRecordPath(outfitIdForImage(image))))) outfits++;
      return {
        peopleIn: selected.size,
        peopleOut: outfits,
        counts: { outfits, cloned: summary.cloned, upToDate: summary.resumed, textures: summary.textures },
        dropped: groupDrops(dropped),
        upToDate: summary.cloned === 0 && summary.failed.length === 0,
      };
    },
  };
}
