/**
 * Makes stand-in Unity executables for tests (unity-stand-in-main.ts): a shell script with the
 * name Unity has (`Unity` for the editor, `ClonedPersonPlayer.x86_64` for a built player) that
 * runs the stand-in with a fixed behaviour; and a stand-in `xvfb-run` that records its options
 * and runs the command after them.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN = fileURLToPath(new URL('./unity-stand-in-main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function script(file: string, body: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A stand-in Unity at `dir/name` behaving as `behaviour` (see unity-stand-in-main.ts), recording into `record`. */
export function makeUnityStandIn(dir: string, name: 'Unity' | 'ClonedPersonPlayer.x86_64', behaviour: string, record: string): string {
  return script(path.join(dir, name), `export UNITY_STAND_IN='${behaviour}'\nexport UNITY_STAND_IN_RECORD='${record}'\nexec '${process.execPath}' --experimental-vm-modules --disable-warning=ExperimentalWarning --import '${TSX}' '${MAIN}' "$@"`);
}

/** A stand-in xvfb-run in `binDir` (put it first on PATH): takes `-a` and `-s <screen>`, notes the screen in STAND_IN_XVFB, runs the rest. */
export function makeXvfbRunStandIn(binDir: string): string {
  return script(
    path.join(binDir, 'xvfb-run'),
    [
      'screen=""',
      'while [ $# -gt 0 ]; do',
      '  case "$1" in',
      '    -a) shift ;;',
      '    -s) screen="$2"; shift 2 ;;',
      '    *) break ;;',
      '  esac',
      'done',
      'export STAND_IN_XVFB="xvfb-run $screen"',
      'exec "$@"',
    ].join('\n'),
  );
}
