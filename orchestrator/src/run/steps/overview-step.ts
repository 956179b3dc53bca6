/**
 * The HTML overview of a run (overview-html.ts), written last: thumbnails of every identity's
 * source photo and cloned textures, a front preview of its character, a few rendered crops,
 * then fidelity, evaluation and the stages' people and times from the manifest.
 */
import path from 'node:path';
import { renderCharacterPreviews } from '../../characters/character-preview.js';
import { CHARACTERS_LIST_CONTRACT, CHARACTERS_LIST_FILE } from '../../contracts/character.js';
import { outfitIdForImage, outfitRecordPath } from '../../contracts/outfit-id.js';
import { OUTFIT_RECORD_CONTRACT } from '../../contracts/outfit-record.js';
import type { RunManifest } from '../../contracts/run-manifest.js';
import { SELECTION_CONTRACT, SELECTION_FILE } from '../../contracts/selection.js';
import { decodeImage, encodeJpeg } from '../../imaging/image-io.js';
import { convertChannels } from '../../imaging/raw-image.js';
import type { RawImage } from '../../imaging/raw-image.js';
import { resizeLanczos } from '../../imaging/resize.js';
import { overviewHtml } from '../overview-html.js';
import type { OverviewIdentity } from '../overview-html.js';
import { pickRenderedViews } from '../rendered-crops.js';
import { OVERVIEW_FILE, OVERVIEW_SHEET_FILE, RUN_FOLDERS } from '../run-layout.js';
import { SHEET_DEFAULTS, overviewSheet } from '../overview-sheet.js';
import type { SheetRow } from '../overview-sheet.js';
import type { RunContext, StageWork } from '../stage-work.js';
import { cropViews, readRenderedViews, sourceCrop } from '../view-crops.js';
import { hashFiles } from './output-keys.js';
import { renderVariants } from './render-step.js';

/** Scaled to `heightPx` tall (never up). */
function thumbnail(image: RawImage, heightPx: number): RawImage {
  if (image.height <= heightPx) return image;
  return resizeLanczos(image, Math.max(1, Math.round((image.width * heightPx) / image.height)), heightPx);
}

export interface OverviewOptions {
  title: string;
  credits: string[];
}

export function overviewStep(context: RunContext, manifest: () => RunManifest, options: OverviewOptions): StageWork {
  const { config, files } = context;
  const dir = path.join(context.out, RUN_FOLDERS.overview);
  const page = path.join(dir, OVERVIEW_FILE);
  const summary = (): unknown => {
    const m = manifest();
    // what the page shows of each stage (not when it started, nor whether this invocation redid it)
    const stages = m.stages.filter((s) => s.name !== 'overview').map((s) => ({ name: s.name, status: s.status, seconds: s.seconds, peopleIn: s.peopleIn, peopleOut: s.peopleOut, dropped: s.dropped, error: s.error }));
    return { people: m.people, fidelity: m.fidelity, evaluation: m.evaluation, stages };
  };
  return {
    name: 'overview',
    folder: RUN_FOLDERS.overview,
    key: () => Promise.resolve({ options: { ...config.overview, ...options }, inputs: { manifest: JSON.stringify(summary()), photos: context.photos.sha256 } }),
    outputKey: () => hashFiles(files, [page, path.join(dir, OVERVIEW_SHEET_FILE)]),
    run: async (onProgress) => {
      let row: RawImage[][] = [];
      const rows: SheetRow[] = [];
      const write = async (name: string, image: RawImage, heightPx: number, group: number): Promise<string> => {
        const small = thumbnail(image, heightPx);
        (row[group] ??= []).push(thumbnail(small, SHEET_DEFAULTS.rowHeightPx));
        await files.writeAtomic(path.join(dir, 'images', name), await encodeJpeg(small, 85));
        return `images/${name}`;
      };
      await files.remove(path.join(dir, 'images'));
      const listFile = path.join(context.out, RUN_FOLDERS.characters, CHARACTERS_LIST_FILE);
      const characters = (await files.exists(listFile)) ? CHARACTERS_LIST_CONTRACT.parse(await files.read(listFile), listFile).characters : [];
      const selectionFile = path.join(context.out, RUN_FOLDERS.cluster, SELECTION_FILE);
      const boxes = new Map(SELECTION_CONTRACT.parse(await files.read(selectionFile), selectionFile).identities.map((i) => [i.id, i.box]));
      const folders = (await renderVariants(context)).map((v) => v.folder);
      const { views, frameSizes } = await readRenderedViews(context.out, folders, files);
      const picked = pickRenderedViews(views, config.overview.cropsPerIdentity, { minHeightPx: config.fidelity.minCropHeightPx, frameSizes });
      const identities: OverviewIdentity[] = [];
      for (const [i, c] of characters.entries()) {
        onProgress(i, characters.length, c.id);
        row = [];
        const photo = await write(`${c.id}-photo.jpg`, await sourceCrop(path.join(context.images, c.image), boxes.get(c.identity), files), 400, 0);
        const recordFile = path.join(context.out, RUN_FOLDERS.clone, outfitRecordPath(outfitIdForImage(c.image)));
        const record = OUTFIT_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
        const textures = [];
        for (const [t, texture] of record.textures.entries()) {
          const file = path.join(context.out, RUN_FOLDERS.clone, texture.file);
          const image = convertChannels(await decodeImage(await files.read(file), file), 3);
          textures.push({ src: await write(`${c.id}-texture${t}.jpg`, image, 192, 1), label: `${texture.templateId} (${texture.model})` });
        }
        const glb = await files.read(path.join(context.out, RUN_FOLDERS.characters, c.glb));
        const heightPx = config.overview.previewHeightPx;
        const front = (await renderCharacterPreviews(glb, { views: ['front'], widthPx: Math.round(heightPx / 2), heightPx, id: c.id })).get('front');
        const preview = front ? await write(`${c.id}-preview.jpg`, front, heightPx, 2) : undefined;
        const crops: string[] = [];
        for (const [k, crop] of (await cropViews(context.out, picked.get(c.id) ?? [], files)).entries()) if (crop) crops.push(await write(`${c.id}-crop${k}.jpg`, crop, 256, 3));
        rows.push({ groups: row.filter((g) => g !== undefined) });
        identities.push({ characterId: c.id, identity: c.identity, ...(c.split ? { split: c.split } : {}), image: c.image, photo, textures, ...(preview ? { preview } : {}), crops });
      }
      const m = manifest();
      const dropped = m.stages.flatMap((s) => s.dropped.flatMap((d) => d.images.map((image) => ({ stage: s.name, reason: d.reason, image }))));
      await files.writeAtomic(path.join(dir, OVERVIEW_SHEET_FILE), await encodeJpeg(overviewSheet(rows), 85));
      await files.writeAtomic(page, overviewHtml({ title: options.title, manifest: { ...m, stages: m.stages.filter((s) => s.name !== 'overview') }, identities, dropped, credits: options.credits }));
      onProgress(1, 1);
      return { peopleIn: characters.length, peopleOut: identities.length, counts: { identities: identities.length }, dropped: [] };
    },
  };
}
