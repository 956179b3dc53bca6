/**
 * The Unity player's protocol session (player-session.ts) with a stage and a socket that record:
 * hello, order rules, heartbeats while a step renders, set-up replies and errors, frames before
 * the step result, and the two ways a session ends.
 */
import { describe, expect, it } from '@jest/globals';
import { PROTOCOL_VERSION, decodeImageFrame } from '../../../protocol/src/index.js';
import type { ProtocolMessage, WireCamera } from '../../../protocol/src/index.js';
import { PlayerSession, UNITY_CAPABILITIES } from '../../../unity-project/TypeScript/src/player-session.js';
import type { PlayerStage, RenderedStep } from '../../../unity-project/TypeScript/src/player-session.js';

const WELCOME = { type: 'session/welcome', protocolVersion: PROTOCOL_VERSION, sessionId: 's1', capabilities: ['image/png', 'session/heartbeat'], heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1000, maxMessageBytes: 1 << 20, maxFrameBytes: 1 << 20, window: 2, warnings: [] };
const CAMERA: WireCamera = { camera: 3, name: 'c', positionM: [0, 1, 5], lookAtM: [0, 1, 0], fovDeg: 40, widthPx: 4, heightPx: 2, encoding: 'raw' };
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function harness(stage: Partial<PlayerStage> = {}) {
  const texts: ProtocolMessage[] = [];
  const binaries: Uint8Array[] = [];
  const events: string[] = [];
  const ends: boolean[] = [];
  const fullStage: PlayerStage = {
    loadScene: () => Promise.resolve(),
    loadCharacter: () => Promise.resolve({ vertexCount: 10, jointCount: 3, heightM: 1.7254 }),
    setCameras: () => undefined,
    renderStep: () => Promise.resolve({ frames: [], annotations: [] }),
    dispose: () => void events.push('dispose'),
    ...stage,
  };
  const session = new PlayerSession({
    token: 'tok',
    engine: { name: 'unity', version: '6000.0.1f1' },
    socket: {
      sendText: (t) => void texts.push(JSON.parse(t) as ProtocolMessage),
      sendBinary: (b) => {
        binaries.push(b);
        events.push(`binary ${decodeImageFrame(b).camera}`);
      },
      close: (code, reason) => void events.push(`close ${code} ${reason}`),
    },
    stage: fullStage,
    assets: { read: (source) => ('path' in source ? Uint8Array.of(1, 2, 3) : Uint8Array.of(4)) },
    log: () => undefined,
    now: () => 1000,
    onEnd: (clean) => void ends.push(clean),
  });
  const send = (m: object): void => session.onText(JSON.stringify(m));
  return { session, texts, binaries, events, ends, send };
}

describe('the Unity player session', () => {
  it('announces itself with the token, the protocol version and its capabilities', () => {
    const h = harness();
    h.session.start();
    expect(h.texts).toEqual([{ type: 'session/hello', protocolVersion: PROTOCOL_VERSION, token: 'tok', engine: { name: 'unity', version: '6000.0.1f1' }, capabilities: UNITY_CAPABILITIES }]);
    expect(UNITY_CAPABILITIES).toEqual(expect.arrayContaining(['image/png', 'session/heartbeat', 'render/supersampling', 'scene/props', 'scene/unityScene']));
  });

  it('refuses set-up before the welcome and malformed messages, and stays usable', async () => {
    const h = harness();
    h.send({ type: 'camera/setup', requestId: 1, cameras: [CAMERA] });
    h.send({ type: 'frame/step', step: -1 });
    await flush();
    expect(h.texts.map((t) => t.type === 'session/error' && t.code)).toEqual(['E_PROTOCOL_MALFORMED', 'E_PROTOCOL_OUT_OF_ORDER']);
    h.send(WELCOME);
    h.send({ type: 'camera/setup', requestId: 2, cameras: [CAMERA] });
    await flush();
    expect(h.texts.at(-1)).toEqual({ type: 'camera/ready', requestId: 2 });
  });

  it('answers pings at once, even while a step renders', async () => {
    let finish!: (r: RenderedStep) => void;
    const h = harness({ renderStep: () => new Promise((resolve) => (finish = resolve)) });
    h.send(WELCOME);
    h.send({ type: 'camera/setup', requestId: 1, cameras: [CAMERA] });
    await flush();
    h.send({ type: 'frame/step', step: 7, timeS: 0.7, persons: [], cameras: [3] });
    await flush();
    h.send({ type: 'session/ping', nonce: 41 });
    expect(h.texts.at(-1)).toEqual({ type: 'session/pong', nonce: 41 });
    finish({ frames: [{ camera: 3, payload: new Uint8Array(24) }], annotations: [] });
    await flush();
    // The image frame goes first, then the result that lists it.
    expect(h.events).toEqual(['binary 3']);
    expect(h.texts.at(-1)).toEqual({ type: 'frame/stepResult', step: 7, frames: [{ camera: 3, encoding: 'raw', widthPx: 4, heightPx: 2, byteLength: 24 }], annotations: [], renderMs: 0 });
  });

  it('replies to characters (height to the millimetre) and reports what it cannot load or render', async () => {
    const h = harness({
      loadScene: () => Promise.reject(new Error('no such texture')),
      renderStep: () => Promise.reject(new Error('boom')),
    });
    h.send(WELCOME);
    h.send({ type: 'character/load', requestId: 4, characterId: 'ann', source: { path: '/c/ann.glb' } });
    h.send({ type: 'scene/load', requestId: 5, name: 'sc', environment: { ground: { color: [1, 1, 1], tileM: 1, halfSizeM: 5 }, background: { zenithColor: [0, 0, 1], horizonColor: [1, 1, 1] }, lighting: { ambient: [0.2, 0.2, 0.2], sunDirection: [0, -1, 0], sunColor: [1, 1, 1] } } });
    h.send({ type: 'frame/step', step: 0, timeS: 0, persons: [], cameras: [9] });
    await flush();
    expect(h.texts).toEqual([
      { type: 'character/loaded', requestId: 4, characterId: 'ann', vertexCount: 10, jointCount: 3, heightM: 1.725 },
      { type: 'session/error', code: 'E_PLAYER_ASSET', message: 'scene sc: no such texture', fatal: false, requestId: 5 },
      { type: 'session/error', code: 'E_PLAYER_RENDER', message: 'step 0: step asks for camera 9, which is not set up', fatal: false, step: 0 },
    ]);
  });

  it('ends cleanly on bye (closing the socket) and uncleanly when the connection drops', async () => {
    const h = harness();
    h.send(WELCOME);
    h.send({ type: 'session/bye', reason: 'done' });
    await flush();
    expect(h.events).toEqual(['close 1000 bye', 'dispose']);
    expect(h.ends).toEqual([true]);
    const d = harness();
    d.session.onClosed(1006, '');
    d.session.onClosed(1006, '');
    expect(d.ends).toEqual([false]);
    expect(d.session.isEnded).toBe(true);
  });
});
