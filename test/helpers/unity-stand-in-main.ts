/**
 * A stand-in for the Unity executable (editor or built player), for the launcher tests: it checks
 * its arguments as Unity's batch mode takes them (and refuses `-nographics`, which would render
 * blank frames), prints Unity-like log lines on stdout (`-logFile -`), records its argv and the
 * session variables it was given, and then behaves as UNITY_STAND_IN says:
 * - `exit:<code>`: exits with that code;
 * - `hang`: never exits, and ignores SIGTERM, as does a child it starts (UNITY_STAND_IN_RECORD
 *   gets both pids), so only SIGKILL on the process group ends them;
 * - `session[:<Scene>,...]`: plays the Unity player for real: runs the player's script bundle in
 *   a vm guest (unity-harness.ts) with those authored scenes in its build, connected by WebSocket
 *   to CLONEDPERSON_PLAYER_URL, and exits with the code the bundle asks for.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { startUnityGuest } from './unity-harness.js';

const args = process.argv.slice(2);
const behaviour = process.env.UNITY_STAND_IN ?? 'exit:0';
const record = process.env.UNITY_STAND_IN_RECORD;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

function fail(message: string): never {
  log(`stand-in: ${message}`);
  process.exit(64);
}

if (!args.includes('-batchmode')) fail('expected -batchmode');
if (args.includes('-nographics')) fail('-nographics initialises no graphics device: every frame would be blank');
const logFile = args.indexOf('-logFile');
if (logFile < 0 || args[logFile + 1] !== '-') fail('expected -logFile - (the log on stdout)');
const editor = args.includes('-projectPath');
if (editor && args[args.indexOf('-executeMethod') + 1] !== 'ClonedPerson.Editor.EditorRender.Run') fail('the editor needs -executeMethod ClonedPerson.Editor.EditorRender.Run');
if (args.includes('-quit')) fail('-quit would end the editor when the entry method returns, before the session');

const state: Record<string, unknown> = {
  argv: args,
  pid: process.pid,
  url: process.env.CLONEDPERSON_PLAYER_URL ?? null,
  hasToken: Boolean(process.env.CLONEDPERSON_PLAYER_TOKEN),
  assetRoots: process.env.CLONEDPERSON_PLAYER_ASSET_ROOTS ?? null,
  display: process.env.STAND_IN_XVFB ?? process.env.DISPLAY ?? null,
};
const save = (): void => {
  if (record) writeFileSync(record, JSON.stringify(state));
};
save();
log('Mono path[0] = \'/stand-in/Managed\'');
log('Initialize engine version: 2022.3.62f1 (stand-in)');
log(`GfxDevice: creating device client; threaded=1; jobified=0${editor ? ' (editor)' : ''}`);

if (behaviour.startsWith('exit:')) {
  log('clonedperson: stand-in exiting as asked');
  process.exit(Number(behaviour.slice(5)));
} else if (behaviour === 'hang') {
  process.on('SIGTERM', () => log('stand-in: SIGTERM ignored'));
  const child = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000);'], { stdio: 'ignore' });
  state.childPid = child.pid;
  save();
  log('clonedperson: stand-in hanging');
  setInterval(() => undefined, 1000);
} else if (behaviour === 'session' || behaviour.startsWith('session:')) {
  const url = process.env.CLONEDPERSON_PLAYER_URL!;
  const guest = await startUnityGuest({
    runtime: 'vm',
    scenes: behaviour.startsWith('session:') ? behaviour.slice('session:'.length).split(',') : [],
    config: { Url: url, Token: process.env.CLONEDPERSON_PLAYER_TOKEN ?? '', AssetRoots: process.env.CLONEDPERSON_PLAYER_ASSET_ROOTS ?? null, LogLevel: 'info', BundlePath: null },
    connect: (target, events, opened) => {
      const socket = new WebSocket(target, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
      socket.on('open', opened);
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) events.text(data.toString('utf8'));
      });
      socket.on('close', (code, reason) => events.closed(code, reason.toString()));
      socket.on('error', (error) => log(`stand-in: socket error ${error.message}`));
      return {
        sendText: (text) => socket.send(text),
        sendBinary: (bytes) => socket.send(bytes, { binary: true }),
        close: (code, reason) => socket.close(code, reason),
      };
    },
  });
  const code = await guest.exited;
  for (const line of guest.logs) log(`${line.level === 'log' ? '' : `${line.level}: `}${line.line}`);
  state.forbidden = guest.forbidden;
  state.loadedScenes = guest.records().loadedScenes;
  save();
  log(`clonedperson: exiting with code ${code}`);
  process.exit(code);
} else fail(`unknown UNITY_STAND_IN ${behaviour}`);
