/**
 * The process edge for players: starts a player with execa, appends its stdout and stderr to a
 * log file, reports its exit, and stops it (SIGTERM, then SIGKILL after a grace period).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Logger } from '../shared/logger.js';
import type { PlayerCommand } from './player-definition.js';

export interface PlayerExit {
  exitCode: number | undefined;
  signal: string | undefined;
}

export interface PlayerProcess {
  pid: number | undefined;
  /** Resolves when the process has ended (never rejects). */
  exited: Promise<PlayerExit>;
  /** Stops the process if it still runs; resolves after it has exited. */
  stop(): Promise<PlayerExit>;
}

export interface LaunchOptions {
  /** Where the player's output goes (appended). */
  logFile: string;
  logger: Logger;
  cwd?: string;
  /** Extra environment (tests: fault injection). */
  env?: Record<string, string>;
  /** Grace period between SIGTERM and SIGKILL, ms (default 2000). */
  killAfterMs?: number;
}

/** Starts `command`; the returned handle never throws for a failed start (it reports an exit). */
export function launchPlayer(command: PlayerCommand, options: LaunchOptions): PlayerProcess {
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
