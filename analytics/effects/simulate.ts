/**
 * Simulated team × month panels with a planted AI effect, for validating the estimators (product.md
 * §7: "the 90% interval covers the truth ~90% of the time") in the tests and the benchmark. Same
 * form as the demo org (docs/demo-data.md): staggered adoption ramping to a plateau, team baselines,
 * a shared month trend, negative-binomial counts with
 *   μ_it = mergedPRs_it · base_i · month_t · exp(ln(RR) · Σ_l w_l · share_{i,t−l}).
 */
import type { EffectOutcome } from '../../shared/domain';
import { Rng } from '../stats/random';
import { monthLabelOf, monthNumber, type PanelRow } from './panel';

export interface SimulationOptions {
  seed: number | string;
  teams: number;
  months: number;
  firstMonth?: string;
  /** Planted rate ratio at 100% AI share per outcome (default 1 = no effect). */
  rateRatio?: Partial<Record<EffectOutcome, number>>;
  /** Lag weights over lags 0, 1, 2… (sum 1; default 0.5 / 0.3 / 0.2). */
  lagWeights?: readonly number[];
  /** Negative-binomial shape k (Var = μ + μ²/k); Infinity = Poisson. Default 5. */
  dispersion?: number;
  /** Share of teams that ever adopt AI (default 0.75). */
  adoptingShare?: number;
  /** Earlier adopters get higher baseline rates (as in the demo): naive comparisons are biased. */
  confounded?: boolean;
  /** Mean merged PRs per team-month (default 60). */
  prsPerTeamMonth?: number;
  /** Outcomes per merged PR at 0% AI share (team baselines vary around it). */
  basePerPr?: Partial<Record<EffectOutcome, number>>;
  /** false: counts are the expected values μ themselves (no sampling noise) — for exact-recovery checks. */
  noise?: boolean;
}

export interface SimulatedPanel {
  rows: PanelRow[];
  /** Adoption month per team (null = never). */
  adoption: Record<string, string | null>;
  /** ln of the planted rate ratios. */
  truth: Record<EffectOutcome, number>;
}

const DEFAULT_BASE: Record<EffectOutcome, number> = { incidents: 0.05, bugs: 0.12, reverts: 0.015, change_failures: 0.08 };

export function simulatePanel(options: SimulationOptions): SimulatedPanel {
  const rng = Rng.seeded(options.seed).fork('simulated-panel');
  const months = options.months;
  const first = monthNumber(options.firstMonth ?? '2023-01');
  const weights = options.lagWeights ?? [0.5, 0.3, 0.2];
  const k = options.dispersion ?? 5;
  const adoptingShare = options.adoptingShare ?? 0.75;
  const prsMean = options.prsPerTeamMonth ?? 60;
  const outcomes: EffectOutcome[] = ['incidents', 'bugs', 'reverts', 'change_failures'];
  const truth = Object.fromEntries(outcomes.map((o) => [o, Math.log(options.rateRatio?.[o] ?? 1)])) as Record<EffectOutcome, number>;
  const base = { ...DEFAULT_BASE, ...options.basePerPr };

  // Month effects shared by all teams: a −12% drift over the period plus N(0, 0.08²) shocks.
  const monthEffect = Object.fromEntries(
    outcomes.map((o) => {
      const r = rng.fork(`month/${o}`);
      return [o, Array.from({ length: months }, (_, t) => Math.exp((-0.12 * t) / Math.max(1, months - 1) + r.normal(0, 0.08)))];
    }),
  ) as Record<EffectOutcome, number[]>;

  const adopters = Math.round(adoptingShare * options.teams);
  const rows: PanelRow[] = [];
  const adoption: Record<string, string | null> = {};
  for (let i = 0; i < options.teams; i++) {
    const team = `team-${String(i + 1).padStart(3, '0')}`;
    const tr = rng.fork(team);
    const adopts = i < adopters;
    // Staggered switch-on between month 3 and 6 months before the end, earlier teams first.
    const adoptAt = adopts ? Math.round(3 + ((months - 9) * i) / Math.max(1, adopters - 1) + tr.normal(0, 1)) : null;
    adoption[team] = adoptAt === null ? null : monthLabelOf(first + Math.max(0, Math.min(months - 1, adoptAt)));
    const plateau = adopts ? tr.between(0.2, 0.7) : 0;
    const size = tr.lognormal(0, 0.3);
    // Confounding: earlier adopters have up to ~1.65x the baseline rate, never-adopters ~0.8x.
    const confound = options.confounded ? (adopts ? Math.exp(0.5 * (1 - i / Math.max(1, adopters - 1))) : 0.8) : 1;
    const teamBase = Object.fromEntries(outcomes.map((o) => [o, base[o] * confound * tr.lognormal(0, 0.25)])) as Record<EffectOutcome, number>;
    const shares: number[] = [];
    for (let t = 0; t < months; t++) {
      let share = 0;
      if (adoptAt !== null && t >= adoptAt) share = plateau * (1 - Math.exp(-(t - adoptAt + 1) / 2.5)) * (1 + tr.normal(0, 0.08));
      share = Math.min(1, Math.max(0, share));
      shares.push(share);
      const merged = tr.poisson(prsMean * size);
      const counts = {} as Record<EffectOutcome, number>;
      for (const o of outcomes) {
        let lagged = 0;
        for (let l = 0; l < weights.length; l++) lagged += weights[l]! * (t - l >= 0 ? shares[t - l]! : 0);
        const mu = merged * teamBase[o] * monthEffect[o][t]! * Math.exp(truth[o] * lagged);
        counts[o] = options.noise === false ? mu : tr.negativeBinomial(mu, k);
      }
      rows.push({
        team,
        month: monthLabelOf(first + t),
        mergedPrs: merged,
        addedLines: merged * 70,
        aiShare: merged > 0 ? share : 0,
        incidents: counts.incidents,
        bugs: counts.bugs,
        reverts: counts.reverts,
        changeFailures: counts.change_failures,
        deployments: merged,
        tickets: 0,
      });
    }
  }
  return { rows, adoption, truth };
}
