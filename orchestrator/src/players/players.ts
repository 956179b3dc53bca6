/**
 * The built-in players, registered on import. Other players (Unity) add a
 * `registerPlayer(...)` line here or register from their own module.
 */
import { embeddedPlayer } from './embedded/embedded-player-definition.js';
import { registerPlayer } from './player-definition.js';
import { registeredUnityPlayer } from './unity/unity-player-definition.js';

registerPlayer(embeddedPlayer);
registerPlayer(registeredUnityPlayer);

export { configurePlayer, getPlayer, listPlayers, registerPlayer } from './player-definition.js';
export type { PlayerDefinition, PlayerCommand, PlayerLaunchContext, PlayerSettings } from './player-definition.js';
