/**
 * Where player processes run, as an interface: the runner launches a player's command through a
 * {@link ProcessHost} and watches its exit. The real host starts child processes
 * (player-launcher.ts); tests host players in-process.
 */
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

export interface ProcessHost {
  /** Starts `command`; never throws for a failed start (the handle reports an exit instead). */
  launch(command: PlayerCommand, options: LaunchOptions): PlayerProcess;
}
