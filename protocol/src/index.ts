/**
 * The clonedperson player protocol: the wire contract between the orchestrator and rendering
 * players (the Unity player and the embedded software player). Pure TypeScript, no Node or DOM
 * APIs, so it also compiles into the PuerTS bundle. See ../README.md.
 */
export { PROTOCOL_VERSION, parseProtocolVersion, checkCompatibility } from './version.js';
export type { ProtocolVersion, Compatibility, CompatibilityLevel } from './version.js';
export { CAPABILITIES, ALL_CAPABILITIES, REQUIRED_CAPABILITIES, isCapability } from './capabilities.js';
export type { Capability } from './capabilities.js';
export { PROTOCOL_ERROR_CODES, isProtocolErrorCode } from './error-codes.js';
export type { ProtocolErrorCode } from './error-codes.js';
export { ProtocolError } from './protocol-error.js';
export type * from './messages.js';
export { MESSAGE_TABLE, DEFAULT_MAX_MESSAGE_BYTES, validateMessage, validateAgainstSchema } from './validate.js';
export type { Direction, MessageInfo, ValidationResult, ValidateMessageOptions } from './validate.js';
export { PROTOCOL_SCHEMA } from './schema.generated.js';
export type { JsonSchema } from './json-schema.js';
export {
  IMAGE_FRAME_MAGIC,
  IMAGE_FRAME_HEADER_VERSION,
  IMAGE_FRAME_HEADER_BYTES,
  encodeImageFrame,
  decodeImageFrame,
} from './image-frame.js';
export type { ImageFrame, ImageFrameHeader } from './image-frame.js';
export { VALID_FIXTURES, INVALID_FIXTURES, FIXTURE_TOKEN } from './fixtures.js';
export type { InvalidFixture } from './fixtures.js';
