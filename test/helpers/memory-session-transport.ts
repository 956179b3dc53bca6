/**
 * A {@link SessionTransport} in memory: a player in the same process connects to the listener's
 * `memory://` url and the two ends exchange messages asynchronously (one microtask per message,
 * in order), as over a socket: what was sent before a close still arrives, then the close
 * reaches both ends. `drop` models a player process that dies (close code 1006).
 */
import type { SessionListener, SessionSocket, SessionTransport, SocketHandlers } from '../../orchestrator/src/players/session-transport.js';
import type { PlayerTransport } from '../../orchestrator/src/players/embedded/player-endpoint.js';

/** The player's end of a connection. */
export interface MemoryPlayerSocket extends PlayerTransport {
  /** The connection breaks without a closing handshake (the player died). */
  drop(): void;
}

export interface PlayerSocketHandlers {
  text(text: string): void;
  closed(code: number, reason: string): void;
}

export interface MemorySessionTransport extends SessionTransport {
  /** Connects a player to the listener at `url` (throws when nothing listens there). */
  connect(url: string, handlers: PlayerSocketHandlers): MemoryPlayerSocket;
  /** Texts the orchestrator sent, per connection, for assertions. */
  readonly sent: string[][];
}

const ABNORMAL = 1006;

export function createMemorySessionTransport(): MemorySessionTransport {
  const listeners = new Map<string, { accept: (socket: SessionSocket) => void; sockets: Set<() => void> }>();
  const sent: string[][] = [];
  let count = 0;
  return {
    sent,
    listen() {
      const url = `memory://session-${++count}/`;
      const entry = { accept: (_socket: SessionSocket): void => undefined, sockets: new Set<() => void>() };
      listeners.set(url, entry);
      const listener: SessionListener = {
        url,
        onConnection: (handler) => {
          entry.accept = handler;
        },
        close: () => {
          listeners.delete(url);
          for (const terminate of [...entry.sockets]) terminate();
          return Promise.resolve();
        },
      };
      return Promise.resolve(listener);
    },
    connect(url, player) {
      const entry = listeners.get(url);
      if (!entry) throw new Error(`memory transport: nothing listens at ${url}`);
      const log: string[] = [];
      sent.push(log);
      let server: SocketHandlers | undefined;
      let open = true;
      const later = (deliver: () => void): void => queueMicrotask(deliver);
      const end = (code: number, reason: string): void => {
        if (!open) return;
        open = false;
        entry.sockets.delete(terminate);
        later(() => {
          server?.closed(code, reason);
          player.closed(code, reason);
        });
      };
      const terminate = (): void => end(ABNORMAL, '');
      entry.sockets.add(terminate);
      const orchestratorEnd: SessionSocket = {
        listen: (handlers) => {
          server = handlers;
        },
        send: (text) => {
          if (!open) return;
          log.push(text);
          later(() => player.text(text));
        },
        close: (code, reason) => end(code, reason),
        terminate,
      };
      entry.accept(orchestratorEnd);
      return {
        sendText: (text) => {
          if (open) later(() => server?.text(text));
        },
        sendBinary: (bytes) => {
          const copy = bytes.slice();
          if (open) later(() => server?.binary(copy));
        },
        close: (code, reason) => end(code, reason),
        drop: terminate,
      };
    },
  };
}
