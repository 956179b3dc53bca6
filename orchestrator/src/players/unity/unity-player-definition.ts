/**
 * `--player unity`: the Unity player (unity-project/, TypeScript run by PuerTS). Each launch runs
 * the Unity launcher (unity-launcher-main.ts) in Node, which starts the editor in batch mode on
 * the project or a built player (unity-launch-plan.ts) found by `--unity <path>` or UNITY_PATH,
 * under xvfb-run on Linux without a display. The session URL and token reach Unity through the
 * environment, as for the embedded player. Exit codes become error codes (unity-exit-codes.ts);
 * the editor gets longer to start than a built player (importing and compiling a project).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ClonedPersonError } from '../../shared/errors.js';
import { packageInfo } from '../../shared/package-info.js';
import { embeddedPlayerEnv } from '../embedded/embedded-player-env.js';
import { typeScriptLoaderArgs } from '../embedded/embedded-player-definition.js';
import type { PlayerCommand, PlayerDefinition, PlayerLaunchContext, PlayerSettings } from '../player-definition.js';
import { unityExitError } from './unity-exit-codes.js';
import { unityLaunchPlan, unityModeOf } from './unity-launch-plan.js';
import type { UnityMode } from './unity-launch-plan.js';

/** The launcher's launch plan (JSON). */
export const UNITY_LAUNCH_ENV = 'CLONEDPERSON_UNITY_LAUNCH';

/** Environment variables the Unity player reads (besides the embedded player's URL/token/folders). */
export const UNITY_ENV = {
  /** The Unity editor or built player when `--unity` is not given. */
  path: 'UNITY_PATH',
  /** `editor` or `player`, when the executable's name does not tell. */
  mode: 'CLONEDPERSON_UNITY_MODE',
  /** The Unity project for the editor (default: the repository's unity-project/). */
  project: 'CLONEDPERSON_UNITY_PROJECT',
  /** A script bundle on disk instead of the one in Resources (PlayerConfig.cs reads it). */
  bundle: 'CLONEDPERSON_UNITY_BUNDLE',
} as const;

export const UNITY_TIMEOUTS: Record<UnityMode, { startMs: number }> = {
  // The editor may import the project and compile scripts before it reaches play mode.
  editor: { startMs: 15 * 60 * 1000 },
  player: { startMs: 3 * 60 * 1000 },
};

export interface UnityPlayerOptions {
  /** The Unity editor or built player (default: UNITY_PATH in `env`). */
  executable?: string;
  /** The environment the settings are read from (DISPLAY, UNITY_PATH, CLONEDPERSON_UNITY_*). */
  env: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
}

function launcherEntry(): { file: string; fromSource: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  return { file: fileURLToPath(new URL(fromSource ? './unity-launcher-main.ts' : './unity-launcher-main.js', import.meta.url)), fromSource };
}

function usage(message: string): ClonedPersonError {
  return new ClonedPersonError('E_USAGE', message, { details: { retry: false } });
}

interface Resolved {
  executable: string;
  mode: UnityMode;
  projectDir: string;
}

function resolveSettings(options: UnityPlayerOptions): Resolved {
  const executable = options.executable ?? options.env[UNITY_ENV.path];
  if (!executable) throw usage(`--player unity needs Unity: pass --unity <editor or built player> or set ${UNITY_ENV.path}`);
  const modeText = options.env[UNITY_ENV.mode];
  if (modeText !== undefined && modeText !== 'editor' && modeText !== 'player') throw usage(`${UNITY_ENV.mode} must be editor or player, not ${JSON.stringify(modeText)}`);
  return {
    executable: path.resolve(executable),
    mode: modeText ?? unityModeOf(executable),
    projectDir: path.resolve(options.env[UNITY_ENV.project] ?? path.join(packageInfo().root, 'unity-project')),
  };
}

/** The Unity player for these settings. Throws E_USAGE when no Unity is named. */
export function unityPlayer(options: UnityPlayerOptions): PlayerDefinition {
  const resolved = resolveSettings(options);
  const platform = options.platform ?? process.platform;
  return {
    ...unityPlayerBase,
    timeouts: UNITY_TIMEOUTS[resolved.mode],
    command(context: PlayerLaunchContext): PlayerCommand {
      const plan = unityLaunchPlan({ executable: resolved.executable, mode: resolved.mode, projectDir: resolved.projectDir, platform, hasDisplay: Boolean(options.env.DISPLAY) });
      const entry = launcherEntry();
      return {
        file: process.execPath,
        args: [...(entry.fromSource ? typeScriptLoaderArgs() : []), entry.file],
        env: {
          ...embeddedPlayerEnv(context),
          [UNITY_LAUNCH_ENV]: JSON.stringify({ ...plan, projectDir: resolved.projectDir }),
        },
      };
    },
  };
}

const unityPlayerBase = {
  name: 'unity',
  describe: 'Unity (editor in batch mode or a built player; --unity <path> or UNITY_PATH)',
  version: packageInfo().version,
  exitError: unityExitError,
};

/**
 * The registered `unity` player: takes its settings from the process environment at launch,
 * or from `--unity` through {@link PlayerDefinition.configure}.
 */
export const registeredUnityPlayer: PlayerDefinition = {
  ...unityPlayerBase,
  // Long enough for the editor; a configured player knows its mode.
  timeouts: UNITY_TIMEOUTS.editor,
  configure: (settings: PlayerSettings) => unityPlayer({ env: settings.env, ...(settings.executable ? { executable: settings.executable } : {}) }),
  command: (context: PlayerLaunchContext) => unityPlayer({ env: process.env }).command(context),
};
