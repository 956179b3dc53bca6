import { describe, expect, it } from '@jest/globals';
import { PROTOCOL_VERSION, checkCompatibility, parseProtocolVersion } from '../../../protocol/src/index.js';

describe('protocol version', () => {
  it('parses MAJOR.MINOR.PATCH only', () => {
    expect(parseProtocolVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3 });
    for (const bad of ['1.2', '1.2.3.4', 'v1.2.3', '01.2.3', '1.2.3-beta', '', '1..3']) expect(parseProtocolVersion(bad)).toBeUndefined();
    expect(parseProtocolVersion(PROTOCOL_VERSION)).toBeDefined();
  });

  it('refuses a major mismatch, warns on a minor mismatch, accepts a patch difference', () => {
    expect(checkCompatibility('1.0.0', '2.0.0').level).toBe('refuse');
    expect(checkCompatibility('2.3.0', '1.3.0').level).toBe('refuse');
    expect(checkCompatibility('1.0.0', '1.1.0')).toMatchObject({ level: 'warn' });
    expect(checkCompatibility('1.4.0', '1.1.7').reason).toContain('we are newer');
    expect(checkCompatibility('1.0.0', '1.0.9')).toEqual({ level: 'ok', reason: '' });
    expect(checkCompatibility('1.0.0', 'banana').level).toBe('refuse');
  });
});
