import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHARACTER_CARD_CONTRACT, CHARACTERS_LIST_CONTRACT, GLB_EXTRAS_CONTRACT, readGlbExtras } from '../../../orchestrator/src/contracts/character.js';
import type { JsonContract, JsonlContract } from '../../../orchestrator/src/contracts/contract.js';
import { CONTRACT_ROOTS } from '../../../orchestrator/src/contracts/contract-roots.js';
import type { ContractTypeName } from '../../../orchestrator/src/contracts/contract-roots.js';
import { DETECTION_LINE_CONTRACT } from '../../../orchestrator/src/contracts/detections.js';
import { GARMENT_TEMPLATE_CONTRACT } from '../../../orchestrator/src/contracts/garment-template.js';
import { OUTFIT_RECORD_CONTRACT } from '../../../orchestrator/src/contracts/outfit-record.js';
import { DATASET_RECORD_CONTRACT } from '../../../orchestrator/src/contracts/dataset-record.js';
import { ANNOTATION_LINE_CONTRACT, RENDER_RECORD_CONTRACT } from '../../../orchestrator/src/contracts/render-record.js';
import { RUN_CONFIG_CONTRACT } from '../../../orchestrator/src/contracts/run-config.js';
import { RUN_MANIFEST_CONTRACT } from '../../../orchestrator/src/contracts/run-manifest.js';
import { CONTRACT_SCHEMA } from '../../../orchestrator/src/contracts/schemas.generated.js';
import { SELECTION_CONTRACT } from '../../../orchestrator/src/contracts/selection.js';
import { isClonedPersonError } from '../../../orchestrator/src/shared/errors.js';
import { CONTRACT_SCHEMA_DIR, CONTRACT_SCHEMA_TS_FILE, generateContractSchemas } from '../../../scripts/generate-contract-schemas.js';
import { REPO_ROOT } from '../../helpers/assets.js';
import { CONTRACT_EXAMPLES } from './contract-examples.js';

const JSON_CONTRACTS: Partial<Record<ContractTypeName, JsonContract<unknown>>> = {
  Selection: SELECTION_CONTRACT,
  GarmentTemplate: GARMENT_TEMPLATE_CONTRACT,
  OutfitRecord: OUTFIT_RECORD_CONTRACT,
  CharacterCard: CHARACTER_CARD_CONTRACT,
  CharactersList: CHARACTERS_LIST_CONTRACT,
  GlbExtras: GLB_EXTRAS_CONTRACT,
  RenderRecord: RENDER_RECORD_CONTRACT,
  DatasetRecord: DATASET_RECORD_CONTRACT,
  RunConfig: RUN_CONFIG_CONTRACT,
  RunManifest: RUN_MANIFEST_CONTRACT,
};
const JSONL_CONTRACTS: Partial<Record<ContractTypeName, JsonlContract<unknown>>> = {
  DetectionLine: DETECTION_LINE_CONTRACT,
  AnnotationLine: ANNOTATION_LINE_CONTRACT,
};

function caught(fn: () => unknown): { code: string; message: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (isClonedPersonError(error)) return error;
    throw error;
  }
  throw new Error('expected a ClonedPersonError');
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

interface SchemaNode {
  $ref?: string;
  required?: string[];
  additionalProperties?: unknown;
  properties?: Record<string, SchemaNode>;
}

/** The generated schema definition of a type, with a property's `$ref` followed. */
function definitionOf(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref?.replace('#/definitions/', '');
  return ref ? CONTRACT_SCHEMA.definitions?.[ref] : node;
}

/** Small alterations of a valid value, each breaking the schema at a known pointer. */
function alterations(value: Record<string, unknown>, type: ContractTypeName): { name: string; value: unknown; field: string }[] {
  const schema = definitionOf(CONTRACT_SCHEMA.definitions?.[type])!;
  const out: { name: string; value: unknown; field: string }[] = [];
  out.push({ name: 'unknown top-level field', value: { ...value, surplus: 1 }, field: '/' });
  // a required field, when the type has one besides the format version (a config may have none)
  const [firstKey] = Object.keys(value).filter((k) => k !== 'formatVersion' && (schema.required ?? []).includes(k));
  if (firstKey !== undefined) {
    const missing = clone(value);
    delete missing[firstKey];
    out.push({ name: `missing ${firstKey}`, value: missing, field: '/' });
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema = definitionOf(schema.properties?.[key]);
    if (typeof child === 'object' && child !== null && !Array.isArray(child) && childSchema?.additionalProperties === false) {
      out.push({ name: `${key} with an unknown field`, value: { ...value, [key]: { ...child, surplus: true } }, field: `/${key}` });
    }
    if (typeof child === 'string') out.push({ name: `${key} as number`, value: { ...value, [key]: 7 }, field: `/${key}` });
    if (typeof child === 'number' && key !== 'formatVersion') out.push({ name: `${key} as string`, value: { ...value, [key]: 'x' }, field: `/${key}` });
    if (Array.isArray(child) && child.length > 0 && typeof child[0] === 'object' && child[0] !== null && !Array.isArray(child[0])) {
      out.push({ name: `${key}[0] with an unknown field`, value: { ...value, [key]: [{ ...(child[0] as object), surplus: true }, ...child.slice(1)] }, field: `/${key}/0` });
    }
  }
  return out;
}

describe('stage contracts', () => {
  it('has an example, a parser and a generated schema for every root', () => {
    const roots = Object.keys(CONTRACT_ROOTS).sort();
    expect(Object.keys(CONTRACT_EXAMPLES).sort()).toEqual(roots);
    expect([...Object.keys(JSON_CONTRACTS), ...Object.keys(JSONL_CONTRACTS)].sort()).toEqual(roots);
  });

  it.each(Object.entries(JSON_CONTRACTS))('%s: format then parse gives the value back', (type, contract) => {
    const example = CONTRACT_EXAMPLES[type as ContractTypeName];
    const text = contract.format(example);
    expect(text.endsWith('\n')).toBe(true);
    expect(contract.parse(text, 'x.json')).toEqual(example);
    expect(contract.parse(new TextEncoder().encode(text), 'x.json')).toEqual(example);
  });

  it.each(Object.entries(JSONL_CONTRACTS))('%s: formatLine then parseLines gives the values back, and a bad line stays an error of its own', (type, contract) => {
    const example = CONTRACT_EXAMPLES[type as ContractTypeName];
    const line = contract.formatLine(example);
    expect(line.split('\n')).toHaveLength(2);
    const parsed = contract.parseLines(`${line}\n{"broken":\n${line}`, 'x.jsonl');
    expect(parsed.map((p) => p.line)).toEqual([1, 3, 4]);
    expect(parsed[0].value).toEqual(example);
    expect(parsed[2].value).toEqual(example);
    expect(parsed[1].error?.code).toBe(contract.errorCode);
    expect(parsed[1].error?.message).toMatch(/^x\.jsonl:3: not valid JSON/);
  });

  it.each(Object.entries({ ...JSON_CONTRACTS, ...JSONL_CONTRACTS }))('%s: every alteration is refused with the contract code, the file and the field', (type, contract) => {
    const example = CONTRACT_EXAMPLES[type as ContractTypeName] as Record<string, unknown>;
    const cases = alterations(example, type as ContractTypeName);
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) {
      const parse = 'parse' in contract ? () => (contract).check(c.value, 'f.json') : () => (contract).parseLine(JSON.stringify(c.value), 'f.jsonl', 4);
      const error = caught(parse);
      expect({ name: c.name, code: error.code }).toEqual({ name: c.name, code: contract.errorCode });
      expect(error.message.startsWith('parse' in contract ? 'f.json: ' : 'f.jsonl:4: ')).toBe(true);
      expect({ name: c.name, field: error.details.field }).toEqual({ name: c.name, field: c.field });
    }
  });

  it('agrees with ajv on the generated JSON Schemas (valid examples and every alteration)', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const [type, example] of Object.entries(CONTRACT_EXAMPLES)) {
      const file = path.join(CONTRACT_SCHEMA_DIR, `${type.replace(/[A-Z]/g, (c, i: number) => `${i ? '-' : ''}${c.toLowerCase()}`)}.schema.json`);
      const validate = ajv.compile(JSON.parse(await readFile(file, 'utf8')) as object);
      const contract = JSON_CONTRACTS[type as ContractTypeName] ?? JSONL_CONTRACTS[type as ContractTypeName]!;
      const ours = (value: unknown): boolean => {
        try {
          if ('check' in contract) (contract).check(value, 'f');
          else (contract).parseLine(JSON.stringify(value), 'f', 1);
          return true;
        } catch {
          return false;
        }
      };
      expect([type, validate(example)]).toEqual([type, true]);
      expect([type, ours(example)]).toEqual([type, true]);
      for (const c of alterations(example as Record<string, unknown>, type as ContractTypeName)) expect([type, c.name, validate(c.value)]).toEqual([type, c.name, ours(c.value)]);
    }
  });

  it('refuses files from a newer format version, and names the version', () => {
    const error = caught(() => SELECTION_CONTRACT.check({ ...(CONTRACT_EXAMPLES.Selection as object), formatVersion: 2 }, 'sel.json'));
    expect(error.code).toBe('E_SELECTION_INVALID');
    expect(error.message).toBe('sel.json: /formatVersion: format 2 was written by a newer clonedperson; this version reads format 1');
  });

  it('checks the cross-field rules the schema cannot express', () => {
    const selection = clone(CONTRACT_EXAMPLES.Selection) as { identities: { id: number }[] };
    selection.identities[1].id = 0;
    expect(caught(() => SELECTION_CONTRACT.check(selection, 's.json')).message).toBe('s.json: /identities/1/id: identity 0 is repeated');
    const outfit = clone(CONTRACT_EXAMPLES.OutfitRecord) as { textures: { garments: number[]; file: string }[] };
    outfit.textures[0].garments = [3];
    expect(caught(() => OUTFIT_RECORD_CONTRACT.check(outfit, 'o.json')).message).toBe('o.json: /textures/0/garments/0: garment 3 does not exist (the outfit has 1)');
    const detection = clone(CONTRACT_EXAMPLES.DetectionLine) as { box: number[]; qualified: boolean };
    detection.box = [5, 5, 5, 9];
    expect(caught(() => DETECTION_LINE_CONTRACT.parseLine(JSON.stringify(detection), 'd.jsonl', 2)).message).toBe('d.jsonl:2: /box: [5, 5, 5, 9] is empty or inverted');
    const unqualified = { ...(CONTRACT_EXAMPLES.DetectionLine as object), qualified: false };
    expect(caught(() => DETECTION_LINE_CONTRACT.parseLine(JSON.stringify(unqualified), 'd.jsonl', 1)).details.field).toBe('/rejections');
    const annotation = { ...(CONTRACT_EXAMPLES.AnnotationLine as object), keypoints: [[1, 2, 2]] };
    expect(caught(() => ANNOTATION_LINE_CONTRACT.parseLine(JSON.stringify(annotation), 'a.jsonl', 1)).details.field).toBe('/keypoints');
  });

  it('refuses to write an invalid value (a bug, E_INTERNAL)', () => {
    expect(caught(() => SELECTION_CONTRACT.format({ ...(CONTRACT_EXAMPLES.Selection as object), method: 'other' } as never)).code).toBe('E_INTERNAL');
  });

  it('reads the glb extras from the JSON chunk of a glb container', () => {
    const json = new TextEncoder().encode(JSON.stringify({ asset: { version: '2.0' }, extras: { clonedperson: CONTRACT_EXAMPLES.GlbExtras, other: 1 } }) + '  ');
    const padded = json.length % 4 === 0 ? json : Uint8Array.from([...json, ...new Array<number>(4 - (json.length % 4)).fill(0x20)]);
    const glb = new Uint8Array(20 + padded.length);
    const view = new DataView(glb.buffer);
    view.setUint32(0, 0x46546c67, true);
    view.setUint32(4, 2, true);
    view.setUint32(8, glb.length, true);
    view.setUint32(12, padded.length, true);
    view.setUint32(16, 0x4e4f534a, true);
    glb.set(padded, 20);
    expect(readGlbExtras(glb, 'c.glb')).toEqual(CONTRACT_EXAMPLES.GlbExtras);
    expect(caught(() => readGlbExtras(glb.subarray(0, 10), 'c.glb')).message).toBe('c.glb: not a glb (no glTF magic)');
  });

  it('has committed schemas that match the TypeScript types (run `npm run schemas`)', async () => {
    const generated = generateContractSchemas();
    expect(await readFile(CONTRACT_SCHEMA_TS_FILE, 'utf8')).toBe(generated.ts);
    for (const [name, text] of generated.files) expect([name, await readFile(path.join(CONTRACT_SCHEMA_DIR, name), 'utf8')]).toEqual([name, text]);
  }, 60000);

  it('keeps contracts pure: imports only contracts, the error table and the protocol, and no Node globals', async () => {
    const { readdir } = await import('node:fs/promises');
    const dir = path.join(REPO_ROOT, 'orchestrator/src/contracts');
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const text = (await readFile(path.join(dir, file), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const match of text.matchAll(/from '([^']+)'/g)) {
        expect([file, match[1]]).toEqual([file, expect.stringMatching(/^(\.\/[\w.-]+\.js|\.\.\/shared\/errors\.js|\.\.\/\.\.\/\.\.\/protocol\/src\/[\w.-]+\.js)$/)]);
      }
      if (file !== 'schemas.generated.ts') expect([file, /\b(process|Buffer|require|TextDecoder|TextEncoder)\b\s*[.(]/.test(text)]).toEqual([file, false]);
    }
  });
});
