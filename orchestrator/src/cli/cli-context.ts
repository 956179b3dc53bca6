/**
 * What a CLI command gets from the runner: output sinks, the environment, the file store, a
 * logger configured from the global flags, and whether progress bars may draw. Commands never
 * touch `process` (main.ts passes it in), so they run in-process in tests.
 */
import type { FileStore } from '../shared/file-store.js';
import type { Logger } from '../shared/logger.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal behind stderr, where progress bars draw; absent when stderr is not a terminal. */
  progressStream?: NodeJS.WritableStream;
  /** Width of the terminal behind stdout in columns (help text wraps to it); absent when not a terminal. */
  columns?: number;
  cwd: string;
  /** Environment variables (main.ts passes process.env; tests pass what they need). */
  env: Readonly<Record<string, string | undefined>>;
  /** File access for the command's own reads and checks (default: the local file system). */
  files?: FileStore;
}

export interface CliContext extends Omit<CliIo, 'files'> {
  files: FileStore;
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
