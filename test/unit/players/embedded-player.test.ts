import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeImageFrame, FIXTURE_TOKEN, INVALID_FIXTURES, PROTOCOL_VERSION, VALID_FIXTURES, validateMessage } from '../../../protocol/src/index.js';
import type { ProtocolMessage } from '../../../protocol/src/index.js';
import { decodeImage } from '../../../orchestrator/src/imaging/image-io.js';
import { EmbeddedPlayer } from '../../../orchestrator/src/players/embedded/embedded-player.js';
import type { FileStore } from '../../../orchestrator/src/shared/file-store.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import { createMemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { buildSkinnedFigureGlb, buildTexturedCubeGlb } from '../../helpers/gltf-fixtures.js';

/** The embedded player behind an in-memory transport, as the orchestrator sees it. */
function harness() {
  const texts: ProtocolMessage[] = [];
  const binaries: Uint8Array[] = [];
  const player = new EmbeddedPlayer({
    token: FIXTURE_TOKEN,
    logger: createMemoryLogger(),
    workers: 0,
    transport: {
      sendText: (text) => {
        // Everything the player says must validate as travelling to the orchestrator.
        const result = validateMessage(text, { direction: 'toOrchestrator' });
        if (!result.ok) throw new Error(`player sent an invalid message: ${result.errors.join('; ')}`);
        texts.push(result.message);
      },
      sendBinary: (bytes) => binaries.push(bytes),
      close: () => undefined,
    },
  });
  const waitFor = async <T extends ProtocolMessage['type']>(type: T, count = 1): Promise<Extract<ProtocolMessage, { type: T }>[]> => {
    for (let i = 0; i < 400; i++) {
      const found = texts.filter((m) => m.type === type);
      if (found.length >= count) return found as Extract<ProtocolMessage, { type: T }>[];
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${type}`);
  };
  return { player, texts, binaries, waitFor, send: (m: unknown) => player.onText(JSON.stringify(m)) };
}

const players: EmbeddedPlayer[] = [];
afterEach(async () => {
  await Promise.all(players.splice(0).map((p) => p.dispose()));
});

describe('embedded player (protocol side)', () => {
  it('says hello with its capabilities and refuses set-up before the welcome', async () => {
    const h = harness();
    players.push(h.player);
    h.player.start();
    expect(h.texts[0]).toMatchObject({ type: 'session/hello', token: FIXTURE_TOKEN, protocolVersion: PROTOCOL_VERSION, engine: { name: 'embedded' } });
    h.send(VALID_FIXTURES['camera/setup']);
    expect((await h.waitFor('session/error'))[0]).toMatchObject({ code: 'E_PROTOCOL_OUT_OF_ORDER' });
  });

  it('answers every invalid fixture with its code, and pings at once', async () => {
    const h = harness();
    players.push(h.player);
    for (const fixture of INVALID_FIXTURES) h.player.onText(fixture.text);
    const errors = await h.waitFor('session/error', INVALID_FIXTURES.length);
    expect(errors.map((e) => e.code)).toEqual(INVALID_FIXTURES.map((f) => f.code));
    h.send(VALID_FIXTURES['session/ping']);
    expect(h.texts.at(-1)).toEqual(VALID_FIXTURES['session/pong']);
  });

  it('loads a scene, a character sent as bytes, cameras, and renders a step: frames first, then the result', async () => {
    const h = harness();
    players.push(h.player);
    h.send(VALID_FIXTURES['session/welcome']);
    // The fixture's prop, sent as bytes (a unit cube glb) instead of its path.
    const scene = VALID_FIXTURES['scene/load'];
    const cube = { base64: Buffer.from(await buildTexturedCubeGlb()).toString('base64'), mimeType: 'model/gltf-binary' };
    h.send({ ...scene, props: scene.props!.map((p) => ({ ...p, source: cube })) });
    await h.waitFor('scene/loaded');
    // A prop the player cannot read fails the scene load with E_PLAYER_ASSET.
    h.send({ ...scene, requestId: 9 });
    expect((await h.waitFor('session/error'))[0]).toMatchObject({ code: 'E_PLAYER_ASSET', requestId: 9 });
    h.send({ ...scene, props: scene.props!.map((p) => ({ ...p, source: cube })) });
    await h.waitFor('scene/loaded', 2);
    const glb = await buildSkinnedFigureGlb();
    h.send({ type: 'character/load', requestId: 2, characterId: 'c0001', source: { base64: Buffer.from(glb).toString('base64'), mimeType: 'model/gltf-binary' } });
    const [loaded] = await h.waitFor('character/loaded');
    expect(loaded).toMatchObject({ characterId: 'c0001', jointCount: 20 });
    expect(loaded.heightM).toBeCloseTo(1.8, 3);
    h.send({ type: 'character/load', requestId: 3, characterId: 'broken', source: { path: '/nonexistent/character.glb' } });
    expect((await h.waitFor('session/error', 2))[1]).toMatchObject({ code: 'E_PLAYER_ASSET', requestId: 3 });
    const cameras = VALID_FIXTURES['camera/setup'].cameras.map((c) => ({ ...c, widthPx: 64, heightPx: 48 }));
    h.send({ type: 'camera/setup', requestId: 4, cameras });
    await h.waitFor('camera/ready');
    h.send({ ...VALID_FIXTURES['frame/step'], persons: [{ ...VALID_FIXTURES['frame/step'].persons[0], positionM: [0, 0, 5] }] });
    const [result] = await h.waitFor('frame/stepResult');
    expect(result.step).toBe(12);
    expect(h.binaries).toHaveLength(2);
    const frames = h.binaries.map((b) => decodeImageFrame(b));
    expect(frames.map((f) => [f.step, f.camera, f.encoding, f.widthPx])).toEqual([
      [12, 0, 'png', 64],
      [12, 1, 'jpeg', 64],
    ]);
    expect(result.frames.map((f) => f.byteLength)).toEqual(frames.map((f) => f.payload.length));
    expect((await decodeImage(frames[0].payload)).width).toBe(64);
    const seen = result.annotations.filter((a) => a.camera === 0);
    expect(seen).toHaveLength(1);
    expect(seen[0].keypoints).toHaveLength(17);
    // A step naming a character that was never loaded is refused for that step.
    h.send({ ...VALID_FIXTURES['frame/step'], step: 13, persons: [{ ...VALID_FIXTURES['frame/step'].persons[1] }] });
    const errors = await h.waitFor('session/error', 3);
    expect(errors[2]).toMatchObject({ code: 'E_PLAYER_ASSET', step: 13 });
  });
});

/** Loads each path as a character (request ids from 1) and returns the reply to each. */
async function loadCharacters(paths: string[], options: { assetRoots?: string[]; files?: FileStore }): Promise<ProtocolMessage[]> {
  const texts: ProtocolMessage[] = [];
  const player = new EmbeddedPlayer({
    token: FIXTURE_TOKEN,
    logger: createMemoryLogger(),
    workers: 0,
    ...options,
    transport: { sendText: (t) => texts.push(JSON.parse(t) as ProtocolMessage), sendBinary: () => undefined, close: () => undefined },
  });
  players.push(player);
  player.onText(JSON.stringify(VALID_FIXTURES['session/welcome']));
  paths.forEach((file, i) => player.onText(JSON.stringify({ type: 'character/load', requestId: i + 1, characterId: `c${i}`, source: { path: file } })));
  const replies = (): ProtocolMessage[] => texts.filter((m) => m.type === 'character/loaded' || m.type === 'session/error');
  for (let i = 0; i < 400 && replies().length < paths.length; i++) await new Promise((r) => setTimeout(r, 10));
  return replies();
}

describe('embedded player asset confinement', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-assets-'));
    const glb = await buildSkinnedFigureGlb();
    await mkdir(path.join(root, 'characters'));
    await mkdir(path.join(root, 'outside'));
    await writeFile(path.join(root, 'characters', 'inside.glb'), glb);
    await writeFile(path.join(root, 'outside', 'secret.glb'), glb);
    // A link inside the allowed folder to a loadable file outside it, and one to a file inside it.
    await symlink(path.join(root, 'outside', 'secret.glb'), path.join(root, 'characters', 'escape.glb'));
    await symlink(path.join(root, 'characters', 'inside.glb'), path.join(root, 'characters', 'alias.glb'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a symlink inside its asset folder that points outside it, and follows one that stays inside', async () => {
    const characters = path.join(root, 'characters');
    const replies = await loadCharacters(
      [path.join(characters, 'inside.glb'), path.join(characters, 'escape.glb'), path.join(characters, 'alias.glb'), path.join(root, 'outside', 'secret.glb')],
      { assetRoots: [characters] },
    );
    expect(replies.map((r) => [r.type, 'requestId' in r ? r.requestId : undefined])).toEqual([
      ['character/loaded', 1],
      ['session/error', 2],
      ['character/loaded', 3],
      ['session/error', 4],
    ]);
    for (const refusal of [replies[1], replies[3]]) {
      expect(refusal).toMatchObject({ code: 'E_PLAYER_ASSET' });
      expect((refusal as { message: string }).message).toMatch(/outside the allowed asset folders/);
    }
    // Without confinement the same link loads: the refusal above is the confinement's doing.
    expect((await loadCharacters([path.join(characters, 'escape.glb')], {}))[0].type).toBe('character/loaded');
  });

  it('reads assets through the file store it is given', async () => {
    const files = createMemoryFileStore({ '/store/characters/c.glb': await buildSkinnedFigureGlb() });
    const replies = await loadCharacters(['/store/characters/c.glb', '/store/characters/missing.glb'], { assetRoots: ['/store/characters'], files });
    expect(replies[0]).toMatchObject({ type: 'character/loaded', jointCount: 20 });
    expect(replies[1]).toMatchObject({ type: 'session/error', code: 'E_PLAYER_ASSET', requestId: 2 });
  });

  it('refuses asset paths outside its allowed folders', async () => {
    const texts: ProtocolMessage[] = [];
    const player = new EmbeddedPlayer({
      token: FIXTURE_TOKEN,
      logger: createMemoryLogger(),
      workers: 0,
      assetRoots: ['/srv/characters'],
      transport: { sendText: (t) => texts.push(JSON.parse(t) as ProtocolMessage), sendBinary: () => undefined, close: () => undefined },
    });
    players.push(player);
    player.onText(JSON.stringify(VALID_FIXTURES['session/welcome']));
    player.onText(JSON.stringify({ type: 'character/load', requestId: 9, characterId: 'x', source: { path: '/srv/characters/../../etc/passwd' } }));
    for (let i = 0; i < 100 && !texts.some((m) => m.type === 'session/error'); i++) await new Promise((r) => setTimeout(r, 10));
    const error = texts.find((m) => m.type === 'session/error');
    expect(error).toMatchObject({ code: 'E_PLAYER_ASSET', requestId: 9 });
    expect((error as { message: string }).message).toMatch(/outside the allowed asset folders/);
  });
});
