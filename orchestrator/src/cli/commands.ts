/** The command table: one module per command, registered here in display order. */
import { assetsCommand } from './assets-command.js';
import { catalogCommand } from './catalog-command.js';
import { characterCommand } from './character-command.js';
import { charactersCommand } from './characters-command.js';
import { calibrateEpsCommand } from './calibrate-eps-command.js';
import { clusterCommand } from './cluster-command.js';
import type { CliCommand } from './cli-command.js';
import { cloneCommand } from './clone-command.js';
import { renderCommand } from './render-command.js';

export const COMMANDS: CliCommand<never>[] = [clusterCommand, calibrateEpsCommand, cloneCommand, catalogCommand, charactersCommand, characterCommand, renderCommand, assetsCommand] as CliCommand<never>[];
