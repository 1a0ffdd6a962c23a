/**
 * The AI-attribution rules editor's calls (`attribution:*`, product.md §4): the stored rules with
 * how many PRs each matches, live counts for unsaved drafts, save and delete. Saving or deleting
 * recomputes every PR's attribution in the same transaction (analytics/attribution/rules.ts): no
 * re-import is needed for a rule change to reach the numbers.
 */
import type { CallRequestParsed } from '../../shared/contract';
import type { AttributionDraftCount, AttributionRuleInput, AttributionRules } from '../../shared/data';
import { deleteRule, listRules, ruleMatchCounts, saveRule, validateRule, type RuleInput } from '../attribution';
import { UndertowError } from '../errors';
import type { Workspace } from '../workspace/workspace';

export async function attributionRules(ws: Workspace): Promise<AttributionRules> {
  const rules = await listRules(ws);
  const counts = new Map((await ruleMatchCounts(ws)).map((c) => [c.ruleId, c]));
  const [totals] = (await ws.all<{ prs: number; evidence: number }>(
    "SELECT count(*) AS prs, count(*) FILTER (WHERE ai_confidence IN ('high', 'medium', 'low')) AS evidence FROM pull_requests",
  )) as [{ prs: number; evidence: number }];
  return {
    rules: rules.map((r) => {
      const c = counts.get(r.ruleId);
      return { ...r, prs: c?.prs ?? 0, commits: c?.commits ?? 0, soleEvidence: c?.soleEvidence ?? 0 };
    }),
    pullRequests: Number(totals.prs),
    withEvidence: Number(totals.evidence),
  };
}

const asRuleInput = (rule: AttributionRuleInput): RuleInput => ({
  ruleId: rule.ruleId,
  kind: rule.kind,
  pattern: rule.pattern,
  tool: rule.tool,
  confidence: rule.confidence,
  enabled: rule.enabled,
  description: rule.description,
});

export async function saveAttributionRule(ws: Workspace, request: CallRequestParsed<'attribution:saveRule'>): Promise<AttributionRules & { savedRuleId: string }> {
  const saved = await saveRule(ws, asRuleInput(request.rule));
  return { ...(await attributionRules(ws)), savedRuleId: saved.ruleId };
}

export async function deleteAttributionRule(ws: Workspace, request: CallRequestParsed<'attribution:deleteRule'>): Promise<AttributionRules> {
  await deleteRule(ws, request.ruleId);
  return attributionRules(ws);
}

/**
 * Live counts of unsaved rules, in order: each draft is checked on its own, so one invalid pattern
 * answers its own error and the others still get their counts. Nothing is written.
 */
export async function previewAttributionRules(ws: Workspace, request: CallRequestParsed<'attribution:preview'>): Promise<AttributionDraftCount[]> {
  const answers: Array<AttributionDraftCount | null> = [];
  const valid: RuleInput[] = [];
  for (const draft of request.drafts) {
    try {
      await validateRule(ws, { ...asRuleInput(draft), ruleId: undefined });
      valid.push(asRuleInput(draft));
      answers.push(null);
    } catch (err) {
      if (!(err instanceof UndertowError)) throw err;
      const field = err.details?.field;
      answers.push({ ok: false, error: err.message, field: typeof field === 'string' ? field : null });
    }
  }
  if (valid.length === 0) return answers as AttributionDraftCount[];
  const counts = (await ruleMatchCounts(ws, valid)).filter((c) => c.ruleId.startsWith('draft-'));
  let next = 0;
  return answers.map((a) => {
    if (a) return a;
    const c = counts[next++]!;
    return { ok: true, prs: c.prs, commits: c.commits };
  });
}
