#!/usr/bin/env node
/**
 * Process entry of the embedded player: connects to the orchestrator's WebSocket like the Unity
 * player does and serves the protocol with the software renderer.
 *
 * Environment (set by the launcher; the token stays out of the process list):
 * - CLONEDPERSON_PLAYER_URL    ws://127.0.0.1:<port>/
 * - CLONEDPERSON_PLAYER_TOKEN  the session token
 * - CLONEDPERSON_PLAYER_WORKERS render threads (default: CPU count)
 * - CLONEDPERSON_PLAYER_PROTOCOL announce another protocol version (tests)
 * - CLONEDPERSON_PLAYER_ASSET_ROOTS JSON list of folders that asset paths must lie in
 * - CLONEDPERSON_PLAYER_FAULT  test-only fault injection: `crash@K` exits with code 3 and
 *   `hang@K` stops answering anything (heartbeats included) when asked to render step K;
 *   with CLONEDPERSON_PLAYER_FAULT_ONCE=<file> the fault fires only if <file> does not exist
 *   yet (it is created), so a restarted player behaves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { createStreamLogger } from '../../shared/logger.js';
import { EmbeddedPlayer } from './embedded-player.js';
import type { PlayerFault } from './embedded-player.js';

const env = process.env;
const url = env.CLONEDPERSON_PLAYER_URL;
const token = env.CLONEDPERSON_PLAYER_TOKEN;
const logger = createStreamLogger({ level: env.CLONEDPERSON_PLAYER_LOG_LEVEL === 'debug' ? 'debug' : 'info', write: (line) => process.stderr.write(line) });
if (!url || !token) {
  logger.error('embedded player: CLONEDPERSON_PLAYER_URL and CLONEDPERSON_PLAYER_TOKEN must be set');
  process.exit(2);
}

function parseFault(text: string | undefined): PlayerFault | undefined {
  const match = /^(crash|hang)@(\d+)$/.exec(text ?? '');
  if (!match) return undefined;
  const onceFile = env.CLONEDPERSON_PLAYER_FAULT_ONCE;
  if (onceFile && existsSync(onceFile)) return undefined;
  return { kind: match[1] as PlayerFault['kind'], step: Number(match[2]) };
}

const fault = parseFault(env.CLONEDPERSON_PLAYER_FAULT);
const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024, perMessageDeflate: false });
const player = new EmbeddedPlayer({
  token,
  logger,
  transport: {
    sendText: (text) => socket.send(text),
    sendBinary: (bytes) => socket.send(bytes, { binary: true }),
    close: (code, reason) => socket.close(code, reason),
  },
  ...(env.CLONEDPERSON_PLAYER_WORKERS ? { workers: Number(env.CLONEDPERSON_PLAYER_WORKERS) } : {}),
  ...(env.CLONEDPERSON_PLAYER_PROTOCOL ? { protocolVersion: env.CLONEDPERSON_PLAYER_PROTOCOL } : {}),
  ...(env.CLONEDPERSON_PLAYER_ASSET_ROOTS ? { assetRoots: JSON.parse(env.CLONEDPERSON_PLAYER_ASSET_ROOTS) as string[] } : {}),
  ...(fault
    ? {
        fault: {
          ...fault,
          trigger: (f: PlayerFault) => {
            logger.warn(`embedded player: injected fault ${f.kind} at step ${f.step}`);
            if (env.CLONEDPERSON_PLAYER_FAULT_ONCE) writeFileSync(env.CLONEDPERSON_PLAYER_FAULT_ONCE, `${f.kind}@${f.step}\n`);
            if (f.kind === 'crash') process.exit(3);
          },
        },
      }
    : {}),
});

socket.on('open', () => {
  logger.info(`embedded player: connected to ${url}`);
  player.start();
});
socket.on('message', (data, isBinary) => {
  if (isBinary) return; // the orchestrator sends no binary frames
  player.onText((data as Buffer).toString('utf8'));
});
socket.on('close', (code, reason) => {
  logger.info(`embedded player: connection closed (${code} ${reason.toString()})`);
  void player.dispose().then(() => process.exit(0));
});
socket.on('error', (error) => {
  logger.error(`embedded player: ${error.message}`);
  process.exitCode = 1;
});
