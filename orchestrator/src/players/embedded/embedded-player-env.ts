/**
 * The embedded player's launch environment, both sides: what its definition sets for a launch
 * and what its process entry reads back. The token travels in the environment, not in the
 * arguments, so it stays out of the process list.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { PlayerLaunchContext } from '../player-definition.js';

export const EMBEDDED_PLAYER_ENV = {
  /** ws://127.0.0.1:<port>/ of the session server. */
  url: 'CLONEDPERSON_PLAYER_URL',
  /** The session token. */
  token: 'CLONEDPERSON_PLAYER_TOKEN',
  /** Render threads (default: CPU count; 0 = inline). */
  workers: 'CLONEDPERSON_PLAYER_WORKERS',
  /** JSON list of folders that asset paths must lie in. */
  assetRoots: 'CLONEDPERSON_PLAYER_ASSET_ROOTS',
  /** `debug` for debug logging on stderr. */
  logLevel: 'CLONEDPERSON_PLAYER_LOG_LEVEL',
} as const;

export interface EmbeddedPlayerConfig {
  url: string;
  token: string;
  workers?: number;
  assetRoots?: string[];
  logLevel: 'debug' | 'info';
}

/** The environment of one launch. */
export function embeddedPlayerEnv(context: PlayerLaunchContext): Record<string, string> {
  return {
    [EMBEDDED_PLAYER_ENV.url]: context.url,
    [EMBEDDED_PLAYER_ENV.token]: context.token,
    ...(context.threads === undefined ? {} : { [EMBEDDED_PLAYER_ENV.workers]: String(context.threads) }),
    ...(context.assetRoots?.length ? { [EMBEDDED_PLAYER_ENV.assetRoots]: JSON.stringify(context.assetRoots) } : {}),
  };
}

function usage(message: string): ClonedPersonError {
  return new ClonedPersonError('E_USAGE', `embedded player: ${message}`);
}

/** Reads a launch environment back; E_USAGE when the url or token is missing or a value is malformed. */
export function readEmbeddedPlayerEnv(env: Readonly<Record<string, string | undefined>>): EmbeddedPlayerConfig {
  const url = env[EMBEDDED_PLAYER_ENV.url];
  const token = env[EMBEDDED_PLAYER_ENV.token];
  if (!url || !token) throw usage(`${EMBEDDED_PLAYER_ENV.url} and ${EMBEDDED_PLAYER_ENV.token} must be set`);
  const workersText = env[EMBEDDED_PLAYER_ENV.workers];
  const workers = workersText === undefined ? undefined : Number(workersText);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw usage(`${EMBEDDED_PLAYER_ENV.workers} must be a non-negative integer, not ${JSON.stringify(workersText)}`);
  const rootsText = env[EMBEDDED_PLAYER_ENV.assetRoots];
  let assetRoots: string[] | undefined;
  if (rootsText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rootsText);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((r) => typeof r === 'string')) throw usage(`${EMBEDDED_PLAYER_ENV.assetRoots} must be a JSON list of folders`);
    assetRoots = parsed;
  }
  return {
    url,
    token,
    ...(workers === undefined ? {} : { workers }),
    ...(assetRoots ? { assetRoots } : {}),
    logLevel: env[EMBEDDED_PLAYER_ENV.logLevel] === 'debug' ? 'debug' : 'info',
  };
}
