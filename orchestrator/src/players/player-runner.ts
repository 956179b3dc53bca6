/**
 * Drives a player through a run: starts the session server, launches the player process,
 * sets up scene, characters and cameras, then streams the steps in lockstep (at most `window`
 * in flight) and hands each result to `onResult` in step order. When `onResult` resolves the
 * step is acknowledged. If the player crashes, stalls (missed heartbeats, reply timeouts) or
 * breaks the protocol, it is stopped and started again, and the run resumes at the first
 * unacknowledged step: results in flight from the failed player are dropped, so no step is
 * lost and none is delivered twice. Asset errors and version/token/capability refusals are
 * not retried.
 */
import type { AssetSource, Capability, StepMessage, WireCamera, WireEnvironment } from '../../../protocol/src/index.js';
import { ClonedPersonError, isClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { StepOutput } from './player-connection.js';
import type { PlayerDefinition } from './player-definition.js';
import { launchPlayer } from './player-launcher.js';
import type { PlayerProcess } from './player-launcher.js';
import { PlayerServer } from './player-server.js';
import type { PlayerServerOptions } from './player-server.js';

export interface PlayerSetup {
  sceneName: string;
  environment: WireEnvironment;
  characters: { characterId: string; source: AssetSource }[];
  cameras: WireCamera[];
}

export interface PlayerRunOptions {
  player: PlayerDefinition;
  setup: PlayerSetup;
  /** Steps to deliver: [firstStep, endStep). */
  firstStep: number;
  endStep: number;
  /** The message for a step (pure; called again for retried steps). */
  stepAt: (step: number) => StepMessage;
  /** Persists one result; resolving acknowledges the step. Called in step order. */
  onResult: (output: StepOutput) => Promise<void>;
  logger: Logger;
  /** The player's stdout/stderr go here (appended across restarts). */
  logFile: string;
  /** Render threads in the player (0 = inline; default: all cores). */
  threads?: number;
  /** Extra environment for the player process (tests: fault injection). */
  env?: Record<string, string>;
  /** Folders the player may read asset paths from. */
  assetRoots?: string[];
  /** Restarts allowed after failures (default 3). */
  maxRestarts?: number;
  timeouts?: Partial<typeof PLAYER_RUN_DEFAULTS.timeouts>;
  server?: Omit<PlayerServerOptions, 'logger'>;
}

export const PLAYER_RUN_DEFAULTS = {
  maxRestarts: 3,
  timeouts: {
    /** From launch to a completed handshake (includes the player's start-up). */
    startMs: 60000,
    /** Per set-up request (scene, each character, cameras). */
    setupMs: 120000,
    /** Per step. */
    stepMs: 120000,
  },
};

export interface PlayerRunSummary {
  restarts: number;
  /** Steps acknowledged in this call. */
  delivered: number;
  engine: string;
  failures: string[];
}

const NOT_RETRIED = new Set(['E_PLAYER_ASSET', 'E_PROTOCOL_VERSION', 'E_PROTOCOL_TOKEN', 'E_PROTOCOL_UNSUPPORTED', 'E_PLAYER_UNKNOWN']);

function exitError(exit: { exitCode: number | undefined; signal: string | undefined }): ClonedPersonError {
  return new ClonedPersonError('E_PLAYER_CRASHED', `player process exited (${exit.signal ?? `code ${exit.exitCode}`})`, { details: { ...exit } });
}

/** The cameras as this player may receive them: supersampling only for players that offer it. */
export function camerasFor(capabilities: readonly Capability[], cameras: readonly WireCamera[], log: Logger): WireCamera[] {
  if (capabilities.includes('render/supersampling')) return [...cameras];
  if (cameras.some((c) => (c.samplesPerAxis ?? 1) > 1)) log.warn('player: the player does not offer render/supersampling; rendering without anti-aliasing');
  return cameras.map(({ samplesPerAxis: _samples, ...camera }) => camera);
}

/** Runs steps [firstStep, endStep) through the player with restart-and-resume. */
export async function runPlayer(options: PlayerRunOptions): Promise<PlayerRunSummary> {
  const log = options.logger;
  const timeouts = { ...PLAYER_RUN_DEFAULTS.timeouts, ...options.timeouts };
  const maxRestarts = options.maxRestarts ?? PLAYER_RUN_DEFAULTS.maxRestarts;
  const server = await PlayerServer.start({ ...options.server, logger: log });
  const summary: PlayerRunSummary = { restarts: 0, delivered: 0, engine: '', failures: [] };
  let next = options.firstStep;
  try {
    while (next < options.endStep) {
      const token = server.newToken();
      const proc: PlayerProcess = launchPlayer(
        options.player.command({
          url: server.url,
          token,
          ...(options.threads === undefined ? {} : { threads: options.threads }),
          ...(options.assetRoots ? { assetRoots: options.assetRoots } : {}),
        }),
        { logFile: options.logFile, logger: log, ...(options.env ? { env: options.env } : {}) },
      );
      const died = proc.exited.then((exit) => Promise.reject(exitError(exit)));
      died.catch(() => undefined);
      try {
        const connection = await Promise.race([server.nextConnection(timeouts.startMs), died]).catch((error: unknown) => {
          // A player refused at the handshake exits; report the refusal, not the exit.
          const refusal = server.refusals.at(-1);
          throw refusal && isClonedPersonError(error) && error.code === 'E_PLAYER_CRASHED' ? refusal : error;
        });
        summary.engine = `${connection.hello.engine.name} ${connection.hello.engine.version}`;
        const failed = connection.closed.then((error) => Promise.reject(error ?? new ClonedPersonError('E_PLAYER_CRASHED', 'player session ended early')));
        failed.catch(() => undefined);
        const guard = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, died, failed]);
        const { setup } = options;
        await guard(connection.request({ type: 'scene/load', name: setup.sceneName, environment: setup.environment }, timeouts.setupMs));
        for (const character of setup.characters) {
          await guard(connection.request({ type: 'character/load', characterId: character.characterId, source: character.source }, timeouts.setupMs));
        }
        await guard(connection.request({ type: 'camera/setup', cameras: camerasFor(connection.capabilities, setup.cameras, log) }, timeouts.setupMs));
        log.debug(`player: set up ${setup.characters.length} characters and ${setup.cameras.length} cameras; steps ${next}..${options.endStep - 1}`);
        const inFlight: Promise<StepOutput>[] = [];
        let send = next;
        while (next < options.endStep) {
          while (inFlight.length < server.window && send < options.endStep) {
            const pending = connection.step(options.stepAt(send), timeouts.stepMs);
            pending.catch(() => undefined);
            inFlight.push(pending);
            send++;
          }
          const output = await guard(inFlight[0]);
          void inFlight.shift();
          if (output.step !== next) throw new ClonedPersonError('E_INTERNAL', `result for step ${output.step} while expecting ${next}`);
          await options.onResult(output);
          next++;
          summary.delivered++;
        }
        connection.close();
        await proc.stop();
      } catch (raw) {
        const error = toClonedPersonError(raw);
        await proc.stop();
        if (NOT_RETRIED.has(error.code)) throw error;
        summary.failures.push(`${error.code}: ${error.message}`);
        if (summary.restarts >= maxRestarts) {
          throw new ClonedPersonError('E_PLAYER_CRASHED', `player failed ${summary.restarts + 1} times; last: ${error.code}: ${error.message}`, {
            cause: error,
            details: { failures: summary.failures },
          });
        }
        summary.restarts++;
        log.warn(`player: ${error.code}: ${error.message}; restarting (${summary.restarts}/${maxRestarts}), resuming at step ${next}`);
      }
    }
  } finally {
    await server.close();
  }
  return summary;
}
