/**
 * Column mapping for generic ticket CSVs: which file column holds each canonical field. The
 * import uses `ImportOptions.columnMapping` when given, else this proposal; the UI and CLI show
 * the proposal as the mapping step when required fields are unresolved.
 */
import { findHeader, headerKey } from '../../columns';

export const TICKET_FIELDS = ['ticket_id', 'created_at', 'subject', 'status', 'priority', 'ticket_type', 'tags', 'account', 'solved_at'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];
export const REQUIRED_TICKET_FIELDS: readonly TicketField[] = ['ticket_id', 'created_at'];

/**
 * Header synonyms per field, most specific first; matching ignores case, spaces, underscores,
 * punctuation and a parenthesised suffix ("Created at (UTC)" matches "created at").
 */
export const TICKET_SYNONYMS: Readonly<Record<TicketField, readonly string[]>> = {
  ticket_id: ['ticket id', 'ticket number', 'ticket no', 'ticket #', 'ticket', 'case id', 'case number', 'case', 'conversation id', 'request id', 'id', 'number', 'no', '#', 'key', 'issue key', 'reference', 'ref'],
  created_at: ['created at', 'created', 'created on', 'created date', 'creation date', 'date created', 'created time', 'opened at', 'opened', 'opened on', 'date opened', 'open date', 'submitted at', 'submitted', 'reported at', 'received at', 'date'],
  subject: ['subject', 'title', 'summary', 'ticket subject', 'topic'],
  status: ['status', 'state', 'ticket status'],
  priority: ['priority', 'severity', 'urgency'],
  ticket_type: ['ticket type', 'type', 'category', 'kind', 'issue type', 'case type'],
  tags: ['tags', 'tag', 'labels', 'label'],
  account: ['account', 'account name', 'organization', 'organisation', 'organization name', 'company', 'company name', 'customer', 'customer name', 'client', 'org'],
  solved_at: ['solved at', 'solved', 'solved on', 'date solved', 'resolved at', 'resolved', 'resolved on', 'resolution date', 'date resolved', 'closed at', 'closed', 'closed on', 'date closed', 'completed at'],
};

export interface TicketMappingProposal {
  /** Canonical field → the file column guessed for it. */
  mapping: Partial<Record<TicketField, string>>;
  /** Required fields (ticket_id, created_at) no column was found for: the user must map them. */
  unresolved: TicketField[];
}

/**
 * Guess the mapping from a header row. Pure: the UI calls it on the file's header to prefill the
 * mapping step, the importer on the staged columns. A column is used for at most one field;
 * fields are matched in TICKET_FIELDS order, so the id and created columns are chosen first.
 */
export function proposeTicketMapping(header: readonly string[]): TicketMappingProposal {
  const mapping: Partial<Record<TicketField, string>> = {};
  const taken = new Set<string>();
  for (const field of TICKET_FIELDS) {
    const column = findHeader(header, TICKET_SYNONYMS[field], taken);
    if (column !== null) {
      mapping[field] = column;
      taken.add(column);
    }
  }
  return { mapping, unresolved: REQUIRED_TICKET_FIELDS.filter((f) => mapping[f] === undefined) };
}

/** Looser than the synonyms: a header with an id-like and a created-like column, for detection only. */
export function looksLikeTicketHeader(header: readonly string[]): boolean {
  const keys = header.map(headerKey);
  const idLike = keys.some((k) => /(^|ticket|case)(id|number|no|#|key|ref)$|^id|^#$/.test(k));
  const createdLike = keys.some((k) => /creat|opened|submitted|reported|logged|received|date/.test(k));
  return idLike && createdLike;
}
