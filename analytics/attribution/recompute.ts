/**
 * Recompute AI attribution (product.md §4) from the stored rules: pull_requests.ai_share,
 * ai_evidence, ai_confidence and commits.ai_tool. Set-based SQL throughout; rows are written only
 * where a value changes, so recomputing an unchanged workspace writes nothing.
 */
import type { Queryable } from '../workspace/workspace';
import { runScript } from '../linking/script';
import commitToolsSql from './commit-tools.sql';
import writePrsSql from './write-prs.sql';
import sharesSql from './shares.sql';
import { dropStaging, stageEvidence, type StagedRule } from './stage';
import type { RuleConfidence, RuleKind } from './model';

export interface AttributionScope {
  /** Only PRs and commits of these repos are recomputed (Copilot usage is still spread over all). */
  repos?: readonly string[] | undefined;
}

export interface AttributionSummary {
  pullRequests: number;
  withEvidence: number;
  /** Rows whose attribution changed. */
  updatedPullRequests: number;
  updatedCommits: number;
  millis: number;
}

interface StoredRuleRow {
  rule_id: string;
  kind: RuleKind;
  pattern: string;
  tool: string | null;
  confidence: RuleConfidence;
  enabled: boolean;
  position: number;
}

/** The stored rules as staged rules (all of them, or only the enabled ones). */
export async function storedRules(q: Pick<Queryable, 'all'>, onlyEnabled: boolean): Promise<StagedRule[]> {
  const rows = await q.all<StoredRuleRow>(
    `SELECT rule_id, kind, pattern, tool, confidence, enabled, position FROM attribution_rules ${onlyEnabled ? 'WHERE enabled' : ''} ORDER BY position, rule_id`,
  );
  return rows.map((r) => ({ ruleId: r.rule_id, kind: r.kind, pattern: r.pattern, tool: r.tool, confidence: r.confidence, enabled: r.enabled, position: r.position }));
}

const prScope = (scope: AttributionScope | undefined) => (scope?.repos ? 'WHERE list_contains(CAST(CAST($repos AS JSON) AS VARCHAR[]), repo)' : '');
const commitScope = (scope: AttributionScope | undefined) => (scope?.repos ? 'AND list_contains(CAST(CAST($repos AS JSON) AS VARCHAR[]), c.repo)' : '');
const scopeParams = (scope: AttributionScope | undefined): Record<string, string> | undefined => (scope?.repos ? { repos: JSON.stringify(scope.repos) } : undefined);

/**
 * Recompute attribution inside the caller's transaction (`tx`). With `scope.repos`, only those
 * repos' PRs and commits are rewritten; the result for them is the same as a full recompute.
 */
export async function recomputeAttribution(tx: Queryable, scope?: AttributionScope): Promise<AttributionSummary> {
  const started = performance.now();
  const rules = await storedRules(tx, true);
  const repos = scope?.repos ? [...scope.repos] : null;
  try {
    await stageEvidence(tx, rules, { repos });
    await tx.run('CREATE OR REPLACE TEMP TABLE __attr_active AS SELECT 0 AS scenario, rid FROM __attr_rules');
    await tx.run(`CREATE OR REPLACE TEMP TABLE __attr_scope AS SELECT 0 AS scenario, rowid AS pr_id FROM pull_requests ${prScope(scope)}`, scopeParams(scope));
    await runScript(tx, sharesSql);

    const [changed] = (await tx.all<{ n: number }>(
      `SELECT count(*) AS n FROM pull_requests p JOIN __attr_result r ON r.scenario = 0 AND p.rowid = r.pr_id
       WHERE p.ai_share IS DISTINCT FROM r.ai_share OR p.ai_evidence IS DISTINCT FROM r.ai_evidence OR p.ai_confidence IS DISTINCT FROM r.ai_confidence`,
    )) as [{ n: number }];

    await tx.run(commitToolsSql);
    const [toolChanges] = (await tx.all<{ set: number; cleared: number }>(
      `SELECT (SELECT count(*) FROM commits c JOIN __attr_commit_tool t ON c.rowid = t.cid WHERE c.ai_tool IS DISTINCT FROM t.tool) AS set,
              (SELECT count(*) FROM commits c WHERE c.ai_tool IS NOT NULL ${commitScope(scope)}
                 AND c.rowid NOT IN (SELECT cid FROM __attr_commit_tool)) AS cleared`,
      scopeParams(scope),
    )) as [{ set: number; cleared: number }];
    if (toolChanges.set > 0) {
      await tx.run('UPDATE commits c SET ai_tool = t.tool FROM __attr_commit_tool t WHERE c.rowid = t.cid AND c.ai_tool IS DISTINCT FROM t.tool');
    }
    if (toolChanges.cleared > 0) {
      await tx.run(
        `UPDATE commits c SET ai_tool = NULL WHERE c.ai_tool IS NOT NULL ${commitScope(scope)} AND c.rowid NOT IN (SELECT cid FROM __attr_commit_tool)`,
        scopeParams(scope),
      );
    }
    const [totals] = (await tx.all<{ prs: number; evidence: number }>(
      "SELECT count(*) AS prs, count(*) FILTER (WHERE ai_confidence <> 'none') AS evidence FROM __attr_result WHERE scenario = 0",
    )) as [{ prs: number; evidence: number }];
    if (changed.n > 0) await runScript(tx, writePrsSql);
    await dropStaging(tx);
    return {
      pullRequests: totals.prs,
      withEvidence: totals.evidence,
      updatedPullRequests: changed.n,
      updatedCommits: toolChanges.set + toolChanges.cleared,
      millis: Math.round(performance.now() - started),
    };
  } catch (err) {
    await dropStaging(tx).catch(() => undefined); // the transaction is failing anyway; keep its error
    throw err;
  }
}
