/**
 * The public library API of clonedperson. Everything exported here is documented in the
 * README ("Library API"); names are stable within a major version.
 */
export { ClonedPersonError, ERROR_CODES, EXIT_CODES, isClonedPersonError, exitCodeFor } from './shared/errors.js';
export type { ErrorCode, ErrorCategory } from './shared/errors.js';
export { silentLogger, createStreamLogger, createMemoryLogger } from './shared/logger.js';
export type { Logger, LogLevel } from './shared/logger.js';
export { createRandom, deriveSeed } from './shared/random.js';
export type { Random } from './shared/random.js';
export type { ProgressCallback } from './shared/progress.js';
export { createRawImage, checkRawImage, convertChannels, cropImage, pasteImage } from './imaging/raw-image.js';
export type { RawImage } from './imaging/raw-image.js';
export { readImage, decodeImage, encodePng, encodeJpeg, writePng } from './imaging/image-io.js';
export { runCli } from './cli/run-cli.js';
