/**
 * Orthographic previews of a set of meshes (character sheets, debugging): the camera frames
 * the meshes' bounding box from the front (+Z looking towards -Z, where glTF/MakeHuman
 * characters face), the side (+X, the character's left), the back or the top.
 */
import type { Rgb8 } from '../imaging/colour.js';
import type { RawImage } from '../imaging/raw-image.js';
import { checkPositiveInteger, invalidArgument } from '../shared/check.js';
import { createOrthographicCamera } from './camera.js';
import type { Vec3 } from '../geometry/mat4.js';
import { drawMesh } from './rasterizer.js';
import type { Lighting, Material, MeshData } from './rasterizer.js';
import { clearRenderTarget, createRenderTarget, resolveRenderTarget } from './render-target.js';

export type PreviewView = 'front' | 'side' | 'back' | 'top';

export interface PreviewItem {
  mesh: MeshData;
  material: Material;
}

export interface PreviewOptions {
  view?: PreviewView;
  widthPx?: number;
  heightPx?: number;
  background?: Rgb8;
  /** Supersampling factor per axis for anti-aliasing (default 2). */
  samplesPerPixel?: number;
  /** Empty border around the box as a fraction of its size (default 0.05). */
  marginFraction?: number;
  lighting?: Lighting;
}

export const PREVIEW_DEFAULTS: Required<PreviewOptions> = {
  view: 'front',
  widthPx: 256,
  heightPx: 512,
  background: [235, 235, 235],
  samplesPerPixel: 2,
  marginFraction: 0.05,
  // Linear light (the rasteriser shades gamma-correctly): a soft fill from all around and a key light from the front.
  lighting: { ambient: [0.3, 0.3, 0.3], groundAmbient: [0.18, 0.18, 0.18], sunDirection: [-0.3, -0.5, -1], sunColor: [0.75, 0.75, 0.75] },
};

const VIEW_DIRECTIONS: Record<PreviewView, { eye: Vec3; up: Vec3 }> = {
  front: { eye: [0, 0, 1], up: [0, 1, 0] },
  side: { eye: [1, 0, 0], up: [0, 1, 0] },
  back: { eye: [0, 0, -1], up: [0, 1, 0] },
  top: { eye: [0, 1, 0], up: [0, 0, -1] },
};

/**
 * Renders `items` (positions in world metres) with an orthographic camera fitted to their
 * bounding box. Returns an RGB image of `widthPx` x `heightPx`.
 */
export function renderOrthographicPreview(items: readonly PreviewItem[], options: PreviewOptions = {}): RawImage {
  const o = { ...PREVIEW_DEFAULTS, ...options };
  checkPositiveInteger(o.widthPx, 'widthPx');
  checkPositiveInteger(o.heightPx, 'heightPx');
  checkPositiveInteger(o.samplesPerPixel, 'samplesPerPixel');
  const dir = VIEW_DIRECTIONS[o.view];
  if (!dir) throw invalidArgument('front, side, back or top', 'view', o.view);
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const item of items) {
    const p = item.mesh.positions;
    for (let i = 0; i < p.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        if (p[i + k] < min[k]) min[k] = p[i + k];
        if (p[i + k] > max[k]) max[k] = p[i + k];
      }
    }
  }
  const s = o.samplesPerPixel;
  const target = createRenderTarget(o.widthPx * s, o.heightPx * s);
  clearRenderTarget(target, o.background);
  if (!Number.isFinite(min[0])) return resolveRenderTarget(target, s);
  const center: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const size: Vec3 = [max[0] - min[0], max[1] - min[1], max[2] - min[2]];
  const radius = Math.hypot(size[0], size[1], size[2]) / 2 + 1e-3;
  // Extent of the box across the image: which axes map to screen x and y for this view.
  const acrossX = o.view === 'side' ? size[2] : size[0];
  const acrossY = o.view === 'top' ? size[2] : size[1];
  const aspect = o.widthPx / o.heightPx;
  const halfHeightM = Math.max(acrossY / 2, acrossX / 2 / aspect, 1e-3) * (1 + 2 * o.marginFraction);
  const camera = createOrthographicCamera({
    positionM: [center[0] + dir.eye[0] * radius * 2, center[1] + dir.eye[1] * radius * 2, center[2] + dir.eye[2] * radius * 2],
    lookAtM: center,
    up: dir.up,
    halfHeightM,
    aspect,
    nearM: radius * 0.5,
    farM: radius * 4,
  });
  for (const item of items) {
    drawMesh(target, item.mesh, item.material, { camera, lighting: o.lighting, lodBias: Math.log2(s) });
  }
  return resolveRenderTarget(target, s);
}
