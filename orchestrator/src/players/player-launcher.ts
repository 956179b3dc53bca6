/**
 * The process edge for players, the real {@link ProcessHost}: starts a player with execa, appends
 * its stdout and stderr to a log file, reports its exit, and stops it (SIGTERM, then SIGKILL
 * after a grace period).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { PlayerCommand } from './player-definition.js';
import type { LaunchOptions, PlayerExit, PlayerProcess, ProcessHost } from './process-host.js';

/** Starts `command`; the returned handle never throws for a failed start (it reports an exit). */
function launchPlayer(command: PlayerCommand, options: LaunchOptions): PlayerProcess {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
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
  options.logger.debug(`player: started pid ${child.pid ?? '?'}: ${command.file} ${command.args.join(' ')}`);
  const exited = child.then(
    (result) => ({ exitCode: result.exitCode, signal: result.signal }),
    (error: { exitCode?: number; signal?: string }) => ({ exitCode: error.exitCode, signal: error.signal }),
  );
  let stopping: Promise<PlayerExit> | undefined;
  return {
    pid: child.pid,
    exited,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      })();
      return stopping;
    },
  };
}

/** Player processes as child processes of this one. */
export const childProcessHost: ProcessHost = { launch: launchPlayer };
