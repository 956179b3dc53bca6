/**
 * How to start Unity for a session, decided from the settings alone (pure): the editor in batch
 * mode on the project (`-batchmode -projectPath <project> -executeMethod
 * ClonedPerson.Editor.EditorRender.Run -logFile -`, no `-quit`: the session ends the editor) or
 * a built player (`-batchmode -logFile -`); OpenGL Core on Linux, under `xvfb-run` when there is
 * no display; never `-nographics` (Unity would render with a null device: blank frames).
 */
import path from 'node:path';

export type UnityMode = 'editor' | 'player';

export interface UnityLaunchSettings {
  /** The Unity editor executable, a built player, or a macOS `.app` of either. */
  executable: string;
  /** `editor` or `player`; default: `editor` when the file is named Unity / Unity.exe / Unity.app. */
  mode?: UnityMode;
  /** The Unity project (editor mode). */
  projectDir: string;
  platform: NodeJS.Platform;
  /** Whether an X display is available (Linux: DISPLAY is set). */
  hasDisplay: boolean;
  /** The xvfb-run executable (default `xvfb-run`, found on PATH). */
  xvfbRun?: string;
}

export interface UnityLaunchPlan {
  mode: UnityMode;
  file: string;
  args: string[];
  /** True when the command runs under xvfb-run. */
  virtualDisplay: boolean;
}

export const EDITOR_ENTRY_METHOD = 'ClonedPerson.Editor.EditorRender.Run';
/** The virtual screen for xvfb-run (the player renders off-screen; this only has to exist). */
export const XVFB_SCREEN = '-screen 0 1280x1024x24';

/** The mode a Unity executable implies by its name. */
export function unityModeOf(executable: string): UnityMode {
  const normalized = executable.replace(/\\/g, '/').replace(/\/+$/, '');
  const base = path.posix.basename(normalized);
  if (/^Unity(\.exe|\.app)?$/i.test(base) || /\/Unity\.app\/Contents\/MacOS\/Unity$/i.test(normalized)) return 'editor';
  return 'player';
}

/** The executable inside a macOS `.app` bundle (`X.app/Contents/MacOS/X`), or the path itself. */
export function appExecutable(executable: string): string {
  const trimmed = executable.replace(/\/+$/, '');
  if (!/\.app$/i.test(trimmed)) return executable;
  return path.join(trimmed, 'Contents', 'MacOS', path.basename(trimmed).replace(/\.app$/i, ''));
}

export function unityLaunchPlan(settings: UnityLaunchSettings): UnityLaunchPlan {
  const mode = settings.mode ?? unityModeOf(settings.executable);
  const file = settings.platform === 'darwin' ? appExecutable(settings.executable) : settings.executable;
  const args = mode === 'editor' ? ['-batchmode', '-projectPath', settings.projectDir, '-executeMethod', EDITOR_ENTRY_METHOD, '-logFile', '-'] : ['-batchmode', '-logFile', '-'];
  if (settings.platform === 'linux') args.push('-force-glcore');
  if (settings.platform === 'linux' && !settings.hasDisplay) {
    return { mode, file: settings.xvfbRun ?? 'xvfb-run', args: ['-a', '-s', XVFB_SCREEN, file, ...args], virtualDisplay: true };
  }
  return { mode, file, args, virtualDisplay: false };
}
