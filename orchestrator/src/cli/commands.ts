/** The command table: one module per command (or group of subcommands), registered here in display order. */
import { assetsCommand } from './assets-command.js';
import { calibrateEpsCommand } from './calibrate-eps-command.js';
import { catalogCommand } from './catalog-command.js';
import { characterCommand } from './character-command.js';
import { charactersCommand } from './characters-command.js';
import type { CliCommand, CliEntry } from './cli-command.js';
import { cloneCommand } from './clone-command.js';
import { clusterCommand } from './cluster-command.js';
import { datasetCommand } from './dataset-command.js';
import { dbscanCommand } from './dbscan-command.js';
import { detectCommand } from './detect-command.js';
import { evalCommand } from './eval-command.js';
import { renderCommand } from './render-command.js';
import { configCommand } from './config-command.js';
import { demoCommand } from './demo-command.js';
import { runCommand } from './run-command.js';

export const COMMANDS: readonly CliEntry[] = [
  ...([demoCommand, runCommand, configCommand] as CliCommand<never>[]),
  ...([detectCommand, clusterCommand, dbscanCommand, calibrateEpsCommand, cloneCommand] as CliCommand<never>[]),
  catalogCommand,
  ...([charactersCommand, characterCommand, renderCommand, datasetCommand, evalCommand] as CliCommand<never>[]),
  assetsCommand,
];
