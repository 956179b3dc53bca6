/**
 * The PuerTS globals the player uses, as PuerTS 3.0.2 declares them in
 * unity/upms/core/Typing/puerts/index.d.ts and implements them in
 * unity/upms/core/Runtime/Resources/puerts/csharp.mjs
 * (https://github.com/Tencent/puerts/blob/Unity_v3.0.2/unity/upms/core/Typing/puerts/index.d.ts).
 */
declare namespace puer {
  /** A C# Task as a Promise (rejects with the exception's message). */
  function $promise<T>(task: CS.System.Threading.Tasks.Task$1<T>): Promise<T>;
  /** The System.Type of a C# class (for AddComponent, GetComponent, Resources.Load). */
  function $typeof(type: abstract new (...args: never[]) => unknown): CS.System.Type;
}

/**
 * The `console` PuerTS installs (puerts/log.mjs): each call becomes UnityEngine.Debug.Log,
 * LogWarning or LogError. Only these four are used.
 */
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
