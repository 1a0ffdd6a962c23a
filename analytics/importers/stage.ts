import type { ImportContext } from './types';

/** SQL string literal for a value we control (file paths): doubles quotes, refuses NUL. */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Read a CSV into a temp table as text, keeping file order, with `line` = the row number as a
 * spreadsheet shows it (the header is line 1). DuckDB does the parsing: quoting, multi-line cells,
 * BOM, CRLF, and repeated headers (renamed Labels, Labels_1, …).
 */
export async function stageCsv(ctx: ImportContext, name: string, headerLines = 1): Promise<string> {
  const table = ctx.temp(name);
  await ctx.tx.run(`CREATE TEMP TABLE ${table} AS
    SELECT * FROM read_csv(${sqlLiteral(ctx.path)}, header = true, all_varchar = true, skip = ${headerLines - 1},
                           strict_mode = true, null_padding = false)`);
  // Rows keep file order; inside a transaction DuckDB numbers new rows from a large base, so the
  // line is the offset from the first row, not rowid itself.
  await ctx.tx.run(`ALTER TABLE ${table} ADD COLUMN line BIGINT`);
  await ctx.tx.run(`UPDATE ${table} SET line = rowid - (SELECT min(rowid) FROM ${table}) + ${headerLines + 1}`);
  return table;
}

export interface RejectRule {
  field: string | null;
  reason: string;
  /** SQL condition over the stage's columns that marks the row as rejected. */
  when: string;
}

/**
 * Record every row matching a rule in import_rejects (first failing rule wins), with its raw
 * content, and return how many rows were rejected. The caller loads only rows matching none.
 */
export async function recordRejects(ctx: ImportContext, stage: string, rules: readonly RejectRule[]): Promise<number> {
  if (rules.length === 0) return 0;
  const cases = rules.map((r, i) => `WHEN ${r.when} THEN ${i}`).join(' ');
  await ctx.tx.run(`CREATE OR REPLACE TEMP TABLE ${stage}__rule AS SELECT line, CASE ${cases} END AS rule, to_json(s) AS raw FROM ${stage} s`);
  const fields = rules.map((r) => (r.field === null ? 'NULL' : sqlLiteral(r.field)));
  const reasons = rules.map((r) => sqlLiteral(r.reason));
  await ctx.tx.run(
    `INSERT INTO import_rejects (import_id, line, field, reason, raw)
     SELECT $id, line, [${fields.join(', ')}][rule + 1], [${reasons.join(', ')}][rule + 1], raw::VARCHAR
     FROM ${stage}__rule WHERE rule IS NOT NULL`,
    { id: ctx.importId },
  );
  const [row] = await ctx.tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${stage}__rule WHERE rule IS NOT NULL`);
  await ctx.tx.run(`DELETE FROM ${stage} WHERE line IN (SELECT line FROM ${stage}__rule WHERE rule IS NOT NULL)`);
  await ctx.tx.run(`DROP TABLE ${stage}__rule`);
  return row?.n ?? 0;
}

/** Column names a header must contain, case-insensitively, for detection. */
export function hasColumns(header: readonly string[], required: readonly string[]): boolean {
  const have = new Set(header.map((h) => h.toLowerCase()));
  return required.every((r) => have.has(r.toLowerCase()));
}

/** Wrapper keys whose array holds the records: {issues:[…]}, {incidents:[…]}, Analytics {data:[…]}, … */
export const RECORD_WRAPPERS = ['issues', 'incidents', 'tickets', 'data', 'results', 'values', 'users', 'responses', 'items'] as const;

/**
 * Read any JSON export into a temp table `(line BIGINT, record JSON)`, one row per record, in file
 * order, with `line` the 1-based record index. Accepts one array, several concatenated pages, NDJSON,
 * wrapper pages ({incidents: […], more: …}) and Airbyte records ({"stream", "data": {…}}). Truncated or
 * malformed JSON fails the whole file (DuckDB names the byte and line). Importers then read fields
 * with `record->>'$.field'`, or use read_json with explicit columns where speed matters more.
 */
export async function stageJsonRecords(ctx: ImportContext, name: string, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<string> {
  const docs = ctx.temp(`${name}_docs`);
  const table = ctx.temp(name);
  await ctx.tx.run(`CREATE TEMP TABLE ${docs} AS SELECT json FROM read_json_objects(${sqlLiteral(ctx.path)}, format = 'auto', maximum_object_size = 67108864)`);
  const unwrap = wrappers.map((w) => `WHEN json_type(json -> ${sqlLiteral(w)}) = 'ARRAY' THEN json_extract(json, ${sqlLiteral(`$.${w}[*]`)})`).join('\n      ');
  await ctx.tx.run(`CREATE TEMP TABLE ${table} AS
    WITH ordered AS (SELECT rowid - (SELECT min(rowid) FROM ${docs}) AS doc, json FROM ${docs}),
    items AS (
      SELECT doc, CASE
        WHEN json_type(json) = 'ARRAY' THEN json_extract(json, '$[*]')
        ${unwrap}
        WHEN json_type(json -> 'stream') = 'VARCHAR' AND json_type(json -> 'data') = 'OBJECT' THEN [json -> 'data']
        ELSE [json] END AS list
      FROM ordered)
    SELECT row_number() OVER (ORDER BY doc, u.ord) AS line, u.record::JSON AS record
    FROM items, unnest(list) WITH ORDINALITY AS u(record, ord)
    ORDER BY line`);
  await ctx.tx.run(`DROP TABLE ${docs}`);
  return table;
}
