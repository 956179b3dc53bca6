/** Runs the CLI in-process and captures what it prints. */
import { runCli } from '../../orchestrator/src/cli/run-cli.js';
import type { CliCommand } from '../../orchestrator/src/cli/cli-command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(argv: string[], options: { cwd?: string; commands?: CliCommand<never>[] } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    isTTY: false,
    cwd: options.cwd ?? process.cwd(),
  };
  const code = options.commands ? await runCli(argv, io, options.commands) : await runCli(argv, io);
  return { code, stdout, stderr };
}
