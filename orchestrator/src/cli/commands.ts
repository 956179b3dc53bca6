/** The command table: one module per command, registered here in display order. */
import type { CliCommand } from './cli-command.js';

export const COMMANDS: CliCommand<never>[] = [];
