/**
 * The process that stands between the orchestrator and Unity (the Unity player's command runs it):
 * starts Unity by its launch plan in a process group of its own, passes Unity's log (stdout and
 * stderr, `-logFile -`) through to its own output, which the orchestrator appends to player.log,
 * and on SIGTERM (the runner stopping a stalled or finished player) or when the orchestrator
 * disappears, stops the whole group: SIGTERM, then SIGKILL after a grace period, so a hung Unity
 * (or an Xvfb or shader compiler below it) never outlives the run. It exits with Unity's code
 * (128 + n for a signal n) and says what the code means (unity-exit-codes.ts).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { UNITY_EXIT_CODES } from './unity-exit-codes.js';
import type { UnityLaunchPlan } from './unity-launch-plan.js';

export interface UnityLauncherOptions {
  plan: UnityLaunchPlan;
  /** The environment Unity gets (the session URL and token among it). */
  env: NodeJS.ProcessEnv;
  /** The Unity project (editor mode checks its script bundle). */
  projectDir: string;
  stdout: Writable;
  stderr: Writable;
  /** Milliseconds between SIGTERM and SIGKILL to Unity's process group (default 1000). */
  graceMs?: number;
}

export const UNITY_LAUNCHER_DEFAULTS = { graceMs: 1000 };

/** Where the editor's player loads its bundle from (Resources), relative to the project. */
export const EDITOR_BUNDLE_PATH = ['Assets', 'ClonedPerson', 'Resources', 'clonedperson-player.mjs'];

export class UnityLauncher {
  private child: ChildProcess | null = null;
  private stopping = false;
  private readonly settled: Promise<number>;
  private settle!: (code: number) => void;
  private killTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: UnityLauncherOptions) {
    this.settled = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  private say(line: string): void {
    this.options.stderr.write(`unity-launcher: ${line}\n`);
  }

  /** Starts Unity; resolves with the code this process should exit with. */
  run(): Promise<number> {
    const { plan, env } = this.options;
    if (plan.mode === 'editor' && !env.CLONEDPERSON_UNITY_BUNDLE && !existsSync(path.join(this.options.projectDir, ...EDITOR_BUNDLE_PATH))) {
      this.say(`no script bundle in ${path.join(this.options.projectDir, ...EDITOR_BUNDLE_PATH)}; run \`npm run unity:bundle\` (or set CLONEDPERSON_UNITY_BUNDLE)`);
      return Promise.resolve(3);
    }
    this.say(`starting ${plan.mode === 'editor' ? 'the Unity editor' : 'the Unity player'}${plan.virtualDisplay ? ' under xvfb-run' : ''}: ${plan.file} ${plan.args.join(' ')}`);
    const child = spawn(plan.file, plan.args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    this.child = child;
    child.stdout.pipe(this.options.stdout, { end: false });
    child.stderr.pipe(this.options.stderr, { end: false });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code === 'ENOENT' ? 127 : error.code === 'EACCES' ? 126 : 70;
      this.say(`cannot start ${plan.file}: ${error.message}${plan.virtualDisplay && error.code === 'ENOENT' ? ' (no display: xvfb-run is needed; install the xvfb package)' : ''}`);
      this.finish(code);
    });
    child.on('exit', (code, signal) => {
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      const meaning = signal ? `killed by ${signal}` : (UNITY_EXIT_CODES[exitCode]?.meaning ?? (exitCode === 0 ? 'the session ended' : 'unknown code'));
      this.say(`Unity exited with code ${exitCode} (${meaning})`);
      // Nothing Unity started may outlive it (xvfb-run's Xvfb, shader compilers, a hung child).
      this.signalGroup('SIGKILL');
      this.finish(exitCode);
    });
    return this.settled;
  }

  /** Stops Unity and everything below it: SIGTERM, then SIGKILL after the grace period. */
  stop(reason: string): void {
    if (this.stopping || !this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.stopping = true;
    this.say(`stopping Unity (${reason})`);
    this.signalGroup('SIGTERM');
    this.killTimer = setTimeout(() => {
      this.say(`Unity did not stop within ${this.options.graceMs ?? UNITY_LAUNCHER_DEFAULTS.graceMs} ms; killing it`);
      this.signalGroup('SIGKILL');
    }, this.options.graceMs ?? UNITY_LAUNCHER_DEFAULTS.graceMs);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child!.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  private finish(code: number): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    this.settle(code);
  }
}
