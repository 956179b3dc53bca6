/**
 * The player's exit codes as the TypeScript uses them (PlayerBootstrap.RequestExit); the same
 * numbers as PlayerExitCodes.cs, which a test checks.
 */
export const EXIT_CODES = {
  ok: 0,
  sessionFailed: 6,
} as const;
