/**
 * How Unity is started (unity-launch-plan.ts) and what `--player unity` hands the launcher
 * (unity-player-definition.ts): editor or player by name or setting, batch-mode arguments, OpenGL
 * Core and xvfb-run on Linux without a display, never -nographics, macOS app bundles, the session
 * in the environment, timeouts by mode, and usage errors for a missing Unity.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { configurePlayer, getPlayer } from '../../../orchestrator/src/players/players.js';
import { UNITY_EXIT_CODES, unityExitError } from '../../../orchestrator/src/players/unity/unity-exit-codes.js';
import { appExecutable, unityLaunchPlan, unityModeOf } from '../../../orchestrator/src/players/unity/unity-launch-plan.js';
import { UNITY_LAUNCH_ENV, UNITY_TIMEOUTS, unityPlayer } from '../../../orchestrator/src/players/unity/unity-player-definition.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';

const base = { projectDir: '/p/unity-project', hasDisplay: true } as const;

describe('the Unity launch plan', () => {
  it('tells the editor from a built player by name', () => {
    expect(['/opt/Unity/Hub/Editor/2022.3.62f1/Editor/Unity', 'C:\\Program Files\\Unity\\Editor\\Unity.exe', '/Applications/Unity/Hub/Editor/6000.0.40f1/Unity.app', '/Applications/Unity.app/Contents/MacOS/Unity'].map(unityModeOf)).toEqual(['editor', 'editor', 'editor', 'editor']);
    expect(['/b/ClonedPersonPlayer.x86_64', 'D:\\b\\ClonedPersonPlayer.exe', '/b/ClonedPersonPlayer.app'].map(unityModeOf)).toEqual(['player', 'player', 'player']);
  });

  it('starts the editor in batch mode on the project without -quit, and a player in batch mode', () => {
    expect(unityLaunchPlan({ ...base, executable: '/u/Editor/Unity', platform: 'linux' })).toEqual({
      mode: 'editor',
      file: '/u/Editor/Unity',
      args: ['-batchmode', '-projectPath', '/p/unity-project', '-executeMethod', 'ClonedPerson.Editor.EditorRender.Run', '-logFile', '-', '-force-glcore'],
      virtualDisplay: false,
    });
    expect(unityLaunchPlan({ ...base, executable: 'C:\\b\\ClonedPersonPlayer.exe', platform: 'win32' })).toEqual({ mode: 'player', file: 'C:\\b\\ClonedPersonPlayer.exe', args: ['-batchmode', '-logFile', '-'], virtualDisplay: false });
    // An explicit mode wins over the name.
    expect(unityLaunchPlan({ ...base, executable: '/u/unity-2022', mode: 'editor', platform: 'win32' }).mode).toBe('editor');
  });

  it('runs under xvfb-run on Linux without a display, and never passes -nographics', () => {
    const plan = unityLaunchPlan({ ...base, hasDisplay: false, executable: '/b/ClonedPersonPlayer.x86_64', platform: 'linux' });
    expect(plan).toEqual({ mode: 'player', file: 'xvfb-run', args: ['-a', '-s', '-screen 0 1280x1024x24', '/b/ClonedPersonPlayer.x86_64', '-batchmode', '-logFile', '-', '-force-glcore'], virtualDisplay: true });
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const hasDisplay of [true, false]) {
        for (const executable of ['/u/Unity', '/b/ClonedPersonPlayer.x86_64']) expect(unityLaunchPlan({ ...base, executable, platform, hasDisplay }).args).not.toContain('-nographics');
      }
    }
    // macOS needs no virtual display, and runs the executable inside an app bundle.
    expect(unityLaunchPlan({ ...base, hasDisplay: false, executable: '/b/ClonedPersonPlayer.app', platform: 'darwin' })).toMatchObject({ file: '/b/ClonedPersonPlayer.app/Contents/MacOS/ClonedPersonPlayer', virtualDisplay: false });
    expect(appExecutable('/Applications/Unity.app/')).toBe('/Applications/Unity.app/Contents/MacOS/Unity');
  });
});

describe('--player unity', () => {
  const context = { url: 'ws://127.0.0.1:4321/', token: 'tok', assetRoots: ['/chars'] };

  it('needs a Unity from --unity or UNITY_PATH', () => {
    const error = (() => {
      try {
        configurePlayer(getPlayer('unity'), { env: {} });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(isClonedPersonError(error) && [error.code, error.message, error.details.retry]).toEqual(['E_USAGE', '--player unity needs Unity: pass --unity <editor or built player> or set UNITY_PATH', false]);
    expect(configurePlayer(getPlayer('unity'), { env: { UNITY_PATH: '/u/Editor/Unity' } }).timeouts).toEqual(UNITY_TIMEOUTS.editor);
    expect(configurePlayer(getPlayer('unity'), { executable: '/b/ClonedPersonPlayer.x86_64', env: { UNITY_PATH: '/u/Editor/Unity' } }).timeouts).toEqual(UNITY_TIMEOUTS.player);
    expect(() => configurePlayer(getPlayer('embedded'), { executable: '/u/Unity', env: {} })).toThrow('the embedded player takes no executable');
    expect(() => unityPlayer({ executable: '/u/x', env: { CLONEDPERSON_UNITY_MODE: 'server' } })).toThrow('CLONEDPERSON_UNITY_MODE must be editor or player');
  });

  it('runs the launcher with the session and the launch plan in the environment', () => {
    const command = unityPlayer({ executable: '/u/Editor/Unity', env: { CLONEDPERSON_UNITY_PROJECT: '/work/proj' }, platform: 'linux' }).command(context);
    expect(command.file).toBe(process.execPath);
    expect(path.basename(command.args.at(-1)!)).toMatch(/^unity-launcher-main\.(ts|js)$/);
    expect(command.env).toMatchObject({ CLONEDPERSON_PLAYER_URL: context.url, CLONEDPERSON_PLAYER_TOKEN: 'tok', CLONEDPERSON_PLAYER_ASSET_ROOTS: '["/chars"]' });
    // No DISPLAY in the settings' environment: under a virtual display.
    expect(JSON.parse(command.env[UNITY_LAUNCH_ENV])).toEqual({
      mode: 'editor',
      file: 'xvfb-run',
      args: ['-a', '-s', '-screen 0 1280x1024x24', '/u/Editor/Unity', '-batchmode', '-projectPath', '/work/proj', '-executeMethod', 'ClonedPerson.Editor.EditorRender.Run', '-logFile', '-', '-force-glcore'],
      virtualDisplay: true,
      projectDir: '/work/proj',
    });
  });

  it('turns exit codes into error codes, retrying only what a restart can fix', () => {
    expect(unityExitError({ exitCode: 4, signal: undefined })).toMatchObject({ code: 'E_PLAYER_START', details: { retry: false } });
    expect(unityExitError({ exitCode: 2, signal: undefined })).toMatchObject({ code: 'E_USAGE', details: { retry: false } });
    expect(unityExitError({ exitCode: 1, signal: undefined })).toMatchObject({ code: 'E_PLAYER_CRASHED', details: { retry: true } });
    expect(unityExitError({ exitCode: undefined, signal: 'SIGSEGV' }).message).toBe('Unity was killed by SIGSEGV (see player.log)');
    expect(unityExitError({ exitCode: 99, signal: undefined }).code).toBe('E_PLAYER_CRASHED');
    expect(Object.values(UNITY_EXIT_CODES).filter((m) => !m.retry).map((m) => m.code)).toEqual(['E_USAGE', 'E_PLAYER_START', 'E_PLAYER_START', 'E_PLAYER_START', 'E_PLAYER_START', 'E_PLAYER_START']);
  });
});
