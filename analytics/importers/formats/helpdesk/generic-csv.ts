/**
 * A tickets CSV from any help desk (Freshdesk, Help Scout, Intercom, a spreadsheet): columns are
 * mapped to canonical fields by `ImportOptions.columnMapping`, else guessed from the header
 * (see mapping.ts). Detected with a low score so every specific format wins. When the id or
 * created column cannot be resolved the file fails with an error listing its columns and the
 * fields to map — the UI's mapping step — and nothing is stored.
 */
import type { FormatImporter, ImportContext } from '../../types';
import { headerCells } from '../../columns';
import { looksLikeTicketHeader, proposeTicketMapping, REQUIRED_TICKET_FIELDS, TICKET_FIELDS } from './mapping';
import { readMappedCsv } from './shared';
import { assertTimeZone } from '../../time-sql';
import { loadTickets } from './tickets';

/** Tags separated by commas, semicolons or pipes when present, else by whitespace. */
const genericTagsSql = (text: string) => {
  const split = (pattern: string) => `list_filter(list_transform(regexp_split_to_array(lower(${text}), '${pattern}'), x -> trim(x)), x -> x <> '')`;
  return `CASE WHEN ${text} IS NULL THEN []::VARCHAR[] WHEN regexp_matches(${text}, '[,;|]') THEN ${split('[,;|]')} ELSE ${split('\\s+')} END`;
};

export const genericTicketsCsv: FormatImporter = {
  format: 'generic-tickets-csv',
  source: 'helpdesk',
  label: 'Tickets CSV (any help desk; columns mapped to id, created, subject, status, …)',
  detect(sample) {
    if (sample.shape !== 'csv') return 0;
    const header = headerCells(sample.csvHeader);
    if (proposeTicketMapping(header).unresolved.length === 0) return 2;
    return looksLikeTicketHeader(header) ? 1 : 0;
  },
  load: loadGenericTickets,
};

async function loadGenericTickets(ctx: ImportContext) {
  await assertTimeZone(ctx);
  ctx.progress('Reading CSV', 0.1);
  const { read, map, text } = await readMappedCsv(ctx, {
    fields: TICKET_FIELDS,
    required: REQUIRED_TICKET_FIELDS,
    guess: (columns) => proposeTicketMapping(columns).mapping,
    what: 'each ticket',
  });
  const tags = text('tags');
  return loadTickets(ctx, {
    source: 'generic',
    from: `${read.sql} s`,
    firstLine: read.firstLine,
    detectDayFirst: true,
    exprs: {
      ticketId: text('ticket_id')!,
      created: text('created_at')!,
      solved: text('solved_at'),
      subject: text('subject'),
      status: text('status'),
      priority: text('priority'),
      ticketType: text('ticket_type'),
      tags: tags === null ? null : genericTagsSql(tags),
      account: text('account'),
    },
    fields: { ticketId: map.ticket_id!, created: map.created_at!, solved: map.solved_at },
    time: { zone: ctx.options.timeZone, dayFirst: false },
    raw: read.raw(),
  });
}
