/**
 * The one load step every help-desk format ends in: parse staged rows into canonical tickets,
 * reject what has no identity or creation time (with line, field and reason), upsert the rest.
 */
import type { ImportContext, LoadResult } from '../../types';
import { recordRejects, type RawSource, type RejectRule } from '../../rejects';
import { sqlLiteral } from '../../sql';
import { upsert } from '../../upsert';
import { numberRows } from '../../stage';
import { shownSql, slashDatesAreDayFirst, utcTimestampSql, type TimeStyle } from './shared';

export type TicketSource = 'zendesk' | 'generic';

/** SQL expressions over the staged row (alias `s`); text expressions yield trimmed text or NULL. */
export interface TicketExprs {
  ticketId: string;
  created: string;
  solved: string | null;
  subject: string | null;
  status: string | null;
  priority: string | null;
  ticketType: string | null;
  /** A VARCHAR[] expression (already split and lower-cased), or null when the file has no tags. */
  tags: string | null;
  account: string | null;
}

export interface TicketLoad {
  source: TicketSource;
  /** `FROM` clause yielding alias `s` with a `line` column (or, with `firstLine`, without one). */
  from: string;
  /**
   * When set, `from` has no `line`: its rows come in file order (a `CsvRead`, parsed as they are
   * read) and are numbered from this line.
   */
  firstLine?: number;
  /**
   * Decide `time.dayFirst` from the parsed cells instead (slash dates are day first only when some
   * first part exceeds 12 and no second part does): rows are parsed month first, and re-parsed day
   * first only when the file turns out to be.
   */
  detectDayFirst?: boolean;
  exprs: TicketExprs;
  /** Names used in rejects: the file's own column names or JSON keys. */
  fields: { ticketId: string; created: string; solved: string | null };
  time: TimeStyle;
  /** Where the raw row of a reject comes from. */
  raw: RawSource;
  /** Format-specific checks over the parsed row (columns ticket_id, status, …). */
  extraChecks?: readonly RejectRule[];
}

const COLUMNS = ['source', 'ticket_id', 'subject', 'status', 'priority', 'ticket_type', 'tags', 'account', 'created_at', 'solved_at'] as const;

const lowered = (expr: string | null) => (expr === null ? 'NULL::VARCHAR' : `lower(${expr})`);

/**
 * Rows are parsed once into a temp table shaped as the canonical rows; the checks read it and record
 * rejects, the rejected rows are deleted from it (a few rows marked, nothing rewritten), and the
 * upsert reads it as it is. A parse subquery read twice instead costs more: DuckDB re-evaluates the
 * shared time expressions.
 */
export async function loadTickets(ctx: ImportContext, spec: TicketLoad): Promise<LoadResult> {
  const { exprs, fields } = spec;
  ctx.progress('Parsing tickets', 0.4);
  const time = spec.detectDayFirst ? { ...spec.time, dayFirst: false } : spec.time;
  const parsed = `(SELECT ${spec.firstLine === undefined ? 's.line, ' : ''}${sqlLiteral(spec.source)} AS source,
           ${exprs.ticketId} AS ticket_id,
           ${exprs.subject ?? 'NULL::VARCHAR'} AS subject,
           ${lowered(exprs.status)} AS status,
           ${lowered(exprs.priority)} AS priority,
           ${lowered(exprs.ticketType)} AS ticket_type,
           ${exprs.tags ?? 'NULL::VARCHAR[]'} AS tags,
           ${exprs.account ?? 'NULL::VARCHAR'} AS account,
           ${exprs.created} AS created_text,
           ${utcTimestampSql(exprs.created, time)} AS created_at,
           ${exprs.solved ?? 'NULL::VARCHAR'} AS solved_text,
           ${exprs.solved ? utcTimestampSql(exprs.solved, time) : 'NULL::TIMESTAMP'} AS solved_at
    FROM ${spec.from})`;

  const checks: RejectRule[] = [
    { field: fields.ticketId, when: 'ticket_id IS NULL', reason: 'ticket id is empty' },
    { field: fields.created, when: 'created_text IS NULL', reason: 'created time is empty' },
    { field: fields.created, when: 'created_at IS NULL', reason: { sql: `'created time ' || ${shownSql('created_text')} || ' is not a date/time'` } },
    ...(fields.solved ? [{ field: fields.solved, when: 'solved_text IS NOT NULL AND solved_at IS NULL', reason: { sql: `'solved time ' || ${shownSql('solved_text')} || ' is not a date/time'` } }] : []),
    ...(spec.extraChecks ?? []),
  ];
  const table = ctx.temp('tickets');
  await ctx.tx.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${parsed}`);
  if (spec.firstLine !== undefined) await numberRows(ctx, table, spec.firstLine);
  if (spec.detectDayFirst && (await slashDatesAreDayFirst(ctx, table, ['created_text', ...(exprs.solved ? ['solved_text'] : [])]))) {
    const dayFirst = { ...spec.time, dayFirst: true };
    await ctx.tx.run(`UPDATE ${table} SET created_at = ${utcTimestampSql('created_text', dayFirst)}${exprs.solved ? `, solved_at = ${utcTimestampSql('solved_text', dayFirst)}` : ''}`);
  }
  const rejects = await recordRejects(ctx, table, checks, spec.raw);

  await rejects.deleteFrom(table);

  ctx.progress('Saving tickets', 0.7);
  const tickets = await upsert(ctx.tx, { table: 'tickets', key: ['source', 'ticket_id'], columns: COLUMNS, stage: table }, ctx.importId);
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${table}`);
  return { tables: [tickets], rejected: rejects.rejected };
}
