#!/usr/bin/env node
/**
 * Process entry of the embedded player: connects to the orchestrator's WebSocket like the Unity
 * player does and serves the protocol with the software renderer. Its environment is described
 * in embedded-player-env.ts (set by the launcher).
 */
import { createStreamLogger } from '../../shared/logger.js';
import { EmbeddedPlayer } from './embedded-player.js';
import { readEmbeddedPlayerEnv } from './embedded-player-env.js';
import type { EmbeddedPlayerConfig } from './embedded-player-env.js';
import { servePlayerSocket } from './player-socket.js';

let config: EmbeddedPlayerConfig;
try {
  config = readEmbeddedPlayerEnv(process.env);
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(2);
}
const logger = createStreamLogger({ level: config.logLevel, write: (line) => process.stderr.write(line) });
const { url, token, ...rest } = config;
const end = await servePlayerSocket(url, (transport) => new EmbeddedPlayer({ token, transport, logger, ...rest }), logger);
process.exit(end.failed ? 1 : 0);
