/**
 * Seeded pseudo-random numbers and the samplers the engine needs: the demo org generator and the
 * scenario Monte Carlo (product.md §7, §8). Everything is deterministic: the same key gives the same
 * sequence on every platform, because the generator uses 32-bit integer arithmetic only (Math.imul,
 * shifts) and never Math.random or the clock.
 *
 * Speed matters: the Monte Carlo draws ~400k Poisson counts per slider move, so the hot paths avoid
 * allocation and use O(1)-expected algorithms (inversion for small means, PTRS for large ones).
 */

const TWO_POW_32 = 4294967296;

/**
 * A string → two 32-bit words hash (cyrb53 by bryc, public domain:
 * https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js). Used only to turn seed
 * keys into generator state, so its job is spreading similar keys ("team/1", "team/2") apart.
 */
function hashKey(key: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * SplitMix32 (a 32-bit variant of Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): expands a hash into well-mixed initial state words, as the xoshiro
 * authors recommend for seeding.
 */
function splitMix32(state: number): { next: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { next, value: z >>> 0 };
}

/** log(k!) for small k, precomputed once: PTRS and the tests evaluate it often. */
const LOG_FACTORIAL_TABLE_SIZE = 256;
const logFactorialTable = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) logFactorialTable[k] = logFactorialTable[k - 1]! + Math.log(k);

/**
 * log(k!) = log Γ(k+1). Table below 256, Stirling's series above it (error < 1e-12 there;
 * Abramowitz & Stegun 6.1.41).
 */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return logFactorialTable[k]!;
  const n = k;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/**
 * A seeded generator: xoshiro128** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; https://prng.di.unimi.it/). 128-bit state, period 2^128 − 1, passes
 * BigCrush, and needs only 32-bit operations, which JavaScript does exactly.
 */
export class Rng {
  /**
   * The four state words. A typed array, not four number fields: the words use all 32 bits, and a
   * field holding integers beyond V8's small-integer range is boxed, so every step would allocate.
   */
  private s = new Int32Array(4);
  /** Marsaglia's polar method yields normals in pairs; the second is kept for the next call. */
  private spareNormal = 0;
  private hasSpareNormal = false;

  /** The stream's name: `fork` derives children from it, never from the current state. */
  key: string;

  constructor(key: string) {
    this.key = key;
    this.reset(key);
  }

  /**
   * Restarts this generator as the stream `key`: afterwards it draws exactly what `new Rng(key)`
   * would, without allocating (the scenario Monte Carlo re-keys its count streams for every draw).
   */
  reset(key: string): this {
    const [a, b] = hashKey(key);
    let state = a ^ Math.imul(b, 0x27d4eb2d);
    const s = this.s;
    for (let i = 0; i < 4; i++) {
      const step = splitMix32(state);
      state = step.next;
      s[i] = step.value;
    }
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1; // the all-zero state is a fixed point
    this.key = key;
    this.hasSpareNormal = false;
    this.spareNormal = 0;
    return this;
  }

  /** Makes this generator a copy of `other` (key, position and any pending normal): both then draw the same numbers. */
  copyFrom(other: Rng): this {
    this.s.set(other.s);
    this.key = other.key;
    this.hasSpareNormal = other.hasSpareNormal;
    this.spareNormal = other.spareNormal;
    return this;
  }

  static seeded(seed: number | string): Rng {
    return new Rng(String(seed));
  }

  /**
   * An independent child stream named by `label`. Derived from this stream's key, not its position,
   * so adding draws to one part of a simulation never shifts the numbers another part sees.
   */
  fork(label: string | number): Rng {
    return new Rng(`${this.key}/${label}`);
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const state = this.s;
    const s0 = state[0]!;
    const s1 = state[1]!;
    const s2 = state[2]!;
    const s3 = state[3]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    state[1] = s1 ^ n2;
    state[0] = s0 ^ n3;
    state[2] = n2 ^ t;
    state[3] = rotl(n3, 11);
    return result;
  }

  /**
   * Uniform on the open interval (0, 1) with 32-bit resolution: the +0.5 keeps both ends out, so
   * log(u) and 1/u are always finite.
   */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** Uniform on (min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** Uniform integer in [min, max] (inclusive). Bias ≤ (max−min+1)/2^32, negligible here. */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal by Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6(3), 1964). */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return mean + sd * this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return mean + sd * u * factor;
  }

  /** exp(N(mu, sigma²)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Lognormal parameterised by its median, the natural way to state durations ("median 6 h"). */
  lognormalMedian(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given mean, by inversion. */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /**
   * Gamma(shape, scale) by Marsaglia & Tsang, "A simple method for generating gamma variables",
   * ACM TOMS 26(3), 2000; shape < 1 uses their boost Gamma(a) = Gamma(a+1)·U^(1/a).
   */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0) || !(scale > 0)) throw new RangeError(`gamma needs shape > 0 and scale > 0 (got ${shape}, ${scale})`);
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }

  /**
   * Poisson(mean). Below 10: inversion by sequential search (Devroye, *Non-Uniform Random Variate
   * Generation*, 1986, §X.3), ~mean+1 steps. From 10: PTRS, the transformed rejection method with
   * squeeze of Hörmann, "The transformed rejection method for generating Poisson random variables",
   * Insurance: Mathematics and Economics 12, 1993 — O(1) expected time, ~1.1 uniforms pairs per draw.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) {
      if (mean === 0) return 0;
      throw new RangeError(`poisson needs a mean ≥ 0 (got ${mean})`);
    }
    if (mean < 10) {
      let k = 0;
      let p = Math.exp(-mean);
      let cumulative = p;
      const u = this.uniform();
      // The k < 1000 guard only matters if rounding leaves cumulative a hair below u.
      while (u > cumulative && k < 1000) {
        k++;
        p *= mean / k;
        cumulative += p;
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  private poissonPtrs(mean: number): number {
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      // The exact test, for the few draws the squeeze leaves (its constants only computed here).
      const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * Math.log(mean) - logFactorial(k)) return k;
    }
  }

  /**
   * Negative binomial as a gamma–Poisson mixture: Poisson(mean·G), G ~ Gamma(shape, 1/shape), so
   * E = mean and Var = mean + mean²/shape. `shape` = ∞ is plain Poisson. This is the overdispersed
   * count model the statistics (§7) assume.
   */
  negativeBinomial(mean: number, shape: number): number {
    if (mean <= 0) return 0;
    if (!Number.isFinite(shape)) return this.poisson(mean);
    return this.poisson(this.gamma(shape, mean / shape));
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.uniform() * items.length)]!;
  }

  /** An index drawn with probability proportional to `weights` (linear scan: fine for short lists). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w > 0 ? w : 0;
    if (!(total > 0)) throw new RangeError('weightedIndex needs at least one positive weight');
    let target = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w <= 0) continue;
      target -= w;
      if (target < 0) return i;
    }
    // Rounding can leave a sliver: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return 0;
  }

  /** An element drawn with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new RangeError('weighted: items and weights differ in length');
    return items[this.weightedIndex(weights)]!;
  }

  /** Fisher–Yates (Durstenfeld) shuffle, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** `count` distinct elements in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.uniform() * (copy.length - i));
      const tmp = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** `length` lowercase hex digits (commit SHAs, ids). */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Walker's alias method in Vose's numerically stable form (Vose, "A linear algorithm for generating
 * random numbers with a given distribution", IEEE TSE 17(9), 1991): O(n) setup, O(1) per draw, for
 * many draws from one fixed discrete distribution.
 */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError('AliasTable weights must be finite and ≥ 0');
      total += w;
    }
    if (n === 0 || !(total > 0)) throw new RangeError('AliasTable needs at least one positive weight');
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) this.probability[i] = 1;
    for (const i of small) this.probability[i] = 1; // only rounding leftovers end up here
  }

  get size(): number {
    return this.probability.length;
  }

  sample(rng: Rng): number {
    const u = rng.uniform() * this.probability.length;
    const i = Math.floor(u);
    return u - i < this.probability[i]! ? i : this.alias[i]!;
  }
}
