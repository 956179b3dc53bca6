/**
 * The evaluation report: `cmc.svg` (the CMC curve) and `index.html` with the metrics and, for a
 * seeded sample of queries, the query next to its top-10 gallery images, true matches framed
 * green and false ones red. Thumbnails (64 x 128) are written beside the page so it can be
 * moved or sent as a folder. The SVG and HTML builders are pure; `writeEvalReport` is the edge.
 */
import path from 'node:path';
import { encodeJpeg, decodeImage } from '../imaging/image-io.js';
import { convertChannels } from '../imaging/raw-image.js';
import { resizeLanczos } from '../imaging/resize.js';
import type { FileStore } from '../shared/file-store.js';
import type { EvalMetrics } from './reid-metrics.js';
import type { RankedTop } from './rank-queries.js';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

/** The CMC curve as an SVG document: rank 1..cmc.length on x, matching rate 0..100 % on y. */
export function cmcSvg(cmc: readonly number[], title: string): string {
  const W = 520;
  const H = 320;
  const left = 56;
  const right = 16;
  const top = 36;
  const bottom = 44;
  const x = (rank: number): number => left + ((rank - 1) / Math.max(1, cmc.length - 1)) * (W - left - right);
  const y = (v: number): number => top + (1 - v) * (H - top - bottom);
  const grid: string[] = [];
  for (let v = 0; v <= 1.0001; v += 0.2) {
    grid.push(`<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${W - right}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    grid.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v * 100)}%</text>`);
  }
  const ticks = [1, 5, 10, 20, 30, 40, 50, 100].filter((r) => r <= cmc.length);
  for (const r of ticks) grid.push(`<text x="${x(r).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${r}</text>`);
  const points = cmc.map((v, k) => `${x(k + 1).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const marks = [1, 5, 10, 20]
    .filter((r) => r <= cmc.length)
    .map((r) => {
      // labels near the right edge end at their point instead of running off the chart
      const atEnd = x(r) > W - right - 80;
      const label = `<text x="${(x(r) + (atEnd ? -5 : 5)).toFixed(1)}" y="${(y(cmc[r - 1]) + 14).toFixed(1)}" fill="#1f5fbf"${atEnd ? ' text-anchor="end"' : ''}>R${r} ${pct(cmc[r - 1])}</text>`;
      return `<circle cx="${x(r).toFixed(1)}" cy="${y(cmc[r - 1]).toFixed(1)}" r="3" fill="#1f5fbf"/>${label}`;
    });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${escape(title)}</text>`,
    ...grid,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#444"/><line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#444"/>`,
    `<text x="${(left + W - right) / 2}" y="${H - 10}" text-anchor="middle">rank</text>`,
    `<text x="14" y="${(top + H - bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(top + H - bottom) / 2})">matching rate</text>`,
    `<polyline points="${points}" fill="none" stroke="#1f5fbf" stroke-width="2"/>`,
    ...marks,
    '</svg>',
    '',
  ].join('\n');
}

/** An image shown in the report: its label and, when there is a thumbnail, its file. */
export interface ReportImage {
  name: string;
  pid: number;
  camera: string;
  thumbnail?: string;
}

export interface ReportPage {
  title: string;
  metrics: EvalMetrics;
  /** Lines under the title (dataset, features, metric, re-ranking, counts). */
  facts: string[];
  tops: readonly RankedTop[];
  query: (index: number) => ReportImage;
  gallery: (index: number) => ReportImage;
}

function cell(image: ReportImage, caption: string, colour: string): string {
  const picture = image.thumbnail
    ? `<img src="${escape(image.thumbnail)}" width="64" height="128" alt="${escape(image.name)}">`
    : `<div class="name">${escape(image.name)}</div>`;
  return `<figure style="border-color:${colour}" title="${escape(image.name)}">${picture}<figcaption>${caption}</figcaption></figure>`;
}

/** The HTML page (see the module doc). */
export function reportHtml(page: ReportPage): string {
  const m = page.metrics;
  const rows = page.tops.map((top) => {
    const q = page.query(top.query);
    const ranked = top.gallery.map((g, k) => {
      const image = page.gallery(g);
      const match = image.pid === q.pid;
      return cell(image, `${k + 1}. ${top.distances[k].toFixed(3)}${match ? ' &#10003;' : ''}`, match ? '#1a9e35' : '#d42a2a');
    });
    const ap = top.result.valid ? `AP ${pct(top.result.ap)}, first match at rank ${top.result.firstMatch + 1}` : 'no true match in the gallery (skipped)';
    return `<div class="row">${cell(q, `query pid ${q.pid}<br>cam ${escape(q.camera)}`, '#1f5fbf')}<div class="arrow">&#8594;</div>${ranked.join('')}<div class="ap">${ap}</div></div>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(page.title)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; margin: 12px 0; } td, th { border: 1px solid #ccc; padding: 4px 10px; text-align: right; }
.row { display: flex; align-items: center; margin: 10px 0; flex-wrap: nowrap; }
figure { margin: 0 3px; border: 3px solid; padding: 1px; text-align: center; }
figure img { display: block; }
figcaption { font-size: 10px; width: 64px; }
.name { width: 64px; height: 128px; font-size: 9px; overflow-wrap: anywhere; }
.arrow { font-size: 22px; margin: 0 6px; }
.ap { font-size: 12px; margin-left: 10px; width: 180px; }
</style></head><body>
<h1>${escape(page.title)}</h1>
${page.facts.map((fact) => `<p>${escape(fact)}</p>`).join('\n')}
<table><tr><th>mAP</th><th>rank-1</th><th>rank-5</th><th>rank-10</th><th>rank-20</th><th>valid queries</th></tr>
<tr><td>${pct(m.mAP)}</td><td>${pct(m.rank1)}</td><td>${pct(m.rank5)}</td><td>${pct(m.rank10)}</td><td>${pct(m.rank20)}</td><td>${m.validQueries} of ${m.queries}</td></tr></table>
<img src="cmc.svg" alt="CMC curve" width="520" height="320">
<h2>Sample queries and their top ${page.tops[0]?.gallery.length ?? 10}</h2>
<p>Green: the same identity (a true match, from another camera); red: another identity. Gallery images of the query's identity from its own camera are removed before ranking, as the protocol says.</p>
${rows.join('\n')}
</body></html>
`;
}

export interface ReportImages {
  /** Absolute image files of each side, when they exist (dataset evaluation). */
  queryFiles?: readonly string[];
  galleryFiles?: readonly string[];
  queryNames: readonly string[];
  galleryNames: readonly string[];
  queryLabels: { pids: ArrayLike<number>; cameras: readonly string[] };
  galleryLabels: { pids: ArrayLike<number>; cameras: readonly string[] };
}

async function thumbnail(files: FileStore, source: string, target: string): Promise<void> {
  const image = convertChannels(await decodeImage(await files.read(source, 'E_IMAGE_MISSING'), source), 3);
  await files.writeAtomic(target, await encodeJpeg(resizeLanczos(image, 64, 128), 85));
}

/** Writes cmc.svg, index.html and the thumbnails into `dir`; returns the page's path. */
export async function writeEvalReport(dir: string, page: Omit<ReportPage, 'query' | 'gallery'>, images: ReportImages, files: FileStore): Promise<string> {
  const thumbs = new Map<string, string>();
  const want = async (side: 'q' | 'g', index: number, source: string | undefined): Promise<string | undefined> => {
    if (!source) return undefined;
    const key = `${side}${index}`;
    if (!thumbs.has(key)) {
      const relative = `thumbs/${key}.jpg`;
      await thumbnail(files, source, path.join(dir, relative));
      thumbs.set(key, relative);
    }
    return thumbs.get(key);
  };
  for (const top of page.tops) {
    await want('q', top.query, images.queryFiles?.[top.query]);
    for (const g of top.gallery) await want('g', g, images.galleryFiles?.[g]);
  }
  const full: ReportPage = {
    ...page,
    query: (i) => ({ name: images.queryNames[i], pid: images.queryLabels.pids[i], camera: images.queryLabels.cameras[i], thumbnail: thumbs.get(`q${i}`) }),
    gallery: (i) => ({ name: images.galleryNames[i], pid: images.galleryLabels.pids[i], camera: images.galleryLabels.cameras[i], thumbnail: thumbs.get(`g${i}`) }),
  };
  await files.writeAtomic(path.join(dir, 'cmc.svg'), cmcSvg(page.metrics.cmc, `${page.title}: CMC (mAP ${pct(page.metrics.mAP)})`));
  const html = path.join(dir, 'index.html');
  await files.writeAtomic(html, reportHtml(full));
  return html;
}
