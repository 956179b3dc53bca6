/**
 * The protocol error table. `session/error` carries one of these string codes, a message and
 * optional data. `fatal` errors end the session: the sender closes the WebSocket with `closeCode`
 * (4000-4999 is the application range).
 */

export const PROTOCOL_ERROR_CODES = {
  E_PROTOCOL_MALFORMED: { closeCode: 4000, fatal: false, meaning: 'a message is not valid JSON or does not match the schema' },
  E_PROTOCOL_TOO_LARGE: { closeCode: 4001, fatal: true, meaning: 'a message exceeds the size limit of the session' },
  E_PROTOCOL_OUT_OF_ORDER: { closeCode: 4002, fatal: false, meaning: 'a message is not allowed in the current state (unexpected step, duplicate frame, hello twice)' },
  E_PROTOCOL_TOKEN: { closeCode: 4003, fatal: true, meaning: 'the session token is missing or wrong' },
  E_PROTOCOL_VERSION: { closeCode: 4004, fatal: true, meaning: 'the protocol major versions differ' },
  E_PROTOCOL_UNSUPPORTED: { closeCode: 4005, fatal: true, meaning: 'a required capability is missing or an unoffered feature was requested' },
  E_PROTOCOL_TIMEOUT: { closeCode: 4006, fatal: true, meaning: 'the peer did not answer (handshake, reply or heartbeat) in time' },
  E_PLAYER_ASSET: { closeCode: 4010, fatal: false, meaning: 'the player could not load a scene asset or character' },
  E_PLAYER_RENDER: { closeCode: 4011, fatal: false, meaning: 'the player failed to render a step' },
  E_PLAYER_INTERNAL: { closeCode: 4012, fatal: true, meaning: 'an unexpected failure inside the player' },
} as const satisfies Record<string, { closeCode: number; fatal: boolean; meaning: string }>;

/** A protocol error code. @since 1.0.0 */
export type ProtocolErrorCode = keyof typeof PROTOCOL_ERROR_CODES;

export function isProtocolErrorCode(value: unknown): value is ProtocolErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PROTOCOL_ERROR_CODES, value);
}
