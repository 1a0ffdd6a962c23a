import { describe, expect, it } from 'vitest';
import type { DrilldownRow } from '../../shared/domain';
import { describeDetails, formatInstant, safeExternalUrl } from '../../renderer/src/lib/drilldown';
import { coverageNotes, effectStatement, formatP, formatRatio, intervalDirection, shortSource } from '../../renderer/src/lib/effects-text';
import { buildHeadlines, formatMetricValue, metricDelta, overviewHeadlines } from '../../renderer/src/lib/metric-headlines';
import { daysInMonth, isCompleteMonth, latestCompleteIndex, partialMonths } from '../../renderer/src/lib/series';
import { teamTrendRows } from '../../renderer/src/lib/teams';
import { coverage, estimate, metricsRow } from './analysis-fixtures';

describe('effect estimates in plain words', () => {
  it('says a confident sentence for an ok estimate, as the issue words it', () => {
    const s = effectStatement(estimate({ estimate: 1.3, ci90: [1.1, 1.5] }));
    expect(s.sentence).toBe('Incidents per PR are 1.3x (1.1–1.5) at 100% AI share than at 0%.');
    expect(s).toMatchObject({ status: 'ok', caveat: null, tone: 'harm' });
  });

  it('adds a caveat when an ok interval still includes 1x', () => {
    const s = effectStatement(estimate({ outcome: 'bugs', estimate: 1.1, ci90: [0.9, 1.4] }));
    expect(s.tone).toBe('unclear');
    expect(s.caveat).toMatch(/includes 1x/);
  });

  it('calls a thin estimate uncertain and gives the engine’s warning, never a confident sentence', () => {
    const s = effectStatement(
      estimate({ status: 'thin', estimate: 0.4849, ci90: [0.0835, 1.3912], warnings: ['The 90% interval (×0.08 to ×1.39) is too wide to tell.'] }),
    );
    expect(s.sentence).toBe('Incidents per PR: 0.48x (0.084–1.4) at 100% AI share vs 0%, an uncertain estimate.');
    expect(s.sentence).not.toMatch(/ are /);
    expect(s.caveat).toBe('The 90% interval (×0.08 to ×1.39) is too wide to tell.');
  });

  it('gives no number when the data are insufficient, and the prior instead when there is one', () => {
    const s = effectStatement(
      estimate({
        outcome: 'change_failures',
        status: 'insufficient',
        estimate: null,
        ci90: null,
        warnings: ['AI share never varies.'],
        prior: { rateRatio: 1.3, ci90: [0.86, 1.97], logMean: 0.262, logSd: 0.25, source: 'Cortex, Engineering in the Age of AI: 2026 Benchmark Report (+30%)', derivation: 'd' },
      }),
    );
    expect(s.sentence).toBe('Not enough data to estimate how AI share moves change failures per PR.');
    expect(s.sentence).not.toMatch(/\dx/);
    expect(s.caveat).toBe('AI share never varies.');
    expect(s.posterior).toBe('Until there is, the published prior says 1.3x (Cortex 2026).');
  });

  it('states the posterior with its data weight when priors were used', () => {
    const s = effectStatement(
      estimate({
        prior: { rateRatio: 1.235, ci90: [0.82, 1.86], logMean: 0.211, logSd: 0.25, source: 'Cortex, Engineering in the Age of AI: 2026 Benchmark Report', derivation: 'd' },
        posterior: { estimate: 1.1468, ci90: [0.773, 1.701], dataWeight: 0.0788 },
      }),
    );
    expect(s.posterior).toBe('With the published prior (1.2x, Cortex 2026): 1.1x (0.77–1.7); your data carry 8% of the weight.');
  });

  it('formats ratios with two significant digits and p-values as in a paper', () => {
    expect([formatRatio(1.2345), formatRatio(0.4849), formatRatio(0.0835), formatRatio(12.3), formatRatio(123.4), formatRatio(null)]).toEqual(['1.2', '0.48', '0.084', '12', '123', '–']);
    expect([formatP(0.0004), formatP(0.0041), formatP(0.143)]).toEqual(['p < 0.001', 'p = 0.004', 'p = 0.14']);
    expect(intervalDirection([0.2, 0.9])).toBe('benefit');
    expect(intervalDirection(null)).toBe('none');
    expect(shortSource('DORA, Accelerate State of DevOps 2024: every +25% …')).toBe('DORA 2024');
  });
});

describe('data coverage notes', () => {
  it('states the AI-evidence base and link rates when all is well', () => {
    const notes = coverageNotes(coverage());
    expect(notes.every((n) => n.level === 'info')).toBe(true);
    expect(notes[0]!.text).toBe('40% of merged PRs have AI evidence (200 high, 20 medium, 180 low confidence).');
    expect(notes.map((n) => n.text)).toContain('96% of incidents are linked to a change (2 unlinked: 1 filtered by urgency or priority, 1 with no change in the window).');
  });

  it('puts warnings first: little AI evidence, unlinked incidents, unmapped repos, few teams', () => {
    const notes = coverageNotes(
      coverage({
        pullRequests: { ...coverage().pullRequests, mergedWithAiEvidence: 9, inUnmappedRepos: 120 },
        incidents: { ...coverage().incidents, linked: 10, unlinked: 40, noTeam: 40, filtered: 0, noCandidate: 0 },
        teams: { mapped: 3, withMergedPrs: 3, withIncidents: 3 },
      }),
    );
    const warnings = notes.filter((n) => n.level === 'warning').map((n) => n.text);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/^Only 1% of merged PRs have AI evidence/);
    expect(warnings.join(' ')).toMatch(/20% of incidents are linked.*40 on services of no team/);
    expect(warnings.join(' ')).toMatch(/120 PRs are in repos the org map gives to no team/);
    expect(warnings.join(' ')).toMatch(/Only 3 teams/);
    expect(notes[notes.length - 1]!.level).toBe('info');
  });

  it('asks for imports when there is nothing to estimate from', () => {
    const empty = coverage({ pullRequests: { ...coverage().pullRequests, merged: 0 } });
    expect(coverageNotes(empty)).toEqual([{ level: 'warning', text: 'No merged pull requests: import a GitHub export to estimate anything.' }]);
    const noIncidents = coverageNotes(coverage({ incidents: { ...coverage().incidents, total: 0, linked: 0, unlinked: 0 } }));
    expect(noIncidents[0]!.text).toMatch(/No incidents imported/);
  });
});

describe('headline numbers from the series', () => {
  const rows = [
    metricsRow('2026-08', { mergedPrs: 400, changeFailureRate: 0.1, nps: 30 }),
    metricsRow('2026-09', { mergedPrs: 500, changeFailureRate: 0.08, nps: 24 }),
    metricsRow('2026-10', { mergedPrs: 90, days: 6 }),
  ];

  it('uses the latest complete month against the month before it', () => {
    const h = buildHeadlines(rows, overviewHeadlines);
    const merged = h.find((x) => x.key === 'mergedPrs')!;
    expect(merged).toMatchObject({ value: 500, previous: 400, month: '2026-09', drill: 'mergedPrs' });
    expect(h.map((x) => x.key)).toEqual(['mergedPrs', 'throughput', 'aiShare', 'changeFailureRate', 'incidents', 'bugs', 'tickets', 'nps']);
    expect(h.find((x) => x.key === 'throughput')!.digits).toBe(2);
  });

  it('reads a change in domain terms: fewer failures is better, AI share is neither', () => {
    const h = buildHeadlines(rows, overviewHeadlines);
    expect(metricDelta(h.find((x) => x.key === 'changeFailureRate')!)).toMatchObject({ text: '\u22122.0 pp', sentiment: 'good', direction: 'down' });
    expect(metricDelta(h.find((x) => x.key === 'nps')!)).toMatchObject({ text: '\u22126 pts', sentiment: 'bad' });
    expect(metricDelta(h.find((x) => x.key === 'mergedPrs')!)).toMatchObject({ text: '+25.0%', sentiment: 'good' });
    expect(metricDelta({ value: 0.3, previous: 0.2, unit: 'share', better: 'none', month: '2026-09' })).toMatchObject({ sentiment: 'neutral', text: '+10.0 pp' });
    expect(metricDelta({ value: 5, previous: null, unit: 'count', better: 'down', month: '2026-09' }).text).toBe('');
  });

  it('has no headline month when no month is complete', () => {
    const h = buildHeadlines([metricsRow('2026-10', { days: 6 })], overviewHeadlines);
    expect(h.every((x) => x.month === null && x.value === null)).toBe(true);
  });

  it('formats values for their unit', () => {
    expect(formatMetricValue(0.0857, 'share')).toBe('8.6%');
    expect(formatMetricValue(0.9123, 'rate', 2)).toBe('0.91');
    expect(formatMetricValue(7.25, 'hours')).toBe('7.3 h');
    expect(formatMetricValue(21.4, 'score')).toBe('21');
    expect(formatMetricValue(null, 'count')).toBe('–');
  });
});

describe('periods of the series', () => {
  it('knows complete and partial months', () => {
    expect(daysInMonth('2024-02')).toBe(29);
    expect(isCompleteMonth({ period: '2026-02', days: 28 })).toBe(true);
    expect(isCompleteMonth({ period: '2026-03', days: 30 })).toBe(false);
    expect(isCompleteMonth({ period: '2026-W10', days: 7 })).toBe(false);
    const rows = [metricsRow('2026-08'), metricsRow('2026-09'), metricsRow('2026-10', { days: 15 })];
    expect(partialMonths(rows)).toEqual(['2026-10']);
    expect(latestCompleteIndex(rows)).toBe(1);
    expect(latestCompleteIndex([])).toBe(-1);
  });
});

describe('drill-down rows', () => {
  const row = (patch: Partial<DrilldownRow>): DrilldownRow => ({ kind: 'pull_request', key: 'acme/api#1', title: 't', at: '2026-09-29T10:33:40.000Z', team: 'payments', repo: 'acme/api', url: null, details: {}, ...patch });

  it('only lets https links out, without credentials', () => {
    expect(safeExternalUrl('https://github.com/acme/api/pull/1')).toBe('https://github.com/acme/api/pull/1');
    expect(safeExternalUrl('http://github.com/acme/api/pull/1')).toBeNull();
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('https://user:pw@evil.example/')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });

  it('summarises what matters for each kind of row', () => {
    expect(describeDetails(row({ details: { aiEvidence: true, aiShare: 0.3748, additions: 263, deletions: 25, mergeHours: 10.52, reverted: true, author: 'lenak' } }))).toEqual([
      'AI 37%',
      '+263 \u221225',
      'merged in 10.5 h',
      'reverted',
      'by lenak',
    ]);
    expect(describeDetails(row({ kind: 'change', details: { kind: 'deployment', failed: true, linkedIncident: true, revert: false, hotfix: true } }))).toEqual([
      'deployment',
      'failed: incident, hotfix',
    ]);
    expect(describeDetails(row({ kind: 'incident', details: { priority: 'P4', urgency: 'low', service: 'Ledger', restoreHours: 1.8, linkedTo: 'deployment acme/ledger 1' } }))).toEqual([
      'P4 low urgency',
      'Ledger',
      'restored in 1.8 h',
      'linked to deployment acme/ledger 1',
    ]);
    expect(describeDetails(row({ kind: 'incident', details: { restoreHours: null, linkedTo: null } }))).toEqual(['unresolved', 'not linked to a change']);
    expect(describeDetails(row({ kind: 'nps_response', details: { score: 9, category: 'promoter', account: 'Granitestone', segment: 'Mid-Market' } }))).toEqual([
      'score 9 (promoter)',
      'Granitestone',
      'Mid-Market',
    ]);
  });

  it('writes instants in UTC, dropping a midnight time', () => {
    expect(formatInstant('2026-09-29T10:33:40.000Z')).toBe('29 Sep 2026, 10:33 UTC');
    expect(formatInstant('2026-09-30T00:00:00.000Z')).toBe('30 Sep 2026');
  });
});

describe('team rows with trends', () => {
  it('joins each team with its months in order and totals its rates', () => {
    const teams = [
      { teamId: 'payments', name: 'Payments', engineers: 18, repos: 3, mergedPrs: 200, aiShare: 0.46, incidents: 10 },
      { teamId: 'data', name: 'Data', engineers: 13, repos: 2, mergedPrs: 0, aiShare: null, incidents: 0 },
    ];
    const series = [
      metricsRow('2026-09', { team: 'payments', mergedPrs: 120, aiShare: 0.5, changes: 100, changeFailures: 10 }),
      metricsRow('2026-08', { team: 'payments', mergedPrs: 80, aiShare: 0.4, changes: 50, changeFailures: 5 }),
      metricsRow('2026-08', { team: 'other', mergedPrs: 1 }),
    ];
    const [payments, data] = teamTrendRows(teams, series);
    expect(payments!.trend.mergedPrs).toEqual([80, 120]);
    expect(payments!.trend.aiShare).toEqual([0.4, 0.5]);
    expect(payments!.incidentsPer100Prs).toBe(5);
    expect(payments!.changeFailureRate).toBe(0.1);
    expect(data!).toMatchObject({ incidentsPer100Prs: null, changeFailureRate: null, trend: { mergedPrs: [] } });
  });
});
