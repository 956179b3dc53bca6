/**
 * The runner's restart-and-resume, lockstep window, heartbeats and timeouts, in process: scripted
 * players on a memory transport, hosted in this process, with a fake clock (no real waiting).
 */
import { describe, expect, it } from '@jest/globals';
import { VALID_FIXTURES } from '../../../protocol/src/index.js';
import type { CameraSetupMessage, StepMessage, WireCamera } from '../../../protocol/src/index.js';
import { runPlayer } from '../../../orchestrator/src/players/player-runner.js';
import type { PlayerRunOptions } from '../../../orchestrator/src/players/player-runner.js';
import type { StepOutput } from '../../../orchestrator/src/players/player-connection.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createFakeClock, flushCallbacks } from '../../helpers/fake-clock.js';
import { createInProcessHost } from '../../helpers/in-process-player-host.js';
import { createMemorySessionTransport } from '../../helpers/memory-session-transport.js';
import { SCRIPTED_CAPABILITIES, ScriptedPlayer } from '../../helpers/scripted-player.js';
import type { PlayerScript } from '../../helpers/scripted-player.js';
import { inProcessPlayer } from '../../helpers/test-players.js';

const STEPS = 6;
const LIMITS = { heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 5000, helloTimeoutMs: 3000, window: 2 };
const TIMEOUTS = { startMs: 10000, setupMs: 20000, stepMs: 30000 };
const CAMERA: WireCamera = { camera: 0, name: 'cam', positionM: [0, 2, 5], lookAtM: [0, 1, 0], fovDeg: 45, widthPx: 4, heightPx: 2, encoding: 'raw' };
const ALL_STEPS = Array.from({ length: STEPS }, (_, i) => i);

function stepAt(step: number): StepMessage {
  return { type: 'frame/step', step, timeS: step / 10, persons: [{ personId: 7, characterId: 'a', positionM: [0, 0, 0], headingDeg: 0, walkPhase: 0, speedMps: 1 }], cameras: [0] };
}

/** A run over scripted players: launch i follows `script(i)`. */
function harness(script: (launch: number) => PlayerScript = () => ({}), overrides: Partial<PlayerRunOptions> = {}) {
  const clock = createFakeClock();
  const transport = createMemorySessionTransport();
  const players: ScriptedPlayer[] = [];
  const host = createInProcessHost(transport, (launch) => {
    const player = new ScriptedPlayer(launch, script(launch.index));
    players.push(player);
    return player;
  });
  /** Acknowledged steps and the launch that rendered each (from the scripted player's depth marker). */
  const delivered: { step: number; launch: number }[] = [];
  const frameBytes: number[] = [];
  const onResult = (output: StepOutput): Promise<void> => {
    delivered.push({ step: output.step, launch: output.result.annotations[0].depthM - 1 });
    frameBytes.push(output.frames[0].payload[0]);
    return Promise.resolve();
  };
  const logger = createMemoryLogger();
  const options: PlayerRunOptions = {
    player: inProcessPlayer(),
    setup: {
      sceneName: 'test',
      environment: VALID_FIXTURES['scene/load'].environment,
      characters: [
        { characterId: 'a', source: { path: '/characters/a.glb' } },
        { characterId: 'b', source: { path: '/characters/b.glb' } },
      ],
      cameras: [CAMERA],
    },
    firstStep: 0,
    endStep: STEPS,
    stepAt,
    onResult,
    logger,
    logFile: '/nowhere/player.log',
    server: { heartbeatIntervalMs: LIMITS.heartbeatIntervalMs, heartbeatTimeoutMs: LIMITS.heartbeatTimeoutMs, helloTimeoutMs: LIMITS.helloTimeoutMs, window: LIMITS.window },
    timeouts: TIMEOUTS,
    transport,
    processHost: host,
    clock,
    ...overrides,
  };
  return { clock, host, players, delivered, frameBytes, logger, options, run: () => runPlayer(options) };
}

describe('player runner (in process, fake clock)', () => {
  it('sets up scene, characters and cameras, then delivers every step once and in order', async () => {
    const h = harness();
    const summary = await h.clock.settle(h.run());
    expect(h.delivered).toEqual(ALL_STEPS.map((step) => ({ step, launch: 0 })));
    expect(h.frameBytes).toEqual(ALL_STEPS);
    expect(summary).toMatchObject({ restarts: 0, delivered: STEPS, engine: 'scripted 1.0.0', failures: [] });
    const types = h.players[0].received.map((m) => m.type).filter((t) => t !== 'session/ping');
    expect(types).toEqual(['session/welcome', 'scene/load', 'character/load', 'character/load', 'camera/setup', ...ALL_STEPS.map(() => 'frame/step'), 'session/bye']);
  });

  it('restarts a player that crashes with steps in flight and resumes at the first unacknowledged step', async () => {
    const h = harness((launch) => (launch === 0 ? { holdSteps: true } : {}));
    const running = h.run();
    await flushCallbacks();
    const first = h.players[0];
    expect(first.pendingSteps.map((s) => s.step)).toEqual([0, 1]);
    first.answerOldest();
    first.answerOldest();
    await flushCallbacks();
    expect(h.delivered).toEqual([
      { step: 0, launch: 0 },
      { step: 1, launch: 0 },
    ]);
    expect(first.pendingSteps.map((s) => s.step)).toEqual([2, 3]);
    h.host.launches[0].exit(3);
    const summary = await h.clock.settle(running);
    expect(h.delivered.map((d) => d.step)).toEqual(ALL_STEPS);
    expect(h.delivered.filter((d) => d.launch === 1).map((d) => d.step)).toEqual([2, 3, 4, 5]);
    expect(h.players[1].stepsReceived).toEqual([2, 3, 4, 5]);
    expect(summary).toMatchObject({ restarts: 1, delivered: STEPS });
    expect(summary.failures).toEqual([expect.stringMatching(/^E_PLAYER_CRASHED: player (process exited \(code 3\)|connection closed \(1006)/)]);
  });

  it('delivers a step once when the player dies while its result is being stored', async () => {
    let release!: () => void;
    const stored = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness();
    const delivered: number[] = [];
    h.options.onResult = async (output) => {
      delivered.push(output.step);
      // Step 2 is stored slowly; the player crashes meanwhile (step 3 already answered).
      if (output.step === 2) await stored;
    };
    const running = h.run();
    await flushCallbacks();
    expect(delivered).toEqual([0, 1, 2]);
    h.host.launches[0].exit(3);
    await flushCallbacks();
    release();
    await h.clock.settle(running);
    expect(delivered).toEqual(ALL_STEPS);
    expect(h.host.launches).toHaveLength(2);
  });

  it('detects a stalled player by its missed heartbeats, in fake time', async () => {
    const h = harness((launch) => (launch === 0 ? { hangAtStep: 2 } : {}));
    const startedMs = h.clock.now();
    const realStart = performance.now();
    const summary = await h.clock.settle(h.run());
    expect(summary.restarts).toBe(1);
    expect(summary.failures).toEqual([expect.stringMatching(/^E_PROTOCOL_TIMEOUT: player missed its heartbeat for \d+ ms \(stalled\)/)]);
    expect(h.delivered.map((d) => d.step)).toEqual(ALL_STEPS);
    expect(h.players[1].stepsReceived[0]).toBe(h.delivered.filter((d) => d.launch === 0).length);
    // Found by the heartbeat (5 s without a pong, checked every second), long before the 30 s step timeout.
    const fakeElapsedMs = h.clock.now() - startedMs;
    expect(fakeElapsedMs).toBeGreaterThan(LIMITS.heartbeatTimeoutMs);
    expect(fakeElapsedMs).toBeLessThanOrEqual(LIMITS.heartbeatTimeoutMs + 2 * LIMITS.heartbeatIntervalMs);
    expect(performance.now() - realStart).toBeLessThan(500);
  });

  it.each([1, 2, 3])('never has more than a window of %i steps in flight, and fills it', async (window) => {
    const h = harness(() => ({ holdSteps: true }), { server: { ...harness().options.server, window } });
    let done = false;
    const running = h.run().finally(() => {
      done = true;
    });
    const seen: number[] = [];
    for (let round = 0; round < 50 && !done; round++) {
      await flushCallbacks();
      const player = h.players[0];
      seen.push(player.pendingSteps.length);
      if (player.pendingSteps.length > 0) player.answerOldest();
    }
    await running;
    expect(h.delivered.map((d) => d.step)).toEqual(ALL_STEPS);
    expect(h.players[0].maxPendingSteps).toBe(window);
    expect(Math.max(...seen)).toBe(window);
  });

  it.each<[string, PlayerScript, RegExp, number]>([
    ['scene/load', { ignoreRequest: 'scene/load' }, /^E_PROTOCOL_TIMEOUT: player did not answer scene\/load within 20000 ms/, TIMEOUTS.setupMs],
    ['camera/setup', { ignoreRequest: 'camera/setup' }, /^E_PROTOCOL_TIMEOUT: player did not answer camera\/setup within 20000 ms/, TIMEOUTS.setupMs],
    ['step 3', { ignoreStep: 3 }, /^E_PROTOCOL_TIMEOUT: player did not finish step 3 within 30000 ms/, TIMEOUTS.stepMs],
    ['session/hello', { mute: true }, /^E_PROTOCOL_TIMEOUT: no session\/hello within 3000 ms/, LIMITS.helloTimeoutMs],
  ])('times out a player that never answers %s and retries', async (_name, script, failure, timeoutMs) => {
    const h = harness((launch) => (launch === 0 ? script : {}));
    const startedMs = h.clock.now();
    const summary = await h.clock.settle(h.run());
    expect(summary.failures).toEqual([expect.stringMatching(failure)]);
    expect(summary.restarts).toBe(1);
    expect(h.delivered.map((d) => d.step)).toEqual(ALL_STEPS);
    expect(h.clock.now() - startedMs).toBeGreaterThanOrEqual(timeoutMs);
  });

  it('gives up with E_PLAYER_CRASHED when the restart budget is spent', async () => {
    const h = harness(() => ({ crashAtStep: 1 }), { maxRestarts: 2 });
    const error = await h.clock.settle(h.run()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_PLAYER_CRASHED', message: expect.stringMatching(/^player failed 3 times; last: E_PLAYER_CRASHED/) });
    expect((error as { details: { failures: string[] } }).details.failures).toHaveLength(3);
    expect(h.host.launches).toHaveLength(3);
    expect(h.delivered).toEqual([{ step: 0, launch: 0 }]);
    expect(h.players.map((p) => p.stepsReceived[0])).toEqual([0, 1, 1]);
  });

  it.each<[string, PlayerScript]>([
    ['E_PLAYER_ASSET', { refuseCharacters: true }],
    ['E_PROTOCOL_VERSION', { protocolVersion: '2.0.0' }],
    ['E_PROTOCOL_TOKEN', { token: 'f'.repeat(48) }],
    ['E_PROTOCOL_UNSUPPORTED', { capabilities: ['image/raw'] }],
  ])('does not retry a %s refusal', async (code, script) => {
    const h = harness(() => script);
    await expect(h.clock.settle(h.run())).rejects.toMatchObject({ code });
    expect(h.host.launches).toHaveLength(1);
    expect(h.delivered).toEqual([]);
  });

  it('starts mid-run when asked to (firstStep > 0)', async () => {
    const h = harness(() => ({}), { firstStep: 4 });
    await h.clock.settle(h.run());
    expect(h.delivered.map((d) => d.step)).toEqual([4, 5]);
    expect(h.players[0].stepsReceived).toEqual([4, 5]);
  });

  it.each<[string, PlayerScript, number | undefined, boolean]>([
    ['offers render/supersampling', { capabilities: [...SCRIPTED_CAPABILITIES, 'render/supersampling'] }, 2, false],
    ['does not offer render/supersampling', { capabilities: SCRIPTED_CAPABILITIES }, undefined, true],
  ])('sends samplesPerAxis only to a player that %s (else warns)', async (_name, script, samplesPerAxis, warned) => {
    const h = harness(() => script);
    h.options.setup.cameras = [{ ...CAMERA, samplesPerAxis: 2 }];
    await h.clock.settle(h.run());
    const setup = h.players[0].received.find((m): m is CameraSetupMessage => m.type === 'camera/setup');
    expect(setup?.cameras[0].samplesPerAxis).toBe(samplesPerAxis);
    expect(setup && 'samplesPerAxis' in setup.cameras[0]).toBe(samplesPerAxis !== undefined);
    const warnings = h.logger.lines.filter((l) => l.level === 'warn' && l.message.includes('does not offer render/supersampling'));
    expect(warnings.length > 0).toBe(warned);
  });
});
