import { describe, expect, it } from 'vitest';
import { exp, expSmall, smallArguments } from '../../../analytics/scenarios/exp';
import { Rng } from '../../../analytics/stats/random';

/** The double whose high and low words are hi and lo. */
function fromWords(hi: number, lo: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

describe('the Monte Carlo’s exponential', () => {
  it('is Math.exp to the bit: random arguments over the ranges the model uses, and edge values', () => {
    const rng = Rng.seeded('exp');
    const args: number[] = [0, -0, 1e-300, -1e-300, 2 ** -28, -(2 ** -28), 2 ** -29, 0.3465735912322998, -0.3465735912322998, fromWords(0x3fd62e42, 0xffffffff), -fromWords(0x3fd62e42, 0xffffffff), 1, -1, 50, -50, 709.7, -745, 800, -800, Infinity, -Infinity, NaN];
    for (let i = 0; i < 200_000; i++) {
      args.push((rng.uniform() - 0.5) * 0.8); // both sides of ½ ln 2
      args.push((rng.uniform() - 0.5) * 1e-6);
      args.push((rng.uniform() - 0.5) * 40);
      // Any double with |x| between 2^-28 and ½ ln 2 (the polynomial's range), by its bits.
      args.push(fromWords(rng.int(0x3e300000, 0x3fd62e42) | (rng.bernoulli(0.5) ? 0x80000000 : 0), rng.nextUint32()));
    }
    expect(args.filter((x) => !Object.is(exp(x), Math.exp(x)))).toEqual([]);
  });

  it('skips its range checks only where smallArguments vouches for every product', () => {
    const rng = Rng.seeded('exp-small');
    for (let i = 0; i < 2000; i++) {
      const xs = Array.from({ length: 50 }, () => (rng.bernoulli(0.1) ? 0 : (rng.uniform() - 0.5) * 2 * rng.uniform()));
      const abs = xs.map(Math.abs).filter((a) => a > 0);
      const factor = (rng.uniform() - 0.5) * 2;
      if (!smallArguments(factor, Math.min(...abs), Math.max(0, ...abs))) continue;
      expect(xs.filter((x) => !Object.is(expSmall(factor * x), Math.exp(factor * x))), `factor ${factor}`).toEqual([]);
    }
    expect(smallArguments(0.2, 0.01, 0.9)).toBe(true);
    expect(smallArguments(0.5, 0.01, 0.9)).toBe(false); // 0.45 needs fdlibm's argument reduction
    expect(smallArguments(1e-9, 1e-3, 0.9)).toBe(false); // products below 2^-28: fdlibm returns 1 + x
    expect(smallArguments(0.3, Infinity, 0)).toBe(true); // every argument 0
    expect(smallArguments(NaN, 0.1, 0.9)).toBe(false);
  });
});
