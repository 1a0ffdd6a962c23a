/**
 * What-if views of the rules, for the rules editor and the "how results move if the rules change"
 * panel (product.md §4). Both stage the evidence of every rule once and compare scenarios in SQL;
 * nothing is written to the workspace: they run in `Workspace.scratch`, a transaction that is rolled
 * back and does not count as a write, so opening the rules editor does not make the dashboards'
 * metric facts rebuild.
 */
import type { Queryable } from '../workspace/workspace';
import { storedRules } from './recompute';
import { validateRule, type RuleInput, type Scratch } from './rules';
import { runScript } from '../linking/script';
import sharesSql from './shares.sql';
import { dropStaging, stageEvidence, type StagedRule } from './stage';

export interface RuleMatchCount {
  ruleId: string;
  /** PRs the rule matches (its PR-level marker, any of its commits, its merge commit), whether or not other rules match too. */
  prs: number;
  /** Commits the rule matches (Copilot usage: commits that received usage lines). */
  commits: number;
  /** PRs whose stored evidence is this rule alone: disabling it makes them non-AI. */
  soleEvidence: number;
}

async function withStaging<T>(ws: Scratch, rules: (tx: Queryable) => Promise<StagedRule[]>, fn: (tx: Queryable, staged: StagedRule[]) => Promise<T>): Promise<T> {
  return ws.scratch(async (tx) => {
    try {
      const staged = await rules(tx);
      await stageEvidence(tx, staged, { repos: null });
      const result = await fn(tx, staged);
      await dropStaging(tx);
      return result;
    } catch (err) {
      await dropStaging(tx).catch(() => undefined); // keep the original error
      throw err;
    }
  });
}

/**
 * Live match counts of every stored rule (enabled or not) and of unsaved `drafts` (returned with ids
 * `draft-1`, `draft-2`, … in order), for a rules editor to show as the user types.
 */
export async function ruleMatchCounts(ws: Scratch, drafts: readonly RuleInput[] = []): Promise<RuleMatchCount[]> {
  return withStaging(
    ws,
    async (tx) => {
      const stored = await storedRules(tx, false);
      const extra: StagedRule[] = [];
      for (const [i, draft] of drafts.entries()) {
        const valid = await validateRule(tx, { ...draft, ruleId: undefined });
        extra.push({ ruleId: `draft-${i + 1}`, kind: valid.kind, pattern: valid.pattern, tool: valid.tool, confidence: valid.confidence, enabled: true, position: 1_000_000 + i });
      }
      return [...stored, ...extra];
    },
    async (tx, staged) => {
      const rows = await tx.all<{ rule_id: string; prs: number; commits: number }>(`
        WITH pr_matches AS (
          SELECT rid, pr_id FROM __attr_pr_hits
          UNION
          SELECT h.rid, u.pr_id FROM __attr_commit_hits h JOIN __attr_units u ON u.unit = h.cid
          UNION
          SELECT r.rid, u.pr_id FROM __attr_units u JOIN __attr_rules r ON r.kind = 'copilot_usage' WHERE u.u > 0
        ),
        commit_matches AS (
          SELECT DISTINCT rid, cid FROM __attr_commit_hits
          UNION
          SELECT r.rid, u.unit FROM __attr_units u JOIN __attr_rules r ON r.kind = 'copilot_usage' WHERE u.u > 0 AND u.unit >= 0
        )
        SELECT r.rule_id,
               (SELECT count(*) FROM pr_matches m WHERE m.rid = r.rid) AS prs,
               (SELECT count(*) FROM commit_matches m WHERE m.rid = r.rid) AS commits
        FROM __attr_rules r`);
      const sole = await tx.all<{ rule_id: string; n: number }>(
        'SELECT ai_evidence[1] AS rule_id, count(*) AS n FROM pull_requests WHERE len(ai_evidence) = 1 GROUP BY 1',
      );
      const byRule = new Map(rows.map((r) => [r.rule_id, r]));
      const soleByRule = new Map(sole.map((r) => [r.rule_id, r.n]));
      return staged.map((rule) => ({
        ruleId: rule.ruleId,
        prs: byRule.get(rule.ruleId)?.prs ?? 0,
        commits: byRule.get(rule.ruleId)?.commits ?? 0,
        soleEvidence: rule.ruleId.startsWith('draft-') ? 0 : (soleByRule.get(rule.ruleId) ?? 0),
      }));
    },
  );
}

/** Overall AI share of merged work under one set of rules. */
export interface SensitivityOutcome {
  /** AI-attributed added lines / added lines of merged PRs (0..1; null when nothing was merged). */
  aiShare: number | null;
  /** aiShare minus the current rules' aiShare. */
  delta: number | null;
  /** Merged PRs with any AI evidence. */
  prsWithEvidence: number;
  /** Merged PRs whose share or evidence differs from the current rules'. */
  prsChanged: number;
}

export interface RuleSensitivity extends SensitivityOutcome {
  ruleId: string;
  /** Whether the rule is enabled now: the outcome is then "without it", otherwise "with it". */
  enabled: boolean;
}

export interface AttributionSensitivity {
  current: { aiShare: number | null; aiLines: number; addedLines: number; mergedPrs: number; prsWithEvidence: number };
  /** One row per stored rule: the result if that rule alone were toggled. */
  rules: RuleSensitivity[];
  /** Without low-confidence evidence (Copilot usage and any rule marked low). */
  withoutLowConfidence: SensitivityOutcome;
  /** Only high-confidence evidence. */
  highConfidenceOnly: SensitivityOutcome;
}

/**
 * How the overall AI share of merged work moves if the rules change: with the current rules, with
 * each rule toggled, without low-confidence evidence, with high-confidence evidence only. Exact, not
 * an approximation: a PR's share depends only on its own evidence (units.sql), so each scenario is
 * the current result plus the recomputed PRs the toggled rules touch.
 */
export async function attributionSensitivity(ws: Scratch): Promise<AttributionSensitivity> {
  return withStaging(
    ws,
    (tx) => storedRules(tx, false),
    async (tx, staged) => {
      // Scenarios: 0 = the current rules; 1 + rid = rule rid toggled; -1 = without low; -2 = high only.
      await tx.run(`CREATE OR REPLACE TEMP TABLE __attr_active AS
        SELECT 0 AS scenario, rid FROM __attr_rules WHERE enabled
        UNION ALL
        SELECT 1 + t.rid, r.rid FROM __attr_rules t CROSS JOIN __attr_rules r
        WHERE (r.enabled AND r.rid <> t.rid) OR (NOT r.enabled AND r.rid = t.rid)
        UNION ALL
        SELECT -1, rid FROM __attr_rules WHERE enabled AND rank > 1
        UNION ALL
        SELECT -2, rid FROM __attr_rules WHERE enabled AND rank = 3`);
      // Merged PRs each rule touches; a scenario recomputes only the PRs its changed rules touch.
      await tx.run(`CREATE OR REPLACE TEMP TABLE __attr_touch AS
        SELECT DISTINCT t.rid, t.pr_id FROM (
          SELECT rid, pr_id FROM __attr_pr_hits
          UNION ALL
          SELECT h.rid, u.pr_id FROM __attr_commit_hits h JOIN __attr_units u ON u.unit = h.cid
          UNION ALL
          SELECT r.rid, u.pr_id FROM __attr_units u JOIN __attr_rules r ON r.kind = 'copilot_usage' WHERE u.u > 0
        ) t
        WHERE t.pr_id IN (SELECT rowid FROM pull_requests WHERE merged_at IS NOT NULL)`);
      await tx.run(`CREATE OR REPLACE TEMP TABLE __attr_scope AS
        SELECT 0 AS scenario, rowid AS pr_id FROM pull_requests WHERE merged_at IS NOT NULL
        UNION ALL
        SELECT 1 + rid, pr_id FROM __attr_touch
        UNION ALL
        SELECT DISTINCT -1, t.pr_id FROM __attr_touch t JOIN __attr_rules r ON r.rid = t.rid WHERE r.enabled AND r.rank = 1
        UNION ALL
        SELECT DISTINCT -2, t.pr_id FROM __attr_touch t JOIN __attr_rules r ON r.rid = t.rid WHERE r.enabled AND r.rank < 3`);
      await runScript(tx, sharesSql);
      const [base] = (await tx.all<{ lines: number; ai: number; prs: number; evidence: number }>(`
        SELECT coalesce(sum(p.additions) FILTER (WHERE p.additions > 0), 0) AS lines,
               coalesce(sum(r.ai_share * p.additions) FILTER (WHERE p.additions > 0), 0) AS ai,
               count(*) AS prs, count(*) FILTER (WHERE r.ai_confidence <> 'none') AS evidence
        FROM __attr_result r JOIN pull_requests p ON p.rowid = r.pr_id
        WHERE r.scenario = 0`)) as [{ lines: number; ai: number; prs: number; evidence: number }];
      const scenarios = await tx.all<{ scenario: number; delta_ai: number; delta_evidence: number; changed: number }>(`
        SELECT s.scenario,
               coalesce(sum((s.ai_share - b.ai_share) * p.additions) FILTER (WHERE p.additions > 0), 0) AS delta_ai,
               count(*) FILTER (WHERE s.ai_confidence <> 'none') - count(*) FILTER (WHERE b.ai_confidence <> 'none') AS delta_evidence,
               count(*) FILTER (WHERE s.ai_share <> b.ai_share OR s.ai_evidence <> b.ai_evidence) AS changed
        FROM __attr_result s
        JOIN __attr_result b ON b.scenario = 0 AND b.pr_id = s.pr_id
        JOIN pull_requests p ON p.rowid = s.pr_id
        WHERE s.scenario <> 0
        GROUP BY s.scenario`);
      const share = (ai: number) => (base.lines > 0 ? round(ai / base.lines) : null);
      const currentShare = share(base.ai);
      const outcome = (scenario: number): SensitivityOutcome => {
        const row = scenarios.find((s) => s.scenario === scenario);
        const aiShare = share(base.ai + (row?.delta_ai ?? 0));
        return {
          aiShare,
          delta: aiShare === null || currentShare === null ? null : round(aiShare - currentShare),
          prsWithEvidence: base.evidence + (row?.delta_evidence ?? 0),
          prsChanged: row?.changed ?? 0,
        };
      };
      return {
        current: { aiShare: currentShare, aiLines: round(base.ai), addedLines: base.lines, mergedPrs: base.prs, prsWithEvidence: base.evidence },
        rules: staged.map((rule, rid) => ({ ruleId: rule.ruleId, enabled: rule.enabled, ...outcome(1 + rid) })),
        withoutLowConfidence: outcome(-1),
        highConfidenceOnly: outcome(-2),
      };
    },
  );
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
