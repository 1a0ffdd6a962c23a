import type { FormatImporter } from '../../types';
import { genericTicketsCsv } from './generic-csv';
import { zendeskTicketsCsv } from './zendesk-csv';
import { zendeskTicketsJson } from './zendesk-json';

/** Help-desk ticket formats, most specific first (detection scores decide, not order). */
export const helpdeskImporters: readonly FormatImporter[] = [zendeskTicketsJson, zendeskTicketsCsv, genericTicketsCsv];

export { genericTicketsCsv, zendeskTicketsCsv, zendeskTicketsJson };
export { proposeTicketMapping, TICKET_FIELDS, REQUIRED_TICKET_FIELDS, TICKET_SYNONYMS, type TicketField, type TicketMappingProposal } from './mapping';
