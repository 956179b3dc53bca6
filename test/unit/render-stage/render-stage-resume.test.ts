/**
 * The render stage's resume rule on a tiny scene with the embedded player in this process: a
 * render is redone exactly when its input key changes (an option that shapes the frames, a byte
 * of a character, the player's name or version), never for a rewrite with the same bytes, and an
 * interrupted run resumes at the first unacknowledged step.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RenderRunOptions } from '../../../orchestrator/src/render-stage/render-stage.js';
import { createMemoryLogger } from '../../../orchestrator/src/shared/logger.js';
import type { MemoryFileStore } from '../../../orchestrator/src/shared/memory-file-store.js';
import { nodeFileStore } from '../../../orchestrator/src/shared/node-file-store.js';
import { inProcessPlayer } from '../../helpers/test-players.js';
import { CHARACTERS_DIR, OUT_DIR, TINY_SCENE, characterFiles, characterStore, inProcessRender, tinyScene, writesUnder } from './render-stage-fixtures.js';

const ANN = `${CHARACTERS_DIR}/ann.glb`;
const STEPS = 3;
const FRAMES_PER_RUN = STEPS * 2;

/** A store that already holds a finished render made with `options`, its writes reset. */
async function rendered(options: Partial<RenderRunOptions> = {}): Promise<MemoryFileStore> {
  const files = await characterStore();
  const first = await inProcessRender(files, options).run();
  expect(first.upToDate).toBe(false);
  files.resetWrites();
  return files;
}

/** The bytes of a glb with one byte of its generator string changed (still a valid glb). */
function withOneByteChanged(glb: Uint8Array): Uint8Array {
  const text = Buffer.from(glb).toString('latin1');
  const at = text.indexOf('glTF-Transform v') + 'glTF-Transform v'.length;
  expect(at).toBeGreaterThan('glTF-Transform v'.length);
  const changed = glb.slice();
  changed[at] = changed[at] === 0x39 ? 0x38 : changed[at] + 1;
  return changed;
}

describe('render stage resume rule', () => {
  it('redoes nothing on a repeated identical run (no write, no player launched)', async () => {
    const files = await rendered();
    const again = inProcessRender(files);
    const summary = await again.run();
    expect(summary.upToDate).toBe(true);
    expect(summary.frames).toBe(FRAMES_PER_RUN);
    expect(writesUnder(files, OUT_DIR)).toEqual([]);
    expect(again.host.launches).toHaveLength(0);
  });

  it('redoes the render when one byte of a character .glb changes', async () => {
    const files = await rendered();
    const before = (await inProcessRender(files).run()).inputKey;
    files.resetWrites();
    await files.writeAtomic(ANN, withOneByteChanged(await files.read(ANN)));
    const redo = inProcessRender(files);
    const summary = await redo.run();
    expect(summary.upToDate).toBe(false);
    expect(summary.inputKey).not.toBe(before);
    expect(redo.host.launches).toHaveLength(1);
    expect(writesUnder(files, `${OUT_DIR}/frames`)).toHaveLength(FRAMES_PER_RUN);
  });

  it.each<[string, Partial<RenderRunOptions>, Partial<RenderRunOptions>]>([
    ['JPEG quality', { encoding: 'jpeg', jpegQuality: 92 }, { encoding: 'jpeg', jpegQuality: 80 }],
    ['step count', { steps: STEPS }, { steps: STEPS - 1 }],
    ['supersampling', { samplesPerAxis: 1 }, { samplesPerAxis: 2 }],
    ['player name', { player: inProcessPlayer('in-process', '1.0.0') }, { player: inProcessPlayer('other-player', '1.0.0') }],
    ['player version', { player: inProcessPlayer('in-process', '1.0.0') }, { player: inProcessPlayer('in-process', '1.0.1') }],
  ])('redoes the render for another %s, then is up to date with it', async (_name, before, after) => {
    const files = await rendered(before);
    const redo = inProcessRender(files, after);
    const summary = await redo.run();
    expect(summary.upToDate).toBe(false);
    expect(redo.host.launches).toHaveLength(1);
    expect(writesUnder(files, `${OUT_DIR}/frames`)).toHaveLength(summary.frames);
    expect(summary.frames).toBe(summary.steps * 2);
    // no frame of the previous run is left behind (e.g. with fewer steps)
    expect([...files.files.keys()].filter((f) => f.startsWith(`${OUT_DIR}/frames/`))).toHaveLength(summary.frames);
    files.resetWrites();
    expect((await inProcessRender(files, after).run()).upToDate).toBe(true);
    expect(writesUnder(files, OUT_DIR)).toEqual([]);
  });

  it('redoes nothing for the player thread count, which does not shape the frames', async () => {
    const files = await rendered({ threads: 0 });
    const again = inProcessRender(files, { threads: 2 });
    expect((await again.run()).upToDate).toBe(true);
    expect(again.host.launches).toHaveLength(0);
  });

  it('resumes an interrupted run at the first unacknowledged step and ends with the files of a clean run', async () => {
    const clean = await rendered();
    const files = await characterStore();
    const crashing = inProcessRender(files, { maxRestarts: 0 }, [{ kind: 'crash', step: 2 }]);
    await expect(crashing.run()).rejects.toMatchObject({ code: 'E_PLAYER_CRASHED' });
    const progress = JSON.parse(await files.readText(`${OUT_DIR}/progress.json`)) as { lastStep: number };
    expect(progress.lastStep).toBe(1);
    files.resetWrites();
    const logger = createMemoryLogger();
    const summary = await inProcessRender(files, { logger }).run();
    expect(logger.lines.map((l) => l.message)).toContain('render: tiny: resuming after step 1');
    expect(summary).toMatchObject({ upToDate: false, frames: FRAMES_PER_RUN });
    // Only step 2 was rendered again; everything on disk matches the clean run.
    expect(writesUnder(files, `${OUT_DIR}/frames`)).toEqual([`${OUT_DIR}/frames/front/000002.png`, `${OUT_DIR}/frames/side/000002.png`]);
    const outputs = (store: MemoryFileStore): string[] => [...store.files.keys()].filter((f) => f.startsWith(`${OUT_DIR}/`) && !f.endsWith('render.json')).sort();
    expect(outputs(files)).toEqual(outputs(clean));
    for (const file of outputs(clean)) expect(Buffer.from(files.files.get(file)!).equals(Buffer.from(clean.files.get(file)!))).toBe(true);
  });
});

describe('render stage record', () => {
  it('records a scene with a single person (no distance between people to measure)', async () => {
    const files = await characterStore();
    const scene = tinyScene(TINY_SCENE.replace('count: 2', 'count: 1'));
    const summary = await inProcessRender(files, { scene }).run();
    expect(summary.choreography).toMatchObject({ minDistanceM: null });
    expect(JSON.parse(await files.readText(`${OUT_DIR}/render.json`))).toMatchObject({ choreography: { minDistanceM: null }, frames: FRAMES_PER_RUN });
  });
});

describe('render stage resume rule on the local file system', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'clonedperson-render-resume-'));
    for (const [name, bytes] of Object.entries(await characterFiles())) {
      await mkdir(path.dirname(path.join(root, 'characters', name)), { recursive: true });
      await writeFile(path.join(root, 'characters', name), bytes);
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('redoes nothing after a touch of a character (same bytes, new modification time)', async () => {
    const where = { charactersDir: path.join(root, 'characters'), outDir: path.join(root, 'out'), cwd: root };
    const first = await inProcessRender(nodeFileStore, where).run();
    expect(first.upToDate).toBe(false);
    const ann = path.join(root, 'characters', 'ann.glb');
    const later = new Date(Date.now() + 3_600_000);
    await utimes(ann, later, later);
    await writeFile(ann, await readFile(ann));
    const again = inProcessRender(nodeFileStore, where);
    const summary = await again.run();
    expect(summary.upToDate).toBe(true);
    expect(summary.inputKey).toBe(first.inputKey);
    expect(again.host.launches).toHaveLength(0);
  });
});
