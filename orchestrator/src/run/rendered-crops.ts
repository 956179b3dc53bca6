/**
 * Which rendered views of each character the run shows and measures (clone fidelity, the
 * overview): annotation lines where the person is mostly visible, not cut by the frame border,
 * and tall enough, spread evenly over the character's appearances (so views from several
 * cameras and walk phases come in). Pure; the edge that reads frames is in fidelity-step.ts.
 */
import type { AnnotationLine } from '../contracts/render-record.js';
import type { ImageBoxPx } from '../contracts/selection.js';

export interface RenderedView {
  /** The render variant's folder, relative to the run folder. */
  folder: string;
  line: AnnotationLine;
}

export interface CropRules {
  /** At least this share of the person visible (default 0.7). */
  minVisibleFraction?: number;
  minHeightPx: number;
  /** Frame size per camera name, to drop people cut by the border. */
  frameSizes: ReadonlyMap<string, { widthPx: number; heightPx: number }>;
}

/** The box a view is cropped to: the visible box, rounded out to whole pixels. */
export function cropBox(line: AnnotationLine): ImageBoxPx | undefined {
  const box = line.visibleBox;
  if (!box) return undefined;
  return [Math.floor(box[0]), Math.floor(box[1]), Math.ceil(box[2]), Math.ceil(box[3])];
}

function usable(view: RenderedView, rules: CropRules): boolean {
  const { line } = view;
  const box = line.amodalBox;
  const size = rules.frameSizes.get(`${view.folder}/${line.camera}`);
  if (!box || !line.visibleBox || !size || !line.characterId) return false;
  if (line.visibleFraction < (rules.minVisibleFraction ?? 0.7)) return false;
  if (box[0] < 0 || box[1] < 0 || box[2] > size.widthPx || box[3] > size.heightPx) return false;
  return line.visibleBox[3] - line.visibleBox[1] >= rules.minHeightPx;
}

/** Up to `perCharacter` usable views of each character, evenly spread over its usable views in render order. */
export function pickRenderedViews(views: readonly RenderedView[], perCharacter: number, rules: CropRules): Map<string, RenderedView[]> {
  const byCharacter = new Map<string, RenderedView[]>();
  for (const view of views) {
    if (!usable(view, rules)) continue;
    const id = view.line.characterId!;
    byCharacter.set(id, [...(byCharacter.get(id) ?? []), view]);
  }
  const out = new Map<string, RenderedView[]>();
  for (const [id, list] of [...byCharacter.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const n = Math.min(perCharacter, list.length);
    out.set(id, Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]));
  }
  return out;
}
