/**
 * Team and month fixed effects for the Poisson panel models (product.md §7), shared by the lag model,
 * the event study and the lagged association.
 *
 * Teams or months whose outcome total is zero are left out before fitting: their fixed effect has no
 * finite maximum-likelihood value (it runs to −∞) and, under team and month fixed effects, they carry
 * no information about the other coefficients — the Poisson fixed-effects likelihood conditions on
 * each team's total (Hausman, Hall & Griliches, Econometrica 52(4), 1984). Leaving them out is exactly
 * the limit of the fit with them in, and it keeps the reference month a month with data (a reference
 * month without events would make the design singular). The estimators report what was left out.
 */
import { buildDesign, type Design, type FactorSpec, type DenseSpec } from '../stats/design';

export interface FixedEffectsSubset {
  /** Rows of the sample kept, ascending. */
  rows: Int32Array;
  /** Per kept row: team and month level among the kept ones. */
  team: Int32Array;
  month: Int32Array;
  /** Kept teams and months as indices into the sample's lists. */
  teams: number[];
  months: number[];
  droppedTeams: number[];
  droppedMonths: number[];
}

/**
 * Keep rows with positive weight, then repeatedly drop teams and months with a zero weighted outcome
 * total until none is left.
 */
export function fixedEffectsSubset(
  team: Int32Array,
  month: Int32Array,
  nTeams: number,
  nMonths: number,
  y: ArrayLike<number>,
  weight: ArrayLike<number> | null,
): FixedEffectsSubset {
  const n = team.length;
  const teamOut = new Uint8Array(nTeams);
  const monthOut = new Uint8Array(nMonths);
  const teamSeen = new Uint8Array(nTeams);
  const monthSeen = new Uint8Array(nMonths);
  const teamTotal = new Float64Array(nTeams);
  const monthTotal = new Float64Array(nMonths);
  for (;;) {
    teamTotal.fill(0);
    monthTotal.fill(0);
    teamSeen.fill(0);
    monthSeen.fill(0);
    for (let i = 0; i < n; i++) {
      const w = weight ? weight[i]! : 1;
      if (w === 0 || teamOut[team[i]!] || monthOut[month[i]!]) continue;
      teamSeen[team[i]!] = 1;
      monthSeen[month[i]!] = 1;
      teamTotal[team[i]!] = teamTotal[team[i]!]! + w * y[i]!;
      monthTotal[month[i]!] = monthTotal[month[i]!]! + w * y[i]!;
    }
    let changed = false;
    for (let t = 0; t < nTeams; t++) {
      if (teamSeen[t] && teamTotal[t] === 0) {
        teamOut[t] = 1;
        changed = true;
      }
    }
    for (let m = 0; m < nMonths; m++) {
      if (monthSeen[m] && monthTotal[m] === 0) {
        monthOut[m] = 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    if (w !== 0 && !teamOut[team[i]!] && !monthOut[month[i]!]) rows.push(i);
  }
  const teams: number[] = [];
  const months: number[] = [];
  const teamLevel = new Int32Array(nTeams).fill(-1);
  const monthLevel = new Int32Array(nMonths).fill(-1);
  for (const i of rows) {
    teamLevel[team[i]!] = 0;
    monthLevel[month[i]!] = 0;
  }
  for (let t = 0; t < nTeams; t++) if (teamLevel[t] === 0) teamLevel[t] = teams.push(t) - 1;
  for (let m = 0; m < nMonths; m++) if (monthLevel[m] === 0) monthLevel[m] = months.push(m) - 1;
  const droppedTeams: number[] = [];
  const droppedMonths: number[] = [];
  for (let t = 0; t < nTeams; t++) if (teamOut[t]) droppedTeams.push(t);
  for (let m = 0; m < nMonths; m++) if (monthOut[m]) droppedMonths.push(m);
  const kept = Int32Array.from(rows);
  return {
    rows: kept,
    team: kept.map((i) => teamLevel[team[i]!]!),
    month: kept.map((i) => monthLevel[month[i]!]!),
    teams,
    months,
    droppedTeams,
    droppedMonths,
  };
}

/** Pick the kept rows of a per-row array. */
export function subsetOf(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  return out;
}

/**
 * The two-way fixed-effects design on a subset: team effects absorbed (one per kept team), month
 * dummies with the first kept month as reference, then `factors` and `dense` covariates (per kept row).
 */
export function fixedEffectsDesign(
  subset: FixedEffectsSubset,
  teamNames: readonly string[],
  monthNames: readonly string[],
  extra: { factors?: FactorSpec[]; dense?: DenseSpec[] },
): Design {
  return buildDesign({
    n: subset.rows.length,
    absorbed: { name: 'team', levels: subset.teams.map((t) => teamNames[t]!), index: subset.team },
    factors: [{ name: 'month', levels: subset.months.map((m) => monthNames[m]!), index: subset.month, reference: 0 }, ...(extra.factors ?? [])],
    dense: extra.dense ?? [],
  });
}
