import { describe, expect, it } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { MESSAGE_TABLE, PROTOCOL_SCHEMA, VALID_FIXTURES } from '../../../protocol/src/index.js';
import { SCHEMA_JSON_FILE, SCHEMA_TS_FILE, generateProtocolSchema } from '../../../scripts/generate-protocol-schema.js';
import { REPO_ROOT } from '../../helpers/assets.js';

describe('protocol schema', () => {
  it('is up to date with protocol/src/messages.ts (run `npm run schemas`)', async () => {
    const generated = generateProtocolSchema();
    expect(await readFile(SCHEMA_JSON_FILE, 'utf8')).toBe(generated.json);
    expect(await readFile(SCHEMA_TS_FILE, 'utf8')).toBe(generated.ts);
  }, 60000);

  it('gives every message a direction and a @since version', () => {
    expect(MESSAGE_TABLE.size).toBe(15);
    for (const info of MESSAGE_TABLE.values()) {
      expect(['toPlayer', 'toOrchestrator', 'both']).toContain(info.direction);
      expect(info.since).toMatch(/^\d+\.\d+\.\d+$/);
      expect(info.description.length).toBeGreaterThan(10);
    }
    expect(MESSAGE_TABLE.get('frame/step')?.direction).toBe('toPlayer');
    expect(MESSAGE_TABLE.get('frame/stepResult')?.direction).toBe('toOrchestrator');
    expect(MESSAGE_TABLE.get('session/error')?.direction).toBe('both');
  });

  it('has a canonical fixture for every message type', () => {
    expect(Object.keys(VALID_FIXTURES).sort()).toEqual([...MESSAGE_TABLE.keys()].sort());
    expect(PROTOCOL_SCHEMA.$ref).toBe('#/definitions/ProtocolMessage');
  });

  it('keeps protocol/src free of Node, DOM and orchestrator imports (PuerTS bundle)', async () => {
    const dir = path.join(REPO_ROOT, 'protocol/src');
    for (const file of await readdir(dir)) {
      // Comments may mention Node words; only code matters.
      const text = (await readFile(path.join(dir, file), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const match of text.matchAll(/from '([^']+)'/g)) expect(match[1]).toMatch(/^\.\/[\w.-]+\.js$/);
      // The generated schema is data (descriptions mention "process"); its imports are checked above.
      if (file !== 'schema.generated.ts') expect(text).not.toMatch(/\b(process|Buffer|require|window|document|TextEncoder|TextDecoder)\b\s*[.(]/);
    }
  });
});
