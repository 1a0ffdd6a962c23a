/**
 * JSON exports into temp tables, one row per record in file order with `line` = the 1-based record
 * index, in bounded memory whatever the file's size.
 *
 * The exports arrive in these layouts, told apart from the file's first bytes (plus, for arrays, a
 * cheap native byte search) before DuckDB reads it:
 *   array         one JSON array (`gh pr list`, `gh api` of one page)
 *   pages         arrays concatenated, `[…][…]` or `[…]\n[…]` (`gh api --paginate` prints each page as
 *                 its own array; `cat` of several exports)
 *   nested-pages  an array of arrays (`gh api --paginate --slurp`)
 *   records       one object, NDJSON, or objects one after another (`gh pr view`, `--jq '.[]'`)
 *   wrapped       objects holding the records in a list ({issues: […], names: …}, {incidents: […]},
 *                 {data: […]}), one page or several concatenated
 *   airbyte       Airbyte records ({"stream": …, "data": {…}})
 *
 * DuckDB's JSON reader unwraps each layout as it parses, so no document is ever held as a whole in
 * a JSON function (which keeps every parsed value of a 2,048-row vector: a vector of 2 MB pages is
 * 4 GB). Records come either as typed columns (`readJsonRecords`: a spec of the fields an importer
 * reads, nested objects as STRUCTs; unknown keys are never materialised) or as JSON text
 * (`stageJsonRecords`), to parse with `from_json` (lenient: a value of the wrong kind becomes NULL).
 * Malformed or truncated JSON fails the whole file with DuckDB's message naming the byte.
 */
import { open } from 'node:fs/promises';
import { quoteIdent, sqlLiteral } from './sql';
import type { RawSource } from './rejects';
import { numberRows } from './stage';
import type { ImportContext } from './types';

/** What an importer reads of each record: DuckDB scalar type names, nested objects, `[element]` lists. */
export type FieldSpec = string | { readonly [key: string]: FieldSpec } | readonly [FieldSpec];
export type RecordSpec = { readonly [key: string]: FieldSpec };

/** Wrapper keys whose array holds the records: {issues:[…]}, {incidents:[…]}, Analytics {data:[…]}, … */
export const RECORD_WRAPPERS = ['issues', 'incidents', 'tickets', 'data', 'results', 'values', 'users', 'responses', 'items'] as const;

export type JsonLayout = 'array' | 'pages' | 'nested-pages' | 'records' | 'wrapped' | 'airbyte';

/** The layout, and for wrapped pages the key that holds their records. */
type Layout = { kind: Exclude<JsonLayout, 'wrapped'> } | { kind: 'wrapped'; wrapper: string };

const HEAD_BYTES = 256 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * The largest JSON value DuckDB reads whole, and the size of its read buffers: a page of records
 * (`gh api` pages, wrapper pages) can be tens of MB. A file of single records keeps DuckDB's default
 * of 16 MB (a record is far smaller): buffers of 64 MB split a 70 MB file into two, so one thread
 * parsed most of it, and reading a 545k-record NDJSON export took 2.3x as long.
 */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** The DuckDB type of a field spec, e.g. `STRUCT("login" VARCHAR)[]`. */
export function duckType(spec: FieldSpec): string {
  if (typeof spec === 'string') return spec;
  if (isList(spec)) return `${duckType(spec[0])}[]`;
  return `STRUCT(${Object.entries(spec).map(([k, v]) => `${quoteIdent(k)} ${duckType(v)}`).join(', ')})`;
}

function isList(spec: FieldSpec): spec is readonly [FieldSpec] {
  return Array.isArray(spec);
}

/**
 * Read every record of a JSON export into a temp table with the spec's fields as typed columns
 * (absent keys are NULL, unknown keys ignored) plus `line`. A field of the wrong kind (an object
 * where a number is expected) fails the file with DuckDB's message naming the record.
 *
 * With `select` (SQL over the spec's fields, e.g. `try_cast(day AS DATE) AS day`) the table holds
 * `line` and those columns instead: the records are parsed in the same pass that reads them, so the
 * fields as read are never stored (`jsonRecordsRaw` gives a rejected record's text back).
 *
 * With `lineColumn: false` the table gets no `line` column: the caller numbers its rows with
 * `numberedRows` (cheaper when the table is only read, never deleted from).
 */
export async function readJsonRecords(
  ctx: ImportContext,
  name: string,
  spec: RecordSpec,
  wrappers: readonly string[] = RECORD_WRAPPERS,
  options: { select?: string; lineColumn?: boolean } = {},
): Promise<string> {
  const table = ctx.temp(name);
  const layout = await importLayout(ctx, wrappers);
  const select = options.select ?? Object.keys(spec).map(quoteIdent).join(', ');
  if (layout.kind === 'array' || layout.kind === 'records') {
    // One record per JSON value: DuckDB reads the fields straight into columns.
    const columns = `{${Object.entries(spec).map(([k, v]) => `${sqlLiteral(k)}: ${sqlLiteral(duckType(v))}`).join(', ')}}`;
    await ctx.tx.run(`CREATE TEMP TABLE ${table} AS SELECT ${select}
      FROM read_json(${sqlLiteral(ctx.path)}, format = '${layout.kind === 'array' ? 'array' : 'auto'}', maximum_object_size = ${MAX_RECORD_BYTES}, columns = ${columns})`);
  } else {
    await ctx.tx.run(`CREATE TEMP TABLE ${table} AS SELECT ${select} FROM (SELECT unnest(rec) FROM (${recordsSql(ctx.path, layout, duckType(spec))}))`);
  }
  if (options.lineColumn !== false) await numberRows(ctx, table);
  return table;
}

/**
 * Where a rejected record's raw content comes from when the records were parsed as they were read
 * (`readJsonRecords` with `select`): the file read again, each record as its JSON text, numbered
 * as `line` numbers them. Only the rejected lines are joined, and only when a record was rejected.
 */
export async function jsonRecordsRaw(ctx: ImportContext, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<RawSource> {
  const records = recordsSql(ctx.path, await importLayout(ctx, wrappers), 'JSON');
  return { sql: 's.rec', from: `(SELECT row_number() OVER () AS line, rec FROM (${records}))` };
}

/**
 * Read every record of a JSON export into a temp table `(line BIGINT, record JSON)`: one array,
 * concatenated pages, NDJSON, wrapper pages and Airbyte records alike. Importers then parse
 * `record` with `from_json` (or `record->>'$.field'`). A page without its records list counts as
 * one NULL record, for the importer's rules to reject.
 */
export async function stageJsonRecords(ctx: ImportContext, name: string, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<string> {
  const table = ctx.temp(name);
  const records = recordsSql(ctx.path, await importLayout(ctx, wrappers), 'JSON');
  // The streaming row_number() runs in file order (DuckDB keeps a scan's order for it).
  await ctx.tx.run(`CREATE TEMP TABLE ${table} AS SELECT rec AS record FROM (${records})`);
  await numberRows(ctx, table);
  return table;
}

/**
 * The distinct values of a key of the file's wrapper pages as JSON text (Jira's `names` map, the
 * Analytics `time_zone`); none when the file has no pages.
 */
export async function pageValues(ctx: ImportContext, key: string, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<string[]> {
  const layout = await importLayout(ctx, wrappers);
  if (layout.kind !== 'wrapped') return [];
  const rows = await ctx.tx.all<{ value: string }>(
    `SELECT DISTINCT v::VARCHAR AS value FROM read_json(${sqlLiteral(ctx.path)}, format = 'auto', records = true, maximum_object_size = ${MAX_PAGE_BYTES},
       columns = {${sqlLiteral(key)}: 'JSON'}) t(v) WHERE v IS NOT NULL`,
  );
  return rows.map((r) => r.value);
}

/** A query with one `rec` (of type `type`) per record, in file order. */
function recordsSql(path: string, layout: Layout, type: string): string {
  // A page is read whole in the page layouts; otherwise each value is one record.
  const size = layout.kind === 'pages' || layout.kind === 'nested-pages' || layout.kind === 'wrapped' ? MAX_PAGE_BYTES : MAX_RECORD_BYTES;
  const read = (format: string, records: boolean, columns: Record<string, string>) =>
    `read_json(${sqlLiteral(path)}, format = '${format}', records = ${records}, maximum_object_size = ${size},
       columns = {${Object.entries(columns).map(([k, v]) => `${sqlLiteral(k)}: ${sqlLiteral(v)}`).join(', ')}})`;
  switch (layout.kind) {
    case 'array':
      return `SELECT json AS rec FROM ${read('array', false, { json: type })}`;
    case 'records':
      return `SELECT json AS rec FROM ${read('auto', false, { json: type })}`;
    case 'pages':
      return `SELECT unnest(json) AS rec FROM ${read('unstructured', false, { json: `${type}[]` })}`;
    case 'nested-pages':
      return `SELECT unnest(json) AS rec FROM ${read('array', false, { json: `${type}[]` })}`;
    case 'airbyte':
      return `SELECT data AS rec FROM ${read('auto', true, { data: type })}`;
    case 'wrapped':
      // A page without the list (NULL) yields one NULL record rather than vanishing unseen.
      return `SELECT unnest(coalesce(list, [NULL])) AS rec FROM ${read('auto', true, { [layout.wrapper]: `${type}[]` })} t(list)`;
  }
}

/** Tell the layout of a JSON export from its first bytes (and, for an array, whether more arrays follow). */
export async function jsonLayout(path: string, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<JsonLayout> {
  return (await layoutOf(path, wrappers)).kind;
}

/**
 * The layout of the file being imported, told once per import and wrapper list: telling an array
 * from concatenated pages searches the whole file, and an importer may read the file more than once
 * (its records and its pages' values, or its records and a rejected record's raw text).
 */
const importLayouts = new WeakMap<ImportContext, Map<string, Promise<Layout>>>();

function importLayout(ctx: ImportContext, wrappers: readonly string[]): Promise<Layout> {
  let layouts = importLayouts.get(ctx);
  if (!layouts) importLayouts.set(ctx, (layouts = new Map()));
  const key = wrappers.join('\n');
  let layout = layouts.get(key);
  if (!layout) layouts.set(key, (layout = layoutOf(ctx.path, wrappers)));
  return layout;
}

async function layoutOf(path: string, wrappers: readonly string[]): Promise<Layout> {
  const head = await readAt(path, 0, HEAD_BYTES);
  const start = firstNonSpace(head, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  if (start < 0) return { kind: 'records' };
  if (head[start] === 0x7b /* { */) {
    const keys = depthOneKeys(head, start);
    const wrapper = keys.find((k) => wrappers.includes(k.key) && k.value === 0x5b /* [ */);
    if (wrapper) return { kind: 'wrapped', wrapper: wrapper.key };
    if (keys.some((k) => k.key === 'stream') && keys.some((k) => k.key === 'data' && k.value === 0x7b)) return { kind: 'airbyte' };
    return { kind: 'records' };
  }
  if (head[start] !== 0x5b /* [ */) return { kind: 'records' };
  const next = firstNonSpace(head, start + 1);
  if (next >= 0 && head[next] === 0x5b) return { kind: 'nested-pages' };
  // A second array can only follow `]` at the top level; these byte pairs cannot occur inside a
  // JSON string except `][`, so a file without them is one array and needs no further scan.
  if (!(await containsAny(path, PAGE_JOINS))) return { kind: 'array' };
  const end = await firstValueEnd(path, start);
  if (end < 0) return { kind: 'array' };
  const after = await readAt(path, end, 64);
  const following = firstNonSpace(after, 0);
  return { kind: following >= 0 && after[following] === 0x5b ? 'pages' : 'array' };
}

const PAGE_JOINS = [Buffer.from(']['), Buffer.from(']\n['), Buffer.from(']\r\n['), Buffer.from('] [')];

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function firstNonSpace(buffer: Buffer, from: number): number {
  for (let i = from; i < buffer.length; i++) {
    const c = buffer[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

/** Native byte search through the file, chunk by chunk (chunks overlap by the longest needle). */
async function containsAny(path: string, needles: readonly Buffer[]): Promise<boolean> {
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return false;
      const view = buffer.subarray(0, bytesRead);
      if (needles.some((n) => view.indexOf(n) >= 0)) return true;
      if (bytesRead < buffer.length) return false;
      position += bytesRead - overlap;
    }
  } finally {
    await handle.close();
  }
}

/** Byte offset just past the first top-level JSON value starting at `start`, or -1 if it never closes. */
async function firstValueEnd(path: string, start: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let depth = 0;
    let inString = false;
    let carriedSlashes = 0; // backslashes that ended the previous chunk inside a string
    let position = start;
    for (;;) {
      const { bytesRead: n } = await handle.read(buffer, 0, buffer.length, position);
      if (n === 0) return -1;
      let i = 0;
      while (i < n) {
        if (inString) {
          const quote = buffer.indexOf(0x22, i);
          if (quote < 0 || quote >= n) {
            let k = n;
            while (k > i && buffer[k - 1] === 0x5c) k--;
            carriedSlashes = k === i ? carriedSlashes + (n - k) : n - k;
            break;
          }
          let k = quote;
          while (k > i && buffer[k - 1] === 0x5c) k--;
          const slashes = quote - k + (k === i ? carriedSlashes : 0);
          carriedSlashes = 0;
          i = quote + 1;
          if (slashes % 2 === 0) inString = false;
          continue;
        }
        const c = buffer[i++]!;
        if (c === 0x22) {
          inString = true;
          carriedSlashes = 0;
        } else if (c === 0x5b || c === 0x7b) depth++;
        else if ((c === 0x5d || c === 0x7d) && --depth === 0) return position + i;
      }
      position += n;
    }
  } finally {
    await handle.close();
  }
}

/** Keys of the object opened at `start` (as far as the buffer goes) with the first byte of each value. */
function depthOneKeys(buffer: Buffer, start: number): Array<{ key: string; value: number }> {
  const keys: Array<{ key: string; value: number }> = [];
  let depth = 0;
  for (let i = start; i < buffer.length; i++) {
    const c = buffer[i]!;
    if (c === 0x22) {
      let j = i + 1;
      while (j < buffer.length && buffer[j] !== 0x22) j += buffer[j] === 0x5c ? 2 : 1;
      if (depth === 1) {
        const colon = firstNonSpace(buffer, j + 1);
        if (colon >= 0 && buffer[colon] === 0x3a) {
          const value = firstNonSpace(buffer, colon + 1);
          keys.push({ key: buffer.toString('utf8', i + 1, j), value: value >= 0 ? buffer[value]! : 0 });
        }
      }
      i = j;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) break;
    }
  }
  return keys;
}
