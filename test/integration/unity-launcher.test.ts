/**
 * `--player unity` with real processes and a stand-in for Unity (test/helpers/unity-stand-in-main.ts):
 * the runner starts the Unity launcher, which starts "Unity" with the editor's or a built player's
 * batch-mode arguments (never -nographics), under xvfb-run when there is no display, forwards its
 * log into player.log, turns its exit codes into error codes (not retrying what a restart cannot
 * fix), and kills a hung Unity together with what it started.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childProcessHost } from '../../orchestrator/src/players/player-launcher.js';
import { runPlayer } from '../../orchestrator/src/players/player-runner.js';
import { unityPlayer } from '../../orchestrator/src/players/unity/unity-player-definition.js';
import { isClonedPersonError } from '../../orchestrator/src/shared/errors.js';
import { createMemoryLogger } from '../../orchestrator/src/shared/logger.js';
import { makeUnityStandIn, makeXvfbRunStandIn } from '../helpers/unity-stand-in.js';

let root: string;
let project: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cp-unity-launcher-'));
  // A project with a script bundle in Resources, as `npm run unity:bundle` leaves it.
  project = path.join(root, 'project');
  mkdirSync(path.join(project, 'Assets', 'ClonedPerson', 'Resources'), { recursive: true });
  writeFileSync(path.join(project, 'Assets', 'ClonedPerson', 'Resources', 'clonedperson-player.mjs'), '// bundle\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const context = { url: 'ws://127.0.0.1:9/', token: 'secret-token', assetRoots: ['/data/characters'] };

/** Whether a process runs (a zombie, killed but not yet reaped by its new parent, does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function launch(name: string, executable: string, env: Record<string, string | undefined>, extraEnv: Record<string, string> = {}): Promise<{ exit: { exitCode: number | undefined; signal: string | undefined }; log: string }> {
  const player = unityPlayer({ executable, env: { CLONEDPERSON_UNITY_PROJECT: project, ...env }, platform: 'linux' });
  const logFile = path.join(root, `${name}.log`);
  const proc = childProcessHost.launch(player.command(context), { logFile, logger: createMemoryLogger(), env: extraEnv });
  const exit = await proc.exited;
  return { exit, log: await readFile(logFile, 'utf8') };
}

describe('the Unity launcher with a stand-in Unity', () => {
  it('starts the editor in batch mode on the project, with the session in the environment, and forwards its log', async () => {
    const record = path.join(root, 'editor.json');
    const unity = makeUnityStandIn(path.join(root, 'editor'), 'Unity', 'exit:0', record);
    const { exit, log } = await launch('editor', unity, { DISPLAY: ':0' });
    expect(exit.exitCode).toBe(0);
    const seen = JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; url: string; hasToken: boolean; assetRoots: string; display: string };
    expect(seen.argv).toEqual(['-batchmode', '-projectPath', project, '-executeMethod', 'ClonedPerson.Editor.EditorRender.Run', '-logFile', '-', '-force-glcore']);
    expect(seen).toMatchObject({ url: context.url, hasToken: true, assetRoots: JSON.stringify(context.assetRoots) });
    // The token travels in the environment only, never on the command line.
    expect(seen.argv.join(' ')).not.toContain('secret-token');
    expect(log).toContain('unity-launcher: starting the Unity editor: ');
    expect(log).toContain('Initialize engine version: 2022.3.62f1 (stand-in)');
    expect(log).toContain('unity-launcher: Unity exited with code 0 (the session ended)');
  }, 30000);

  it('runs a built player under xvfb-run when there is no display, never with -nographics', async () => {
    const record = path.join(root, 'player.json');
    const unity = makeUnityStandIn(path.join(root, 'build'), 'ClonedPersonPlayer.x86_64', 'exit:0', record);
    const bin = path.join(root, 'bin');
    makeXvfbRunStandIn(bin);
    const { exit, log } = await launch('player', unity, {}, { PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(exit.exitCode).toBe(0);
    const seen = JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; display: string };
    expect(seen.argv).toEqual(['-batchmode', '-logFile', '-', '-force-glcore']);
    expect(seen.display).toBe('xvfb-run -screen 0 1280x1024x24');
    expect(log).toContain('starting the Unity player under xvfb-run');
  }, 30000);

  it('maps exit codes to error codes and does not restart what a restart cannot fix', async () => {
    const unity = makeUnityStandIn(path.join(root, 'native'), 'ClonedPersonPlayer.x86_64', 'exit:4', path.join(root, 'native.json'));
    const logger = createMemoryLogger();
    const run = runPlayer({
      player: unityPlayer({ executable: unity, env: { DISPLAY: ':0' }, platform: 'linux' }),
      setup: { sceneName: 'x', environment: { ground: { color: [1, 1, 1], tileM: 1, halfSizeM: 1 }, background: { zenithColor: [0, 0, 1], horizonColor: [1, 1, 1] }, lighting: { ambient: [0.3, 0.3, 0.3], sunDirection: [0, -1, 0], sunColor: [1, 1, 1] } }, characters: [], cameras: [] },
      firstStep: 0,
      endStep: 1,
      stepAt: () => {
        throw new Error('no step is sent to a player that never connects');
      },
      onResult: () => Promise.resolve(),
      logger,
      logFile: path.join(root, 'native.log'),
      maxRestarts: 3,
    });
    const error = await run.catch((e: unknown) => e);
    expect(isClonedPersonError(error) && error.code).toBe('E_PLAYER_START');
    expect((error as Error).message).toMatch(/Unity exited with code 4: a PuerTS native library/);
    expect(logger.lines.filter((l) => l.message.includes('restarting'))).toEqual([]);
    expect(await readFile(path.join(root, 'native.log'), 'utf8')).toContain('unity-launcher: Unity exited with code 4 (a PuerTS native library');
  }, 30000);

  it('reports a missing executable, and a missing bundle for the editor, without starting anything', async () => {
    const missing = await launch('missing', path.join(root, 'nowhere', 'Unity'), { DISPLAY: ':0' });
    expect(missing.exit.exitCode).toBe(127);
    expect(missing.log).toMatch(/unity-launcher: cannot start .*nowhere\/Unity/);
    const bare = path.join(root, 'bare-project');
    mkdirSync(bare, { recursive: true });
    const unity = makeUnityStandIn(path.join(root, 'bare'), 'Unity', 'exit:0', path.join(root, 'bare.json'));
    const noBundle = await launch('no-bundle', unity, { DISPLAY: ':0', CLONEDPERSON_UNITY_PROJECT: bare });
    expect(noBundle.exit.exitCode).toBe(3);
    expect(noBundle.log).toContain('run `npm run unity:bundle`');
    expect(existsSync(path.join(root, 'bare.json'))).toBe(false);
  }, 30000);

  it('kills a hung Unity that ignores SIGTERM, and what it started, when the runner gives up on it', async () => {
    const record = path.join(root, 'hang.json');
    const unity = makeUnityStandIn(path.join(root, 'hang'), 'ClonedPersonPlayer.x86_64', 'hang', record);
    const logger = createMemoryLogger();
    const started = Date.now();
    const error = await runPlayer({
      player: unityPlayer({ executable: unity, env: { DISPLAY: ':0' }, platform: 'linux' }),
      setup: { sceneName: 'x', environment: { ground: { color: [1, 1, 1], tileM: 1, halfSizeM: 1 }, background: { zenithColor: [0, 0, 1], horizonColor: [1, 1, 1] }, lighting: { ambient: [0.3, 0.3, 0.3], sunDirection: [0, -1, 0], sunColor: [1, 1, 1] } }, characters: [], cameras: [] },
      firstStep: 0,
      endStep: 1,
      stepAt: () => {
        throw new Error('unused');
      },
      onResult: () => Promise.resolve(),
      logger,
      logFile: path.join(root, 'hang.log'),
      maxRestarts: 0,
      // It never connects: the runner stops waiting after 8 s (time for the stand-in to start even on a busy machine).
      timeouts: { startMs: 8000 },
    }).catch((e: unknown) => e);
    expect(isClonedPersonError(error) && error.code).toBe('E_PLAYER_CRASHED');
    expect((error as Error).message).toMatch(/E_PLAYER_START: no player completed the handshake within 8000 ms/);
    const seen = JSON.parse(await readFile(record, 'utf8')) as { pid: number; childPid: number };
    expect(alive(seen.pid)).toBe(false);
    expect(alive(seen.childPid)).toBe(false);
    expect(Date.now() - started).toBeLessThan(20000);
    const log = await readFile(path.join(root, 'hang.log'), 'utf8');
    expect(log).toContain('stand-in: SIGTERM ignored');
    expect(log).toMatch(/unity-launcher: Unity did not stop within 1000 ms; killing it/);
    expect(log).toMatch(/unity-launcher: Unity exited with code 137 \(killed by SIGKILL\)/);
  }, 40000);
});
