/** The command table: one module per command, registered here in display order. */
import { catalogCommand } from './catalog-command.js';
import type { CliCommand } from './cli-command.js';
import { cloneCommand } from './clone-command.js';

export const COMMANDS: CliCommand<never>[] = [cloneCommand, catalogCommand] as CliCommand<never>[];
