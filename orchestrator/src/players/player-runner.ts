/**
 * Drives a player through a run: starts the session server, launches the player process,
 * sets up scene, characters and cameras, then streams the steps in lockstep (at most `window`
 * in flight) and hands each result to `onResult` in step order. When `onResult` resolves the
 * step is acknowledged. If the player crashes, stalls (missed heartbeats, reply timeouts) or
 * breaks the protocol, it is stopped and started again, and the run resumes at the first
 * unacknowledged step: results in flight from the failed player are dropped, so no step is
 * lost and none is delivered twice. Asset errors and version/token/capability refusals are
 * not retried. The session transport, the process host and the clock are parameters
 * ({@link PlayerRuntime}), so all of this is tested in process with a fake clock.
 */
import type { AssetSource, Capability, SceneLoadMessage, StepMessage, WireCamera, WireEnvironment, WireProp } from '../../../protocol/src/index.js';
import { ClonedPersonError, toClonedPersonError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import type { PlayerConnection, StepOutput } from './player-connection.js';
import type { PlayerDefinition } from './player-definition.js';
import { childProcessHost } from './player-launcher.js';
import { PlayerServer } from './player-server.js';
import type { PlayerServerOptions } from './player-server.js';
import type { PlayerExit, PlayerProcess, ProcessHost } from './process-host.js';
import type { SessionTransport } from './session-transport.js';

export interface PlayerSetup {
  sceneName: string;
  environment: WireEnvironment;
  /** Static models of the scene (protocol 1.2.0, sent to players offering `scene/props`). */
  props?: WireProp[];
  /** An authored Unity scene to render in (protocol 1.2.0, sent to players offering `scene/unityScene`). */
  unityScene?: string;
  characters: { characterId: string; source: AssetSource }[];
  cameras: WireCamera[];
}

/** What a run talks through; the defaults are the real ones, tests pass in-process fakes. */
export interface PlayerRuntime {
  /** How players connect (default: WebSocket on 127.0.0.1). */
  transport?: SessionTransport;
  /** Where player processes run (default: child processes). */
  processHost?: ProcessHost;
  /** Heartbeats and timeouts (default: the system clock). */
  clock?: Clock;
}

export interface PlayerRunOptions extends PlayerRuntime {
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
  server?: Omit<PlayerServerOptions, 'logger' | 'transport' | 'clock'>;
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
    /** After `session/bye`, before the player is stopped if it has not exited by itself. */
    byeMs: 2000,
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

function exitError(exit: PlayerExit): ClonedPersonError {
  return new ClonedPersonError('E_PLAYER_CRASHED', `player process exited (${exit.signal ?? `code ${exit.exitCode}`})`, { details: { ...exit } });
}

/**
 * The cameras as this player may receive them: supersampling only for players that offer it, raw
 * frames (asked for lossless, e.g. for camera looks) as PNG from players without `image/raw`.
 */
export function camerasFor(capabilities: readonly Capability[], cameras: readonly WireCamera[], log: Logger): WireCamera[] {
  const lossless = (camera: WireCamera): WireCamera => (camera.encoding === 'raw' && !capabilities.includes('image/raw') ? { ...camera, encoding: 'png' } : camera);
  if (capabilities.includes('render/supersampling')) return cameras.map(lossless);
  if (cameras.some((c) => (c.samplesPerAxis ?? 1) > 1)) log.warn('player: the player does not offer render/supersampling; rendering without anti-aliasing');
  return cameras.map(({ samplesPerAxis: _samples, ...camera }) => lossless(camera));
}

/**
 * The `scene/load` this player may receive: props only for players offering `scene/props`, the
 * ground ambient only for those offering `scene/groundAmbient` (older players refuse unknown fields).
 */
export function sceneLoadFor(capabilities: readonly Capability[], setup: PlayerSetup, log: Logger): Omit<SceneLoadMessage, 'requestId'> {
  const { groundAmbient, ...lighting } = setup.environment.lighting;
  const environment = groundAmbient === undefined || capabilities.includes('scene/groundAmbient') ? setup.environment : { ...setup.environment, lighting };
  if (groundAmbient !== undefined && environment !== setup.environment) log.warn('player: the player does not offer scene/groundAmbient; its ambient light comes from the sky colour only');
  const props = setup.props ?? [];
  if (props.length > 0 && !capabilities.includes('scene/props')) {
    log.warn(`player: the player does not offer scene/props; the scene's ${props.length} props are left out (people are not occluded by them)`);
  }
  const unityScene = setup.unityScene !== undefined && capabilities.includes('scene/unityScene') ? setup.unityScene : undefined;
  if (setup.unityScene !== undefined && unityScene === undefined) log.warn(`player: the player does not offer scene/unityScene; it builds the environment instead of the Unity scene ${setup.unityScene}`);
  return {
    type: 'scene/load',
    name: setup.sceneName,
    environment,
    ...(props.length > 0 && capabilities.includes('scene/props') ? { props } : {}),
    ...(unityScene === undefined ? {} : { unityScene }),
  };
}

/** Runs steps [firstStep, endStep) through the player with restart-and-resume. */
export async function runPlayer(options: PlayerRunOptions): Promise<PlayerRunSummary> {
  const log = options.logger;
  const maxRestarts = options.maxRestarts ?? PLAYER_RUN_DEFAULTS.maxRestarts;
  const server = await PlayerServer.start({
    ...options.server,
    logger: log,
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const summary: PlayerRunSummary = { restarts: 0, delivered: 0, engine: '', failures: [] };
  const cursor = { next: options.firstStep };
  try {
    while (cursor.next < options.endStep) {
      try {
        await runSession(server, options, cursor, summary);
      } catch (raw) {
        const error = toClonedPersonError(raw);
        if (NOT_RETRIED.has(error.code) || error.details.retry === false) throw error;
        summary.failures.push(`${error.code}: ${error.message}`);
        if (summary.restarts >= maxRestarts) {
          throw new ClonedPersonError('E_PLAYER_CRASHED', `player failed ${summary.restarts + 1} times; last: ${error.code}: ${error.message}`, {
            cause: error,
            details: { failures: summary.failures },
          });
        }
        summary.restarts++;
        log.warn(`player: ${error.code}: ${error.message}; restarting (${summary.restarts}/${maxRestarts}), resuming at step ${cursor.next}`);
      }
    }
  } finally {
    await server.close();
  }
  return summary;
}

/**
 * One player launch: handshake, set-up, then steps from `cursor.next` until the end or the first
 * failure (thrown). `cursor.next` advances with every acknowledged step; the process is stopped
 * either way.
 */
async function runSession(server: PlayerServer, options: PlayerRunOptions, cursor: { next: number }, summary: PlayerRunSummary): Promise<void> {
  const log = options.logger;
  const timeouts = { ...PLAYER_RUN_DEFAULTS.timeouts, ...options.player.timeouts, ...options.timeouts };
  const token = server.newToken();
  const refusalsBefore = server.refusals.length;
  const command = options.player.command({
    url: server.url,
    token,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.assetRoots ? { assetRoots: options.assetRoots } : {}),
  });
  const proc = (options.processHost ?? childProcessHost).launch(command, { logFile: options.logFile, logger: log, ...(options.env ? { env: options.env } : {}) });
  const died = proc.exited.then((exit) => Promise.reject(options.player.exitError?.(exit) ?? exitError(exit)));
  died.catch(() => undefined);
  try {
    const connecting = server.nextConnection(timeouts.startMs);
    connecting.catch(() => undefined); // abandoned at the next launch when the player dies first
    const connection = await Promise.race([connecting, died]).catch((error: unknown) => {
      // A player refused at the handshake exits or never connects: report the refusal instead.
      throw server.refusals.slice(refusalsBefore).at(-1) ?? error;
    });
    summary.engine = `${connection.hello.engine.name} ${connection.hello.engine.version}`;
    const failed = connection.closed.then((error) => Promise.reject(error ?? new ClonedPersonError('E_PLAYER_CRASHED', 'player session ended early')));
    failed.catch(() => undefined);
    const guard = <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, died, failed]);
    await setUp(connection, options, timeouts.setupMs, guard);
    log.debug(`player: set up ${options.setup.characters.length} characters and ${options.setup.cameras.length} cameras; steps ${cursor.next}..${options.endStep - 1}`);
    // Lockstep: at most `window` steps in flight, results taken in step order.
    const inFlight: Promise<StepOutput>[] = [];
    let send = cursor.next;
    while (cursor.next < options.endStep) {
      while (inFlight.length < server.window && send < options.endStep) {
        const pending = connection.step(options.stepAt(send), timeouts.stepMs);
        pending.catch(() => undefined);
        inFlight.push(pending);
        send++;
      }
      const output = await guard(inFlight[0]);
      void inFlight.shift();
      if (output.step !== cursor.next) throw new ClonedPersonError('E_INTERNAL', `result for step ${output.step} while expecting ${cursor.next}`);
      await options.onResult(output);
      cursor.next++;
      summary.delivered++;
    }
    connection.close();
    await exitWithin(proc, timeouts.byeMs, options.clock ?? systemClock);
  } finally {
    await proc.stop();
  }
}

/** Resolves when the process has exited or `timeoutMs` has passed. */
function exitWithin(proc: PlayerProcess, timeoutMs: number, clock: Clock): Promise<void> {
  return new Promise((resolve) => {
    const cancel = clock.after(timeoutMs, resolve);
    void proc.exited.then(() => {
      cancel();
      resolve();
    });
  });
}

/** Scene, characters and cameras, each request guarded against the player dying. */
async function setUp(connection: PlayerConnection, options: PlayerRunOptions, timeoutMs: number, guard: <T>(promise: Promise<T>) => Promise<T>): Promise<void> {
  const { setup } = options;
  await guard(connection.request(sceneLoadFor(connection.capabilities, setup, options.logger), timeoutMs));
  for (const character of setup.characters) {
    await guard(connection.request({ type: 'character/load', characterId: character.characterId, source: character.source }, timeoutMs));
  }
  await guard(connection.request({ type: 'camera/setup', cameras: camerasFor(connection.capabilities, setup.cameras, options.logger) }, timeoutMs));
}
