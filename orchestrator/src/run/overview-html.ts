/**
 * The run overview as HTML (pure: a model in, one self-contained page out; images are files the
 * page links to). Per identity: the source photo, the cloned textures, a preview of the
 * character and rendered crops; then the clone fidelity against chance, the evaluation, and the
 * people and time of every stage.
 */
import type { FidelityRecord, RunManifest, StageRecord } from '../contracts/run-manifest.js';

export interface OverviewIdentity {
  characterId: string;
  identity: number;
  split?: 'train' | 'test';
  image: string;
  /** Paths relative to the page. */
  photo: string;
  textures: { src: string; label: string }[];
  preview?: string;
  crops: string[];
}

export interface OverviewModel {
  title: string;
  manifest: Pick<RunManifest, 'people' | 'stages' | 'fidelity' | 'evaluation' | 'seed' | 'tool'>;
  identities: OverviewIdentity[];
  /** People who did not become characters, with the stage and reason. */
  dropped: { stage: string; reason: string; image: string }[];
  /** Credits of the inputs (photo sources and licences). */
  credits: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

function img(src: string, alt: string, cls = ''): string {
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" title="${escapeHtml(alt)}"${cls ? ` class="${cls}"` : ''} loading="lazy">`;
}

function fidelityOf(fidelity: FidelityRecord | undefined, characterId: string): string {
  const c = fidelity?.characters.find((x) => x.characterId === characterId);
  if (!c) return '';
  return `<div class="fid">rank-1 ${percent(c.rank1)} of ${c.queries} crops; own photo ranked ${c.meanFeatureRank} by the mean crop</div>`;
}

function identityRow(person: OverviewIdentity, fidelity: FidelityRecord | undefined): string {
  const textures = person.textures.map((t) => img(t.src, t.label, 'tex')).join('');
  const crops = person.crops.length > 0 ? person.crops.map((c, i) => img(c, `${person.characterId} crop ${i + 1}`, 'crop')).join('') : '<span class="none">no usable crop</span>';
  return `<tr>
<td class="who"><b>${escapeHtml(person.characterId)}</b><br>identity ${person.identity}${person.split ? `<br>${person.split}` : ''}<br><small>${escapeHtml(person.image)}</small></td>
<td>${img(person.photo, person.image, 'photo')}</td>
<td>${textures}</td>
<td>${person.preview ? img(person.preview, `${person.characterId} preview`, 'preview') : ''}</td>
<td>${crops}${fidelityOf(fidelity, person.characterId)}</td>
</tr>`;
}

function stageRow(stage: StageRecord): string {
  const dropped = stage.dropped.map((d) => `${escapeHtml(d.reason)}: ${d.count}`).join(', ');
  const people = stage.peopleIn === undefined ? '' : `${stage.peopleIn} &rarr; ${stage.peopleOut ?? 0}`;
  const time = stage.seconds === undefined ? '' : `${stage.seconds.toFixed(1)} s${stage.upToDate ? ' (up to date)' : ''}`;
  return `<tr><td>${stage.name}</td><td>${stage.status}</td><td>${people}</td><td>${dropped}</td><td class="num">${time}</td></tr>`;
}

/** The page. */
export function overviewHtml(model: OverviewModel): string {
  const { manifest } = model;
  const p = manifest.people;
  const f = manifest.fidelity;
  const e = manifest.evaluation;
  const fidelity = f
    ? `<p><b>Clone fidelity</b> (${escapeHtml(f.descriptor)}): each rendered crop is a query against the ${f.gallery} source photos. Rank-1 <b>${percent(f.rank1)}</b>, rank-5 ${percent(f.rank5)} over ${f.queries} crops (per character ${percent(f.characterRank1)}); chance is ${percent(f.chance)}.</p>`
    : '<p>No clone fidelity measured.</p>';
  const evaluation = e
    ? `<p><b>Evaluation</b> of the dataset's test split (${e.queries} queries, ${e.gallery} gallery images): mAP ${percent(e.mAP)}, rank-1 ${percent(e.rank1)}, rank-5 ${percent(e.rank5)}, rank-10 ${percent(e.rank10)}.</p>`
    : '';
  const total = manifest.stages.reduce((s, x) => s + (x.seconds ?? 0), 0);
  const dropped = model.dropped.length === 0
    ? '<p>Nobody was dropped between stages.</p>'
    : `<p>Dropped: ${model.dropped.map((d) => `${escapeHtml(d.image)} (${escapeHtml(d.stage)}: ${escapeHtml(d.reason)})`).join(', ')}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: 4px 8px; vertical-align: top; text-align: left; }
img { margin: 1px; background: #eee; } .photo { height: 200px; } .tex { height: 96px; } .preview { height: 200px; } .crop { height: 128px; }
.num { text-align: right; } .fid { color: #555; font-size: 12px; } .none { color: #a00; } small { color: #666; }
</style></head><body>
<h1>${escapeHtml(model.title)}</h1>
<p>${p.photos} photos &rarr; ${p.qualified} qualified people &rarr; ${p.selected} identities &rarr; ${p.outfits} outfits &rarr; ${p.characters} characters &rarr; ${p.rendered} rendered &rarr; ${p.inDataset} in the dataset. Seed ${manifest.seed}, ${escapeHtml(manifest.tool.name)} ${escapeHtml(manifest.tool.version)}.</p>
${fidelity}
${evaluation}
${dropped}
<h2>Identities</h2>
<table><tr><th></th><th>source photo</th><th>cloned textures</th><th>character</th><th>rendered crops</th></tr>
${model.identities.map((i) => identityRow(i, f)).join('\n')}
</table>
<h2>Stages</h2>
<table><tr><th>stage</th><th>status</th><th>people</th><th>dropped</th><th>time</th></tr>
${manifest.stages.filter((s) => s.status !== 'skipped').map(stageRow).join('\n')}
<tr><td colspan="4"><b>total</b></td><td class="num"><b>${total.toFixed(1)} s</b></td></tr>
</table>
<h2>Credits</h2>
<ul>${model.credits.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>
</body></html>
`;
}
