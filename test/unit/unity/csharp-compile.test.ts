/**
 * The Unity project's C# compiles with Mono's `mcs` at C# 7.2 (the newest it has; Unity compiles
 * C# 9) against stubs written from the Unity, PuerTS and glTFast references (csharp-stubs/):
 * the runtime scripts as the player compiles them, and the editor scripts with UNITY_EDITOR set.
 * This proves the C# is consistent with the API as the stubs state it (names, types, overloads,
 * C# 7.2), not that Unity, PuerTS or glTFast behave as assumed (docs/unity.md says more).
 * `mcs` comes from Debian's mono-mcs (scripts/install-oracles.sh installs it for CI).
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/asset-paths.js';
import { csharpFiles } from '../../helpers/unity-csharp.js';

const PROJECT = path.join(REPO_ROOT, 'unity-project', 'Assets', 'ClonedPerson');
const STUBS = path.join(REPO_ROOT, 'test', 'unit', 'unity', 'csharp-stubs');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'cp-mcs-'));

function mcs(files: string[], defines: string[] = []): { status: number | null; output: string } {
  const result = spawnSync('mcs', ['-langversion:7.2', '-target:library', '-nologo', `-out:${path.join(OUT, 'out.dll')}`, '-r:System.dll', '-r:System.Core.dll', ...defines.map((d) => `-define:${d}`), ...files], { encoding: 'utf8' });
  if (result.error) throw new Error(`mcs could not run (install Debian's mono-mcs: scripts/install-oracles.sh): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const stub = (name: string): string => path.join(STUBS, name);
const RUNTIME_STUBS = ['UnityEngine.cs', 'Puerts.cs', 'GLTFast.cs'].map(stub);

describe('the Unity project C# with mcs (C# 7.2) against reference stubs', () => {
  it('is Mono 6.8 mcs', () => {
    expect(execFileSync('mcs', ['--version'], { encoding: 'utf8' })).toMatch(/Mono C# compiler version 6\./);
  });

  it('compiles the runtime scripts (the player) without errors or warnings', () => {
    const result = mcs([...RUNTIME_STUBS, ...csharpFiles(path.join(PROJECT, 'Scripts'))]);
    expect(result.output.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('compiles the editor scripts with UNITY_EDITOR set', () => {
    const result = mcs([...RUNTIME_STUBS, stub('UnityEditor.cs'), ...csharpFiles(path.join(PROJECT, 'Scripts')), ...csharpFiles(path.join(PROJECT, 'Editor'))], ['UNITY_EDITOR']);
    expect(result.output.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on a member the stubs do not have, and on C# newer than 7.2 (the checks can fail)', () => {
    const typo = path.join(OUT, 'Typo.cs');
    writeFileSync(typo, 'class Typo { void M(UnityEngine.Camera c) { c.RenderWithShaders(null, ""); } }');
    expect(mcs([...RUNTIME_STUBS, typo]).output).toMatch(/error CS1061: Type `UnityEngine.Camera' does not contain a definition for `RenderWithShaders'/);
    const modern = path.join(OUT, 'Modern.cs');
    writeFileSync(modern, 'class Modern { object M(object o) { o ??= new object(); return o; } }');
    expect(mcs([modern]).status).not.toBe(0);
  });
});
