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

/** Settings a user gives a player on the command line (`--unity <path>`) and the environment they run in. */
export interface PlayerSettings {
  /** The executable the player runs (for Unity: the editor or a built player). */
  executable?: string;
  env: Readonly<Record<string, string | undefined>>;
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
  /** This player with user settings applied (absent: the player takes none). Throws E_USAGE for bad settings. */
  configure?(settings: PlayerSettings): PlayerDefinition;
  /**
   * The error for a player process that exited during a session (absent: E_PLAYER_CRASHED); an
   * error with `details.retry === false` ends the run instead of restarting the player.
   */
  exitError?(exit: { exitCode: number | undefined; signal: string | undefined }): ClonedPersonError;
  /** Longer (or shorter) waits than the runner's defaults, e.g. an editor that imports a project before it connects. */
  timeouts?: Partial<{ startMs: number; setupMs: number; stepMs: number; byeMs: number }>;
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

/** `definition` with `settings` applied; E_USAGE when an executable is given to a player that takes none. */
export function configurePlayer(definition: PlayerDefinition, settings: PlayerSettings): PlayerDefinition {
  if (definition.configure) return definition.configure(settings);
  if (settings.executable !== undefined) {
    throw new ClonedPersonError('E_USAGE', `the ${definition.name} player takes no executable (that option is for --player unity)`, { details: { player: definition.name } });
  }
  return definition;
}

/** Registered players, in registration order. */
export function listPlayers(): PlayerDefinition[] {
  return [...registry.values()];
}
