import { describe, expect, it } from 'vitest';
import { compareCohorts, type CohortRow } from '../../../analytics/effects/cohorts';
import { doseResponse } from '../../../analytics/effects/dose-response';
import { adoptionMonths, eventStudy } from '../../../analytics/effects/event-study';
import { laggedAssociation } from '../../../analytics/effects/lagged';
import { monthNumber, type PanelRow } from '../../../analytics/effects/panel';
import { simulatePanel } from '../../../analytics/effects/simulate';
import { quantileSorted } from '../../../analytics/stats/distributions';
import { Rng } from '../../../analytics/stats/random';

function row(team: string, month: string, mergedPrs: number, aiShare: number, incidents: number): PanelRow {
  return { team, month, mergedPrs, addedLines: 10 * mergedPrs, aiShare, incidents, bugs: 0, reverts: 0, changeFailures: 0, deployments: 0, tickets: 0 };
}

describe('event study', () => {
  it('finds each team’s adoption month: the first month with merged PRs above the threshold', () => {
    const panel = [row('a', '2025-01', 5, 0.05, 1), row('a', '2025-02', 0, 0.5, 0), row('a', '2025-03', 5, 0.2, 1), row('b', '2025-01', 5, 0, 1)];
    const adoption = adoptionMonths(panel, 0.1);
    expect(adoption.get('a')).toBe(monthNumber('2025-03'));
    expect(adoption.get('b')).toBeNull();
  });

  it('pre-adoption terms are ≈ 1 and post terms rise with the ramp-up when adoption is clean (expected counts)', () => {
    const sim = simulatePanel({ seed: 'event', teams: 30, months: 30, rateRatio: { incidents: 2 }, noise: false });
    const study = eventStudy(sim.rows, { outcomes: ['incidents'] });
    expect(study.window).toEqual({ from: -3, to: 6, reference: -1 });
    const terms = study.outcomes[0]!.terms;
    expect(terms.map((t) => t.eventTime)).toEqual([-3, -2, 0, 1, 2, 3, 4, 5, 6]);
    for (const t of terms.filter((t) => t.eventTime < -1)) expect(Math.abs(t.rateRatio! - 1)).toBeLessThan(0.03);
    const post = terms.filter((t) => t.eventTime >= 0).map((t) => t.rateRatio!);
    expect(post.at(-1)).toBeGreaterThan(1.25);
    for (let i = 1; i < post.length; i++) expect(post[i]).toBeGreaterThan(post[i - 1]! - 0.01);
    expect(study.outcomes[0]!.warnings).toEqual([]);
  });

  it('warns when teams already differed before they adopted', () => {
    const sim = simulatePanel({ seed: 'event-noisy', teams: 30, months: 30, rateRatio: { incidents: 1.3 } });
    const clean = eventStudy(sim.rows, { outcomes: ['incidents'] }).outcomes[0]!;
    expect(clean.preTrendPValue).toBeGreaterThan(0.05);
    expect(clean.warnings).toEqual([]);
    // Plant a pre-trend: adopters had twice the incidents two or more months before adopting.
    const adoption = adoptionMonths(sim.rows, 0.1);
    const rows = sim.rows.map((r) => {
      const a = adoption.get(r.team);
      return a !== null && a !== undefined && monthNumber(r.month) - a <= -2 ? { ...r, incidents: 2 * r.incidents } : r;
    });
    const trended = eventStudy(rows, { outcomes: ['incidents'] }).outcomes[0]!;
    expect(trended.preTrendPValue).toBeLessThan(0.001);
    expect(trended.warnings.join('\n')).toMatch(/already differed/);
  });

  it('says so when no team adopts', () => {
    const sim = simulatePanel({ seed: 'never', teams: 6, months: 12, adoptingShare: 0 });
    const study = eventStudy(sim.rows, { outcomes: ['bugs'] });
    expect(study.warnings[0]).toMatch(/no adoption to study/);
    expect(study.outcomes[0]!.terms.every((t) => t.rateRatio === null)).toBe(true);
  });
});

describe('dose-response', () => {
  it('groups team-months by AI share and gives rates per 100 merged PRs with intervals', () => {
    const panel = [
      row('a', '2025-01', 100, 0.05, 5),
      row('a', '2025-02', 100, 0.1, 6), // 10% belongs to 10–25%
      row('b', '2025-01', 50, 0.3, 4),
      row('b', '2025-02', 200, 0.5, 10), // 50% belongs to 50%+
      row('b', '2025-03', 0, 0.9, 3), // no merged PRs: not a data point
    ];
    const { buckets, warnings } = doseResponse(panel);
    expect(buckets.map((b) => [b.label, b.teamMonths, b.mergedPrs])).toEqual([
      ['0–10%', 1, 100],
      ['10–25%', 1, 100],
      ['25–50%', 1, 50],
      ['50%+', 1, 200],
    ]);
    const top = buckets[3]!.outcomes.find((o) => o.outcome === 'incidents')!;
    expect(top.per100).toBeCloseTo(5, 12);
    // One team-month: no spread to estimate, φ = 1; Garwood 90% for 10 events = [5.4254, 16.9622], per 200 PRs × 100.
    expect(top.dispersion).toBe(1);
    expect(top.ci90![0]).toBeCloseTo(2.7127, 3);
    expect(top.ci90![1]).toBeCloseTo(8.4811, 3);
    expect(buckets[0]!.meanAiShare).toBeCloseTo(0.05, 12);
    expect(warnings).toHaveLength(4); // every bucket has fewer than 10 team-months
  });

  it('widens intervals for overdispersed buckets', () => {
    const even = [row('a', '2025-01', 100, 0, 5), row('b', '2025-01', 100, 0, 5)];
    const uneven = [row('a', '2025-01', 100, 0, 0), row('b', '2025-01', 100, 0, 10)];
    const width = (p: PanelRow[]) => {
      const c = doseResponse(p).buckets[0]!.outcomes[0]!;
      return c.ci90![1] - c.ci90![0];
    };
    expect(doseResponse(uneven).buckets[0]!.outcomes[0]!.dispersion).toBeCloseTo(10, 10);
    expect(width(uneven)).toBeGreaterThan(2 * width(even));
  });
});

describe('lagged association', () => {
  it('estimates the rate ratio of AI share in month t on outcomes in t … t+3', () => {
    const sim = simulatePanel({ seed: 'lagged', teams: 30, months: 30, rateRatio: { incidents: 2 }, lagWeights: [1] });
    const report = laggedAssociation(sim.rows, { outcomes: ['incidents'] });
    const lags = report.outcomes[0]!.lags;
    expect(lags.map((l) => l.lag)).toEqual([0, 1, 2, 3]);
    expect(new Set(lags.map((l) => l.n)).size).toBe(1);
    expect(lags[0]!.ci90![0]).toBeLessThan(2);
    expect(lags[0]!.ci90![1]).toBeGreaterThan(2);
    expect(lags[0]!.ci90![0]).toBeGreaterThan(1);
    expect(report.warnings).toEqual([]);
  });
});

describe('cohorts', () => {
  const rng = Rng.seeded('cohorts');
  const rows: CohortRow[] = [];
  for (let i = 0; i < 400; i++) {
    const ai = i % 4 === 0;
    rows.push({
      ai,
      review_wait_hours: i % 10 === 9 ? null : rng.lognormalMedian(ai ? 8 : 4, 0.9),
      time_to_merge_hours: rng.lognormalMedian(ai ? 30 : 20, 0.7),
      size_lines: Math.round(rng.lognormalMedian(ai ? 120 : 70, 0.8)),
      reverted: rng.bernoulli(ai ? 0.04 : 0.01),
      bug_linked: rng.bernoulli(0.1),
      incident_linked: rng.bernoulli(ai ? 0.06 : 0.03),
    });
  }

  it('compares medians and rates of AI-assisted and other PRs with intervals, deterministically', () => {
    const a = compareCohorts(rows, { seed: 5, bootstrap: 300 });
    expect(a).toEqual(compareCohorts(rows, { seed: 5, bootstrap: 300 }));
    expect(a.comparisons.map((c) => c.metric)).toEqual(['review_wait_hours', 'time_to_merge_hours', 'size_lines', 'revert_rate', 'linked_bug_rate', 'linked_incident_rate']);
    const wait = a.comparisons[0]!;
    const aiWaits = rows.filter((r) => r.ai && r.review_wait_hours !== null).map((r) => r.review_wait_hours!).sort((x, y) => x - y);
    expect(wait.ai.n).toBe(aiWaits.length);
    expect(wait.ai.value).toBeCloseTo(quantileSorted(aiWaits, 0.5), 12);
    expect(wait.ai.ci90![0]).toBeLessThan(wait.ai.value!);
    expect(wait.ai.ci90![1]).toBeGreaterThan(wait.ai.value!);
    // Planted ×2 median wait: the ratio's interval covers it.
    expect(wait.ratioCi90![0]).toBeLessThan(2);
    expect(wait.ratioCi90![1]).toBeGreaterThan(2);
    const reverted = a.comparisons[3]!;
    expect(reverted.ai.count).toBe(rows.filter((r) => r.ai && r.reverted).length);
    expect(reverted.ai.value).toBeCloseTo(reverted.ai.count! / 100, 12);
    expect(reverted.ratio).toBeCloseTo(reverted.ai.value! / reverted.nonAi.value!, 12);
    expect(a.warnings).toEqual([]);
  });

  it("the median's interval matches a brute-force bootstrap", () => {
    const values = Array.from({ length: 41 }, (_, i) => (i * 37) % 101);
    const small: CohortRow[] = values.map((v) => ({ ai: true, review_wait_hours: v, time_to_merge_hours: v, size_lines: v, reverted: false, bug_linked: false, incident_linked: false }));
    const [exact] = compareCohorts(small, { seed: 1, bootstrap: 20 }).comparisons;
    const rng = Rng.seeded('brute');
    const medians: number[] = [];
    for (let r = 0; r < 20_000; r++) {
      const draw = Array.from({ length: values.length }, () => values[rng.int(0, values.length - 1)]!).sort((a, b) => a - b);
      medians.push(draw[20]!);
    }
    medians.sort((a, b) => a - b);
    const sorted = values.slice().sort((a, b) => a - b);
    // Same order statistic (or its neighbour, from Monte Carlo error) at both ends.
    const rank = (v: number) => sorted.indexOf(v);
    expect(Math.abs(rank(exact!.ai.ci90![0]) - rank(medians[Math.floor(0.05 * medians.length)]!))).toBeLessThanOrEqual(1);
    expect(Math.abs(rank(exact!.ai.ci90![1]) - rank(medians[Math.floor(0.95 * medians.length)]!))).toBeLessThanOrEqual(1);
  });

  it('warns about a small cohort', () => {
    const { warnings } = compareCohorts(rows.slice(0, 40), { seed: 1, bootstrap: 50 });
    expect(warnings.join('\n')).toMatch(/Only 10 merged PRs with AI evidence/);
  });
});
