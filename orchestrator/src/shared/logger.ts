/**
 * Logging goes through a passed-in {@link Logger}; cores never touch `console`.
 * Messages start with the operation's name, e.g. `clone: skipped outfit a.jpg (E_BAD_LANDMARKS)`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A logger that drops everything (the default for library calls). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface StreamLoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to nothing (pass process.stderr at the edge). */
  write: (line: string) => void;
}

/** A logger writing `level: message` lines at or above `level` (default `info`). */
export function createStreamLogger(options: StreamLoggerOptions): Logger {
  const threshold = LEVEL_RANK[options.level ?? 'info'];
  const emit = (level: Exclude<LogLevel, 'silent'>, message: string): void => {
    if (LEVEL_RANK[level] >= threshold) options.write(level === 'info' ? `${message}\n` : `${level}: ${message}\n`);
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
  };
}

/** A logger that records lines in memory; handy for tests and summaries. */
export function createMemoryLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}
