/**
 * Column mapping for NPS response CSVs: canonical field → file column, from
 * `ImportOptions.columnMapping` or guessed from the header.
 */
import { findHeader } from '../../columns';

export const NPS_FIELDS = ['response_id', 'responded_at', 'score', 'account', 'comment', 'segment'] as const;
export type NpsField = (typeof NPS_FIELDS)[number];
export const REQUIRED_NPS_FIELDS: readonly NpsField[] = ['responded_at', 'score'];

export const NPS_SYNONYMS: Readonly<Record<NpsField, readonly string[]>> = {
  response_id: ['response id', 'respondent id', 'survey response id', 'submission id', 'id', '#'],
  responded_at: ['responded at', 'response date', 'date', 'submitted at', 'submitted', 'submit date', 'submission date', 'date submitted', 'completed at', 'completed', 'end date', 'answered at', 'survey date', 'created at', 'created', 'timestamp', 'time'],
  score: ['score', 'nps score', 'nps', 'nps rating', 'rating', 'likelihood to recommend', 'ltr', 'recommend'],
  account: ['account', 'account name', 'company', 'company name', 'organization', 'organisation', 'organization name', 'customer', 'customer name', 'client', 'org'],
  comment: ['comment', 'comments', 'feedback', 'reason', 'verbatim', 'why', 'open ended response', 'response text', 'text', 'follow up', 'followup'],
  segment: ['segment', 'customer segment', 'account segment', 'plan', 'tier', 'cohort'],
};

/** The NPS question's column: its text asks how likely someone is to recommend. */
export const isRecommendQuestion = (text: string) => /likely/i.test(text) && /recommend/i.test(text);

export interface NpsMappingProposal {
  mapping: Partial<Record<NpsField, string>>;
  unresolved: NpsField[];
}

/** Guess the mapping from a header row (pure; the UI can prefill a mapping step with it). */
export function proposeNpsMapping(header: readonly string[]): NpsMappingProposal {
  const mapping: Partial<Record<NpsField, string>> = {};
  const taken = new Set<string>();
  for (const field of NPS_FIELDS) {
    let column = findHeader(header, NPS_SYNONYMS[field], taken);
    if (column === null && field === 'score') column = header.find((h) => isRecommendQuestion(h) && !taken.has(h)) ?? null;
    if (column !== null) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return { mapping, unresolved: REQUIRED_NPS_FIELDS.filter((f) => mapping[f] === undefined) };
}
