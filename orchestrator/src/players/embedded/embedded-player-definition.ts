/**
 * How to start the embedded player: `node <dist>/players/embedded/embedded-player-main.js`
 * when running from the built package, or `node --import tsx <src>/...-main.ts` when the
 * orchestrator itself runs from TypeScript sources (tests, `tsx`), so both work without a build.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageInfo } from '../../shared/package-info.js';
import type { PlayerCommand, PlayerDefinition, PlayerLaunchContext } from '../player-definition.js';

/** The entry file beside this module and whether it is TypeScript source. */
export function embeddedPlayerEntry(): { file: string; fromSource: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './embedded-player-main.ts' : './embedded-player-main.js', import.meta.url);
  return { file: fileURLToPath(url), fromSource };
}

export const embeddedPlayer: PlayerDefinition = {
  name: 'embedded',
  describe: 'the built-in TypeScript software renderer (no GPU, no Unity)',
  version: packageInfo().version,
  command(context: PlayerLaunchContext): PlayerCommand {
    const entry = embeddedPlayerEntry();
    // tsx is resolved from this package, not from the working directory.
    const loader = entry.fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
    return {
      file: process.execPath,
      args: [...loader, entry.file],
      env: {
        CLONEDPERSON_PLAYER_URL: context.url,
        CLONEDPERSON_PLAYER_TOKEN: context.token,
        ...(context.threads === undefined ? {} : { CLONEDPERSON_PLAYER_WORKERS: String(context.threads) }),
        ...(context.assetRoots?.length ? { CLONEDPERSON_PLAYER_ASSET_ROOTS: JSON.stringify(context.assetRoots) } : {}),
      },
    };
  },
};
