/**
 * Every C# file of the Unity project parses as C# (tree-sitter's C# grammar, which covers the
 * C# 9 Unity compiles); a broken file would be reported with its line and column.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/asset-paths.js';
import { csharpFiles, csharpSyntaxErrors, readText } from '../../helpers/unity-csharp.js';

const ASSETS = path.join(REPO_ROOT, 'unity-project', 'Assets');

describe('the Unity project C#', () => {
  it('parses without a syntax error', async () => {
    const files = csharpFiles(ASSETS);
    expect(files.map((f) => path.relative(ASSETS, f))).toEqual(expect.arrayContaining(['ClonedPerson/Scripts/PlayerBootstrap.cs', 'ClonedPerson/Scripts/SocketTransport.cs', 'ClonedPerson/Editor/PlayerBuild.cs']));
    const errors = (await Promise.all(files.map((f) => csharpSyntaxErrors(readText(f), path.relative(REPO_ROOT, f))))).flat();
    expect(errors).toEqual([]);
  });

  it('reports a syntax error with its position (the check can fail)', async () => {
    expect(await csharpSyntaxErrors('class A\n{\n    int x = ;\n}\n', 'broken.cs')).toEqual([expect.stringMatching(/^broken\.cs:3:\d+: /)]);
    expect(await csharpSyntaxErrors('class A { void M() { var x = new(); if (x is not null) { } } }', 'modern.cs')).toEqual([]);
  });
});
