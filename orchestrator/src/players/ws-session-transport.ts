/**
 * The {@link SessionTransport} over WebSockets (ws): listens on 127.0.0.1 and a random port,
 * without compression, with the transport's payload limit a little above the session's largest
 * message so that the session's own checks report oversize messages.
 */
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import type { SessionListener, SessionSocket, SessionTransport, SocketHandlers } from './session-transport.js';

const IGNORE: SocketHandlers = { text: () => undefined, binary: () => undefined, closed: () => undefined, failed: () => undefined };

function sessionSocket(socket: WebSocket): SessionSocket {
  let handlers = IGNORE;
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) handlers.binary(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else handlers.text(data.toString('utf8'));
  });
  socket.on('close', (code: number, reason: Buffer) => handlers.closed(code, reason.toString()));
  socket.on('error', (error: Error & { code?: string }) => {
    handlers.failed(error, error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || /max payload/i.test(error.message));
  });
  return {
    listen: (next) => {
      handlers = next;
    },
    send: (text) => socket.send(text),
    close: (code, reason) => socket.close(code, reason),
    terminate: () => socket.terminate(),
  };
}

export const webSocketTransport: SessionTransport = {
  async listen({ maxMessageBytes }) {
    // loaded on first use, so importing the package does not load ws
    const { WebSocketServer } = await import('ws');
    const wss = await new Promise<WebSocketServer>((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: maxMessageBytes + 1024, perMessageDeflate: false });
      server.once('listening', () => resolve(server));
      server.once('error', reject);
    });
    const listener: SessionListener = {
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`,
      onConnection: (handler) => {
        wss.on('connection', (socket) => handler(sessionSocket(socket)));
      },
      close: async () => {
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      },
    };
    return listener;
  },
};
