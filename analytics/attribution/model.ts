/** Attribution rule types shared by the rule store, the staging SQL and the analyses. */

export const RULE_KINDS = ['trailer', 'body_marker', 'bot_author', 'label', 'branch_prefix', 'copilot_usage'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_CONFIDENCES = ['high', 'medium', 'low'] as const;
export type RuleConfidence = (typeof RULE_CONFIDENCES)[number];
/** A PR's confidence: the strongest rule that fired, or none. */
export type AiConfidence = RuleConfidence | 'none';

/** Kinds whose pattern is an RE2 regular expression (matched case-insensitively, line by line). */
export const REGEX_KINDS: readonly RuleKind[] = ['trailer', 'body_marker'];

export interface AttributionRule {
  ruleId: string;
  kind: RuleKind;
  pattern: string;
  /** Tool named by the rule; null = read from the matched line (or unknown). */
  tool: string | null;
  confidence: RuleConfidence;
  enabled: boolean;
  /** Seeded by Undertow: may be edited or disabled, never deleted. */
  builtin: boolean;
  position: number;
  description: string | null;
}

/** The regex actually compiled for a regex rule: case-insensitive, applied to one line at a time. */
export function compiledPattern(pattern: string): string {
  return `(?i)(?:${pattern})`;
}

