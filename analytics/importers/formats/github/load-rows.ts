/**
 * A fast path in front of the framework's `upsert` for the common first import of a big file: when
 * none of the staged keys is stored yet and the file repeats no key, every row is simply new, so a
 * plain INSERT gives the same rows and counts as the upsert at about half the cost (no dedup copy,
 * no ON CONFLICT; measured on 350k commits: ~1.0–1.5 s CPU against ~1.9–3.0 s). Anything else —
 * a re-import, an overlapping file, keys repeated within the file — goes through `upsert` unchanged.
 * (Candidate to move into upsert.ts itself.)
 */
import type { Queryable } from '../../../workspace/workspace';
import type { TableCounts } from '../../types';
import { upsert, type UpsertSpec } from '../../upsert';

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe identifier: ${name}`);
  return `"${name}"`;
};

export async function insertOrUpsert(tx: Queryable, spec: UpsertSpec, importId: number): Promise<TableCounts> {
  const table = ident(spec.table);
  const keys = spec.key.map(ident);
  const [c] = await tx.all<{ staged: number; distinct_keys: number; existing: number }>(
    `SELECT count(*)::BIGINT AS staged, count(DISTINCT (${keys.map((k) => `s.${k}`).join(', ')}))::BIGINT AS distinct_keys, count(t.${keys[0]})::BIGINT AS existing
     FROM ${spec.stage} s LEFT JOIN ${table} t ON ${keys.map((k) => `t.${k} = s.${k}`).join(' AND ')}`,
  );
  const staged = Number(c?.staged ?? 0);
  if (staged > 0 && Number(c?.existing) === 0 && Number(c?.distinct_keys) === staged) {
    const cols = spec.columns.map(ident).join(', ');
    await tx.run(`INSERT INTO ${table} (${cols}, source_import) SELECT ${cols}, $import_id FROM ${spec.stage}`, { import_id: importId });
    return { table: spec.table, inserted: staged, updated: 0, unchanged: 0, duplicates: 0 };
  }
  return upsert(tx, spec, importId);
}
