/** An error carrying a protocol error code (thrown by the pure protocol helpers). */
import type { ProtocolErrorCode } from './error-codes.js';

export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly data: Record<string, unknown>;

  constructor(code: ProtocolErrorCode, message: string, data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.data = data;
  }
}
