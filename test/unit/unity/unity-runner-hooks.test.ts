/**
 * What the runner takes from a player definition for Unity (player-runner.ts, player-server.ts):
 * the definition's exit-code mapping, no restart for an error marked `retry: false`, the
 * definition's longer start timeout, a wait for a player that ends when the server closes (no
 * timer left behind after a run that failed early), and the authored Unity scene sent only to a
 * player offering `scene/unityScene`.
 */
import { describe, expect, it } from '@jest/globals';
import { VALID_FIXTURES } from '../../../protocol/src/index.js';
import { PlayerServer } from '../../../orchestrator/src/players/player-server.js';
import { runPlayer, sceneLoadFor } from '../../../orchestrator/src/players/player-runner.js';
import type { PlayerRunOptions } from '../../../orchestrator/src/players/player-runner.js';
import type { PlayerExit, ProcessHost } from '../../../orchestrator/src/players/process-host.js';
import { unityExitError } from '../../../orchestrator/src/players/unity/unity-exit-codes.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { createMemorySessionTransport } from '../../helpers/memory-session-transport.js';
import { inProcessPlayer } from '../../helpers/test-players.js';

/** Processes that never connect: each exits with `exitCode`, or never when it is undefined. */
function host(exitCode: number | undefined): ProcessHost & { launches: number } {
  const h = {
    launches: 0,
    launch() {
      h.launches++;
      let stop!: (exit: PlayerExit) => void;
      const exited = new Promise<PlayerExit>((resolve) => {
        stop = resolve;
        if (exitCode !== undefined) queueMicrotask(() => resolve({ exitCode, signal: undefined }));
      });
      return { pid: undefined, exited, stop: () => (stop({ exitCode: undefined, signal: 'SIGTERM' }), exited) };
    },
  };
  return h;
}

function options(processHost: ProcessHost, player: PlayerRunOptions['player']): PlayerRunOptions & { clock: ReturnType<typeof createFakeClock> } {
  return {
    player,
    setup: { sceneName: 's', environment: VALID_FIXTURES['scene/load'].environment, characters: [], cameras: [] },
    firstStep: 0,
    endStep: 1,
    stepAt: () => {
      throw new Error('unused');
    },
    onResult: () => Promise.resolve(),
    logger: createMemoryLogger(),
    logFile: '/nowhere/player.log',
    transport: createMemorySessionTransport(),
    processHost,
    clock: createFakeClock(),
    maxRestarts: 3,
  };
}

const unityLike = { ...inProcessPlayer('unity-like'), exitError: unityExitError };

describe('the runner with a Unity-like player definition', () => {
  it('maps exit codes with the definition and does not restart what it marks as not retryable', async () => {
    const h = host(4);
    const o = options(h, unityLike);
    const error = await o.clock.settle(runPlayer(o).catch((e: unknown) => e));
    expect(isClonedPersonError(error) && [error.code, error.message]).toEqual(['E_PLAYER_START', 'Unity exited with code 4: a PuerTS native library (libPuertsCore, libPapiV8) could not be loaded (docs/unity.md, troubleshooting)']);
    expect(h.launches).toBe(1);
  });

  it('restarts what a restart may fix', async () => {
    const h = host(1);
    const o = options(h, unityLike);
    const error = await o.clock.settle(runPlayer(o).catch((e: unknown) => e));
    expect(isClonedPersonError(error) && error.code).toBe('E_PLAYER_CRASHED');
    expect(h.launches).toBe(4);
  });

  it("waits for the handshake as long as the definition's start timeout says", async () => {
    const o = options(host(undefined), { ...unityLike, timeouts: { startMs: 900_000 } });
    o.maxRestarts = 0;
    const error = await o.clock.settle(runPlayer(o).catch((e: unknown) => e), 2 * 3600_000);
    expect((error as Error).message).toContain('no player completed the handshake within 900000 ms');
  });

  it('ends a pending wait for a player when the server closes', async () => {
    const server = await PlayerServer.start({ logger: createMemoryLogger(), transport: createMemorySessionTransport() });
    const waiting = server.nextConnection(3600_000).catch((e: unknown) => e);
    await server.close();
    const error = await waiting;
    expect(isClonedPersonError(error) && [error.code, error.message]).toEqual(['E_PLAYER_START', 'stopped waiting: the session server closed']);
  });

  it('sends the authored Unity scene only to a player offering scene/unityScene', () => {
    const setup = { sceneName: 's', environment: VALID_FIXTURES['scene/load'].environment, characters: [], cameras: [], unityScene: 'Station' };
    const logger = createMemoryLogger();
    expect(sceneLoadFor(['image/png', 'scene/unityScene'], setup, logger)).toMatchObject({ type: 'scene/load', unityScene: 'Station' });
    expect(sceneLoadFor(['image/png'], setup, logger)).not.toHaveProperty('unityScene');
    expect(logger.lines.map((l) => l.message).filter((m) => m.includes('unityScene'))).toEqual(['player: the player does not offer scene/unityScene; it builds the environment instead of the Unity scene Station']);
  });
});
