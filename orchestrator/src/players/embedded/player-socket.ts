/**
 * Plugs a {@link PlayerEndpoint} into the orchestrator's WebSocket: the process side of the
 * session transport, shared by the embedded player's entry and test players.
 */
import WebSocket from 'ws';
import type { Logger } from '../../shared/logger.js';
import type { PlayerEndpoint, PlayerTransport } from './player-endpoint.js';

/** How the connection ended: `failed` when the socket reported an error. */
export interface PlayerSocketEnd {
  code: number;
  reason: string;
  failed: boolean;
}

/** Connects to `url`, serves `createEndpoint(transport)` until the socket closes, then disposes it. */
export function servePlayerSocket(url: string, createEndpoint: (transport: PlayerTransport) => PlayerEndpoint, logger: Logger): Promise<PlayerSocketEnd> {
  const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024, perMessageDeflate: false });
  const endpoint = createEndpoint({
    sendText: (text) => socket.send(text),
    sendBinary: (bytes) => socket.send(bytes, { binary: true }),
    close: (code, reason) => socket.close(code, reason),
  });
  let failed = false;
  return new Promise((resolve) => {
    socket.on('open', () => {
      logger.info(`player: connected to ${url}`);
      endpoint.start();
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) endpoint.onText(data.toString('utf8'));
    });
    socket.on('error', (error) => {
      logger.error(`player: ${error.message}`);
      failed = true;
    });
    socket.on('close', (code, reason) => {
      logger.info(`player: connection closed (${code} ${reason.toString()})`);
      void endpoint.dispose().then(() => resolve({ code, reason: reason.toString(), failed }));
    });
  });
}
