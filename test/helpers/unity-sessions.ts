/**
 * One player session through the orchestrator's runner, in process: the Unity player's bundle in
 * a guest (unity-harness.ts) or the embedded player (its own endpoint, rendering inline), on the
 * same set-up and steps, so tests can compare what the two players report.
 */
import path from 'node:path';
import type { StepMessage } from '../../protocol/src/index.js';
import { EmbeddedPlayer } from '../../orchestrator/src/players/embedded/embedded-player.js';
import type { StepOutput } from '../../orchestrator/src/players/player-connection.js';
import { runPlayer } from '../../orchestrator/src/players/player-runner.js';
import type { PlayerRunSummary, PlayerSetup } from '../../orchestrator/src/players/player-runner.js';
import { unityPlayer } from '../../orchestrator/src/players/unity/unity-player-definition.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { createInProcessHost } from './in-process-player-host.js';
import { createMemorySessionTransport } from './memory-session-transport.js';
import { inProcessPlayer } from './test-players.js';
import { createUnityGuestHost } from './unity-guest-host.js';
import type { GuestRuntime, UnityGuest } from './unity-harness.js';

export interface SessionInput {
  setup: PlayerSetup;
  steps: StepMessage[];
  /** Folders the player may read (the test's temporary folder). */
  assetRoots: string[];
  logDir: string;
  /** Silence after which the server gives a player up, ms (default 2000; heavy in-process rendering needs more). */
  heartbeatTimeoutMs?: number;
}

export interface SessionRun {
  outputs: StepOutput[];
  summary: PlayerRunSummary;
  /** Texts the orchestrator sent. */
  sent: string[];
}

async function run(input: SessionInput, player: Parameters<typeof runPlayer>[0]['player'], runtime: Pick<Parameters<typeof runPlayer>[0], 'transport' | 'processHost'>, logName: string): Promise<SessionRun> {
  const outputs: StepOutput[] = [];
  const summary = await runPlayer({
    player,
    setup: input.setup,
    firstStep: 0,
    endStep: input.steps.length,
    stepAt: (s) => input.steps[s],
    onResult: (output) => {
      outputs.push(output);
      return Promise.resolve();
    },
    logger: createMemoryLogger(),
    logFile: path.join(input.logDir, `${logName}.log`),
    assetRoots: input.assetRoots,
    ...runtime,
    // Real time: pings every 20 ms; a player silent for 2 s fails the run.
    server: { heartbeatIntervalMs: 20, heartbeatTimeoutMs: input.heartbeatTimeoutMs ?? 2000 },
    maxRestarts: 0,
  });
  return { outputs, summary, sent: [] };
}

/** The session with the Unity player's bundle in a `runtime` guest. */
export async function runUnitySession(input: SessionInput, runtime: GuestRuntime, scenes?: string[]): Promise<SessionRun & { guest: UnityGuest }> {
  const transport = createMemorySessionTransport();
  const host = createUnityGuestHost(transport, { runtime, ...(scenes ? { scenes } : {}) });
  const result = await run(input, unityPlayer({ executable: '/opt/unity/Editor/Unity', env: {}, platform: 'linux' }), { transport, processHost: host }, `unity-${runtime}`);
  return { ...result, sent: transport.sent[0] ?? [], guest: host.guests[0] };
}

/** The same session with the embedded player (rendering inline). */
export async function runEmbeddedSession(input: SessionInput): Promise<SessionRun> {
  const transport = createMemorySessionTransport();
  const host = createInProcessHost(transport, (launch) => new EmbeddedPlayer({ token: launch.token, transport: launch.transport, logger: createMemoryLogger(), workers: 0, assetRoots: input.assetRoots }));
  const result = await run(input, inProcessPlayer('embedded'), { transport, processHost: host }, 'embedded');
  return { ...result, sent: transport.sent[0] ?? [] };
}
