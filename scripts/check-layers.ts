/**
 * The layering rule of orchestrator/src, as data and a checker (test/unit/architecture uses it;
 * `npx tsx scripts/check-layers.ts [srcDir]` prints the violations of any tree):
 * - stages (one folder per pipeline stage) never import each other: they meet through contracts/;
 * - libraries never import stages or the composing layer;
 * - only cli/, run/ and index.ts compose stages.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const STAGES = ['detect', 'clustering', 'cloning', 'garments', 'characters', 'render-stage', 'dataset', 'eval', 'assets'] as const;
export const LIBRARIES = ['shared', 'geometry', 'imaging', 'models', 'makehuman', 'render', 'scene', 'players', 'contracts', 'pose', 'features', 'environments'] as const;
export const COMPOSERS = ['cli', 'run'] as const;

export interface ImportEdge {
  file: string;
  from: string;
  to: string;
}

async function listTs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listTs(full)));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Every import from one top-level folder of `srcDir` into another. */
export async function crossFolderImports(srcDir: string): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const file of await listTs(srcDir)) {
    const relative = path.relative(srcDir, file).split(path.sep);
    if (relative.length < 2) continue;
    const from = relative[0];
    const text = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = path.relative(srcDir, path.resolve(path.dirname(file), match[1])).split(path.sep);
      if (target[0] === '..' || target.length < 2) continue;
      if (target[0] !== from) edges.push({ file: path.relative(srcDir, file), from, to: target[0] });
    }
  }
  return edges;
}

const kind = (folder: string): 'stage' | 'library' | 'composer' | 'unknown' =>
  (STAGES as readonly string[]).includes(folder) ? 'stage' : (LIBRARIES as readonly string[]).includes(folder) ? 'library' : (COMPOSERS as readonly string[]).includes(folder) ? 'composer' : 'unknown';

/** The imports that break the rule (see the module doc), with a reason each. */
export function layerViolations(edges: readonly ImportEdge[]): (ImportEdge & { reason: string })[] {
  const out: (ImportEdge & { reason: string })[] = [];
  for (const edge of edges) {
    const [a, b] = [kind(edge.from), kind(edge.to)];
    if (a === 'unknown') out.push({ ...edge, reason: `${edge.from}/ is not classified in scripts/check-layers.ts` });
    else if (a === 'stage' && b === 'stage') out.push({ ...edge, reason: 'a stage imports another stage (use contracts/)' });
    else if (a === 'library' && (b === 'stage' || b === 'composer')) out.push({ ...edge, reason: `a library imports a ${b}` });
    else if (a === 'stage' && b === 'composer') out.push({ ...edge, reason: 'a stage imports the composing layer' });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const src = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../orchestrator/src'));
  const violations = layerViolations(await crossFolderImports(src));
  for (const v of violations) console.log(`${v.file}: ${v.from} -> ${v.to}: ${v.reason}`);
  console.log(`${violations.length} violation(s)`);
}
