/**
 * Timing of attribution and linking on a generated org at product.md §9 scale.
 *
 *   node --import tsx --import ./scripts/register-sql.mjs analytics/attribution/bench.ts [prs] [--threads N]
 *
 * Prints one line per step (ms) and the coverage. Default 600,000 PRs (~2.1M commits).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { relink } from '../linking/relink';
import { coverage } from '../linking/coverage';
import { Workspace } from '../workspace/workspace';
import type { Queryable } from '../workspace/workspace';
import { attributionSensitivity, ruleMatchCounts } from './analysis';
import { recomputeAttribution } from './recompute';
import { saveRule } from './rules';
import benchDataSql from './bench-data.sql';
import { runScript } from '../linking/script';

/** Fill an empty workspace with the synthetic org (inside the caller's transaction). */
export async function seedScaleData(tx: Queryable, prs: number): Promise<void> {
  await runScript(tx, benchDataSql, { prs });
}

export interface BenchStep {
  step: string;
  millis: number;
}

export async function runBench(prs: number, options: { threads?: number } = {}): Promise<{ steps: BenchStep[]; counts: Record<string, number> }> {
  const dir = await mkdtemp(join(tmpdir(), 'undertow-attr-bench-'));
  const ws = await Workspace.create(join(dir, 'bench.duckdb'), options.threads ? { threads: options.threads } : {});
  const steps: BenchStep[] = [];
  const time = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    steps.push({ step, millis: Math.round(performance.now() - t) });
    return result;
  };
  try {
    await time('generate', () => ws.transaction((tx) => seedScaleData(tx, prs)));
    const counts = Object.fromEntries(
      (await ws.all<{ t: string; n: number }>(
        "SELECT 'pull_requests' AS t, count(*) AS n FROM pull_requests UNION ALL SELECT 'commits', count(*) FROM commits UNION ALL SELECT 'copilot_usage', count(*) FROM copilot_usage UNION ALL SELECT 'issues', count(*) FROM issues UNION ALL SELECT 'incidents', count(*) FROM incidents UNION ALL SELECT 'deployments', count(*) FROM deployments",
      )).map((r) => [r.t, r.n]),
    );
    await time('recomputeAttribution (first, writes every PR)', () => ws.transaction((tx) => recomputeAttribution(tx)));
    await time('recomputeAttribution (again, nothing changes)', () => ws.transaction((tx) => recomputeAttribution(tx)));
    await time('saveRule: disable trailer-co-authored-by-copilot (+ recompute)', () =>
      saveRule(ws, { ruleId: 'trailer-co-authored-by-copilot', kind: 'trailer', pattern: '^co-authored-by:[ \\t]*((github[ \\t]+)?copilot\\b|.*\\bcopilot@users\\.noreply\\.github\\.com)', tool: 'copilot', confidence: 'high', enabled: false }),
    );
    await time('saveRule: enable it again (+ recompute)', () =>
      saveRule(ws, { ruleId: 'trailer-co-authored-by-copilot', kind: 'trailer', pattern: '^co-authored-by:[ \\t]*((github[ \\t]+)?copilot\\b|.*\\bcopilot@users\\.noreply\\.github\\.com)', tool: 'copilot', confidence: 'high', enabled: true }),
    );
    await time('recomputeAttribution scoped to 1 repo', () => ws.transaction((tx) => recomputeAttribution(tx, { repos: ['acme/repo-7'] })));
    await time('relink (first: issues, reverts, hotfixes, incidents)', () => ws.transaction((tx) => relink(tx)));
    await time('relink (again, nothing changes)', () => ws.transaction((tx) => relink(tx)));
    await time('relink pagerduty only', () => ws.transaction((tx) => relink(tx, ['pagerduty'])));
    await time('ruleMatchCounts', () => ruleMatchCounts(ws));
    await time('attributionSensitivity', () => attributionSensitivity(ws));
    const cov = await time('coverage', () => coverage(ws));
    counts.prs_with_ai_evidence = cov.pullRequests.withAiEvidence;
    counts.issue_pr_links = (await ws.all<{ n: number }>('SELECT count(*) AS n FROM issue_pr_links'))[0]!.n;
    counts.incidents_linked = cov.incidents.linked;
    counts.incidents_unlinked = cov.incidents.unlinked;
    return { steps, counts };
  } finally {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const prs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 600_000);
  const threadsAt = process.argv.indexOf('--threads');
  const threads = threadsAt > 0 ? Number(process.argv[threadsAt + 1]) : undefined;
  const { steps, counts } = await runBench(prs, threads ? { threads } : {});
  console.log(JSON.stringify(counts));
  for (const s of steps) console.log(`${String(s.millis).padStart(7)} ms  ${s.step}`);
}
