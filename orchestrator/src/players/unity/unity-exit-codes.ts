/**
 * What the Unity player's exit codes mean to the orchestrator: the codes of
 * unity-project/Assets/ClonedPerson/Scripts/PlayerExitCodes.cs (a test keeps the two tables
 * equal) plus the launcher's own. A code whose cause a restart cannot fix (a missing bundle,
 * native library or shader, a bad environment, no Unity at the path) is not retried.
 */
import { ClonedPersonError } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/errors.js';
import type { PlayerExit } from '../process-host.js';

export interface UnityExitMeaning {
  code: ErrorCode;
  /** Whether restarting Unity may help. */
  retry: boolean;
  meaning: string;
}

export const UNITY_EXIT_CODES: Readonly<Record<number, UnityExitMeaning>> = {
  1: { code: 'E_PLAYER_CRASHED', retry: true, meaning: 'an exception escaped in Unity (see player.log)' },
  2: { code: 'E_USAGE', retry: false, meaning: 'the launch environment or command line is malformed' },
  3: { code: 'E_PLAYER_START', retry: false, meaning: 'the script bundle clonedperson-player.mjs is missing (run `npm run unity:bundle`, or set CLONEDPERSON_UNITY_BUNDLE)' },
  4: { code: 'E_PLAYER_START', retry: false, meaning: 'a PuerTS native library (libPuertsCore, libPapiV8) could not be loaded (docs/unity.md, troubleshooting)' },
  5: { code: 'E_PLAYER_START', retry: false, meaning: 'a shader was stripped from the build (docs/unity.md, stripped shaders)' },
  6: { code: 'E_PLAYER_CRASHED', retry: true, meaning: 'the session with the orchestrator failed or could not be opened' },
  70: { code: 'E_PLAYER_CRASHED', retry: true, meaning: 'an unexpected failure inside the player scripts' },
  126: { code: 'E_PLAYER_START', retry: false, meaning: 'the Unity executable is not executable' },
  127: { code: 'E_PLAYER_START', retry: false, meaning: 'the Unity executable (or xvfb-run) was not found' },
};

/** The error for a Unity player that exited (by code or signal) while the session needed it. */
export function unityExitError(exit: PlayerExit): ClonedPersonError {
  const known = exit.exitCode === undefined ? undefined : UNITY_EXIT_CODES[exit.exitCode];
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
  if (!known) return new ClonedPersonError('E_PLAYER_CRASHED', `Unity ${how} (see player.log)`, { details: { ...exit } });
  return new ClonedPersonError(known.code, `Unity ${how}: ${known.meaning}`, { details: { ...exit, retry: known.retry } });
}
