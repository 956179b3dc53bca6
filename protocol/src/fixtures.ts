/**
 * Canonical fixture messages: one valid example of every message type, and malformed ones
 * with the error code a receiver must answer. Tests on both sides (orchestrator and players)
 * run against these, so the two implementations agree on the wire format.
 */
import type { ProtocolErrorCode } from './error-codes.js';
import type { MessageType, ProtocolMessage } from './messages.js';
import { PROTOCOL_VERSION } from './version.js';

export const FIXTURE_TOKEN = 'fixture-token-0123456789abcdef';

/** One valid message per type. */
export const VALID_FIXTURES: { [T in MessageType]: Extract<ProtocolMessage, { type: T }> } = {
  'session/hello': {
    type: 'session/hello',
    protocolVersion: PROTOCOL_VERSION,
    token: FIXTURE_TOKEN,
    engine: { name: 'embedded', version: '0.1.0' },
    capabilities: ['image/png', 'image/jpeg', 'image/raw', 'character/path', 'annotations/keypoints', 'annotations/amodal', 'session/heartbeat'],
  },
  'session/welcome': {
    type: 'session/welcome',
    protocolVersion: PROTOCOL_VERSION,
    sessionId: 's-1',
    capabilities: ['image/png', 'character/path', 'annotations/keypoints', 'annotations/amodal', 'session/heartbeat'],
    heartbeatIntervalMs: 2000,
    heartbeatTimeoutMs: 10000,
    maxMessageBytes: 16777216,
    maxFrameBytes: 67108864,
    window: 2,
    warnings: [],
  },
  'scene/load': {
    type: 'scene/load',
    requestId: 1,
    name: 'street',
    environment: {
      ground: { color: [0.55, 0.55, 0.52], tileM: 2, halfSizeM: 200 },
      background: { zenithColor: [0.35, 0.55, 0.85], horizonColor: [0.8, 0.85, 0.9] },
      lighting: { ambient: [0.45, 0.45, 0.45], groundAmbient: [0.2, 0.19, 0.17], sunDirection: [-0.4, -1, -0.3], sunColor: [0.7, 0.68, 0.62] },
    },
    props: [{ name: 'kiosk', source: { path: '/data/scenes/kiosk.glb' }, positionM: [4, 0, -2], rotation: [0, 0.382683, 0, 0.92388], scale: [1, 1, 1] }],
  },
  'scene/loaded': { type: 'scene/loaded', requestId: 1 },
  'character/load': { type: 'character/load', requestId: 2, characterId: 'c0001', source: { path: '/data/characters/c0001/character.glb' } },
  'character/loaded': { type: 'character/loaded', requestId: 2, characterId: 'c0001', vertexCount: 15840, jointCount: 31, heightM: 1.74 },
  'camera/setup': {
    type: 'camera/setup',
    requestId: 3,
    cameras: [
      { camera: 0, name: 'cam0', positionM: [0, 4, 10], lookAtM: [0, 1, 0], fovDeg: 45, widthPx: 640, heightPx: 480, encoding: 'png' },
      { camera: 1, name: 'cam1', positionM: [8, 3, 0], lookAtM: [0, 1, 0], fovDeg: 50, widthPx: 640, heightPx: 480, encoding: 'jpeg', jpegQuality: 90 },
    ],
  },
  'camera/ready': { type: 'camera/ready', requestId: 3 },
  'frame/step': {
    type: 'frame/step',
    step: 12,
    timeS: 0.4,
    persons: [
      { personId: 1, characterId: 'c0001', positionM: [1.2, 0, -0.5], headingDeg: 90, walkPhase: 0.25, speedMps: 1.3 },
      { personId: 2, characterId: 'c0002', positionM: [-2, 0, 1], headingDeg: -90, walkPhase: 0.75, speedMps: 1.1 },
    ],
    cameras: [0, 1],
  },
  'frame/stepResult': {
    type: 'frame/stepResult',
    step: 12,
    frames: [
      { camera: 0, encoding: 'png', widthPx: 640, heightPx: 480, byteLength: 210345 },
      { camera: 1, encoding: 'jpeg', widthPx: 640, heightPx: 480, byteLength: 61230 },
    ],
    annotations: [
      {
        camera: 0,
        personId: 1,
        visibleBox: [300, 120, 340, 260],
        amodalBox: [300, 120, 340, 260],
        visibleFraction: 1,
        visiblePixels: 3120,
        keypoints: [[320, 130, 2]],
        depthM: 10.4,
      },
      { camera: 1, personId: 2, visibleBox: null, amodalBox: [600, 200, 640, 300], visibleFraction: 0, visiblePixels: 0, keypoints: [], depthM: 9.1 },
    ],
    renderMs: 48.5,
  },
  'session/ping': { type: 'session/ping', nonce: 7 },
  'session/pong': { type: 'session/pong', nonce: 7 },
  'log/message': { type: 'log/message', level: 'info', message: 'embedded player: loaded 8 characters' },
  'session/error': { type: 'session/error', code: 'E_PLAYER_ASSET', message: 'cannot read /data/characters/c0001/character.glb', fatal: false, requestId: 2 },
  'session/bye': { type: 'session/bye', reason: 'run finished' },
};

export interface InvalidFixture {
  name: string;
  /** Raw text as received from the socket. */
  text: string;
  code: ProtocolErrorCode;
}

const step = VALID_FIXTURES['frame/step'];

/** Messages a receiver must refuse, with the code it must answer. */
export const INVALID_FIXTURES: InvalidFixture[] = [
  { name: 'not JSON', text: '{"type": "session/hello",', code: 'E_PROTOCOL_MALFORMED' },
  { name: 'not an object', text: '[1, 2, 3]', code: 'E_PROTOCOL_MALFORMED' },
  { name: 'unknown type', text: '{"type": "session/teleport"}', code: 'E_PROTOCOL_MALFORMED' },
  { name: 'missing field', text: JSON.stringify({ type: 'session/pong' }), code: 'E_PROTOCOL_MALFORMED' },
  { name: 'extra field', text: JSON.stringify({ type: 'session/pong', nonce: 1, extra: true }), code: 'E_PROTOCOL_MALFORMED' },
  { name: 'wrong field type', text: JSON.stringify({ ...step, step: 'twelve' }), code: 'E_PROTOCOL_MALFORMED' },
  { name: 'non-integer step', text: JSON.stringify({ ...step, step: 1.5 }), code: 'E_PROTOCOL_MALFORMED' },
  {
    name: 'walk phase out of range',
    text: JSON.stringify({ ...step, persons: [{ ...step.persons[0], walkPhase: 1 }] }),
    code: 'E_PROTOCOL_MALFORMED',
  },
  { name: 'short vector', text: JSON.stringify({ ...step, persons: [{ ...step.persons[0], positionM: [1, 0] }] }), code: 'E_PROTOCOL_MALFORMED' },
  {
    name: 'prop rotation not a quaternion',
    text: JSON.stringify({ ...VALID_FIXTURES['scene/load'], props: [{ ...VALID_FIXTURES['scene/load'].props![0], rotation: [0, 0, 0] }] }),
    code: 'E_PROTOCOL_MALFORMED',
  },
  { name: 'unknown capability', text: JSON.stringify({ ...VALID_FIXTURES['session/hello'], capabilities: ['image/gif'] }), code: 'E_PROTOCOL_MALFORMED' },
  { name: 'unknown error code', text: JSON.stringify({ ...VALID_FIXTURES['session/error'], code: 'E_NOPE' }), code: 'E_PROTOCOL_MALFORMED' },
  { name: 'empty token', text: JSON.stringify({ ...VALID_FIXTURES['session/hello'], token: '' }), code: 'E_PROTOCOL_MALFORMED' },
];
