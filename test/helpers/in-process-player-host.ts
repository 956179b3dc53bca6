/**
 * A {@link ProcessHost} that runs each "player process" in this process: the launch reads the
 * session url and token from the command's environment (as a player's entry would), connects an
 * endpoint built by the test through a memory transport, and reports an exit when the endpoint
 * exits, when its connection closes (as the embedded player's entry does) or when stopped.
 */
import { EMBEDDED_PLAYER_ENV } from '../../orchestrator/src/players/embedded/embedded-player-env.js';
import type { PlayerEndpoint, PlayerTransport } from '../../orchestrator/src/players/embedded/player-endpoint.js';
import type { PlayerCommand } from '../../orchestrator/src/players/player-definition.js';
import type { PlayerExit, PlayerProcess, ProcessHost } from '../../orchestrator/src/players/process-host.js';
import type { MemorySessionTransport } from './memory-session-transport.js';

export interface InProcessLaunch {
  /** 0 for the first launch of this host, then 1, 2, ... */
  index: number;
  command: PlayerCommand;
  /** The command's environment plus the run's extra environment. */
  env: Record<string, string>;
  url: string;
  token: string;
  transport: PlayerTransport;
  /** The process ends with `exitCode` (its connection drops without a close handshake). */
  exit(exitCode: number): void;
}

export interface InProcessHost extends ProcessHost {
  /** Launches so far. */
  readonly launches: InProcessLaunch[];
}

export function createInProcessHost(transport: MemorySessionTransport, createEndpoint: (launch: InProcessLaunch) => PlayerEndpoint): InProcessHost {
  const launches: InProcessLaunch[] = [];
  return {
    launches,
    launch(command, options): PlayerProcess {
      const env = { ...command.env, ...options.env };
      const url = env[EMBEDDED_PLAYER_ENV.url];
      const token = env[EMBEDDED_PLAYER_ENV.token];
      if (!url || !token) throw new Error('in-process host: the command carries no session url and token');
      let settle!: (exit: PlayerExit) => void;
      let ended = false;
      const exited = new Promise<PlayerExit>((resolve) => {
        settle = resolve;
      });
      const finish = (exit: PlayerExit): void => {
        if (ended) return;
        ended = true;
        socket.drop();
        void endpoint.dispose().then(() => settle(exit));
      };
      const socket = transport.connect(url, {
        text: (text) => {
          if (!ended) endpoint.onText(text);
        },
        closed: () => finish({ exitCode: 0, signal: undefined }),
      });
      const launch: InProcessLaunch = {
        index: launches.length,
        command,
        env,
        url,
        token,
        transport: socket,
        exit: (exitCode) => finish({ exitCode, signal: undefined }),
      };
      launches.push(launch);
      const endpoint = createEndpoint(launch);
      queueMicrotask(() => {
        if (!ended) endpoint.start();
      });
      return {
        pid: undefined,
        exited,
        stop: () => {
          finish({ exitCode: undefined, signal: 'SIGTERM' });
          return exited;
        },
      };
    },
  };
}
