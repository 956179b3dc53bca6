/**
 * Reading rendered views and source photos as person crops (the edge under rendered-crops.ts):
 * frames are decoded once each, crops cut to the view's visible box; a source photo is cut to
 * the selection's person box when it has one.
 */
import path from 'node:path';
import { ANNOTATION_LINE_CONTRACT, RENDER_FILES, RENDER_RECORD_CONTRACT } from '../contracts/render-record.js';
import type { ImageBoxPx } from '../contracts/selection.js';
import { decodeImage } from '../imaging/image-io.js';
import { convertChannels, cropToBox } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import type { FileStore } from '../shared/file-store.js';
import { cropBox } from './rendered-crops.js';
import type { RenderedView } from './rendered-crops.js';

/** Every annotation line of the render folders and the frame size of each (folder, camera). */
export async function readRenderedViews(out: string, folders: readonly string[], files: FileStore): Promise<{ views: RenderedView[]; frameSizes: Map<string, { widthPx: number; heightPx: number }> }> {
  const views: RenderedView[] = [];
  const frameSizes = new Map<string, { widthPx: number; heightPx: number }>();
  for (const folder of folders) {
    const recordFile = path.join(out, folder, RENDER_FILES.record);
    const record = RENDER_RECORD_CONTRACT.parse(await files.read(recordFile), recordFile);
    for (const camera of record.cameras) frameSizes.set(`${folder}/${camera.name}`, { widthPx: camera.widthPx, heightPx: camera.heightPx });
    const file = path.join(out, folder, RENDER_FILES.annotations);
    for (const line of ANNOTATION_LINE_CONTRACT.parseLines(await files.read(file), file)) if (line.value) views.push({ folder, line: line.value });
  }
  return { views, frameSizes };
}

/**
 * The crops of `views` (in their order; undefined where nothing is visible), decoding each frame
 * once and keeping only one frame in memory at a time.
 */
export async function cropViews(out: string, views: readonly RenderedView[], files: FileStore): Promise<(RawImage | undefined)[]> {
  const fileOf = (view: RenderedView): string => path.join(out, view.folder, view.line.frame);
  const order = views.map((_, i) => i).sort((a, b) => (fileOf(views[a]) < fileOf(views[b]) ? -1 : fileOf(views[a]) > fileOf(views[b]) ? 1 : a - b));
  const crops: (RawImage | undefined)[] = new Array<RawImage | undefined>(views.length);
  let current: { file: string; image: RawImage } | undefined;
  for (const i of order) {
    const file = fileOf(views[i]);
    if (current?.file !== file) current = { file, image: convertChannels(await decodeImage(await files.read(file), file), 3) };
    const box = cropBox(views[i].line);
    crops[i] = box ? cropToBox(current.image, box) : undefined;
  }
  return crops;
}

/** A source photo as the selection saw the person: the whole photo, or its person box. */
export async function sourceCrop(file: string, box: ImageBoxPx | undefined, files: FileStore): Promise<RawImage> {
  const photo = convertChannels(await decodeImage(await files.read(file, 'E_IMAGE_MISSING'), file), 3);
  return (box ? cropToBox(photo, box) : undefined) ?? photo;
}
