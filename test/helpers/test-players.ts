/**
 * Player definitions that exist only in tests: one whose "process" an in-process host runs
 * (its command only carries the launch environment), and the fault player, a real process
 * running the embedded player with fault injection (fault-player-main.ts).
 */
import { fileURLToPath } from 'node:url';
import { embeddedPlayerEnv } from '../../orchestrator/src/players/embedded/embedded-player-env.js';
import { typeScriptLoaderArgs } from '../../orchestrator/src/players/embedded/embedded-player-definition.js';
import type { PlayerDefinition } from '../../orchestrator/src/players/player-definition.js';

/** A player for {@link createInProcessHost}: the name and version enter the render's input key. */
export function inProcessPlayer(name = 'in-process', version = '1.0.0'): PlayerDefinition {
  return {
    name,
    version,
    describe: 'a player run inside the test process',
    command: (context) => ({ file: 'in-process', args: [], env: embeddedPlayerEnv(context) }),
  };
}

const FAULT_PLAYER_MAIN = fileURLToPath(new URL('./fault-player-main.ts', import.meta.url));

/** The embedded player in a child process that crashes or stalls as FAULT_PLAYER_ENV says. */
export const faultPlayer: PlayerDefinition = {
  name: 'fault',
  version: '1.0.0',
  describe: 'the embedded player with test-only fault injection',
  command: (context) => ({ file: process.execPath, args: [...typeScriptLoaderArgs(), FAULT_PLAYER_MAIN], env: embeddedPlayerEnv(context) }),
};
