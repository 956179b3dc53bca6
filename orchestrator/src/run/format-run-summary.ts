/**
 * The final summary of a run as text: how many people reached each point, a table of the stages
 * (status, people in and out, dropped, time), who was dropped where and why, and clone fidelity.
 * Also which drops are losses (a failure to pass someone on) rather than decisions (a photo
 * without a qualifying person, someone the selection did not pick). Pure.
 */
import type { RunManifest, StageDrop } from '../contracts/run-manifest.js';

/** Reasons that are a stage's choice, not a failure: the run reports them but succeeds. */
const DECISIONS = new Set(['no-garments', 'not-selected', 'no-person']);

/** Detect's qualification reasons are decisions too (a side view is not a failure). */
function isDecision(stage: string, drop: StageDrop): boolean {
  return DECISIONS.has(drop.reason) || (stage === 'detect' && !drop.reason.startsWith('E_'));
}

/** The drops that are losses, as `stage: reason (count)`. */
export function runLosses(manifest: RunManifest): { stage: string; drop: StageDrop }[] {
  return manifest.stages.flatMap((s) => s.dropped.filter((d) => !isDecision(s.name, d)).map((drop) => ({ stage: s.name, drop })));
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** The summary text (ends with a newline). */
export function formatRunSummary(manifest: RunManifest, runDir: string): string {
  const p = manifest.people;
  const lines: string[] = [];
  lines.push(`run: ${p.photos} photos -> ${p.qualified} qualified -> ${p.selected} identities -> ${p.outfits} outfits -> ${p.characters} characters -> ${p.rendered} rendered -> ${p.inDataset} in the dataset`);
  lines.push(`  ${pad('stage', 11)}${pad('status', 12)}${pad('people', 12)}${pad('dropped', 9, true)}${pad('time', 10, true)}`);
  let total = 0;
  for (const s of manifest.stages) {
    if (s.status === 'skipped') continue;
    const people = s.peopleIn === undefined ? '' : `${s.peopleIn} -> ${s.peopleOut ?? 0}`;
    const dropped = s.dropped.reduce((sum, d) => sum + d.count, 0);
    total += s.seconds ?? 0;
    const status = s.upToDate ? 'up to date' : s.status;
    lines.push(`  ${pad(s.name, 11)}${pad(status, 12)}${pad(people, 12)}${pad(String(dropped), 9, true)}${pad(s.seconds === undefined ? '' : `${s.seconds.toFixed(1)} s`, 10, true)}`);
    if (s.error) lines.push(`    ${s.error.code}: ${s.error.message}`);
  }
  lines.push(`  ${pad('total', 44)}${pad(`${total.toFixed(1)} s`, 10, true)}`);
  for (const s of manifest.stages) {
    for (const d of s.dropped) {
      const shown = d.images.slice(0, 5).join(', ') + (d.images.length > 5 ? `, ... (${d.images.length - 5} more)` : '');
      lines.push(`  dropped by ${s.name}: ${d.reason}: ${d.count} (${shown})${d.message ? `: ${d.message}` : ''}`);
    }
  }
  const f = manifest.fidelity;
  if (f) lines.push(`  clone fidelity: rank-1 ${percent(f.rank1)} (rank-5 ${percent(f.rank5)}) of ${f.queries} rendered crops against ${f.gallery} source photos; chance ${percent(f.chance)}`);
  const e = manifest.evaluation;
  if (e) lines.push(`  evaluation: mAP ${percent(e.mAP)}, rank-1 ${percent(e.rank1)} (${e.queries} queries, ${e.gallery} gallery)`);
  lines.push(`  -> ${runDir}${manifest.outputs.overview ? ` (overview: ${manifest.outputs.overview})` : ''}`);
  return `${lines.join('\n')}\n`;
}
