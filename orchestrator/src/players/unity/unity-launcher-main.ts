#!/usr/bin/env node
/**
 * Process entry of the Unity launcher (unity-launcher.ts). Its launch plan comes in
 * CLONEDPERSON_UNITY_LAUNCH (JSON, set by the Unity player's definition); the session URL and
 * token are in the environment for Unity to read. SIGTERM, SIGINT and SIGHUP stop Unity, and so
 * does the orchestrator going away (this process is re-parented).
 */
import { UnityLauncher } from './unity-launcher.js';
import type { UnityLaunchPlan } from './unity-launch-plan.js';
import { UNITY_LAUNCH_ENV } from './unity-player-definition.js';

let plan: UnityLaunchPlan & { projectDir: string; graceMs?: number };
try {
  plan = JSON.parse(process.env[UNITY_LAUNCH_ENV] ?? '') as typeof plan;
  if (typeof plan.file !== 'string' || !Array.isArray(plan.args)) throw new Error('no file and args');
} catch (error) {
  process.stderr.write(`unity-launcher: ${UNITY_LAUNCH_ENV} must hold the launch plan (${(error as Error).message})\n`);
  process.exit(2);
}
const env = { ...process.env };
delete env[UNITY_LAUNCH_ENV];
const launcher = new UnityLauncher({ plan, env, projectDir: plan.projectDir, stdout: process.stdout, stderr: process.stderr, ...(plan.graceMs === undefined ? {} : { graceMs: plan.graceMs }) });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => launcher.stop(`${signal} received`));
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) launcher.stop('the orchestrator is gone');
}, 500);
watch.unref();
const code = await launcher.run();
clearInterval(watch);
process.exitCode = code;
