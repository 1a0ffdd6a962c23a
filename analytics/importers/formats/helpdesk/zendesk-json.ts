/**
 * Zendesk tickets from the API, as saved: `/api/v2/tickets.json` pages (`{tickets, next_page,
 * count}`), incremental exports (`{tickets, end_time, end_of_stream}` or the cursor variant),
 * NDJSON (one ticket per line), a plain array, Airbyte records, or one `{ticket: {…}}`.
 *
 * The API has no solved time: `solved_at` is the ticket's `metric_set.solved_at` when the export
 * was made with `include=metric_sets` and embeds it, otherwise `updated_at` of a ticket whose
 * status is solved or closed (the last change of a solved ticket is, almost always, solving or
 * closing it; a later edit moves it). `account` is `organization_id` as text — the API names no
 * organisation — unless the ticket already has an account name (from the CSV report), which is
 * kept. Tickets the incremental export lists as deleted are rejected, not counted.
 */
import type { FileSample, FormatImporter, ImportContext } from '../../types';
import { stageJsonRecords } from '../../stage-json';
import { textSql } from './shared';
import { assertTimeZone } from '../../time-sql';
import { loadTickets } from './tickets';

const isZendeskUrl = (url: unknown) => typeof url === 'string' && /\/api\/v2\/(tickets|incremental\/tickets)/.test(url);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ticket inside `{ticket: {…}}` or an Airbyte record `{stream, data: {…}}` (the sample does not unwrap those). */
function unwrap(record: Record<string, unknown>): Record<string, unknown> {
  if (isObject(record.ticket)) return record.ticket;
  if (typeof record.stream === 'string' && isObject(record.data)) return record.data;
  return record;
}

function detect(sample: FileSample): number {
  if (sample.shape !== 'json' || !sample.firstRecord) return 0;
  const record = unwrap(sample.firstRecord);
  if (!('id' in record) || !('created_at' in record) || !('status' in record)) return 0;
  if (isZendeskUrl(record.url)) return 30;
  if ('requester_id' in record && ('via' in record || 'subject' in record)) return 25;
  if (sample.topLevelKeys.includes('tickets') && 'subject' in record) return 15;
  return 0;
}

export const zendeskTicketsJson: FormatImporter = {
  format: 'zendesk-tickets-json',
  source: 'helpdesk',
  label: 'Zendesk tickets JSON (API pages, incremental export, NDJSON)',
  detect,
  load: loadZendeskJson,
};

async function loadZendeskJson(ctx: ImportContext) {
  await assertTimeZone(ctx);
  ctx.progress('Reading JSON', 0.1);
  const stage = await stageJsonRecords(ctx, 'zendesk_json');
  // `{ticket: {…}}` (a single-ticket response) holds the ticket one level down.
  // An organisation name already stored (from the CSV report) is kept: the API only has the id.
  const from = `(SELECT j.line, j.t, k.account AS known_account
      FROM (SELECT line, CASE WHEN json_type(record, '$.ticket') = 'OBJECT' THEN record -> '$.ticket' ELSE record END AS t FROM ${stage}) j
      LEFT JOIN tickets k ON k.source = 'zendesk' AND k.ticket_id = (j.t ->> '$.id')) s`;
  const field = (path: string) => textSql(`s.t ->> '${path}'`);
  const status = field('$.status');
  return loadTickets(ctx, {
    source: 'zendesk',
    from,
    exprs: {
      ticketId: field('$.id'),
      created: field('$.created_at'),
      solved: `coalesce(${field('$.metric_set.solved_at')}, CASE WHEN lower(${status}) IN ('solved', 'closed') THEN ${field('$.updated_at')} END)`,
      subject: `coalesce(${field('$.subject')}, ${field('$.raw_subject')})`,
      status,
      priority: field('$.priority'),
      ticketType: field('$.type'),
      tags: `CASE WHEN json_type(s.t, '$.tags') = 'ARRAY' THEN list_filter(list_transform(from_json(s.t -> '$.tags', '["VARCHAR"]'), x -> lower(trim(x))), x -> x <> '') END`,
      account: `coalesce(s.known_account, ${field('$.organization_id')})`,
    },
    fields: { ticketId: 'id', created: 'created_at', solved: 'updated_at' },
    time: { zone: ctx.options.timeZone, dayFirst: false },
    raw: { from: stage, sql: 's.record' },
    extraChecks: [{ field: 'status', when: `status = 'deleted'`, reason: 'ticket was deleted in Zendesk' }],
  });
}
