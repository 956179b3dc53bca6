/**
 * Compares the hand-written typings of the Unity player (unity-project/TypeScript/typings) with
 * the index.d.ts PuerTS generates in Unity (Tools/PuerTS/Generate index.d.ts, configured by
 * Assets/ClonedPerson/Editor/PuertsConfig.cs): every class and enum written by hand must be in
 * the generated file, and every member written by hand must be there with the same name, the
 * same static-ness and (for methods and constructors) an overload taking that many arguments.
 * PuerTS writes C# properties as get/set accessors and fields as properties; both count as
 * properties. Pure (text in, problems out).
 */
import ts from 'typescript';

export interface TypingMember {
  name: string;
  isStatic: boolean;
  kind: 'method' | 'property' | 'constructor' | 'enum member';
  /** Arguments accepted: [required, total] (methods and constructors). */
  arity: [number, number];
}

export interface TypingClass {
  /** e.g. `UnityEngine.SceneManagement.SceneManager` */
  qualified: string;
  kind: 'class' | 'enum' | 'interface';
  members: TypingMember[];
}

function arity(parameters: ts.NodeArray<ts.ParameterDeclaration>): [number, number] {
  const rest = parameters.some((p) => p.dotDotDotToken);
  return [parameters.filter((p) => !p.questionToken && !p.initializer && !p.dotDotDotToken).length, rest ? Infinity : parameters.length];
}

/** Every class, interface and enum under `declare namespace CS` in a typings file, with its members. */
export function typingClasses(text: string, file = 'typings.d.ts'): TypingClass[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: TypingClass[] = [];
  const visit = (node: ts.Node, prefix: string[]): void => {
    if (ts.isModuleDeclaration(node)) {
      const names = [...prefix, node.name.getText(source)];
      let body = node.body;
      while (body && ts.isModuleDeclaration(body)) {
        names.push(body.name.getText(source));
        body = body.body;
      }
      if (body && ts.isModuleBlock(body)) body.statements.forEach((s) => visit(s, names));
      return;
    }
    if (prefix[0] !== 'CS') return;
    const qualified = (name: string): string => [...prefix.slice(1), name].join('.');
    if (ts.isEnumDeclaration(node)) {
      out.push({ qualified: qualified(node.name.text), kind: 'enum', members: node.members.map((m) => ({ name: m.name.getText(source), isStatic: true, kind: 'enum member', arity: [0, 0] })) });
      return;
    }
    if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) {
      const members: TypingMember[] = [];
      for (const m of node.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>) {
        const isStatic = (ts.canHaveModifiers(m) ? ts.getModifiers(m) : undefined)?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword) ?? false;
        const name = m.name && !ts.isComputedPropertyName(m.name) ? m.name.getText(source) : undefined;
        if (ts.isConstructorDeclaration(m) || ts.isConstructSignatureDeclaration(m)) members.push({ name: 'constructor', isStatic: false, kind: 'constructor', arity: arity(m.parameters) });
        else if (!name) continue;
        else if (ts.isMethodDeclaration(m) || ts.isMethodSignature(m)) members.push({ name, isStatic, kind: 'method', arity: arity(m.parameters) });
        else if (ts.isPropertyDeclaration(m) || ts.isPropertySignature(m) || ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) members.push({ name, isStatic, kind: 'property', arity: [0, 0] });
      }
      out.push({ qualified: qualified(node.name.text), kind: ts.isClassDeclaration(node) ? 'class' : 'interface', members });
    }
  };
  source.statements.forEach((s) => visit(s, []));
  return out;
}

/** What the hand-written typings claim and the generated ones do not confirm, one line each. */
export function compareTypings(handWritten: string, generated: string, options: { skipNamespaces?: string[] } = {}): string[] {
  const skip = options.skipNamespaces ?? ['System'];
  const theirs = new Map<string, TypingClass>();
  for (const cls of typingClasses(generated, 'generated.d.ts')) {
    const known = theirs.get(cls.qualified);
    // PuerTS may declare a class again (a namespace of the same name, a partial); merge the members.
    theirs.set(cls.qualified, known ? { ...known, members: [...known.members, ...cls.members] } : cls);
  }
  const problems: string[] = [];
  for (const cls of typingClasses(handWritten, 'hand-written.d.ts')) {
    if (skip.some((ns) => cls.qualified === ns || cls.qualified.startsWith(`${ns}.`))) continue;
    const other = theirs.get(cls.qualified);
    if (!other) {
      problems.push(`${cls.qualified}: not in the generated typings (is it in PuertsConfig.cs's [Typing] list?)`);
      continue;
    }
    for (const member of cls.members) {
      const candidates = other.members.filter((m) => m.name === member.name && (member.kind === 'constructor' || m.isStatic === member.isStatic));
      const where = `${cls.qualified}.${member.name}`;
      if (candidates.length === 0) {
        const otherStatic = other.members.some((m) => m.name === member.name);
        problems.push(otherStatic ? `${where}: ${member.isStatic ? 'static' : 'instance'} here, ${member.isStatic ? 'instance' : 'static'} in the generated typings` : `${where}: not in the generated typings`);
      } else if (member.kind === 'method' || member.kind === 'constructor') {
        const [count] = member.arity;
        if (!candidates.some((m) => (m.kind === 'method' || m.kind === 'constructor') && m.arity[0] <= count && count <= m.arity[1])) {
          problems.push(`${where}: takes ${count} argument(s) here; the generated overloads take ${candidates.map((m) => (m.arity[0] === m.arity[1] ? m.arity[0] : `${m.arity[0]}-${m.arity[1]}`)).join(', ')}`);
        }
      } else if (member.kind === 'property' && candidates.every((m) => m.kind === 'method')) problems.push(`${where}: a property here, a method in the generated typings`);
    }
  }
  return problems;
}
