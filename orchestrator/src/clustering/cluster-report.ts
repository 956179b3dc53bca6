/**
 * The visual report of a clustering run: `report/index.html` plus PNG contact sheets, one row
 * per cluster (medoid first, framed, then members by distance to it), for both rounds, with
 * sizes, distances and a histogram of cluster sizes. People judge a clustering by looking at
 * it; the HTML shows the sheets' cells as sprites with the path and distance on hover.
 */
import path from 'node:path';
import type { FileStore } from '../shared/file-store.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { nodeFileStore } from '../shared/node-file-store.js';
import type { Rgb8 } from '../imaging/colour.js';
import { readImage, writePng } from '../imaging/image-io.js';
import { convertChannels, createRawImage, cropToBox, pasteImage } from '../imaging/raw-image.js';
import type { RawImage } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import type { ImageItem } from './image-list.js';
import type { SdeResult, SdeRound } from './sde.js';
import type { Selection } from './selection.js';

export interface ReportOptions {
  /** Clusters shown per round, largest first (default 60). */
  maxClusters?: number;
  /** Images shown per cluster row (default 12). */
  maxPerCluster?: number;
  thumbWidthPx?: number;
  thumbHeightPx?: number;
  files?: FileStore;
  logger?: Logger;
}

export const REPORT_DEFAULTS = { maxClusters: 60, maxPerCluster: 12, thumbWidthPx: 32, thumbHeightPx: 64 };

const GAP = 2;
const STRIP = 6;

interface Row {
  title: string;
  /** Item indices (into the image list) to show; the first is framed when `framed`. */
  items: number[];
  distances: (number | undefined)[];
  framed: boolean;
  more: number;
}

/** Box-shrinks by an integer factor, then Lanczos to fit `w` x `h` (letterboxed, grey). */
function thumbnail(image: RawImage, w: number, h: number): RawImage {
  let source = convertChannels(image, 3);
  const factor = Math.floor(Math.min(source.width / (2 * w), source.height / (2 * h)));
  if (factor >= 2) {
    const sw = Math.floor(source.width / factor);
    const sh = Math.floor(source.height / factor);
    const small = createRawImage(sw, sh, 3);
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += source.data[3 * ((y * factor + dy) * source.width + x * factor + dx) + c];
          small.data[3 * (y * sw + x) + c] = Math.round(sum / (factor * factor));
        }
      }
    }
    source = small;
  }
  const scale = Math.min(w / source.width, h / source.height);
  const tw = Math.max(1, Math.round(source.width * scale));
  const th = Math.max(1, Math.round(source.height * scale));
  const out = createRawImage(w, h, 3);
  out.data.fill(96);
  pasteImage(out, resizeLanczos(source, tw, th), Math.floor((w - tw) / 2), Math.floor((h - th) / 2));
  return out;
}

async function loadThumb(item: ImageItem, w: number, h: number, files: FileStore): Promise<RawImage | undefined> {
  try {
    const image = await readImage(item.file, files);
    // a box outside the image shows the whole image (extraction reports such items as failed)
    const crop = item.box ? cropToBox(image, item.box) : undefined;
    return thumbnail(crop ?? image, w, h);
  } catch {
    return undefined;
  }
}

function rowsOfRound(round: SdeRound, kept: readonly number[], maxClusters: number, maxPerCluster: number): Row[] {
  const clusters = [...round.clusters].sort((a, b) => b.members.length - a.members.length || a.label - b.label).slice(0, maxClusters);
  const rows: Row[] = clusters.map((c) => {
    const order = c.members.map((m, k) => ({ m, d: c.distancesToMedoid[k] })).sort((a, b) => (a.m === c.medoid ? -1 : b.m === c.medoid ? 1 : a.d - b.d));
    const shown = order.slice(0, maxPerCluster);
    return {
      title: `cluster ${c.label}: ${c.members.length} images, mean distance of the medoid ${c.medoidMeanDistance.toFixed(3)}${c.sampled ? ' (sampled)' : ''}`,
      items: shown.map((o) => kept[round.items[o.m]]),
      distances: shown.map((o) => o.d),
      framed: true,
      more: c.members.length - shown.length,
    };
  });
  const noise: number[] = [];
  round.labels.forEach((l, k) => {
    if (l === -1) noise.push(k);
  });
  if (noise.length > 0) {
    rows.push({
      title: `noise: ${noise.length} images (first ${Math.min(noise.length, maxPerCluster)})`,
      items: noise.slice(0, maxPerCluster).map((k) => kept[round.items[k]]),
      distances: [],
      framed: false,
      more: Math.max(0, noise.length - maxPerCluster),
    });
  }
  return rows;
}

function colourOf(index: number): Rgb8 {
  const hue = (index * 0.618034) % 1;
  const k = (n: number): number => {
    const t = (n + hue * 6) % 6;
    return Math.round(255 * (1 - 0.6 * Math.max(0, Math.min(1, Math.min(t, 4 - t)))));
  };
  return [k(5), k(3), k(1)];
}

async function drawSheet(rows: Row[], items: readonly ImageItem[], options: Required<Omit<ReportOptions, 'logger'>>, cache: Map<number, RawImage | undefined>): Promise<RawImage> {
  const { thumbWidthPx: w, thumbHeightPx: h, maxPerCluster } = options;
  const width = STRIP + GAP + maxPerCluster * (w + GAP);
  const height = Math.max(1, rows.length) * (h + GAP);
  const sheet = createRawImage(width, height, 3);
  sheet.data.fill(255);
  for (let r = 0; r < rows.length; r++) {
    const y = r * (h + GAP);
    const colour: Rgb8 = rows[r].framed ? colourOf(r) : [160, 160, 160];
    for (let yy = y; yy < y + h; yy++) for (let xx = 0; xx < STRIP; xx++) sheet.data.set(colour, 3 * (yy * width + xx));
    for (let k = 0; k < rows[r].items.length; k++) {
      const index = rows[r].items[k];
      if (!cache.has(index)) cache.set(index, await loadThumb(items[index], w, h, options.files));
      const thumb = cache.get(index);
      const x = STRIP + GAP + k * (w + GAP);
      if (thumb) pasteImage(sheet, thumb, x, y);
      if (k === 0 && rows[r].framed) {
        // frame the medoid in the cluster colour
        for (let t = 0; t < 2; t++) {
          for (let xx = x; xx < x + w; xx++) {
            sheet.data.set(colour, 3 * ((y + t) * width + xx));
            sheet.data.set(colour, 3 * ((y + h - 1 - t) * width + xx));
          }
          for (let yy = y; yy < y + h; yy++) {
            sheet.data.set(colour, 3 * (yy * width + x + t));
            sheet.data.set(colour, 3 * (yy * width + x + w - 1 - t));
          }
        }
      }
    }
  }
  return sheet;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SIZE_BUCKETS: [number, number][] = [
  [1, 1],
  [2, 3],
  [4, 4],
  [5, 5],
  [6, 7],
  [8, 10],
  [11, 20],
  [21, 50],
  [51, 100],
  [101, Infinity],
];

/** An inline SVG bar chart of cluster sizes. */
export function sizeHistogramSvg(sizes: readonly number[]): string {
  const counts = SIZE_BUCKETS.map(([lo, hi]) => sizes.filter((s) => s >= lo && s <= hi).length);
  const max = Math.max(1, ...counts);
  const barW = 52;
  const chartH = 120;
  const bars = counts
    .map((count, b) => {
      const [lo, hi] = SIZE_BUCKETS[b];
      const label = hi === Infinity ? `>${lo - 1}` : lo === hi ? `${lo}` : `${lo}-${hi}`;
      const barH = Math.round((count / max) * chartH);
      const x = 10 + b * barW;
      return `<rect x="${x}" y="${16 + chartH - barH}" width="${barW - 8}" height="${barH}" fill="#4a7fb5"/><text x="${x + (barW - 8) / 2}" y="${chartH + 32}" font-size="11" text-anchor="middle">${label}</text><text x="${x + (barW - 8) / 2}" y="${12 + chartH - barH}" font-size="11" text-anchor="middle">${count}</text>`;
    })
    .join('');
  return `<svg width="${20 + SIZE_BUCKETS.length * barW}" height="${chartH + 40}" role="img" aria-label="cluster sizes">${bars}</svg>`;
}

/**
 * Writes `<dir>/index.html` and `<dir>/round1.png`, `<dir>/round2.png`. `kept` maps feature
 * rows (what the rounds index) to image-list indices.
 */
export async function writeClusterReport(
  dir: string,
  items: readonly ImageItem[],
  kept: readonly number[],
  result: SdeResult,
  selection: Selection | undefined,
  options: ReportOptions = {},
): Promise<void> {
  const logger = options.logger ?? silentLogger;
  const files = options.files ?? nodeFileStore;
  const opts = { ...REPORT_DEFAULTS, ...options, files };
  const cache = new Map<number, RawImage | undefined>();
  const sections: string[] = [];
  for (const [name, round] of [
    ['round1', result.round1],
    ['round2', result.round2],
  ] as const) {
    const rows = rowsOfRound(round, kept, opts.maxClusters, opts.maxPerCluster);
    const sheet = await drawSheet(rows, items, opts, cache);
    await writePng(path.join(dir, `${name}.png`), sheet, undefined, files);
    const noise = round.labels.filter((l) => l === -1).length;
    const htmlRows = rows
      .map((row, r) => {
        const cells = row.items
          .map((index, k) => {
            const x = STRIP + GAP + k * (opts.thumbWidthPx + GAP);
            const y = r * (opts.thumbHeightPx + GAP);
            const distance = row.distances[k];
            const tip = `${items[index].image}${distance === undefined ? '' : ` | distance to medoid ${distance.toFixed(3)}`}`;
            return `<span class="t" title="${escapeHtml(tip)}" style="background-position:-${x}px -${y}px"></span>`;
          })
          .join('');
        return `<div class="row"><div class="cap">${escapeHtml(row.title)}${row.more > 0 ? ` (+${row.more} more)` : ''}</div>${cells}</div>`;
      })
      .join('\n');
    sections.push(`<h2>Round ${name === 'round1' ? 1 : 2} (eps ${round.eps})</h2>
<p>${round.items.length} images, ${round.clusters.length} clusters, ${noise} noise; ${(round.timeMs / 1000).toFixed(1)} s.
${name === 'round1' ? 'Clusters should be the same person in the same clothes; the framed image (medoid) is kept for round 2.' : 'Clusters should be different but similar-looking people; characters are chosen from them.'}
Largest ${Math.min(opts.maxClusters, round.clusters.length)} clusters shown; contact sheet: <a href="${name}.png">${name}.png</a>.</p>
<h3>Cluster sizes</h3>${sizeHistogramSvg(round.clusters.map((c) => c.members.length))}
<div class="sheet" style="--sheet:url('${name}.png')">${htmlRows}</div>`);
  }
  const o = result.options;
  const selectionText = selection
    ? `<p>Selection (${selection.method}, seed ${selection.seed}): ${selection.identities.length} identities, ${selection.identities.filter((i) => i.split === 'train').length} train, ${selection.identities.filter((i) => i.split === 'test').length} test.</p>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clonedperson cluster report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
.row { display: flex; align-items: center; gap: ${GAP}px; margin: 2px 0; }
.cap { width: 22em; font-size: 12px; flex: none; }
.t { display: inline-block; width: ${opts.thumbWidthPx}px; height: ${opts.thumbHeightPx}px; background-image: var(--sheet); flex: none; }
</style></head><body>
<h1>Similarity-Diversity Expansion</h1>
<p>${kept.length} images; distance ${o.metric}${o.rerank ? `, k-reciprocal re-ranking (k1 ${o.rerankOptions.k1}, k2 ${o.rerankOptions.k2}, lambda ${o.rerankOptions.lambda})` : ''}; eps ${o.eps.join(' / ')}; min samples ${o.minSamples}.</p>
${selectionText}
${sections.join('\n')}
</body></html>
`;
  await files.writeAtomic(path.join(dir, 'index.html'), html);
  logger.info(`cluster: report written to ${path.join(dir, 'index.html')}`);
}
