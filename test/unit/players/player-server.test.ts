import { afterEach, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { encodeImageFrame, VALID_FIXTURES } from '../../../protocol/src/index.js';
import type { ProtocolMessage, StepMessage } from '../../../protocol/src/index.js';
import { PlayerServer } from '../../../orchestrator/src/players/player-server.js';
import type { PlayerConnection } from '../../../orchestrator/src/players/player-connection.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createFakeClock } from '../../helpers/fake-clock.js';

/** A scripted player on a real loopback WebSocket. */
class FakePlayer {
  readonly received: ProtocolMessage[] = [];
  closeCode: number | undefined;
  private waiters: { type: string; resolve: (m: ProtocolMessage) => void }[] = [];
  answerPings = true;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as ProtocolMessage;
      if (message.type === 'session/ping') {
        if (this.answerPings) this.send({ type: 'session/pong', nonce: message.nonce });
        return;
      }
      const i = this.waiters.findIndex((w) => w.type === message.type);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(message);
      else this.received.push(message);
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async connect(url: string): Promise<FakePlayer> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new FakePlayer(socket);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next<T extends ProtocolMessage['type']>(type: T): Promise<Extract<ProtocolMessage, { type: T }>> {
    const have = this.received.find((m) => m.type === type);
    if (have) {
      this.received.splice(this.received.indexOf(have), 1);
      return Promise.resolve(have as Extract<ProtocolMessage, { type: T }>);
    }
    return new Promise((resolve) => this.waiters.push({ type, resolve: resolve as (m: ProtocolMessage) => void }));
  }

  closed(): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve) => this.socket.once('close', (code: number) => resolve(code)));
  }

  hello(token: string, extra: Record<string, unknown> = {}): void {
    this.send({ ...VALID_FIXTURES['session/hello'], token, ...extra });
  }
}

const servers: PlayerServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(options: Partial<Parameters<typeof PlayerServer.start>[0]> = {}): Promise<PlayerServer> {
  const server = await PlayerServer.start({
    logger: createMemoryLogger(),
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 800,
    maxMessageBytes: 64 * 1024,
    maxFrameBytes: 256 * 1024,
    window: 2,
    ...options,
  });
  servers.push(server);
  return server;
}

async function session(server: PlayerServer): Promise<{ player: FakePlayer; connection: PlayerConnection }> {
  const connecting = server.nextConnection(5000);
  const player = await FakePlayer.connect(server.url);
  player.hello(server.token);
  const connection = await connecting;
  await player.next('session/welcome');
  return { player, connection };
}

const camera = { camera: 0, name: 'cam0', positionM: [0, 2, 5] as [number, number, number], lookAtM: [0, 1, 0] as [number, number, number], fovDeg: 45, widthPx: 4, heightPx: 2, encoding: 'raw' as const };

async function withCamera(player: FakePlayer, connection: PlayerConnection): Promise<void> {
  const ready = connection.request({ type: 'camera/setup', cameras: [camera] }, 2000);
  const setup = await player.next('camera/setup');
  player.send({ type: 'camera/ready', requestId: setup.requestId });
  await ready;
}

function stepMessage(step: number): StepMessage {
  return { type: 'frame/step', step, timeS: step / 30, persons: [{ personId: 1, characterId: 'c', positionM: [0, 0, 0], headingDeg: 0, walkPhase: 0, speedMps: 0 }], cameras: [0] };
}

function answerStep(player: FakePlayer, step: number): void {
  const payload = new Uint8Array(4 * 2 * 3).fill(step);
  player.socket.send(encodeImageFrame({ step, camera: 0, widthPx: 4, heightPx: 2, encoding: 'raw' }, payload), { binary: true });
  player.send({
    type: 'frame/stepResult',
    step,
    frames: [{ camera: 0, encoding: 'raw', widthPx: 4, heightPx: 2, byteLength: payload.length }],
    annotations: [{ camera: 0, personId: 1, visibleBox: [0, 0, 1, 1], amodalBox: [0, 0, 1, 1], visibleFraction: 1, visiblePixels: 1, keypoints: [], depthM: 5 }],
    renderMs: 1,
  });
}

describe('player session server', () => {
  it('listens on 127.0.0.1 with a random port and welcomes a player with the right token', async () => {
    const server = await startServer();
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
    const { player, connection } = await session(server);
    expect(connection.hello.engine.name).toBe('embedded');
    expect(connection.capabilities).toContain('session/heartbeat');
    expect(player.closeCode).toBeUndefined();
  });

  it('refuses a wrong token with E_PROTOCOL_TOKEN and still accepts the right player afterwards', async () => {
    const server = await startServer();
    const connecting = server.nextConnection(5000);
    const intruder = await FakePlayer.connect(server.url);
    intruder.hello('not-the-token-000000000000000000000000000000000000');
    expect(await intruder.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_TOKEN', fatal: true });
    expect(await intruder.closed()).toBe(4003);
    expect(server.refusals.at(-1)?.code).toBe('E_PROTOCOL_TOKEN');
    const player = await FakePlayer.connect(server.url);
    player.hello(server.token);
    await expect(connecting).resolves.toBeDefined();
    await player.next('session/welcome');
  });

  it('applies the version rule: major mismatch refused, minor mismatch welcomed with a warning', async () => {
    const server = await startServer();
    const old = await FakePlayer.connect(server.url);
    old.hello(server.token, { protocolVersion: '2.0.0' });
    expect(await old.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_VERSION' });
    expect(await old.closed()).toBe(4004);
    const connecting = server.nextConnection(5000);
    const newer = await FakePlayer.connect(server.url);
    newer.hello(server.token, { protocolVersion: '1.4.0' });
    const welcome = await newer.next('session/welcome');
    expect(welcome.warnings[0]).toMatch(/minor version differs/);
    await connecting;
  });

  it('refuses a player without the required capabilities and a first message that is not hello', async () => {
    const server = await startServer();
    const weak = await FakePlayer.connect(server.url);
    weak.hello(server.token, { capabilities: ['image/jpeg'] });
    expect(await weak.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_UNSUPPORTED' });
    const rude = await FakePlayer.connect(server.url);
    rude.send(VALID_FIXTURES['session/pong']);
    expect(await rude.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
  });

  it('runs lockstep steps with a window and returns results in order', async () => {
    const server = await startServer();
    const { player, connection } = await session(server);
    await withCamera(player, connection);
    const first = connection.step(stepMessage(0), 2000);
    const second = connection.step(stepMessage(1), 2000);
    await expect(connection.step(stepMessage(2), 2000)).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect((await player.next('frame/step')).step).toBe(0);
    expect((await player.next('frame/step')).step).toBe(1);
    answerStep(player, 0);
    answerStep(player, 1);
    const [a, b] = await Promise.all([first, second]);
    expect([a.step, b.step]).toEqual([0, 1]);
    expect(Array.from(b.frames[0].payload)).toEqual(new Array(24).fill(1));
  });

  it('answers malformed, out-of-order and duplicate messages with session/error and stays usable', async () => {
    const server = await startServer();
    const { player, connection } = await session(server);
    await withCamera(player, connection);
    const pending = connection.step(stepMessage(5), 2000);
    await player.next('frame/step');
    player.send('{ not json');
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_MALFORMED', fatal: false });
    player.send({ type: 'session/pong' });
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_MALFORMED' });
    player.send({ ...VALID_FIXTURES['frame/stepResult'], step: 9 });
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
    player.send({ type: 'scene/loaded', requestId: 999 });
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
    player.send(VALID_FIXTURES['frame/step']); // a message for the player, sent the wrong way
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
    const frame = encodeImageFrame({ step: 5, camera: 0, widthPx: 4, heightPx: 2, encoding: 'raw' }, new Uint8Array(24));
    player.socket.send(frame, { binary: true });
    player.socket.send(frame, { binary: true });
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
    player.socket.send(new Uint8Array([1, 2, 3]), { binary: true });
    expect(await player.next('session/error')).toMatchObject({ code: 'E_PROTOCOL_MALFORMED' });
    player.send(VALID_FIXTURES['log/message']);
    player.send({
      type: 'frame/stepResult',
      step: 5,
      frames: [{ camera: 0, encoding: 'raw', widthPx: 4, heightPx: 2, byteLength: 24 }],
      annotations: [],
      renderMs: 1,
    });
    await expect(pending).resolves.toMatchObject({ step: 5 });
    expect(connection.isOpen).toBe(true);
    expect(connection.refusals.map((r) => r.code)).toEqual([
      'E_PROTOCOL_MALFORMED',
      'E_PROTOCOL_MALFORMED',
      'E_PROTOCOL_OUT_OF_ORDER',
      'E_PROTOCOL_OUT_OF_ORDER',
      'E_PROTOCOL_OUT_OF_ORDER',
      'E_PROTOCOL_OUT_OF_ORDER',
      'E_PROTOCOL_MALFORMED',
    ]);
  });

  it('ends the session on an oversized message (E_PROTOCOL_TOO_LARGE) and fails what is pending', async () => {
    const server = await startServer();
    const { player, connection } = await session(server);
    await withCamera(player, connection);
    const pending = connection.step(stepMessage(0), 5000);
    await player.next('frame/step');
    player.send({ type: 'log/message', level: 'info', message: 'x'.repeat(60000) + 'y'.repeat(10000) });
    await expect(pending).rejects.toMatchObject({ code: 'E_PROTOCOL_TOO_LARGE' });
    expect((await connection.closed)?.code).toBe('E_PROTOCOL_TOO_LARGE');
  });

  it('ends the session on a message over the transport limit (E_PROTOCOL_TOO_LARGE from the WebSocket)', async () => {
    const server = await startServer();
    const { player, connection } = await session(server);
    // Over the largest message the session allows (256 KiB frames) plus the transport's margin.
    player.socket.send(new Uint8Array(300 * 1024), { binary: true });
    expect((await connection.closed)?.code).toBe('E_PROTOCOL_TOO_LARGE');
  });

  it('detects a stalled player by its missed heartbeats (E_PROTOCOL_TIMEOUT), on the clock it is given', async () => {
    const clock = createFakeClock();
    const server = await startServer({ clock });
    const { player, connection } = await session(server);
    player.answerPings = false;
    clock.advance(800);
    expect(connection.isOpen).toBe(true);
    clock.advance(200);
    expect((await connection.closed)?.code).toBe('E_PROTOCOL_TIMEOUT');
    expect(await player.closed()).toBe(4006);
  });

  it('rejects a request the player reports as failed with the reported code', async () => {
    const server = await startServer();
    const { player, connection } = await session(server);
    const loading = connection.request({ type: 'character/load', characterId: 'c1', source: { path: '/nope.glb' } }, 2000);
    const request = await player.next('character/load');
    player.send({ type: 'session/error', code: 'E_PLAYER_ASSET', message: 'no such file', fatal: false, requestId: request.requestId });
    await expect(loading).rejects.toMatchObject({ code: 'E_PLAYER_ASSET' });
    expect(connection.isOpen).toBe(true);
  });
});
