/**
 * A {@link ProcessHost} whose "player processes" are Unity guests (unity-harness.ts): the launch
 * reads the session URL, token and asset folders from the command's environment as
 * PlayerConfig.cs does, runs the player's bundle in a vm or QuickJS guest connected through a
 * memory transport, and reports the guest's exit code (PlayerBootstrap.RequestExit) as the
 * process's.
 */
import type { PlayerProcess, ProcessHost } from '../../orchestrator/src/players/process-host.js';
import type { MemorySessionTransport } from './memory-session-transport.js';
import { startUnityGuest } from './unity-harness.js';
import type { GuestRuntime, UnityGuest } from './unity-harness.js';

export interface UnityGuestHost extends ProcessHost {
  readonly guests: UnityGuest[];
}

export function createUnityGuestHost(transport: MemorySessionTransport, options: { runtime: GuestRuntime; scenes?: string[] }): UnityGuestHost {
  const guests: UnityGuest[] = [];
  return {
    guests,
    launch(command, launchOptions): PlayerProcess {
      const env = { ...command.env, ...launchOptions.env };
      let dropSocket = (): void => undefined;
      const started = startUnityGuest({
        runtime: options.runtime,
        ...(options.scenes ? { scenes: options.scenes } : {}),
        config: {
          Url: env.CLONEDPERSON_PLAYER_URL ?? '',
          Token: env.CLONEDPERSON_PLAYER_TOKEN ?? '',
          AssetRoots: env.CLONEDPERSON_PLAYER_ASSET_ROOTS ?? null,
          LogLevel: env.CLONEDPERSON_PLAYER_LOG_LEVEL ?? 'info',
          BundlePath: null,
        },
        connect: (url, events, opened) => {
          const socket = transport.connect(url, { text: (text) => events.text(text), closed: (code, reason) => events.closed(code, reason) });
          dropSocket = () => socket.drop();
          opened();
          return socket;
        },
      }).then((guest) => {
        guests.push(guest);
        return guest;
      });
      const exited = started.then(
        (guest) => guest.exited.then((exitCode) => ({ exitCode, signal: undefined })),
        () => ({ exitCode: 70, signal: undefined }),
      );
      let stopping: Promise<{ exitCode: number | undefined; signal: string | undefined }> | undefined;
      return {
        pid: undefined,
        exited,
        stop: () => {
          stopping ??= started.then(
            async (guest) => {
              guest.stop();
              dropSocket();
              const exit = await exited;
              return exit.exitCode === 137 ? { exitCode: undefined, signal: 'SIGTERM' } : exit;
            },
            () => exited,
          );
          return stopping;
        },
      };
    },
  };
}
