import { describe, expect, it } from '@jest/globals';
import { ACCESSORY_DEFAULTS, drawBody } from '../../../orchestrator/src/characters/body-generator.js';
import { createRandom, deriveSeed } from '../../../orchestrator/src/shared/random.js';

describe('random bodies (the paper rules)', () => {
  const draws = Array.from({ length: 4000 }, (_, id) => drawBody(id, createRandom(deriveSeed(1, 'character', id))));

  it('alternates gender and keeps sliders in their ranges', () => {
    expect(draws.slice(0, 4).map((d) => d.gender)).toEqual(['male', 'female', 'male', 'female']);
    for (const d of draws) {
      expect(d.macro.gender).toBe(d.gender === 'male' ? 1 : 0);
      expect(d.macro.age).toBeGreaterThanOrEqual(0.2);
      expect(d.macro.age).toBeLessThanOrEqual(0.9);
      expect(d.macro.breastSize).toBeLessThanOrEqual(0.7);
      expect(d.macro.breastFirmness).toBeGreaterThanOrEqual(0.3);
      expect(d.macro.african + d.macro.asian + d.macro.caucasian).toBeCloseTo(1, 12);
      expect(d.macro.bodyProportions).toBe(0.5);
      expect((d.gender === 'male' ? ACCESSORY_DEFAULTS.hairMale : ACCESSORY_DEFAULTS.hairFemale).includes(d.hair!)).toBe(true);
      expect(d.beard).toBeUndefined(); // no beards in the CC0 lists
    }
  });

  it('draws heights N(170, 5.7) for men and N(160, 5.2) for women', () => {
    for (const [gender, mean, std] of [['male', 170, 5.7], ['female', 160, 5.2]] as const) {
      const h = draws.filter((d) => d.gender === gender).map((d) => d.heightCm);
      const m = h.reduce((s, v) => s + v, 0) / h.length;
      const sd = Math.sqrt(h.reduce((s, v) => s + (v - m) ** 2, 0) / (h.length - 1));
      expect(Math.abs(m - mean)).toBeLessThan(0.4); // 4 standard errors
      expect(Math.abs(sd - std)).toBeLessThan(0.35);
    }
    expect(draws[0].macro.height).toBeCloseTo(draws[0].heightCm / 200, 12);
  });

  it('is deterministic per seed and identity, and draws beards only for men when listed', () => {
    expect(drawBody(7, createRandom(42))).toEqual(drawBody(7, createRandom(42)));
    const lists = { ...ACCESSORY_DEFAULTS, beards: ['beard01'], beardProbability: 0.5 };
    const withBeards = Array.from({ length: 400 }, (_, id) => drawBody(id, createRandom(id), lists));
    expect(withBeards.some((d) => d.gender === 'female' && d.beard)).toBe(false);
    const men = withBeards.filter((d) => d.gender === 'male');
    const share = men.filter((d) => d.beard).length / men.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
  });
});
