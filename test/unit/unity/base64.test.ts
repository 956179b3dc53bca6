/** The bundle's base64 decoder (PuerTS has no atob or Buffer) against Node's Buffer. */
import { describe, expect, it } from '@jest/globals';
import { decodeBase64 } from '../../../unity-project/TypeScript/src/base64.js';

describe('decodeBase64', () => {
  it('decodes what Buffer encodes, with and without padding, for every length mod 3', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + n * 11) & 255);
      const text = Buffer.from(bytes).toString('base64');
      expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
      expect(Array.from(decodeBase64(text.replace(/=+$/, '')))).toEqual(Array.from(bytes));
    }
  });

  it('refuses characters outside the alphabet and truncated groups', () => {
    expect(() => decodeBase64('ab$d')).toThrow('invalid character at 2');
    expect(() => decodeBase64('abcde')).toThrow('truncated group');
  });
});
