/**
 * The process edge for players, the real {@link ProcessHost}: starts a player with execa, appends
 * its stdout and stderr to a log file, reports its exit, and stops it (SIGTERM, then SIGKILL
 * after a grace period).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type * as Execa from 'execa';
import type { PlayerCommand } from './player-definition.js';
import type { LaunchOptions, PlayerExit, PlayerProcess, ProcessHost } from './process-host.js';

/** execa, loaded on the first launch (importing it costs about a tenth of a second). */
let execaModule: Promise<typeof Execa> | undefined;

/** Starts `command`; the returned handle never throws for a failed start (it reports an exit). */
function launchPlayer(command: PlayerCommand, options: LaunchOptions): PlayerProcess {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  execaModule ??= import('execa');
  let pid: number | undefined;
  const started = execaModule.then(({ execa }) => {
    const child = execa(command.file, command.args, {
      env: { ...command.env, ...options.env },
      extendEnv: true,
      stdin: 'ignore',
      stdout: { file: options.logFile, append: true },
      stderr: { file: options.logFile, append: true },
      reject: false,
      cleanup: true,
      forceKillAfterDelay: options.killAfterMs ?? 2000,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    pid = child.pid;
    options.logger.debug(`player: started pid ${child.pid ?? '?'}: ${command.file} ${command.args.join(' ')}`);
    // boxed: the subprocess is itself a promise, which `then` would unwrap into its result
    return { child };
  });
  const exited: Promise<PlayerExit> = started.then(
    ({ child }) =>
      child.then(
        (result) => ({ exitCode: result.exitCode, signal: result.signal }),
        (error: { exitCode?: number; signal?: string }) => ({ exitCode: error.exitCode, signal: error.signal }),
      ),
    () => ({ exitCode: undefined, signal: undefined }),
  );
  let stopping: Promise<PlayerExit> | undefined;
  return {
    get pid() {
      return pid;
    },
    exited,
    stop: () => {
      stopping ??= started.then(
        ({ child }) => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
        () => exited,
      );
      return stopping;
    },
  };
}

/** Player processes as child processes of this one. */
export const childProcessHost: ProcessHost = { launch: launchPlayer };
