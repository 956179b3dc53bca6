import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import {
  INVALID_FIXTURES,
  MESSAGE_TABLE,
  PROTOCOL_SCHEMA,
  VALID_FIXTURES,
  validateMessage,
} from '../../../protocol/src/index.js';
import type { Direction, ProtocolMessage } from '../../../protocol/src/index.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const ajvValidate = ajv.compile(PROTOCOL_SCHEMA);

/** Simple structural mutations of a valid message, each expected valid or invalid by ajv. */
function mutations(message: ProtocolMessage): unknown[] {
  const out: unknown[] = [];
  const record = message as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'type') continue;
    const { [key]: _dropped, ...rest } = record;
    out.push(rest);
    for (const value of [null, 'x', -1, 1.5, [], {}, true, 1e9]) out.push({ ...record, [key]: value });
  }
  out.push({ ...record, unexpected: 1 });
  return out;
}

describe('validateMessage', () => {
  it('accepts every canonical fixture in its direction', () => {
    for (const [type, message] of Object.entries(VALID_FIXTURES)) {
      const info = MESSAGE_TABLE.get(type)!;
      const directions: Direction[] = info.direction === 'both' ? ['toPlayer', 'toOrchestrator'] : [info.direction];
      for (const direction of directions) {
        const result = validateMessage(JSON.stringify(message), { direction });
        expect(result).toEqual({ ok: true, message });
      }
    }
  });

  it('refuses every invalid fixture with its code', () => {
    for (const fixture of INVALID_FIXTURES) {
      const result = validateMessage(fixture.text);
      expect({ name: fixture.name, ok: result.ok, code: result.ok ? undefined : result.code }).toEqual({
        name: fixture.name,
        ok: false,
        code: fixture.code,
      });
    }
  });

  it('agrees with ajv (the reference validator) on fixtures and their mutations', () => {
    let checked = 0;
    for (const message of Object.values(VALID_FIXTURES)) {
      for (const candidate of [message, ...mutations(message)]) {
        const ours = validateMessage(candidate).ok;
        expect({ candidate, ok: ours }).toEqual({ candidate, ok: ajvValidate(candidate) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('refuses messages travelling the wrong way', () => {
    const result = validateMessage(JSON.stringify(VALID_FIXTURES['frame/step']), { direction: 'toOrchestrator' });
    expect(result).toMatchObject({ ok: false, code: 'E_PROTOCOL_OUT_OF_ORDER' });
  });

  it('refuses oversized text before parsing it', () => {
    const text = JSON.stringify({ type: 'log/message', level: 'info', message: 'x'.repeat(5000) });
    expect(validateMessage(text, { maxBytes: 4096 })).toMatchObject({ ok: false, code: 'E_PROTOCOL_TOO_LARGE' });
    expect(validateMessage(text, { maxBytes: 8192 }).ok).toBe(true);
  });

  it('says where a message is wrong', () => {
    const step = VALID_FIXTURES['frame/step'];
    const bad = { ...step, persons: [{ ...step.persons[0], speedMps: -1 }] };
    const result = validateMessage(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain('/persons/0/speedMps: must be >= 0');
  });
});
