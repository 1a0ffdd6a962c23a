/**
 * The one load step every NPS format ends in: parse staged rows into canonical responses, reject
 * rows without a usable date or a 0–10 score (line, field, reason), upsert the rest.
 *
 * Identity: the tool's own response id when the file has one (SurveyMonkey Respondent ID,
 * Typeform #, a response id column); otherwise `h:` + md5 of (UTC time, account, score,
 * comment). Without an id, two identical rows are one response: they merge (and are counted as
 * duplicates), and re-importing the file or an overlapping one never double-counts.
 */
import type { ImportContext, LoadResult } from '../../types';
import { recordRejects, type RawSource, type RejectRule } from '../../rejects';
import { sqlLiteral } from '../../sql';
import { upsert } from '../../upsert';
import { numberRows } from '../../stage';
import { shownSql, slashDatesAreDayFirst, utcTimestampSql, type TimeStyle } from '../helpdesk/shared';

export type NpsSource = 'nps-csv' | 'surveymonkey' | 'typeform';

/** SQL over the staged row (alias `s`); text expressions yield trimmed text or NULL. */
export interface ResponseExprs {
  responseId: string | null;
  respondedAt: string;
  score: string;
  account: string | null;
  comment: string | null;
  segment: string | null;
}

export interface ResponseLoad {
  source: NpsSource;
  /** `FROM` clause yielding alias `s` with a `line` column (or, with `firstLine`, without one). */
  from: string;
  /** When set, `from` has no `line`: its rows come in file order (a `CsvRead`) and are numbered from this line. */
  firstLine?: number;
  /** Decide `time.dayFirst` from the parsed dates (see helpdesk/tickets.ts `detectDayFirst`). */
  detectDayFirst?: boolean;
  exprs: ResponseExprs;
  /** Names used in rejects (the file's column names / question texts). */
  fields: { respondedAt: string; score: string };
  time: TimeStyle;
  raw: RawSource;
  /** Format-specific checks over the parsed row, evaluated before the date and score checks. */
  firstChecks?: readonly RejectRule[];
  /** Extra columns the first checks need, `expr AS name`, kept in the parsed table. */
  extraColumns?: readonly string[];
}

/**
 * SQL: a score cell as an integer, NULL when it is not a whole number. Survey tools write the
 * answer with its label ("10 - Extremely likely", "0 (Not at all likely)"), plain ("9") or from
 * a spreadsheet ("9.0").
 */
export const scoreSql = (text: string) => `try_cast(regexp_extract(${text}, '^(\\d{1,3})(\\.0+)?(\\s*[-–—:(/].*)?$', 1) AS INTEGER)`;

const COLUMNS = ['source', 'response_id', 'responded_at', 'score', 'account', 'segment', 'comment'] as const;

/** Parse once into a temp table shaped as the canonical rows, record rejects, upsert the rest (see helpdesk/tickets.ts). */
export async function loadResponses(ctx: ImportContext, spec: ResponseLoad): Promise<LoadResult> {
  const { exprs, fields } = spec;
  ctx.progress('Parsing responses', 0.4);
  const time = spec.detectDayFirst ? { ...spec.time, dayFirst: false } : spec.time;
  const parsed = `(SELECT ${spec.firstLine === undefined ? 's.line, ' : ''}
           ${exprs.responseId ?? 'NULL::VARCHAR'} AS given_id,
           ${exprs.respondedAt} AS responded_text,
           ${utcTimestampSql(exprs.respondedAt, time)} AS responded_at,
           ${exprs.score} AS score_text,
           ${scoreSql(exprs.score)} AS score,
           ${exprs.account ?? 'NULL::VARCHAR'} AS account,
           ${exprs.segment ?? 'NULL::VARCHAR'} AS segment,
           ${exprs.comment ?? 'NULL::VARCHAR'} AS comment
           ${(spec.extraColumns ?? []).map((c) => `, ${c}`).join('')}
    FROM ${spec.from})`;

  const checks: RejectRule[] = [
    ...(spec.firstChecks ?? []),
    { field: fields.respondedAt, when: 'responded_text IS NULL', reason: 'response date is empty' },
    { field: fields.respondedAt, when: 'responded_at IS NULL', reason: { sql: `'response date ' || ${shownSql('responded_text')} || ' is not a date/time'` } },
    { field: fields.score, when: 'score_text IS NULL', reason: 'score is empty (no answer to the NPS question)' },
    { field: fields.score, when: 'score IS NULL', reason: { sql: `'score ' || ${shownSql('score_text')} || ' is not a whole number from 0 to 10'` } },
    { field: fields.score, when: 'score > 10', reason: { sql: `'score ' || score || ' is outside 0–10'` } },
  ];
  const identity = (respondedAt: string) =>
    `coalesce(given_id, 'h:' || md5(concat_ws(chr(31), strftime(${respondedAt}, '%Y-%m-%dT%H:%M:%S.%f'), coalesce(account, ''), score::VARCHAR, coalesce(comment, ''))))`;
  const table = ctx.temp('responses');
  await ctx.tx.run(`CREATE TEMP TABLE ${table} AS SELECT *, ${sqlLiteral(spec.source)} AS source, ${identity('responded_at')} AS response_id FROM ${parsed}`);
  if (spec.firstLine !== undefined) await numberRows(ctx, table, spec.firstLine);
  if (spec.detectDayFirst && (await slashDatesAreDayFirst(ctx, table, ['responded_text']))) {
    // Parsed month first, the file's slash dates are day first: re-parse the times, and the identities hashing them.
    const respondedAt = utcTimestampSql('responded_text', { ...spec.time, dayFirst: true });
    await ctx.tx.run(`UPDATE ${table} SET responded_at = ${respondedAt}, response_id = ${identity(respondedAt)}`);
  }
  const rejects = await recordRejects(ctx, table, checks, spec.raw);
  await rejects.deleteFrom(table);

  ctx.progress('Saving responses', 0.7);
  const responses = await upsert(ctx.tx, { table: 'nps_responses', key: ['source', 'response_id'], columns: COLUMNS, stage: table }, ctx.importId);
  await rejects.drop();
  await ctx.tx.run(`DROP TABLE ${table}`);
  return { tables: [responses], rejected: rejects.rejected };
}
