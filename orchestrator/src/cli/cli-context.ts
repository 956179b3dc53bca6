/**
 * What a CLI command gets from the runner: output sinks, a logger configured from the global
 * flags, and whether progress bars may draw. Commands never touch `process` directly, so they
 * run in-process in tests.
 */
import type { Logger } from '../shared/logger.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars draw only then). */
  isTTY: boolean;
  cwd: string;
}

export interface CliContext extends CliIo {
  logger: Logger;
  verbose: boolean;
  /** Progress bars requested and possible. */
  progress: boolean;
}

/** The flags every command accepts. */
export interface GlobalArgs {
  verbose: boolean;
  quiet: boolean;
  progress: boolean | undefined;
}
