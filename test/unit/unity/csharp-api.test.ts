/**
 * The seams between the Unity player's TypeScript and its C# agree: every member the hand-written
 * typings of the project's own C# helpers declare exists in the C# source (same name, static or
 * not, same parameter count); the PuerTS [Configure] list names exactly the classes the typings
 * declare; and the exit-code tables of the C#, the bundle and the launcher are the same.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import ts from 'typescript';
import { UNITY_EXIT_CODES } from '../../../orchestrator/src/players/unity/unity-exit-codes.js';
import { EXIT_CODES } from '../../../unity-project/TypeScript/src/exit-codes.js';
import { REPO_ROOT } from '../../helpers/asset-paths.js';
import { csharpClasses, csharpFiles, readText } from '../../helpers/unity-csharp.js';

const PROJECT = path.join(REPO_ROOT, 'unity-project');
const TYPINGS = path.join(PROJECT, 'TypeScript', 'typings');

interface DeclaredClass {
  /** e.g. `UnityEngine.SceneManagement.SceneManager` */
  qualified: string;
  members: { name: string; isStatic: boolean; kind: 'method' | 'property' | 'constructor'; parameters: number }[];
}

/** The classes and enums declared under `declare namespace CS` in a typings file. */
function declaredClasses(file: string): DeclaredClass[] {
  const source = ts.createSourceFile(file, readText(file), ts.ScriptTarget.ES2022, true);
  const out: DeclaredClass[] = [];
  const visit = (node: ts.Node, prefix: string[]): void => {
    if (ts.isModuleDeclaration(node)) {
      const names = [...prefix, node.name.getText(source)];
      let body = node.body;
      // `namespace A.B {}` nests declarations
      while (body && ts.isModuleDeclaration(body)) {
        names.push(body.name.getText(source));
        body = body.body;
      }
      if (body && ts.isModuleBlock(body)) body.statements.forEach((s) => visit(s, names));
      return;
    }
    if ((ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name && prefix[0] === 'CS') {
      const members: DeclaredClass['members'] = [];
      if (ts.isClassDeclaration(node)) {
        for (const m of node.members) {
          const isStatic = ts.getModifiers(m as ts.HasModifiers)?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword) ?? false;
          if (ts.isMethodDeclaration(m)) members.push({ name: m.name.getText(source), isStatic, kind: 'method', parameters: m.parameters.length });
          else if (ts.isPropertyDeclaration(m)) members.push({ name: m.name.getText(source), isStatic, kind: 'property', parameters: 0 });
          else if (ts.isConstructorDeclaration(m)) members.push({ name: 'constructor', isStatic: false, kind: 'constructor', parameters: m.parameters.length });
        }
      }
      out.push({ qualified: [...prefix.slice(1), node.name.text].join('.'), members });
    }
  };
  source.statements.forEach((s) => visit(s, []));
  return out;
}

describe('the TypeScript and C# sides of the Unity player', () => {
  it('declares in typings exactly the members the ClonedPerson C# helpers have', async () => {
    const sources = (await Promise.all(csharpFiles(path.join(PROJECT, 'Assets', 'ClonedPerson', 'Scripts')).map((f) => csharpClasses(readText(f))))).flat();
    const declared = declaredClasses(path.join(TYPINGS, 'clonedperson-csharp.d.ts'));
    expect(declared.length).toBeGreaterThan(5);
    for (const cls of declared) {
      const csharp = sources.find((c) => `${c.namespace}.${c.name}` === cls.qualified);
      expect({ cls: cls.qualified, found: Boolean(csharp) }).toEqual({ cls: cls.qualified, found: true });
      for (const member of cls.members) {
        const name = member.kind === 'constructor' ? csharp!.name : member.name;
        const match = csharp!.members.find((m) => m.name === name && m.isPublic && (member.kind === 'constructor' ? m.kind === 'constructor' : m.isStatic === member.isStatic));
        expect({ member: `${cls.qualified}.${member.name}`, parameters: match?.parameters, kind: match?.kind === 'constant' ? 'property' : match?.kind }).toEqual({
          member: `${cls.qualified}.${member.name}`,
          parameters: member.parameters,
          kind: member.kind,
        });
      }
    }
  });

  it('lists in the PuerTS [Configure] typings exactly the classes the hand-written typings declare', async () => {
    const config = readText(path.join(PROJECT, 'Assets', 'ClonedPerson', 'Editor', 'PuertsConfig.cs'));
    const listed = [...config.matchAll(/typeof\(([\w.]+)\)/g)].map((m) => m[1]).sort();
    const declared = [...declaredClasses(path.join(TYPINGS, 'unity-engine.d.ts')), ...declaredClasses(path.join(TYPINGS, 'clonedperson-csharp.d.ts'))]
      .map((c) => c.qualified)
      .filter((q) => !q.startsWith('System'))
      .sort();
    expect(listed).toEqual(declared);
  });

  it('has one table of exit codes in C#, in the bundle and in the launcher', async () => {
    const [codes] = await csharpClasses(readText(path.join(PROJECT, 'Assets', 'ClonedPerson', 'Scripts', 'PlayerExitCodes.cs')));
    const csharp = Object.fromEntries(codes.members.map((m) => [m.name, Number(m.value)]));
    expect(Object.values(csharp).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 70]);
    // Every player code means something to the launcher (0 is a clean end).
    for (const value of Object.values(csharp)) if (value !== 0) expect(UNITY_EXIT_CODES[value]).toBeDefined();
    expect(csharp.Ok).toBe(EXIT_CODES.ok);
    expect(csharp.SessionFailed).toBe(EXIT_CODES.sessionFailed);
    expect(UNITY_EXIT_CODES[csharp.Usage].retry).toBe(false);
    expect(UNITY_EXIT_CODES[csharp.BundleMissing].code).toBe('E_PLAYER_START');
  });
});
