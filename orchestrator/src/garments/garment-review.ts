/**
 * A review sheet for a derived garment template, for people to check: on the left the fitted
 * garment seen from the front (top piece tinted orange, bottom blue) with its landmarks and
 * part polygons; on the right the garment's texture on the template canvas with the UV
 * keypoints (numbered), part polygons and the pants rectangles (yellow). Top and bottom use
 * separate label colours (white / cyan). Pure: takes RawImages, returns a RawImage.
 */
import type { Point2 } from '../geometry/point.js';
import { drawDot, drawLine, drawPolygon, drawRect } from '../imaging/draw.js';
import type { Rgb8 } from '../imaging/colour.js';
import { createRawImage, pasteImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import type { Derivation } from './garment-derivation.js';
import { toPixel } from './front-raster.js';
import type { FrontRaster } from './front-raster.js';

/** 3x5 glyphs for digits and a few signs, one row per string, '#' = on. */
const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  b: ['#..', '#..', '###', '#.#', '###'],
  t: ['.#.', '###', '.#.', '.#.', '.##'],
};

/** Draws `text` (digits, 'b', 't') with `scale`-pixel dots, top-left at (x, y), on a dark box. */
export function drawLabel(image: RawImage, text: string, x: number, y: number, colour: Rgb8, scale = 2): void {
  const w = text.length * 4 * scale + scale;
  const h = 7 * scale;
  for (let yy = y; yy < y + h; yy++) {
    for (let xx = x; xx < x + w; xx++) {
      if (xx < 0 || yy < 0 || xx >= image.width || yy >= image.height) continue;
      const o = (yy * image.width + xx) * image.channels;
      for (let c = 0; c < Math.min(3, image.channels); c++) image.data[o + c] = Math.round(image.data[o + c] * 0.3);
    }
  }
  [...text].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) return;
    glyph.forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const px = x + scale + (i * 4 + gx) * scale + dx;
            const py = y + scale + gy * scale + dy;
            if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
            const o = (py * image.width + px) * image.channels;
            image.data[o] = colour[0];
            image.data[o + 1] = colour[1];
            image.data[o + 2] = colour[2];
          }
        }
      });
    });
  });
}

const PART_COLOURS: Rgb8[] = [
  [255, 80, 80],
  [80, 220, 80],
  [90, 140, 255],
  [255, 170, 40],
  [220, 90, 255],
  [40, 220, 220],
  [255, 255, 255],
];

export interface ReviewOptions {
  /** Height of each panel in pixels. */
  panelPx?: number;
}

/**
 * The review sheet for a derivation: `top` and `bottom` are its front rasters, `texture` the
 * garment's diffuse texture (any size, RGB or RGBA).
 */
export function renderGarmentReview(derivation: Derivation, top: FrontRaster, bottom: FrontRaster, texture: RawImage, options: ReviewOptions = {}): RawImage {
  const panel = options.panelPx ?? 800;
  const template = derivation.template;
  // Left: front view on a common frame (both rasters share pxPerDm; place by world coordinates).
  const x0 = Math.min(top.x0, bottom.x0);
  const y0 = Math.max(top.y0, bottom.y0);
  const x1 = Math.max(top.x0 + top.width / top.pxPerDm, bottom.x0 + bottom.width / bottom.pxPerDm);
  const y1 = Math.min(top.y0 - top.height / top.pxPerDm, bottom.y0 - bottom.height / bottom.pxPerDm);
  const scale = panel / ((y0 - y1) * top.pxPerDm);
  const frontW = Math.max(1, Math.round((x1 - x0) * top.pxPerDm * scale));
  const front = createRawImage(frontW, panel, 3);
  front.data.fill(40);
  const toFront = (p: Point2): Point2 => [((p[0] - x0) * top.pxPerDm) * scale, ((y0 - p[1]) * top.pxPerDm) * scale];
  for (let y = 0; y < panel; y++) {
    for (let x = 0; x < frontW; x++) {
      const world: Point2 = [x0 + x / (top.pxPerDm * scale), y0 - y / (top.pxPerDm * scale)];
      const o = (y * frontW + x) * 3;
      for (const [raster, tint] of [
        [bottom, [90, 140, 230]],
        [top, [235, 150, 70]],
      ] as [FrontRaster, number[]][]) {
        const [px, py] = toPixel(raster, world);
        if (px < 0 || py < 0 || px >= raster.width || py >= raster.height) continue;
        const i = py * raster.width + px;
        if (raster.face[i] < 0) continue;
        // shade by island so UV islands are visible
        const shade = 0.65 + 0.35 * (((raster.island[i] * 37) % 11) / 10);
        front.data[o] = Math.round(tint[0] * shade);
        front.data[o + 1] = Math.round(tint[1] * shade);
        front.data[o + 2] = Math.round(tint[2] * shade);
      }
    }
  }
  const landmarkAt = new Map(derivation.landmarks.map((l) => [`${l.garment}:${l.index}`, l.at]));
  template.parts.forEach((part, i) => {
    const points = part.landmarks.map((index) => landmarkAt.get(`${part.garment}:${index}`)).filter((p): p is Point2 => !!p);
    drawPolygon(front, points.map(toFront), PART_COLOURS[i % PART_COLOURS.length], 1);
  });
  for (const l of derivation.landmarks) {
    const p = toFront(l.at);
    drawDot(front, p, 3, l.garment === 0 ? [255, 255, 255] : [0, 255, 255]);
    drawLabel(front, String(l.index), Math.round(p[0]) + 4, Math.round(p[1]) - 6, l.garment === 0 ? [255, 255, 255] : [0, 255, 255]);
  }
  // Right: the texture on the canvas.
  const tex = resizeLanczos(texture.channels === 3 ? texture : { ...stripAlpha(texture) }, panel, panel);
  // Dimmed and posterised: the layout stays readable and the PNG small.
  for (let i = 0; i < tex.data.length; i++) tex.data[i] = Math.round((tex.data[i] * 0.55) / 12) * 12;
  const s = panel / template.canvasPx;
  for (const rect of template.pantsRects) drawRect(tex, Math.round(rect[0] * s), Math.round(rect[1] * s), Math.round(rect[2] * s) - 1, Math.round(rect[3] * s) - 1, [200, 200, 60]);
  template.parts.forEach((part, i) => {
    drawPolygon(tex, part.uv.map((k) => [template.uvKeypoints[k - 1][0] * s, template.uvKeypoints[k - 1][1] * s] as Point2), PART_COLOURS[i % PART_COLOURS.length], 2);
  });
  template.uvKeypoints.forEach((point, i) => {
    const source = derivation.keypointSources[i];
    const colour: Rgb8 = source?.garment === 1 ? [0, 255, 255] : [255, 255, 255];
    const p: Point2 = [point[0] * s, point[1] * s];
    drawDot(tex, p, 3, colour);
    drawLabel(tex, String(source ? source.landmark : i + 1), Math.round(p[0]) + 4, Math.round(p[1]) - 6, colour);
  });
  const sheet = createRawImage(frontW + panel + 8, panel, 3);
  sheet.data.fill(20);
  pasteImage(sheet, front, 0, 0);
  pasteImage(sheet, tex, frontW + 8, 0);
  drawLine(sheet, [frontW + 3, 0], [frontW + 3, panel - 1], [120, 120, 120], 2);
  return sheet;
}

function stripAlpha(image: RawImage): RawImage {
  const out = createRawImage(image.width, image.height, 3);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out.data[i * 3 + c] = image.channels === 1 ? image.data[i] : image.data[i * image.channels + c];
  }
  return out;
}
