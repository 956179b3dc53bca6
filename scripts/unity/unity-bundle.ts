/**
 * Builds the Unity player's script bundle: unity-project/TypeScript/src/main.ts and everything it
 * imports (the protocol, the contracts, the pose module) as one ES module, which PuerTS loads
 * as `clonedperson-player.mjs` (its loader does no extension or index probing, so one file).
 * `npm run unity:bundle` writes it into unity-project/Assets/ClonedPerson/Resources/ (where the
 * player's loader finds it) or to `--out`; tests build it in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const UNITY_PROJECT_DIR = path.resolve(HERE, '../../unity-project');
export const UNITY_BUNDLE_ENTRY = path.join(UNITY_PROJECT_DIR, 'TypeScript', 'src', 'main.ts');
/** Where the player's loader looks for the bundle in Resources. */
export const UNITY_BUNDLE_RESOURCE = path.join(UNITY_PROJECT_DIR, 'Assets', 'ClonedPerson', 'Resources', 'clonedperson-player.mjs');

/** The bundle's source text (ES2022, one module exporting `tick` and `dispose`). */
export async function bundleUnityPlayer(entry = UNITY_BUNDLE_ENTRY): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Nothing may come from outside the sources: a Node or npm import would not exist in PuerTS.
    external: [],
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'silent',
    banner: { js: '// clonedperson Unity player bundle, built by scripts/unity/unity-bundle.ts from unity-project/TypeScript (do not edit)' },
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at >= 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : UNITY_BUNDLE_RESOURCE;
  const text = await bundleUnityPlayer();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`unity bundle: ${out} (${(text.length / 1024).toFixed(0)} KiB)`);
}
