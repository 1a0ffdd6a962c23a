import type { Queryable } from '../workspace/workspace';
import { safeIdent } from './sql';
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

const isTableName = (stage: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(stage.trim());

/**
 * Idempotent upsert by natural key with honest counts. Rows repeating a key within the file merge
 * into the last one. A row whose values (after filling its NULLs from the stored row) equal the
 * stored row is unchanged and is not written, so re-importing a file changes nothing.
 *
 * The work done follows what the counts show, so the common cases cost little more than an INSERT:
 * a stage given as a subquery is evaluated once (twice for its key columns alone); keys the file
 * does not repeat are not de-duplicated; and when none of the staged keys is stored yet (a first
 * import), the rows are plainly inserted — no join against the table, no ON CONFLICT. A stage given
 * as a table or view name is read as it is.
 */
export async function upsert(tx: Queryable, spec: UpsertSpec, importId: number): Promise<TableCounts> {
  const table = safeIdent(spec.table);
  const key = spec.key.map(safeIdent);
  const cols = spec.columns.map(safeIdent);
  const valueCols = spec.columns.filter((c) => !spec.key.includes(c));
  const overwrite = new Set(spec.overwrite ?? []);
  const temps: string[] = [];

  const joinOn = key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const keyStruct = `{${spec.key.map((k) => `${safeIdent(k)}: ${safeIdent(k)}`).join(', ')}}`;
  // Rows and distinct keys of a stage. Distinct key hashes are counted first, at about half the cost
  // of distinct key structs: when every row's hash differs, so do the keys. Only when some hashes
  // repeat (repeated keys, or a rare collision) are the keys themselves counted.
  const countKeys = async (source: string): Promise<[{ staged: number; keys: number }]> => {
    const [row] = await tx.all<{ staged: number; hashes: number }>(`SELECT count(*)::BIGINT AS staged, count(DISTINCT hash(${key.join(', ')}))::BIGINT AS hashes FROM ${source}`);
    const staged = Number(row?.staged ?? 0);
    if (Number(row?.hashes ?? 0) === staged) return [{ staged, keys: staged }];
    const [exact] = await tx.all<{ keys: number }>(`SELECT count(DISTINCT ${keyStruct})::BIGINT AS keys FROM ${source}`);
    return [{ staged, keys: Number(exact?.keys ?? 0) }];
  };
  const [table0] = await tx.all<{ stored: number }>(`SELECT count(*)::BIGINT AS stored FROM ${table}`);
  const stored = Number(table0?.stored ?? 0);

  let stage = spec.stage.trim();
  if (!isTableName(stage)) {
    if (stored === 0) {
      // A first import: when the file repeats no key, its rows go in straight from the stage query
      // (counting keys evaluates only the key expressions).
      const [shape] = await countKeys(stage);
      if (Number(shape?.keys) === Number(shape?.staged)) {
        const n = Number(shape?.staged ?? 0);
        if (n > 0) await tx.run(`INSERT INTO ${table} (${cols.join(', ')}, source_import) SELECT ${cols.join(', ')}, $import_id FROM ${stage}`, { import_id: importId });
        return { table: spec.table, inserted: n, updated: 0, unchanged: 0, duplicates: 0 };
      }
    }
    const materialised = `__import_${importId}_upsert_${spec.table}`;
    await tx.run(`CREATE OR REPLACE TEMP TABLE ${materialised} AS SELECT line, ${cols.join(', ')} FROM ${stage}`);
    temps.push(materialised);
    stage = materialised;
  }
  const [shape] = await countKeys(stage);
  const staged = Number(shape?.staged ?? 0);
  const keys = Number(shape?.keys ?? 0);
  let existing = 0;
  if (stored > 0 && staged > 0) {
    const [row] = await tx.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${stage} s JOIN ${table} t ON ${joinOn}`);
    existing = Number(row?.n ?? 0);
  }

  // Rows repeating a key merge into the last one (file order).
  let kept = stage;
  if (keys < staged) {
    kept = `__import_${importId}_dedup_${spec.table}`;
    await tx.run(`CREATE OR REPLACE TEMP TABLE ${kept} AS
      SELECT ${cols.join(', ')} FROM ${stage}
      QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY line DESC) = 1`);
    temps.push(kept);
  }

  let counts: TableCounts;
  if (existing === 0) {
    // Every key is new: the rows go in as they are.
    if (keys > 0) await tx.run(`INSERT INTO ${table} (${cols.join(', ')}, source_import) SELECT ${cols.join(', ')}, $import_id FROM ${kept}`, { import_id: importId });
    counts = { table: spec.table, inserted: keys, updated: 0, unchanged: 0, duplicates: staged - keys };
  } else {
    const merged = (c: string) => (overwrite.has(c) ? `s.${safeIdent(c)}` : `coalesce(s.${safeIdent(c)}, t.${safeIdent(c)})`);
    const same = valueCols.length ? valueCols.map((c) => `${merged(c)} IS NOT DISTINCT FROM t.${safeIdent(c)}`).join(' AND ') : 'true';
    const [c] = await tx.all<{ inserted: number; unchanged: number }>(`
      SELECT count(*) FILTER (WHERE t.${key[0]} IS NULL)::BIGINT AS inserted,
             count(*) FILTER (WHERE t.${key[0]} IS NOT NULL AND ${same})::BIGINT AS unchanged
      FROM ${kept} s LEFT JOIN ${table} t ON ${joinOn}`);
    const inserted = Number(c?.inserted ?? 0);
    const unchanged = Number(c?.unchanged ?? 0);
    // Stored keys that changed are updated in place, then the new keys are inserted: the tables keep
    // their natural keys without a unique index (migration 004), and this is what keeps them unique.
    if (keys - inserted - unchanged > 0) {
      const setClause = [...valueCols.map((col) => `${safeIdent(col)} = ${merged(col)}`), 'source_import = $import_id'];
      await tx.run(`UPDATE ${table} AS t SET ${setClause.join(', ')} FROM ${kept} s WHERE ${joinOn} AND NOT (${same})`, { import_id: importId });
    }
    if (inserted > 0) {
      await tx.run(
        `INSERT INTO ${table} (${cols.join(', ')}, source_import)
         SELECT ${cols.map((col) => `s.${col}`).join(', ')}, $import_id FROM ${kept} s
         WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${joinOn})`,
        { import_id: importId },
      );
    }
    counts = { table: spec.table, inserted, updated: keys - inserted - unchanged, unchanged, duplicates: staged - keys };
  }
  for (const t of temps) await tx.run(`DROP TABLE ${t}`);
  return counts;
}
