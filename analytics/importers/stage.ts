import type { RawSource } from './rejects';
import { sqlLiteral } from './sql';
import type { ImportContext } from './types';

/** DuckDB's CSV options for every export: text cells, RFC 4180 quoting, a ragged row fails the file. */
const CSV_OPTIONS = 'header = true, all_varchar = true, strict_mode = true, null_padding = false';

/** The dialect DuckDB's sniffer found (delimiter, quote, …) and the columns as it names them. */
interface CsvDialect {
  delim: string;
  quote: string;
  escape: string;
  new_line: string;
  comment: string;
  columns: string[];
}

/** sniff_csv writes an absent quote, escape or comment character this way. */
const EMPTY = '(empty)';

async function sniffCsv(ctx: ImportContext, headerLines: number): Promise<CsvDialect> {
  const [dialect] = await ctx.tx.all<CsvDialect>(
    `SELECT Delimiter AS delim, Quote AS quote, Escape AS escape, NewLineDelimiter AS new_line, Comment AS comment, [c.name FOR c IN Columns] AS columns
     FROM sniff_csv(${sqlLiteral(ctx.path)}, ${CSV_OPTIONS}, skip = ${Math.trunc(headerLines) - 1})`,
  );
  if (!dialect) throw new Error(`sniff_csv returned nothing for ${ctx.path}`);
  return dialect;
}

/**
 * The file read with the sniffed dialect and the columns under positional names (c0, c1, …): the
 * sniffer runs once per import, not once per read.
 */
function readCsvSql(ctx: ImportContext, headerLines: number, dialect: CsvDialect): string {
  const text = (value: string) => sqlLiteral(value === EMPTY ? '' : value);
  const options = [`delim = ${text(dialect.delim)}`, `quote = ${text(dialect.quote)}`, `escape = ${text(dialect.escape)}`];
  if (dialect.comment !== EMPTY) options.push(`comment = ${text(dialect.comment)}`);
  // \n and \r\n are both read without saying; naming \r\n with strict_mode reads no rows (DuckDB 1.5).
  if (dialect.new_line === '\\r') options.push(`new_line = ${text(dialect.new_line)}`);
  const columns = dialect.columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${sqlLiteral(ctx.path)}, auto_detect = false, header = true, strict_mode = true, null_padding = false, skip = ${Math.trunc(headerLines) - 1},
    ${options.join(', ')}, columns = {${columns}})`;
}

/**
 * The first `count` records of a CSV, as DuckDB reads them (same quoting and delimiter as the
 * stage): the header rows of a two-row-header export. Cells are strings ('' when empty).
 */
export async function csvHeaderRows(ctx: ImportContext, count: number): Promise<string[][]> {
  const rows = await ctx.tx.all<Record<string, unknown>>(
    `SELECT * FROM read_csv(${sqlLiteral(ctx.path)}, header = false, all_varchar = true, strict_mode = true, null_padding = false) LIMIT ${Math.trunc(count)}`,
  );
  return rows.map((row) => Object.values(row).map((v) => (v === null || v === undefined ? '' : String(v).trim())));
}

/** Where a rejected CSV row's raw content comes from: the whole row, every column, read again from the file. */
export interface CsvRawRows {
  /**
   * The rejected rows' raw content: the whole row, every column, as JSON keyed by `headers`
   * (default: the column names). Read again from the file for the rejected lines only.
   */
  raw(headers?: readonly string[]): RawSource;
}

export interface CsvStage extends CsvRawRows {
  /** A temp view: `line` (the row number as a spreadsheet shows it) plus the staged columns. */
  table: string;
  /** Every column of the file, as DuckDB names them, in file order. */
  columns: readonly string[];
  /** The SQL identifier in `table` of a staged column, by its name in the file (case-insensitive). */
  column(name: string): string;
  drop(): Promise<void>;
}

/**
 * The file's rows as a query, for an importer that parses them as it reads them (one pass, nothing
 * staged): each row with the columns under positional names, in file order, without `line`. The
 * table the importer fills from it keeps file order, so `numberRows(ctx, table, firstLine)` gives
 * each row its line afterwards.
 */
export interface CsvRead extends CsvRawRows {
  /** A subquery to select from (give it an alias). */
  sql: string;
  /** The SQL identifier in `sql` of a column, by its name in the file (case-insensitive). */
  column(name: string): string;
  /** The line of the first row (the header is line 1). */
  firstLine: number;
}

export interface CsvFile {
  /** Every column of the file, as DuckDB names them, in file order. */
  columns: readonly string[];
  /** Stage the rows, keeping only `columns` (default: all; names the file lacks and nulls are skipped). */
  stage(name: string, columns?: ReadonlyArray<string | null>): Promise<CsvStage>;
  /** The rows as a query over only `columns` (see `CsvRead`), nothing read yet. */
  read(columns?: ReadonlyArray<string | null>): CsvRead;
}

/**
 * A read of the file that may fail in a known way: `first`, and when DuckDB fails it with a message
 * matching `failure`, `fallback`. Reading is staging (before the import's first write), so the failed
 * read changed nothing; any other error is the file's own, and is thrown.
 */
export async function readWithFallback<T>(first: () => Promise<T>, failure: RegExp, fallback: () => Promise<T>): Promise<T> {
  try {
    return await first();
  } catch (err) {
    if (!failure.test(err instanceof Error ? err.message : String(err))) throw err;
    return fallback();
  }
}

/**
 * Give a temp table just filled from a file, in file order (DuckDB preserves insertion order), its
 * `line` column: the first row is `firstLine`, the next `firstLine + 1`, …. Inside a transaction
 * DuckDB numbers new rows from a large base, hence the offset from the first row id. Numbering while
 * reading instead, with `row_number() OVER ()`, makes DuckDB order a parallel read: it doubled the
 * read's time. For a table rows are deleted from (rejects); `numberedRows` for one only read.
 */
export async function numberRows(ctx: ImportContext, table: string, firstLine = 1): Promise<void> {
  await ctx.tx.run(`ALTER TABLE ${table} ADD COLUMN line BIGINT`);
  await ctx.tx.run(`UPDATE ${table} SET line = rowid - (SELECT min(rowid) FROM ${table}) + ${Math.trunc(firstLine)}`);
}

/**
 * The rows of such a table, with `line` computed from the row id rather than stored: a query to
 * read (or a view's body), for a table that is read as it is and never deleted from.
 */
export async function numberedRows(ctx: ImportContext, table: string, firstLine = 1): Promise<string> {
  const [first] = await ctx.tx.all<{ base: string | null }>(`SELECT min(rowid)::VARCHAR AS base FROM ${table}`);
  const base = BigInt(first?.base ?? 0) - BigInt(Math.trunc(firstLine));
  return `(SELECT rowid - ${base} AS line, * FROM ${table})`;
}

/**
 * A CSV export about to be staged: its columns (from DuckDB's sniffer, so an importer can map them
 * before reading the rows) and `stage`, which reads it into a temp table as text, keeping file
 * order, with `line` = the row number as a spreadsheet shows it (the header is line 1; with
 * `headerLines` header rows the first data row is `headerLines + 1`), or `read`, the same rows as
 * a query to parse in one pass. DuckDB does the parsing: quoting, multi-line cells, BOM, CRLF,
 * repeated headers. Only the columns an importer reads are kept, so a 500-column export is never
 * materialised; they get positional names, so no header — not even one called `line` — can clash
 * with the stage's own.
 */
export async function openCsv(ctx: ImportContext, headerLines = 1): Promise<CsvFile> {
  const dialect = await sniffCsv(ctx, headerLines);
  const columns = dialect.columns;
  const positional = columns.map((_, i) => `c${i}`);
  const read = readCsvSql(ctx, headerLines, dialect);
  const indexOf = (column: string) => {
    const exact = columns.indexOf(column);
    return exact >= 0 ? exact : columns.findIndex((c) => c.toLowerCase() === column.toLowerCase());
  };
  const kept = (wanted: ReadonlyArray<string | null>) => {
    const staged = [...new Set(wanted.filter((c): c is string => c !== null).map(indexOf))].filter((i) => i >= 0).sort((a, b) => a - b);
    if (staged.length === 0) staged.push(0);
    return {
      list: staged.map((i) => positional[i]).join(', '),
      column(column: string) {
        const i = indexOf(column);
        if (i < 0 || !staged.includes(i)) throw new Error(`CSV stage: column ${column} was not staged`);
        return positional[i]!;
      },
    };
  };
  const raw = (headers: readonly string[] = columns): RawSource => {
    const params: Record<string, string> = {};
    const seen = new Map<string, number>();
    const pairs = positional.map((c, i) => {
      const header = headers[i] || columns[i]!;
      const n = (seen.get(header) ?? 0) + 1;
      seen.set(header, n);
      params[`raw_key_${i}`] = n === 1 ? header : `${header} (${n})`;
      return `$raw_key_${i}, s.${c}`;
    });
    return {
      sql: `json_object(${pairs.join(', ')})`,
      // The streaming row_number() numbers rows in file order, as the stage's rowids do.
      from: `(SELECT row_number() OVER () + ${headerLines} AS line, * FROM ${read})`,
      params,
    };
  };
  return {
    columns,
    async stage(name, wanted = columns) {
      const picked = kept(wanted);
      const data = ctx.temp(`${name}_data`);
      const table = ctx.temp(name);
      await ctx.tx.run(`CREATE TEMP TABLE ${data} AS SELECT ${picked.list} FROM ${read}`);
      // A view numbering the rows from their row ids, so no column is rewritten.
      await ctx.tx.run(`CREATE TEMP VIEW ${table} AS SELECT * FROM ${await numberedRows(ctx, data, headerLines + 1)}`);
      return {
        table,
        columns,
        column: picked.column,
        raw,
        async drop() {
          await ctx.tx.run(`DROP VIEW ${table}`);
          await ctx.tx.run(`DROP TABLE ${data}`);
        },
      };
    },
    read(wanted = columns) {
      const picked = kept(wanted);
      return { sql: `(SELECT ${picked.list} FROM ${read})`, column: picked.column, raw, firstLine: headerLines + 1 };
    },
  };
}

/** `openCsv` and `stage` in one: the columns are picked without looking at the file's. */
export async function stageCsv(ctx: ImportContext, name: string, options: { headerLines?: number; columns?: ReadonlyArray<string | null> } = {}): Promise<CsvStage> {
  return (await openCsv(ctx, options.headerLines)).stage(name, options.columns);
}

/** Column names a header must contain, case-insensitively, for detection. */
export function hasColumns(header: readonly string[], required: readonly string[]): boolean {
  const have = new Set(header.map((h) => h.toLowerCase()));
  return required.every((r) => have.has(r.toLowerCase()));
}
