import type { EffectsReport, Interval90 } from '../../../shared/domain';
import { numberOption, requirePositional, type CliIO, type Command } from '../command';
import { withCliSession } from '../session';

const ratio = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `×${x.toFixed(2)}`);
const interval = (ci: Interval90 | null | undefined): string => (ci ? `${ci[0].toFixed(2)} – ${ci[1].toFixed(2)}` : '—');

export const effectsCommand: Command = {
  name: 'effects',
  summary: 'Effect of AI share on incidents, bugs, reverts and change failures (rate ratios with 90% intervals).',
  usage: 'effects <workspace.duckdb> [--seed N] [--bootstrap N] [--priors] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
  options: {
    seed: { type: 'string' },
    bootstrap: { type: 'string' },
    priors: { type: 'boolean', default: false },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    const seed = numberOption(values.seed, 'seed', 0, 2 ** 31 - 1, true);
    const bootstrap = numberOption(values.bootstrap, 'bootstrap', 20, 5000, true);
    return withCliSession(async (cli) => {
      await cli.call('workspace:open', { path });
      const report = await cli.call('analysis:effects', {
        seed,
        bootstrap,
        priors: values.priors === true,
        from: typeof values.from === 'string' ? values.from : undefined,
        to: typeof values.to === 'string' ? values.to : undefined,
      });
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else printReport(report, io);
      return 0;
    });
  },
};

function printReport(report: EffectsReport, io: CliIO): void {
  io.out('Effect of AI share: rate ratio at 100% vs 0% AI share (Poisson, team-month, team + month fixed effects, lags 0–2)');
  io.out(`Months ${report.months.from ?? '—'} – ${report.months.to ?? '—'}; ${report.bootstrap} team-bootstrap resamples, seed ${report.seed}`);
  io.out('');
  const header = ['outcome', 'estimate', '90% interval', 'team-months', 'teams', 'events', 'φ', 'status'];
  const rows = report.effects.map((e) => [
    e.outcome,
    ratio(e.estimate),
    interval(e.ci90),
    String(e.n),
    String(e.teams),
    String(e.events),
    e.overdispersion === null ? '—' : e.overdispersion.toFixed(2),
    e.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  io.out(line(header));
  for (const r of rows) io.out(line(r));
  if (report.priors) {
    io.out('');
    io.out('With published priors (product.md §1):');
    for (const e of report.effects) {
      if (!e.prior) continue;
      const post = e.posterior ? `${ratio(e.posterior.estimate)} (${interval(e.posterior.ci90)}), data weight ${Math.round(100 * e.posterior.dataWeight)}%` : '—';
      io.out(`  ${e.outcome}: prior ${ratio(e.prior.rateRatio)} (${interval(e.prior.ci90)}) → posterior ${post}`);
      io.out(`    source: ${e.prior.source}`);
    }
  }
  const warnings = report.effects.flatMap((e) => e.warnings.map((w) => `${e.outcome}: ${w}`));
  if (warnings.length > 0) {
    io.out('');
    io.out('Warnings:');
    for (const w of warnings) io.out(`  ${w}`);
  }
  const study = report.eventStudy;
  io.out('');
  io.out(`Event study (adoption = first month above ${Math.round(100 * study.threshold)}% AI share; rate ratio vs month ${study.window.reference}):`);
  const adopted = study.adoption.map((a) => `${a.team} ${a.month ?? 'never'}`).join(', ');
  io.out(`  adoption: ${adopted || '—'}`);
  for (const o of study.outcomes) {
    const terms = o.terms.map((t) => `${t.eventTime > 0 ? '+' : ''}${t.eventTime}:${t.rateRatio === null ? '—' : t.rateRatio.toFixed(2)}`).join(' ');
    io.out(`  ${o.outcome.padEnd(15)} ${terms}  pre-trend p ${o.preTrendPValue === null ? '—' : o.preTrendPValue.toFixed(2)}`);
  }
  for (const w of [...study.warnings, ...study.outcomes.flatMap((o) => o.warnings.map((w) => `${o.outcome}: ${w}`))]) io.out(`  warning: ${w}`);
  const c = report.coverage;
  const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');
  io.out('');
  io.out('Data coverage:');
  io.out(`  merged PRs with AI evidence ${pct(c.pullRequests.mergedWithAiEvidence, c.pullRequests.merged)} of ${c.pullRequests.merged}; bugs linked to a PR ${pct(c.bugs.linkedToPr, c.bugs.total)}; incidents linked ${pct(c.incidents.linked, c.incidents.total)}`);
  io.out(`  ${c.teams.withMergedPrs} teams, ${c.months.withMergedPrs} months, ${c.teamMonths} team-months with merged PRs`);
}
