/**
 * The protocol version and the compatibility rule between an orchestrator and a player.
 *
 * Rule (semantic versioning of the wire contract):
 * - different MAJOR: refuse (`E_PROTOCOL_VERSION`, the session closes);
 * - same MAJOR, different MINOR: accept with a warning; features added in the newer minor are
 *   used only when the other side announces their capability flag;
 * - only PATCH differs: accept silently (patches never change the wire format).
 */

/**
 * The version this copy of the protocol implements. 1.1.0 added the camera's `samplesPerAxis`
 * (capability `render/supersampling`); 1.2.0 added props in `scene/load` (capability
 * `scene/props`), the lighting's `groundAmbient` (capability `scene/groundAmbient`) and an
 * authored Unity scene in `scene/load` (`unityScene`, capability `scene/unityScene`).
 * @since 1.0.0
 */
export const PROTOCOL_VERSION = '1.2.0';

export interface ProtocolVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `MAJOR.MINOR.PATCH` (non-negative integers, no leading zeros); undefined when malformed. */
export function parseProtocolVersion(text: string): ProtocolVersion | undefined {
  const match = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export type CompatibilityLevel = 'ok' | 'warn' | 'refuse';

export interface Compatibility {
  level: CompatibilityLevel;
  /** Human-readable reason (empty when `ok`). */
  reason: string;
}

/** Applies the compatibility rule to our version and the peer's. Malformed versions refuse. */
export function checkCompatibility(ours: string, theirs: string): Compatibility {
  const a = parseProtocolVersion(ours);
  const b = parseProtocolVersion(theirs);
  if (!a) return { level: 'refuse', reason: `our protocol version ${JSON.stringify(ours)} is malformed` };
  if (!b) return { level: 'refuse', reason: `peer protocol version ${JSON.stringify(theirs)} is not MAJOR.MINOR.PATCH` };
  if (a.major !== b.major) {
    return { level: 'refuse', reason: `protocol major version mismatch: we speak ${ours}, the peer speaks ${theirs}` };
  }
  if (a.minor !== b.minor) {
    const newer = a.minor > b.minor ? 'we are' : 'the peer is';
    return {
      level: 'warn',
      reason: `protocol minor version differs (${ours} vs ${theirs}); ${newer} newer, so features of the newer minor are used only where capabilities say so`,
    };
  }
  return { level: 'ok', reason: '' };
}
