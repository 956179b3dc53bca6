/**
 * How to start the embedded player: `node <dist>/players/embedded/embedded-player-main.js`
 * when running from the built package, or `node --import tsx <src>/...-main.ts` when the
 * orchestrator itself runs from TypeScript sources (tests, `tsx`), so both work without a build.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageInfo } from '../../shared/package-info.js';
import type { PlayerCommand, PlayerDefinition, PlayerLaunchContext } from '../player-definition.js';
import { embeddedPlayerEnv } from './embedded-player-env.js';

/** The entry file beside this module and whether it is TypeScript source. */
function embeddedPlayerEntry(): { file: string; fromSource: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './embedded-player-main.ts' : './embedded-player-main.js', import.meta.url);
  return { file: fileURLToPath(url), fromSource };
}

/** Node arguments that let a `.ts` entry run (tsx, resolved from this package, not the working directory). */
export function typeScriptLoaderArgs(): string[] {
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

export const embeddedPlayer: PlayerDefinition = {
  name: 'embedded',
  describe: 'the built-in TypeScript software renderer (no GPU, no Unity)',
  version: packageInfo().version,
  command(context: PlayerLaunchContext): PlayerCommand {
    const entry = embeddedPlayerEntry();
    return {
      file: process.execPath,
      args: [...(entry.fromSource ? typeScriptLoaderArgs() : []), entry.file],
      env: embeddedPlayerEnv(context),
    };
  },
};
