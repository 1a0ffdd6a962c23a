/**
 * JSON records for set-based parsing, in bounded memory. Same inputs and numbering as the
 * framework's stageJsonRecords (one array, concatenated pages, NDJSON, wrapper pages, Airbyte
 * records; `line` = 1-based record index in file order), but shaped so a 100k-issue REST dump fits
 * DuckDB's memory limit: stageJsonRecords' lateral `unnest(json_extract(…))` plus a window sort over
 * every record ran out of memory at 2 GB on a 133 MB Jira file, while this stays near the file's size.
 *
 * Record numbers come from a running sum of per-document record counts (one narrow row per page);
 * each document's list is extracted and unnested in the select list only as its records are
 * parsed. Candidate to replace stageJsonRecords in analytics/importers/stage.ts.
 */
import { RECORD_WRAPPERS, sqlLiteral } from '../../stage';
import type { ImportContext } from '../../types';
import { constList } from './sql-text';

export interface JsonRecordLists {
  /** One row per document, in file order: `doc`, `shape`, `base` and the kept values (`keep`). */
  documents: string;
  /** A derived table `(doc, ord, line, record)` to select from, once. */
  records: string;
  /** SQL for a rejected row's raw record, given the row's `doc` and `ord` column expressions. */
  rawSql(doc: string, ord: string): string;
  drop(): Promise<void>;
}

/**
 * `keep` names document-level values to keep next to each page's records, alias → JSON path (our
 * constants), e.g. `{ names: '$.names' }` for Jira's custom field names.
 */
export async function stageJsonRecordLists(
  ctx: ImportContext,
  name: string,
  options: { wrappers?: readonly string[]; keep?: Readonly<Record<string, string>> } = {},
): Promise<JsonRecordLists> {
  const wrappers = options.wrappers ?? RECORD_WRAPPERS;
  const docs = ctx.temp(`${name}_docs`);
  const shapes = ctx.temp(`${name}_shapes`);
  const keepEntries = Object.entries(options.keep ?? {});
  for (const [alias] of keepEntries) if (!/^[a-z_]+$/.test(alias)) throw new Error(`not a safe alias: ${alias}`);
  // Memory: DuckDB evaluates a vector (up to 2,048 documents) at a time, so every intermediate
  // value of a JSON expression exists for all those pages at once. Hence: materialise the documents,
  // learn each one's shape and record count in a narrow pass, then extract exactly one list per
  // document, only while its records are parsed.
  await ctx.tx.run(`CREATE TEMP TABLE ${docs} AS SELECT json FROM read_json_objects(${sqlLiteral(ctx.path)}, format = 'auto', maximum_object_size = 67108864)`);
  const n = wrappers.length;
  const probes = [...wrappers.map((w) => `$.${w}`), '$.stream', '$.data'];
  // Each JSON function keeps its own parse buffers for the whole vector: one or two per pass.
  const types = ctx.temp(`${name}_types`);
  const lengths = ctx.temp(`${name}_lengths`);
  const keptTable = ctx.temp(`${name}_kept`);
  await ctx.tx.run(`CREATE TEMP TABLE ${types} AS SELECT rowid AS doc, json_type(json) AS kind, json_type(json, ${constList(probes)}) AS types FROM ${docs}`);
  await ctx.tx.run(`CREATE TEMP TABLE ${lengths} AS
    SELECT rowid AS doc, CASE WHEN json_type(json) = 'ARRAY' THEN json_array_length(json) END AS top_length, json_array_length(json, ${constList(probes.slice(0, n))}) AS lengths FROM ${docs}`);
  await ctx.tx.run(`CREATE TEMP TABLE ${keptTable} AS SELECT rowid AS doc${keepEntries.map(([alias, path]) => `, json_extract(json, ${sqlLiteral(path)}) AS ${alias}`).join('')} FROM ${docs}`);
  const keptColumns = keepEntries.map(([alias]) => `, k.${alias}`).join('');
  await ctx.tx.run(`CREATE TEMP TABLE ${shapes} AS
    SELECT doc, shape, coalesce(sum(records) OVER (ORDER BY doc ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS base, records${keepEntries.map(([alias]) => `, ${alias}`).join('')}
    FROM (
      SELECT doc, shape, CASE shape WHEN 0 THEN top_length WHEN -1 THEN 1 WHEN -2 THEN 1 ELSE lengths[shape] END AS records${keepEntries.map(([alias]) => `, ${alias}`).join('')}
      FROM (
        SELECT t.doc, l.top_length, l.lengths${keptColumns}, CASE
            WHEN t.kind = 'ARRAY' THEN 0
            WHEN list_position(t.types[1:${n}], 'ARRAY') IS NOT NULL THEN list_position(t.types[1:${n}], 'ARRAY')
            WHEN t.types[${n + 1}] = 'VARCHAR' AND t.types[${n + 2}] = 'OBJECT' THEN -1
            ELSE -2 END AS shape
        FROM ${types} t JOIN ${lengths} l ON l.doc = t.doc JOIN ${keptTable} k ON k.doc = t.doc))`);
  for (const table of [types, lengths, keptTable]) await ctx.tx.run(`DROP TABLE ${table}`);
  // The one list of a document: a top-level array, a wrapper's array, an Airbyte record's data, or
  // itself. Materialised on its own: extracting and parsing records in one pipeline holds both
  // for a whole vector of pages and runs out of memory on large dumps.
  const pick = wrappers.map((w, i) => `WHEN ${i + 1} THEN json_extract(d.json, ${sqlLiteral(`$.${w}[*]`)})`).join(' ');
  const lists = ctx.temp(`${name}_lists`);
  await ctx.tx.run(`CREATE TEMP TABLE ${lists} AS
    SELECT s.doc, s.base, CASE s.shape WHEN 0 THEN json_extract(d.json, '$[*]') ${pick} WHEN -1 THEN [d.json -> 'data'] ELSE [d.json] END AS list
    FROM ${docs} d JOIN ${shapes} s ON s.doc = d.rowid`);
  await ctx.tx.run(`DROP TABLE ${docs}`);
  return {
    documents: shapes,
    records: `(SELECT doc, ord, base + ord AS line, record FROM (
        SELECT doc, base, unnest(list) AS record, unnest(range(1, len(list) + 1)) AS ord FROM ${lists}))`,
    rawSql: (doc, ord) => `(SELECT l.list[${ord}] FROM ${lists} l WHERE l.doc = ${doc})`,
    async drop() {
      await ctx.tx.run(`DROP TABLE ${lists}`);
      await ctx.tx.run(`DROP TABLE ${shapes}`);
    },
  };
}
