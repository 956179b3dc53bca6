/**
 * Process entry of the fault player (tests only): the embedded player behind the fault
 * injection of player-faults.ts, so one real-process test can crash and stall a real player.
 * Environment: the embedded player's (embedded-player-env.ts) plus FAULT_PLAYER_ENV.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { EmbeddedPlayer } from '../../orchestrator/src/players/embedded/embedded-player.js';
import { readEmbeddedPlayerEnv } from '../../orchestrator/src/players/embedded/embedded-player-env.js';
import type { PlayerEndpoint, PlayerTransport } from '../../orchestrator/src/players/embedded/player-endpoint.js';
import { servePlayerSocket } from '../../orchestrator/src/players/embedded/player-socket.js';
import { createStreamLogger } from '../../orchestrator/src/shared/logger.js';
import { FAULT_PLAYER_ENV, parseFaultPlan, withFault } from './player-faults.js';

const { url, token, logLevel, ...options } = readEmbeddedPlayerEnv(process.env);
const logger = createStreamLogger({ level: logLevel, write: (line) => process.stderr.write(line) });

/** This launch's index: the lines the launch file holds before this launch adds its own. */
function launchIndex(file: string | undefined): number {
  if (!file) return 0;
  const index = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
  appendFileSync(file, `launch ${index} pid ${process.pid}\n`);
  return index;
}

const fault = parseFaultPlan(process.env[FAULT_PLAYER_ENV.faults] ?? 'none')[launchIndex(process.env[FAULT_PLAYER_ENV.launches])] ?? null;
const embedded = (transport: PlayerTransport): PlayerEndpoint => new EmbeddedPlayer({ token, transport, logger, ...options });
const create = fault ? withFault(fault, { onCrash: () => process.exit(3), log: (m) => logger.warn(m) }, embedded) : embedded;
const end = await servePlayerSocket(url, create, logger);
process.exit(end.failed ? 1 : 0);
