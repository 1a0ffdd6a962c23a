/**
 * Typed JSON reading for the GitHub and Copilot importers: DuckDB's `read_json` with explicit
 * columns (nested fields as STRUCTs and lists) is about twice as fast as staging every record as
 * JSON text and extracting fields with `record->>…`, and it never materialises unknown keys.
 *
 * The exports arrive in five layouts, told apart from the file's first bytes (plus, for arrays, a
 * cheap native byte search) before DuckDB reads it:
 *   array         one JSON array (`gh pr list`, `gh api` of one page)
 *   pages         arrays concatenated, `[…][…]` or `[…]\n[…]` (`gh api --paginate` prints each page as
 *                 its own array; `cat` of several exports)
 *   nested-pages  an array of arrays (`gh api --paginate --slurp`)
 *   records       one object, NDJSON, or objects one after another (`gh pr view`, `--jq '.[]'`)
 *   wrapped       objects holding the records in a list ({items: […]}, Airbyte {stream, data})
 * `line` is the 1-based record index across the whole file in every layout.
 */
import { open } from 'node:fs/promises';
import { RECORD_WRAPPERS, sqlLiteral, stageJsonRecords } from '../../stage';
import type { FileSample, ImportContext } from '../../types';

/** What an importer reads of each record: DuckDB scalar type names, nested objects, `[element]` lists. */
export type FieldSpec = string | { readonly [key: string]: FieldSpec } | readonly [FieldSpec];
export type RecordSpec = { readonly [key: string]: FieldSpec };

export type JsonLayout = 'array' | 'pages' | 'nested-pages' | 'records' | 'wrapped';

const HEAD_BYTES = 256 * 1024;
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Pages and wrapped documents are read as one value each; GitHub pages are a few MB at most. */
const MAX_OBJECT_BYTES = 256 * 1024 * 1024;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The DuckDB type of a field spec, e.g. `STRUCT("login" VARCHAR)[]`. */
export function duckType(spec: FieldSpec): string {
  if (typeof spec === 'string') return spec;
  if (isList(spec)) return `${duckType(spec[0])}[]`;
  return `STRUCT(${Object.entries(spec).map(([k, v]) => `${quoteIdent(k)} ${duckType(v)}`).join(', ')})`;
}

/** The same spec as a json_transform structure (unknown keys are ignored). */
function jsonStructure(spec: FieldSpec): unknown {
  if (typeof spec === 'string') return spec;
  if (isList(spec)) return [jsonStructure(spec[0])];
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, jsonStructure(v)]));
}

function isList(spec: FieldSpec): spec is readonly [FieldSpec] {
  return Array.isArray(spec);
}

function columnsLiteral(spec: RecordSpec): string {
  return `{${Object.entries(spec).map(([k, v]) => `${sqlLiteral(k)}: ${sqlLiteral(duckType(v))}`).join(', ')}}`;
}

/**
 * Read every record of a JSON export into a temp table with the spec's fields as typed columns
 * (absent keys are NULL, unknown keys ignored) plus `line`, the 1-based record index. Malformed or
 * truncated JSON, or a field of the wrong kind (an object where text is expected), fails the file
 * with DuckDB's message naming the position.
 */
export async function readJsonRecords(ctx: ImportContext, name: string, spec: RecordSpec, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<string> {
  const layout = await jsonLayout(ctx.path, wrappers);
  const table = ctx.temp(name);
  const path = { path: ctx.path };
  const fieldList = Object.keys(spec).map(quoteIdent).join(', ');
  switch (layout) {
    case 'array':
    case 'records':
      // row_number() over the scan in file order (insertion order is preserved).
      await ctx.tx.run(
        `CREATE TEMP TABLE ${table} AS SELECT row_number() OVER () AS line, ${fieldList}
         FROM read_json($path, format = '${layout === 'array' ? 'array' : 'auto'}', columns = ${columnsLiteral(spec)})`,
        path,
      );
      break;
    case 'pages':
    case 'nested-pages': {
      const pages = ctx.temp(`${name}_pages`);
      await ctx.tx.run(
        `CREATE TEMP TABLE ${pages} AS SELECT row_number() OVER () AS page, json AS records
         FROM read_json($path, format = '${layout === 'pages' ? 'unstructured' : 'array'}', records = false,
                        maximum_object_size = ${MAX_OBJECT_BYTES}, columns = {'json': ${sqlLiteral(`${duckType(spec)}[]`)}})`,
        path,
      );
      await ctx.tx.run(`CREATE TEMP TABLE ${table} AS
        WITH p AS (SELECT records, coalesce(sum(len(records)) OVER (ORDER BY page ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM ${pages})
        SELECT p.before + u.ord AS line, unnest(u.rec) FROM p, unnest(p.records) WITH ORDINALITY AS u(rec, ord)`);
      await ctx.tx.run(`DROP TABLE ${pages}`);
      break;
    }
    case 'wrapped': {
      const staged = await stageJsonRecords(ctx, `${name}_json`, wrappers);
      await ctx.tx.run(`CREATE TEMP TABLE ${table} AS
        SELECT line, unnest(json_transform(record, ${sqlLiteral(JSON.stringify(jsonStructure(spec)))})) FROM ${staged}`);
      await ctx.tx.run(`DROP TABLE ${staged}`);
      break;
    }
  }
  return table;
}

/** Tell the layout of a JSON export from its first bytes (and, for an array, whether more arrays follow). */
export async function jsonLayout(path: string, wrappers: readonly string[] = RECORD_WRAPPERS): Promise<JsonLayout> {
  const head = await readHead(path);
  const start = firstNonSpace(head, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  if (start < 0) return 'records';
  if (head[start] === 0x7b /* { */) {
    const keys = depthOneKeys(head, start);
    if (keys.some((k) => wrappers.includes(k.key) && k.value === 0x5b) || (keys.some((k) => k.key === 'stream') && keys.some((k) => k.key === 'data' && k.value === 0x7b))) return 'wrapped';
    return 'records';
  }
  if (head[start] !== 0x5b /* [ */) return 'records';
  const next = firstNonSpace(head, start + 1);
  if (next >= 0 && head[next] === 0x5b) return 'nested-pages';
  // A second array can only follow `]` at the top level; these byte pairs cannot occur inside a
  // JSON string except `][`, so a file without them is one array and needs no further scan.
  if (!(await containsAny(path, PAGE_JOINS))) return 'array';
  const end = await firstValueEnd(path, start);
  if (end < 0) return 'array';
  const after = await readAt(path, end, 64);
  const following = firstNonSpace(after, 0);
  return following >= 0 && after[following] === 0x5b ? 'pages' : 'array';
}

const PAGE_JOINS = [Buffer.from(']['), Buffer.from(']\n['), Buffer.from(']\r\n['), Buffer.from('] [')];

async function readHead(path: string): Promise<Buffer> {
  return readAt(path, 0, HEAD_BYTES);
}

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

/**
 * The first record of a JSON sample, also for `gh api --paginate --slurp` output (an array of
 * pages), search results (`{total_count, items: […]}`) and Airbyte records (`{stream, data: {…}}`),
 * which the framework's sample does not unwrap.
 */
export function firstRecordOf(sample: FileSample): Record<string, unknown> | null {
  if (sample.shape !== 'json') return null;
  const record = sample.firstRecord ?? firstOfSlurp(sample.text);
  if (!record) return null;
  const items = record.items;
  if (Array.isArray(items) && isObject(items[0])) return items[0];
  if (typeof record.stream === 'string' && isObject(record.data)) return record.data;
  return record;
}

function firstOfSlurp(text: string): Record<string, unknown> | null {
  const match = /^\s*\[\s*\[\s*\{/.exec(text);
  if (!match) return null;
  const start = match[0].length - 1;
  const end = balancedEnd(text, start);
  if (end < 0) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}
