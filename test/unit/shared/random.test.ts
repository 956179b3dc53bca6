import { describe, expect, it } from '@jest/globals';
import { createRandom, deriveSeed } from '../../../orchestrator/src/shared/random.js';

describe('random', () => {
  it('repeats a stream for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('draws uniform integers covering the whole range', () => {
    const random = createRandom(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[random.int(6)]++;
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(400);
  });

  it('draws gaussians with the requested mean and deviation', () => {
    const random = createRandom(1);
    const values = Array.from({ length: 40000 }, () => random.gaussian(170, 5.7));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    expect(mean).toBeCloseTo(170, 0);
    expect(Math.abs(std - 5.7)).toBeLessThan(0.1);
  });

  it('derives stable, order-sensitive seeds', () => {
    expect(deriveSeed('a', 1)).toBe(deriveSeed('a', 1));
    expect(deriveSeed('a', 1)).not.toBe(deriveSeed('a', 2));
    expect(deriveSeed('ab', 'c')).not.toBe(deriveSeed('a', 'bc'));
    // FNV-1a of the empty string is the offset basis
    expect(deriveSeed('')).toBe(0x811c9dc5);
  });
});
