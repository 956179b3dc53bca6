/**
 * Rendering players are plug-ins: a {@link PlayerDefinition} says how to start one player
 * process that connects to the orchestrator's session URL with a token. The registry maps
 * `--player <name>` to a definition; the embedded player registers here, the Unity player
 * registers itself from its own module. No switch statements on player names anywhere.
 */
import { ClonedPersonError } from '../shared/errors.js';

/** A process to start: executable, arguments and extra environment. */
export interface PlayerCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
}

export interface PlayerLaunchContext {
  /** ws://127.0.0.1:<port>/ of the session server. */
  url: string;
  /** The per-launch session token the player must present in `session/hello`. */
  token: string;
  /** Render threads the player may use (0 = inline; undefined = all cores). */
  threads?: number;
  /** Folders the player may read assets from (paths sent on the wire must lie inside one). */
  assetRoots?: string[];
}

export interface PlayerDefinition {
  /** The `--player` value, e.g. `embedded`. */
  name: string;
  /** One line for `--help`. */
  describe: string;
  /** The player's own version (a change redoes renders: it is part of their input key). */
  version: string;
  /** How to start one player process for a session. */
  command(context: PlayerLaunchContext): PlayerCommand;
}

const registry = new Map<string, PlayerDefinition>();

/** Adds (or replaces) a player under its name. */
export function registerPlayer(definition: PlayerDefinition): void {
  registry.set(definition.name, definition);
}

/** The player registered as `name`; E_PLAYER_UNKNOWN lists the known ones otherwise. */
export function getPlayer(name: string): PlayerDefinition {
  const definition = registry.get(name);
  if (!definition) {
    throw new ClonedPersonError('E_PLAYER_UNKNOWN', `no player named ${JSON.stringify(name)}; known players: ${[...registry.keys()].join(', ')}`, {
      details: { player: name },
    });
  }
  return definition;
}

/** Registered players, in registration order. */
export function listPlayers(): PlayerDefinition[] {
  return [...registry.values()];
}
