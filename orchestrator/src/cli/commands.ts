/** The command table: one module per command (or group of subcommands), registered here in display order. */
import { assetsCommand } from './assets-command.js';
import { calibrateEpsCommand } from './calibrate-eps-command.js';
import { catalogCommand } from './catalog-command.js';
import { characterCommand } from './character-command.js';
import { charactersCommand } from './characters-command.js';
import type { CliCommand, CliEntry } from './cli-command.js';
import { cloneCommand } from './clone-command.js';
import { clusterCommand } from './cluster-command.js';
import { dbscanCommand } from './dbscan-command.js';
import { renderCommand } from './render-command.js';

export const COMMANDS: readonly CliEntry[] = [
  ...([clusterCommand, dbscanCommand, calibrateEpsCommand, cloneCommand] as CliCommand<never>[]),
  catalogCommand,
  ...([charactersCommand, characterCommand, renderCommand] as CliCommand<never>[]),
  assetsCommand,
];
