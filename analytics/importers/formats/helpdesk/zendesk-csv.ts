/**
 * Zendesk ticket CSV export (Reporting › Export, or a view exported as CSV):
 * `Id, Subject, Status, Priority, Ticket type, Created at, Solved at, Tags, Organization, …`.
 * Times are either ISO 8601 with `Z` or the account's local time without a zone
 * (`2026-02-15 16:37`), read in the import's time zone. Tags are space-separated, as Zendesk
 * stores them (a Zendesk tag cannot contain a space).
 */
import { UndertowError } from '../../../errors';
import type { FormatImporter, ImportContext } from '../../types';
import { headerCells, resolveColumn } from '../../columns';
import { hasColumns, openCsv } from '../../stage';
import { textSql } from './shared';
import { assertTimeZone } from '../../time-sql';
import { loadTickets } from './tickets';

const REQUIRED = ['Id', 'Subject', 'Created at'];
/** Columns only Zendesk's export has together with the required ones. */
const TYPICAL = ['Status', 'Ticket type', 'Solved at', 'Priority', 'Requester', 'Organization', 'Tags', 'Updated at', 'Assignee', 'Via'];

/**
 * Space-separated tags as a lower-case list; an empty cell is an empty list (the ticket has none).
 * Only cells with a run of spaces need the (slower) filter for empty pieces.
 */
export const spaceSeparatedTagsSql = (text: string) =>
  `CASE WHEN ${text} IS NULL THEN []::VARCHAR[] WHEN contains(${text}, '  ') THEN list_filter(string_split(lower(${text}), ' '), t -> t <> '') ELSE string_split(lower(${text}), ' ') END`;

export const zendeskTicketsCsv: FormatImporter = {
  format: 'zendesk-tickets-csv',
  source: 'helpdesk',
  label: 'Zendesk tickets CSV (Id, Subject, Status, Priority, Ticket type, Created at, Solved at, Tags, Organization)',
  detect(sample) {
    if (sample.shape !== 'csv') return 0;
    const header = headerCells(sample.csvHeader);
    if (!hasColumns(header, REQUIRED)) return 0;
    const typical = TYPICAL.filter((c) => hasColumns(header, [c])).length;
    return typical >= 2 ? 20 : 0;
  },
  load: loadZendeskCsv,
};

async function loadZendeskCsv(ctx: ImportContext) {
  await assertTimeZone(ctx);
  ctx.progress('Reading CSV', 0.1);
  const csv = await openCsv(ctx);
  const find = (name: string) => resolveColumn(csv.columns, name);
  const id = find('Id');
  const created = find('Created at');
  if (id === null || created === null) {
    throw new UndertowError('invalid_request', `${ctx.path}: a Zendesk tickets CSV needs "Id" and "Created at" columns; found ${csv.columns.map((c) => `"${c}"`).join(', ')}.`, { file: ctx.path });
  }
  const solved = find('Solved at');
  const other = { subject: find('Subject'), status: find('Status'), priority: find('Priority'), ticketType: find('Ticket type'), tags: find('Tags'), account: find('Organization') };
  const read = csv.read([id, created, solved, ...Object.values(other)]);
  const text = (column: string | null) => (column === null ? null : textSql(`s.${read.column(column)}`));
  const tags = text(other.tags);
  return loadTickets(ctx, {
    source: 'zendesk',
    from: `${read.sql} s`,
    firstLine: read.firstLine,
    detectDayFirst: true,
    exprs: {
      ticketId: text(id)!,
      created: text(created)!,
      solved: text(solved),
      subject: text(other.subject),
      status: text(other.status),
      priority: text(other.priority),
      ticketType: text(other.ticketType),
      tags: tags === null ? null : spaceSeparatedTagsSql(tags),
      account: text(other.account),
    },
    fields: { ticketId: id, created, solved },
    time: { zone: ctx.options.timeZone, dayFirst: false },
    raw: read.raw(),
  });
}
