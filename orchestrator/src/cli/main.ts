#!/usr/bin/env node
/** The `clonedperson` executable: wires the process to the in-process runner (the only file in cli/ that sees `process`). */
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
  ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
