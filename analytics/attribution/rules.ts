/**
 * AI-attribution rules (product.md §4): stored in the workspace's `attribution_rules` table, seeded
 * by migration 002, editable by the user. Saving or deleting a rule recomputes the attribution of
 * every PR in the same transaction, so the stored numbers always follow the stored rules.
 */
import { UndertowError } from '../errors';
import type { Queryable, SqlParams } from '../workspace/workspace';
import { compiledPattern, REGEX_KINDS, RULE_CONFIDENCES, RULE_KINDS, type AttributionRule, type RuleConfidence, type RuleKind } from './model';
import { recomputeAttribution } from './recompute';

export { compiledPattern, REGEX_KINDS, RULE_CONFIDENCES, RULE_KINDS, type AiConfidence, type AttributionRule, type RuleConfidence, type RuleKind } from './model';

export interface RuleInput {
  /** Omit to create a rule (an id is derived from kind and pattern). */
  ruleId?: string | undefined;
  kind: RuleKind;
  pattern: string;
  tool?: string | null | undefined;
  confidence: RuleConfidence;
  enabled?: boolean | undefined;
  position?: number | undefined;
  description?: string | null | undefined;
}

/** Anything that can read (a Workspace or a transaction). */
export interface SqlReader {
  all<T extends object = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** Anything that can run a transaction (a Workspace). */
export interface Transactional {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** Anything that can run read-only work with temp tables, rolled back and not counted as a write (a Workspace). */
export interface Scratch {
  scratch<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

const RULE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TOOL = /^[a-z0-9][a-z0-9.-]{0,39}$/;
const MAX_PATTERN = 500;

interface RuleRow {
  rule_id: string;
  kind: RuleKind;
  pattern: string;
  tool: string | null;
  confidence: RuleConfidence;
  enabled: boolean;
  builtin: boolean;
  position: number;
  description: string | null;
}

const toRule = (r: RuleRow): AttributionRule => ({
  ruleId: r.rule_id,
  kind: r.kind,
  pattern: r.pattern,
  tool: r.tool,
  confidence: r.confidence,
  enabled: r.enabled,
  builtin: r.builtin,
  position: r.position,
  description: r.description,
});

/** Every rule in display order. */
export async function listRules(q: SqlReader): Promise<AttributionRule[]> {
  const rows = await q.all<RuleRow>(
    'SELECT rule_id, kind, pattern, tool, confidence, enabled, builtin, position, description FROM attribution_rules ORDER BY position, rule_id',
  );
  return rows.map(toRule);
}

function invalid(message: string, field: string): never {
  throw new UndertowError('invalid_request', message, { field });
}

/**
 * Check a rule before it is stored: a known kind and confidence, a safe id and tool, and a pattern
 * that compiles (regex kinds) and cannot match an empty line — such a pattern would mark every commit.
 * Returns the rule with its pattern and tool normalised.
 */
export async function validateRule(q: SqlReader, input: RuleInput): Promise<Required<Omit<RuleInput, 'ruleId' | 'position'>> & Pick<RuleInput, 'ruleId' | 'position'>> {
  if (!RULE_KINDS.includes(input.kind)) invalid(`Rule kind must be one of ${RULE_KINDS.join(', ')}.`, 'kind');
  if (!RULE_CONFIDENCES.includes(input.confidence)) invalid(`Confidence must be one of ${RULE_CONFIDENCES.join(', ')}.`, 'confidence');
  if (input.ruleId !== undefined && !RULE_ID.test(input.ruleId)) {
    invalid(`Rule id "${input.ruleId}" must be 1–63 lower-case letters, digits or dashes.`, 'ruleId');
  }
  const tool = input.tool == null || input.tool.trim() === '' ? null : input.tool.trim().toLowerCase();
  if (tool !== null && !TOOL.test(tool)) invalid(`Tool "${input.tool}" must be a short lower-case name such as copilot or amazon-q.`, 'tool');
  if (input.position !== undefined && !Number.isInteger(input.position)) invalid('Position must be an integer.', 'position');
  const pattern = input.kind === 'copilot_usage' ? input.pattern.trim() : input.kind === 'trailer' || input.kind === 'body_marker' ? input.pattern : input.pattern.trim();
  if (input.kind === 'copilot_usage') {
    if (pattern !== '') invalid('A Copilot usage rule has no pattern (leave it empty).', 'pattern');
  } else {
    if (pattern.trim() === '') invalid('The pattern is empty.', 'pattern');
    if (pattern.length > MAX_PATTERN) invalid(`The pattern is longer than ${MAX_PATTERN} characters.`, 'pattern');
    if ([...pattern].some((ch) => ch.charCodeAt(0) < 32 && ch !== '\t')) invalid('The pattern contains a line break or control character; patterns match one line at a time.', 'pattern');
  }
  if (REGEX_KINDS.includes(input.kind)) {
    let matchesEmpty: boolean;
    try {
      const [row] = await q.all<{ empty: boolean }>('SELECT regexp_matches(\'\', $pattern) AS empty', { pattern: compiledPattern(pattern) });
      matchesEmpty = row!.empty;
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/^Invalid Input Error:\s*/, '') : String(err);
      invalid(`The pattern is not a valid regular expression: ${reason}.`, 'pattern');
    }
    if (matchesEmpty) invalid('The pattern matches an empty line, so it would mark every commit as AI. Make it more specific.', 'pattern');
  }
  return {
    ruleId: input.ruleId,
    kind: input.kind,
    pattern,
    tool,
    confidence: input.confidence,
    enabled: input.enabled ?? true,
    position: input.position,
    description: input.description?.trim() || null,
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'rule';
}

const KIND_PREFIX: Readonly<Record<RuleKind, string>> = {
  trailer: 'trailer',
  body_marker: 'body',
  bot_author: 'bot-author',
  label: 'label',
  branch_prefix: 'branch-prefix',
  copilot_usage: 'copilot-usage',
};

/**
 * Create or update a rule, then recompute attribution — all in one transaction. Builtin rules keep
 * their kind; everything else about them may change (disable one with `enabled: false`).
 */
export async function saveRule(ws: Transactional, input: RuleInput): Promise<AttributionRule> {
  return ws.transaction(async (tx) => {
    const rule = await validateRule(tx, input);
    const existing = rule.ruleId ? (await tx.all<RuleRow>('SELECT * FROM attribution_rules WHERE rule_id = $id', { id: rule.ruleId }))[0] : undefined;
    if (existing?.builtin && existing.kind !== rule.kind) {
      invalid(`"${existing.rule_id}" is a built-in ${existing.kind} rule; its kind cannot change. Add a new rule instead.`, 'kind');
    }
    if (rule.kind === 'copilot_usage') {
      const [other] = await tx.all<{ rule_id: string }>("SELECT rule_id FROM attribution_rules WHERE kind = 'copilot_usage' AND rule_id IS DISTINCT FROM $id", { id: rule.ruleId ?? null });
      if (other) invalid(`There is already a Copilot usage rule ("${other.rule_id}"); edit that one.`, 'kind');
    }
    let ruleId = rule.ruleId;
    if (!ruleId) {
      const base = `${KIND_PREFIX[rule.kind]}-${slug(rule.pattern)}`.slice(0, 56).replace(/-+$/, '');
      const taken = new Set((await tx.all<{ rule_id: string }>('SELECT rule_id FROM attribution_rules WHERE starts_with(rule_id, $base)', { base })).map((r) => r.rule_id));
      ruleId = base;
      for (let n = 2; taken.has(ruleId); n++) ruleId = `${base}-${n}`;
    }
    const [{ next }] = (await tx.all<{ next: number }>('SELECT coalesce(max(position), 0) + 10 AS next FROM attribution_rules')) as [{ next: number }];
    const position = rule.position ?? existing?.position ?? next;
    await tx.run(
      `INSERT INTO attribution_rules (rule_id, kind, pattern, tool, confidence, enabled, builtin, position, description, updated_at)
       VALUES ($id, $kind, $pattern, $tool, $confidence, $enabled, false, $position, $description, now()::TIMESTAMP)
       ON CONFLICT (rule_id) DO UPDATE SET kind = excluded.kind, pattern = excluded.pattern, tool = excluded.tool,
         confidence = excluded.confidence, enabled = excluded.enabled, position = excluded.position,
         description = excluded.description, updated_at = excluded.updated_at`,
      {
        id: ruleId,
        kind: rule.kind,
        pattern: rule.pattern,
        tool: rule.tool,
        confidence: rule.confidence,
        enabled: rule.enabled,
        position,
        description: rule.description ?? existing?.description ?? null,
      },
    );
    await recomputeAttribution(tx);
    const [saved] = await tx.all<RuleRow>('SELECT * FROM attribution_rules WHERE rule_id = $id', { id: ruleId });
    return toRule(saved!);
  });
}

/** Delete a user rule and recompute. Built-in rules cannot be deleted — disable them instead. */
export async function deleteRule(ws: Transactional, ruleId: string): Promise<void> {
  await ws.transaction(async (tx) => {
    const [row] = await tx.all<{ builtin: boolean }>('SELECT builtin FROM attribution_rules WHERE rule_id = $id', { id: ruleId });
    if (!row) throw new UndertowError('not_found', `There is no attribution rule "${ruleId}".`, { ruleId });
    if (row.builtin) {
      throw new UndertowError('invalid_request', `"${ruleId}" is a built-in rule; it can be disabled but not deleted.`, { ruleId });
    }
    await tx.run('DELETE FROM attribution_rules WHERE rule_id = $id', { id: ruleId });
    await recomputeAttribution(tx);
  });
}
