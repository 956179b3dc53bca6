/** Runs the CLI in-process and captures what it prints. */
import { runCli } from '../../orchestrator/src/cli/run-cli.js';
import type { CliEntry } from '../../orchestrator/src/cli/cli-command.js';
import type { CliIo } from '../../orchestrator/src/cli/cli-context.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** Environment the commands see (default: none, so the developer's variables do not leak in). */
  env?: CliIo['env'];
  commands?: readonly CliEntry[];
  /** The terminal, when a test pretends to have one. */
  terminal?: Pick<CliIo, 'progressStream' | 'columns'>;
}

export async function runCliCaptured(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    ...options.terminal,
  };
  const code = options.commands ? await runCli(argv, io, options.commands) : await runCli(argv, io);
  return { code, stdout, stderr };
}
