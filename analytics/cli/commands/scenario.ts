import type { Band, ScenarioLevers, ScenarioMetricKey, ScenarioPath, ScenarioResult } from '../../../shared/scenarios';
import { numberOption, requirePositional, UsageError, type CliIO, type Command } from '../command';
import { withCliSession } from '../session';

function listOption(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

/** snake_case keys in the JSON, as the other commands print. */
const JSON_KEYS: Record<ScenarioMetricKey, string> = {
  mergedPrs: 'merged_prs',
  qualityWeightedThroughput: 'quality_weighted_throughput',
  incidents: 'incidents',
  changeFailureRate: 'change_failure_rate',
  bugs: 'bugs',
  timeToRestoreHours: 'time_to_restore_hours',
  seniorReviewHours: 'senior_review_hours',
  tickets: 'tickets',
  nps: 'nps',
  aiShare: 'ai_share',
  refactorShare: 'refactor_share',
  cost: 'cost',
};

function jsonPath(path: ScenarioPath) {
  const period = (key: 'quarter' | 'month') => (p: ScenarioPath['quarters'][number]) => ({
    [key]: p.period,
    ...Object.fromEntries(Object.entries(p.metrics).map(([k, b]) => [JSON_KEYS[k as ScenarioMetricKey], b])),
  });
  return { quarters: path.quarters.map(period('quarter')), months: path.months.map(period('month')) };
}

export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'What-if projection against the baseline: AI cap, refactoring sprints, tiered review, AI-free repos (bands from a seeded Monte Carlo).',
  usage:
    'scenario <workspace.duckdb> [--cap-ai 0.25 [--cap-team T]...] [--refactor-every 3 --refactor-capacity 0.5 [--sprint-weeks 2]] [--tiered-review 0.5] [--ai-free-repo R]... [--quarters 4] [--seed 1] [--draws 2000] [--save NAME | --scenario NAME] [--replay] [--json]',
  options: {
    'cap-ai': { type: 'string' },
    'cap-team': { type: 'string', multiple: true },
    'refactor-every': { type: 'string' },
    'refactor-capacity': { type: 'string' },
    'sprint-weeks': { type: 'string' },
    'tiered-review': { type: 'string' },
    'ai-free-repo': { type: 'string', multiple: true },
    quarters: { type: 'string' },
    seed: { type: 'string' },
    draws: { type: 'string' },
    save: { type: 'string' },
    scenario: { type: 'string' },
    replay: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    const levers: ScenarioLevers = {};
    const cap = numberOption(values['cap-ai'], 'cap-ai', 0, 1);
    const capTeams = listOption(values['cap-team']);
    if (cap !== undefined) levers.capAi = { share: cap, ...(capTeams.length ? { teams: capTeams } : {}) };
    else if (capTeams.length) throw new UsageError('--cap-team needs --cap-ai');
    const every = numberOption(values['refactor-every'], 'refactor-every', 1, 12, true);
    const capacity = numberOption(values['refactor-capacity'], 'refactor-capacity', 0, 1);
    if ((every === undefined) !== (capacity === undefined)) throw new UsageError('--refactor-every and --refactor-capacity go together');
    if (every !== undefined && capacity !== undefined) levers.refactor = { everyNthSprint: every, capacity, sprintWeeks: numberOption(values['sprint-weeks'], 'sprint-weeks', 1, 6) ?? 2 };
    const tiered = numberOption(values['tiered-review'], 'tiered-review', 0, 1);
    if (tiered !== undefined) levers.tieredReview = { aboveShare: tiered };
    const aiFree = listOption(values['ai-free-repo']);
    if (aiFree.length) levers.aiFreeRepos = aiFree;
    const quarters = numberOption(values.quarters, 'quarters', 1, 8, true) ?? 4;
    const seed = numberOption(values.seed, 'seed', 0, 2 ** 31 - 1, true) ?? 1;
    const draws = numberOption(values.draws, 'draws', 200, 20000, true);
    const saveName = typeof values.save === 'string' ? values.save : undefined;
    const savedName = typeof values.scenario === 'string' ? values.scenario : undefined;
    if (saveName && savedName) throw new UsageError('--save and --scenario cannot be combined');
    if (savedName && Object.keys(levers).length) throw new UsageError('--scenario runs a saved scenario: give no levers with it');

    return withCliSession(async (cli) => {
      await cli.call('workspace:open', { path });
      let spec = { levers, quarters, seed, ...(draws ? { draws } : {}) };
      let name = 'scenario';
      if (savedName) {
        const saved = (await cli.call('scenario:list', {})).find((s) => s.name === savedName);
        if (!saved) throw new UsageError(`no saved scenario named "${savedName}" in ${path}`);
        spec = { levers: saved.levers, quarters: saved.quarters, seed: saved.seed, ...(draws ? { draws } : {}), ...{ assumptions: saved.assumptions } };
        name = saved.name;
      }
      const result = await cli.call('scenario:run', spec);
      let saved = null;
      if (saveName) {
        const existing = (await cli.call('scenario:list', {})).find((s) => s.name === saveName);
        saved = await cli.call('scenario:save', { ...(existing ? { id: existing.id } : {}), name: saveName, levers: spec.levers, quarters, seed });
        name = saved.name;
      }
      const replay = values.replay ? await cli.call('scenario:replay', { levers: spec.levers }) : null;
      if (values.json) {
        io.out(
          JSON.stringify(
            {
              name,
              start_month: result.startMonth,
              draws: result.draws,
              levers: spec.levers,
              baseline: jsonPath(result.baseline),
              scenario: jsonPath(result.scenario),
              delta: jsonPath(result.delta),
              assumptions: result.assumptions,
              parameters: result.parameters,
              warnings: result.warnings,
              ...(saved ? { saved } : {}),
              ...(replay ? { replay } : {}),
            },
            null,
            2,
          ),
        );
      } else {
        printResult(result, io);
        if (saved) io.out(`Saved as "${saved.name}".`);
        if (replay) {
          io.out('');
          io.out(`Replay on ${replay.quarter} (${replay.mergedPrs} merged PRs, ${replay.linkedIncidentsTotal} linked incidents):`);
          if (spec.levers.capAi) io.out(`  above the cap: ${replay.blockedByCap.prs} PRs, ${replay.blockedByCap.aiLines} AI lines to write by hand, ${replay.blockedByCap.linkedIncidents} linked incidents`);
          if (spec.levers.tieredReview) io.out(`  senior review: ${replay.sentToSeniorReview.prs} PRs, ${replay.sentToSeniorReview.seniorHours} senior hours, ${replay.sentToSeniorReview.linkedIncidents} linked incidents`);
          if (spec.levers.aiFreeRepos?.length) io.out(`  AI-free repos: ${replay.inAiFreeRepos.prs} PRs used AI there, ${replay.inAiFreeRepos.linkedIncidents} linked incidents`);
        }
      }
      return 0;
    });
  },
};

const fmt = (key: ScenarioMetricKey, v: number): string => {
  if (key === 'changeFailureRate' || key === 'aiShare' || key === 'refactorShare') return `${(100 * v).toFixed(1)}%`;
  if (key === 'cost') return `$${Math.round(v).toLocaleString('en-US')}`;
  if (key === 'nps' || key === 'timeToRestoreHours') return v.toFixed(1);
  return Math.round(v).toLocaleString('en-US');
};
const band = (key: ScenarioMetricKey, b: Band) => `${fmt(key, b.p50)} (${fmt(key, b.p5)}–${fmt(key, b.p95)})`;

function printResult(result: ScenarioResult, io: CliIO): void {
  io.out(`Projection from ${result.startMonth}, ${result.draws.toLocaleString('en-US')} draws, seed ${result.spec.seed}: median (5th–95th percentile)`);
  const shown: ScenarioMetricKey[] = ['mergedPrs', 'incidents', 'changeFailureRate', 'bugs', 'tickets', 'nps', 'cost'];
  for (const [i, q] of result.scenario.quarters.entries()) {
    io.out(`\n${q.period}`);
    for (const key of shown) {
      const base = result.baseline.quarters[i]!.metrics[key];
      const delta = result.delta.quarters[i]!.metrics[key];
      io.out(`  ${key.padEnd(18)} baseline ${band(key, base).padEnd(32)} scenario ${band(key, q.metrics[key]).padEnd(32)} Δ ${band(key, delta)}`);
    }
  }
  if (result.warnings.length) {
    io.out('\nWarnings:');
    for (const w of result.warnings) io.out(`  - ${w}`);
  }
}
