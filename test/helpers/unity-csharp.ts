/**
 * C# source checks for the Unity project without Unity: tree-sitter (web-tree-sitter with the
 * tree-sitter-c-sharp grammar, wasm, no native build) parses modern C#; syntax errors come back
 * with line and column, and the public declarations of a file (classes with their methods,
 * properties, constructors and constants) come back for API comparisons.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node } from 'web-tree-sitter';

let parser: Promise<Parser> | undefined;

/** A parser for C# (loaded once). */
export function csharpParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-c-sharp/tree-sitter-c_sharp.wasm');
    const language = await Language.load(wasm);
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parser;
}

/** `file:line:column: syntax error` for every ERROR or MISSING node. */
export async function csharpSyntaxErrors(text: string, file: string): Promise<string[]> {
  const tree = (await csharpParser()).parse(text)!;
  const errors: string[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      errors.push(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.isMissing ? `missing ${node.type}` : 'syntax error'}`);
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return errors;
}

export interface CSharpMember {
  kind: 'method' | 'property' | 'constructor' | 'constant' | 'field';
  name: string;
  isStatic: boolean;
  isPublic: boolean;
  /** Parameter count (methods and constructors). */
  parameters: number;
  /** The value of a constant, as written. */
  value?: string;
}

export interface CSharpClass {
  namespace: string;
  name: string;
  members: CSharpMember[];
}

function modifiers(node: Node): string[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type === 'modifier').map((c) => c.text);
}

/** The classes of a C# file with their members. */
export async function csharpClasses(text: string): Promise<CSharpClass[]> {
  const tree = (await csharpParser()).parse(text)!;
  const out: CSharpClass[] = [];
  const visit = (node: Node, namespace: string): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'namespace_declaration' || child.type === 'file_scoped_namespace_declaration') {
        visit(child, child.childForFieldName('name')!.text);
      } else if (child.type === 'declaration_list') visit(child, namespace);
      else if (child.type === 'class_declaration' || child.type === 'struct_declaration') {
        const members: CSharpMember[] = [];
        for (const m of child.childForFieldName('body')?.namedChildren ?? []) {
          if (!m) continue;
          const mods = modifiers(m);
          const base = { isStatic: mods.includes('static') || mods.includes('const'), isPublic: mods.includes('public') };
          const count = (): number => m.childForFieldName('parameters')?.namedChildren.filter((p) => p?.type === 'parameter').length ?? 0;
          if (m.type === 'method_declaration') members.push({ kind: 'method', name: m.childForFieldName('name')!.text, parameters: count(), ...base });
          else if (m.type === 'constructor_declaration') members.push({ kind: 'constructor', name: m.childForFieldName('name')!.text, parameters: count(), ...base });
          else if (m.type === 'property_declaration') members.push({ kind: 'property', name: m.childForFieldName('name')!.text, parameters: 0, ...base });
          else if (m.type === 'field_declaration') {
            for (const declarator of m.descendantsOfType('variable_declarator')) {
              if (!declarator) continue;
              const name = declarator.childForFieldName('name')?.text ?? declarator.namedChildren[0]?.text ?? '';
              const value = declarator.namedChildren.at(-1);
              members.push({ kind: mods.includes('const') ? 'constant' : 'field', name, parameters: 0, ...base, ...(value && value.text !== name ? { value: value.text } : {}) });
            }
          }
        }
        out.push({ namespace, name: child.childForFieldName('name')!.text, members });
      }
    }
  };
  visit(tree.rootNode, '');
  return out;
}

/** Every `.cs` file below `dir`, sorted. */
export function csharpFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...csharpFiles(file));
    else if (name.endsWith('.cs')) out.push(file);
  }
  return out;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
