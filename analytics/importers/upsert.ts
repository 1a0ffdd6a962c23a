import type { Queryable } from '../workspace/workspace';
import type { TableCounts } from './types';

export interface UpsertSpec {
  /** Canonical table (a constant in code, never user input). */
  table: string;
  /** Its natural key columns. */
  key: readonly string[];
  /** Columns the stage provides, key columns included; `line` orders duplicates (last wins). */
  columns: readonly string[];
  /** A temp table or subquery holding the parsed, valid rows, with a `line` column. */
  stage: string;
  /** Columns a newer file replaces even with NULL (default: none — later files fill in, never erase). */
  overwrite?: readonly string[];
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe identifier: ${name}`);
  return `"${name}"`;
};

/**
 * Idempotent upsert by natural key with honest counts. Rows repeating a key within the file merge
 * into the last one. A row whose values (after filling its NULLs from the stored row) equal the
 * stored row is unchanged and is not written, so re-importing a file changes nothing.
 */
export async function upsert(tx: Queryable, spec: UpsertSpec, importId: number): Promise<TableCounts> {
  const table = ident(spec.table);
  const key = spec.key.map(ident);
  const cols = spec.columns.map(ident);
  const valueCols = spec.columns.filter((c) => !spec.key.includes(c));
  const overwrite = new Set(spec.overwrite ?? []);
  const merged = (c: string) => (overwrite.has(c) ? `s.${ident(c)}` : `coalesce(s.${ident(c)}, t.${ident(c)})`);
  const dedup = `__dedup_${spec.table}_${importId}`;

  await tx.run(`CREATE OR REPLACE TEMP TABLE ${dedup} AS
    SELECT ${cols.join(', ')} FROM ${spec.stage}
    QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY line DESC) = 1`);

  const joinOn = key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const same = valueCols.length ? valueCols.map((c) => `${merged(c)} IS NOT DISTINCT FROM t.${ident(c)}`).join(' AND ') : 'true';
  const [counts] = await tx.all<{ staged: number; kept: number; inserted: number; unchanged: number }>(`
    SELECT (SELECT count(*) FROM ${spec.stage}) AS staged,
           count(*) AS kept,
           count(*) FILTER (WHERE t.${key[0]} IS NULL) AS inserted,
           count(*) FILTER (WHERE t.${key[0]} IS NOT NULL AND ${same}) AS unchanged
    FROM ${dedup} s LEFT JOIN ${table} t ON ${joinOn}`);
  const c = counts ?? { staged: 0, kept: 0, inserted: 0, unchanged: 0 };

  if (c.kept - c.unchanged > 0) {
    const setClause = [...valueCols.map((col) => `${ident(col)} = ${overwrite.has(col) ? `excluded.${ident(col)}` : `coalesce(excluded.${ident(col)}, ${table}.${ident(col)})`}`), `source_import = excluded.source_import`];
    await tx.run(`
      INSERT INTO ${table} (${cols.join(', ')}, source_import)
      SELECT ${cols.map((col) => `s.${col}`).join(', ')}, $import_id
      FROM ${dedup} s LEFT JOIN ${table} t ON ${joinOn}
      WHERE t.${key[0]} IS NULL OR NOT (${same})
      ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${setClause.join(', ')}`, { import_id: importId });
  }
  await tx.run(`DROP TABLE ${dedup}`);
  return {
    table: spec.table,
    inserted: c.inserted,
    updated: c.kept - c.inserted - c.unchanged,
    unchanged: c.unchanged,
    duplicates: c.staged - c.kept,
  };
}
