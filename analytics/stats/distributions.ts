/**
 * The distribution functions the interval methods need (product.md §7): normal and Student-t
 * quantiles, the regularised incomplete gamma and beta functions and their inverses, and the
 * classic interval formulas built on them (Wilson and Clopper–Pearson for proportions, Garwood's
 * exact interval for Poisson counts). Plain numerics, no dependencies, deterministic.
 */

/** log Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error < 1e-14). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0 (got ${x})`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-06, 1.5056327351493116e-07,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a): series for x < a + 1, Lentz's continued
 * fraction otherwise (Numerical Recipes, 3rd ed., §6.2).
 */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`regularizedGammaP needs a > 0 (got ${a})`);
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  return 1 - continuedFractionGammaQ(a, x, lead);
}

function continuedFractionGammaQ(a: number, x: number, lead: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** Regularised incomplete beta I_x(a, b) (Numerical Recipes, 3rd ed., §6.4, continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0 (got ${a}, ${b})`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lead = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lead) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lead) * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Invert a continuous increasing CDF on [lo, hi] by bisection (70 halvings: ~1e-21 of the bracket). */
function invert(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (cdf(b) < p) b *= 2; // widen an upper bracket that was too tight
  for (let i = 0; i < 200 && b - a > 1e-15 * Math.max(1, Math.abs(b)); i++) {
    const mid = 0.5 * (a + b);
    if (cdf(mid) < p) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

/** Standard normal CDF (via the complementary error function, |error| < 1e-15). */
export function normalCdf(z: number): number {
  if (z < 0) return 1 - normalCdf(-z);
  // Φ(z) = 1 − Q(1/2, z²/2)/2 for z ≥ 0.
  return 0.5 + 0.5 * regularizedGammaP(0.5, (z * z) / 2);
}

/**
 * Standard normal quantile: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988),
 * relative accuracy about 1e-16.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile needs 0 ≤ p ≤ 1 (got ${p})`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) * r + 1971.5909503065513) * r + 133.14166789178438) * r + 3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) * r + 687.1870074920579) * r + 42.31333070160091) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) * r + 5.769497221460691) * r + 4.630337846156546) * r + 1.4234371107496835) /
      (((((((r * 1.0507500716444169e-09 + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
        0.6897673349851) * r + 1.6763848301838038) * r + 2.053191626637759) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.0103343992922881e-07 + 2.7115555687434876e-05) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
        0.29656057182850487) * r + 1.7848265399172913) * r + 5.463784911164114) * r + 6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-07) * r + 1.8463183175100548e-05) * r + 0.0007868691311456133) * r +
        0.014875361290850615) * r + 0.1369298809227358) * r + 0.599832206555888) * r + 1);
  }
  return q < 0 ? -value : value;
}

/** Student-t CDF with `df` degrees of freedom (via the incomplete beta function). */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Student-t quantile (bisection on the CDF; falls back to the normal for df = ∞). */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`studentTQuantile needs df > 0 (got ${df})`);
  if (!Number.isFinite(df)) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  return invert((t) => studentTCdf(t, df), p, 0, Math.max(8, 2 * normalQuantile(p)));
}

/** Chi-square upper tail P(X > x) with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return 1 - regularizedGammaP(df / 2, x / 2);
}

/** Quantile of Gamma(shape, scale 1). */
export function gammaQuantile(p: number, shape: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return Infinity;
  return invert((x) => regularizedGammaP(shape, x), p, 0, Math.max(10, 2 * (shape + 10)));
}

/** Quantile of Beta(a, b). */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return invert((x) => regularizedBeta(x, a, b), p, 0, 1);
}

export type Interval = [number, number];

/** Wilson score interval for a proportion (Wilson 1927; recommended by Brown, Cai & DasGupta 2001). */
export function wilsonInterval(successes: number, n: number, level = 0.9): Interval | null {
  if (!(n > 0)) return null;
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Clopper–Pearson exact interval for a proportion (Clopper & Pearson, Biometrika 26, 1934). */
export function clopperPearsonInterval(successes: number, n: number, level = 0.9): Interval | null {
  if (!(n > 0)) return null;
  const alpha = 1 - level;
  const lo = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, n - successes + 1);
  const hi = successes === n ? 1 : betaQuantile(1 - alpha / 2, successes + 1, n - successes);
  return [lo, hi];
}

/**
 * Garwood's exact interval for a Poisson mean given an observed count (Garwood, Biometrika 28, 1936):
 * [Gamma⁻¹(α/2; k), Gamma⁻¹(1 − α/2; k + 1)]. Works for non-integer "effective" counts too, which
 * is how overdispersion-scaled counts use it.
 */
export function poissonCountInterval(count: number, level = 0.9): Interval {
  const alpha = 1 - level;
  const lo = count > 0 ? gammaQuantile(alpha / 2, count) : 0;
  const hi = gammaQuantile(1 - alpha / 2, count + 1);
  return [lo, hi];
}

/**
 * Percentile of a sample (linear interpolation between order statistics, Hyndman & Fan type 7 — the
 * default of R's quantile() and NumPy). `sorted` must be ascending.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
