/**
 * `npm run unity:typings -- [--generate --unity <Unity editor>] [--generated <index.d.ts>]`:
 * with --generate, runs the editor in batch mode to let PuerTS write its typings
 * (`-executeMethod Puerts.V8.Editor.Generator.DTSUnityMenu.GenerateDTS`, into
 * unity-project/TypeScript/generated/ as PuertsConfig.cs says); then compares the hand-written
 * typings with them (typings-check.ts) and exits 1 when they disagree.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareTypings } from './typings-check.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT = path.resolve(HERE, '../../unity-project');
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const generated = path.resolve(option('--generated') ?? path.join(PROJECT, 'TypeScript', 'generated', 'Typing', 'csharp', 'index.d.ts'));

if (args.includes('--generate')) {
  const unity = option('--unity') ?? process.env.UNITY_PATH;
  if (!unity) {
    console.error('unity:typings: --generate needs --unity <Unity editor> or UNITY_PATH');
    process.exit(2);
  }
  const run = spawnSync(unity, ['-batchmode', '-nographics', '-projectPath', PROJECT, '-executeMethod', 'Puerts.V8.Editor.Generator.DTSUnityMenu.GenerateDTS', '-quit', '-logFile', '-'], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`unity:typings: Unity exited with ${run.status ?? run.signal}`);
    process.exit(1);
  }
}
if (!existsSync(generated)) {
  console.error(`unity:typings: ${generated} does not exist; generate it with --generate --unity <Unity editor> (docs/unity.md)`);
  process.exit(2);
}
const theirs = readFileSync(generated, 'utf8');
const problems = ['unity-engine.d.ts', 'clonedperson-csharp.d.ts'].flatMap((file) => compareTypings(readFileSync(path.join(PROJECT, 'TypeScript', 'typings', file), 'utf8'), theirs).map((p) => `${file}: ${p}`));
for (const problem of problems) console.error(problem);
console.log(`unity:typings: ${problems.length === 0 ? 'the hand-written typings agree with' : `${problems.length} disagreement(s) with`} ${generated}`);
process.exit(problems.length === 0 ? 0 : 1);
