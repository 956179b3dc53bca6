/**
 * The built-in players, registered on import. Other players (Unity) add a
 * `registerPlayer(...)` line here or register from their own module.
 */
import { embeddedPlayer } from './embedded/embedded-player-definition.js';
import { registerPlayer } from './player-definition.js';

registerPlayer(embeddedPlayer);

export { getPlayer, listPlayers, registerPlayer } from './player-definition.js';
export type { PlayerDefinition, PlayerCommand, PlayerLaunchContext } from './player-definition.js';
