/**
 * Orthographic front and side previews of a character `.glb`, drawn with the embedded software
 * renderer (render/preview.ts) from the model the players load (render/character-loader.ts:
 * positions, UVs, embedded textures and materials as they read them), so a preview also checks
 * what the players will see. The character is shown in its rest (bind) pose.
 */
import type { RawImage } from '../imaging/raw-image.js';
import { parseCharacterGlb } from '../render/character-loader.js';
import { renderOrthographicPreview } from '../render/preview.js';
import type { PreviewItem, PreviewView } from '../render/preview.js';

export interface CharacterPreviewOptions {
  widthPx?: number;
  heightPx?: number;
  views?: PreviewView[];
  /** Names the character in errors (default `preview`). */
  id?: string;
}

export const CHARACTER_PREVIEW_DEFAULTS = { widthPx: 256, heightPx: 512, views: ['front', 'side'] as PreviewView[] };

/** Renders the requested views of a `.glb` (bytes); returns one RGB image per view. */
export async function renderCharacterPreviews(glb: Uint8Array, options: CharacterPreviewOptions = {}): Promise<Map<PreviewView, RawImage>> {
  const o = { ...CHARACTER_PREVIEW_DEFAULTS, ...options };
  const model = await parseCharacterGlb(glb, o.id ?? 'preview');
  const items: PreviewItem[] = model.primitives.map((p) => ({
    mesh: { positions: p.positions, normals: p.normals, uvs: p.uvs, indices: p.indices },
    material: p.material,
  }));
  const result = new Map<PreviewView, RawImage>();
  for (const view of o.views) result.set(view, renderOrthographicPreview(items, { view, widthPx: o.widthPx, heightPx: o.heightPx }));
  return result;
}
