/** AI attribution (product.md §4). See docs/attribution-and-linking.md. */
export { recomputeAttribution, type AttributionScope, type AttributionSummary } from './recompute';
export {
  deleteRule,
  listRules,
  saveRule,
  validateRule,
  RULE_CONFIDENCES,
  RULE_KINDS,
  REGEX_KINDS,
  type AiConfidence,
  type AttributionRule,
  type RuleConfidence,
  type RuleInput,
  type RuleKind,
  type SqlReader,
  type Transactional,
} from './rules';
export { attributionSensitivity, ruleMatchCounts, type AttributionSensitivity, type RuleMatchCount, type RuleSensitivity, type SensitivityOutcome } from './analysis';
export { TOOL_NAMES } from './tools';
export { deriveAfterImport, runDerivations, type DeriveSummary } from '../derive';
