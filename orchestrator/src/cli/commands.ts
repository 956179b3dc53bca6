/** The command table: one module per command, registered here in display order. */
import { assetsCommand } from './assets-command.js';
import { catalogCommand } from './catalog-command.js';
import { characterCommand } from './character-command.js';
import { charactersCommand } from './characters-command.js';
import type { CliCommand } from './cli-command.js';
import { cloneCommand } from './clone-command.js';

export const COMMANDS: CliCommand<never>[] = [cloneCommand, catalogCommand, charactersCommand, characterCommand, assetsCommand] as CliCommand<never>[];
