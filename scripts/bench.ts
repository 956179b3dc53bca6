/**
 * `npm run bench [-- name ...]`: runs every scripts/bench/*.bench.ts (or the named ones), prints
 * Markdown tables and writes bench-results/<name>.json. Run on a quiet machine.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatReport } from './bench/harness.js';
import type { BenchReport } from './bench/harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(path.join(here, 'bench'))).filter((f) => f.endsWith('.bench.ts')).sort();
const selected = files.filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')));
if (selected.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}; have: ${files.map((f) => f.replace('.bench.ts', '')).join(', ')}`);
  process.exit(2);
}
console.log(`# clonedperson benchmarks\n\n${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString()}\n`);
const outDir = path.join(here, '..', 'bench-results');
await mkdir(outDir, { recursive: true });
for (const file of selected) {
  const module = (await import(pathToFileURL(path.join(here, 'bench', file)).href)) as { run: () => Promise<BenchReport> };
  const report = await module.run();
  console.log(`${formatReport(report)}\n`);
  await writeFile(path.join(outDir, file.replace('.bench.ts', '.json')), `${JSON.stringify(report, null, 2)}\n`);
}
