/**
 * Bulk loading through DuckDB's appender, one data chunk (2,048 rows, DuckDB's vector size) at a
 * time: ~10x faster than row-by-row appends and no SQL per row. Rows are given as arrays in the order
 * of `columns`; table columns not named are appended as NULL. Cells are plain JS values: instants as
 * epoch milliseconds (TIMESTAMP and DATE columns), string arrays for VARCHAR[] columns.
 */
import { DuckDBDataChunk, DuckDBDateValue, DuckDBTimestampValue, DuckDBTypeId, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Queryable } from '../../../analytics/workspace/workspace';

export type Cell = string | number | boolean | null | readonly string[];

const CHUNK_ROWS = 2048;
const DAY_MS = 86_400_000;

function convert(value: Cell, type: DuckDBType, table: string, column: string): DuckDBValue {
  if (value === null) return null;
  const mismatch = (): Error => new Error(`${table}.${column}: cannot append ${JSON.stringify(value)} to a ${type.toString()} column`);
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP:
      if (typeof value !== 'number') throw mismatch();
      return new DuckDBTimestampValue(BigInt(value) * 1000n);
    case DuckDBTypeId.DATE:
      if (typeof value !== 'number') throw mismatch();
      return new DuckDBDateValue(Math.floor(value / DAY_MS));
    case DuckDBTypeId.BIGINT:
      if (typeof value !== 'number') throw mismatch();
      return BigInt(value);
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.DOUBLE:
      if (typeof value !== 'number') throw mismatch();
      return value;
    case DuckDBTypeId.BOOLEAN:
      if (typeof value !== 'boolean') throw mismatch();
      return value;
    case DuckDBTypeId.VARCHAR:
      if (typeof value !== 'string') throw mismatch();
      return value;
    case DuckDBTypeId.LIST:
      if (!Array.isArray(value)) throw mismatch();
      return listValue(value as readonly string[]);
    default:
      throw mismatch();
  }
}

/** Append `rows` to `table` inside the caller's transaction; returns the number of rows appended. */
export async function appendRows(tx: Queryable, table: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<number> {
  const tableColumns = (
    await tx.all<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
      [table],
    )
  ).map((r) => r.column_name);
  if (tableColumns.length === 0) throw new Error(`appendRows: no table ${table}`);
  const unknown = columns.filter((c) => !tableColumns.includes(c));
  if (unknown.length > 0) throw new Error(`appendRows: ${table} has no column(s) ${unknown.join(', ')}`);
  const sourceIndex = tableColumns.map((c) => columns.indexOf(c));

  const appender = await tx.connection.createAppender(table);
  try {
    const types = tableColumns.map((_, i) => appender.columnType(i));
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows.length - start);
      const chunkColumns: DuckDBValue[][] = types.map((type, ci) => {
        const from = sourceIndex[ci]!;
        const values: DuckDBValue[] = new Array<DuckDBValue>(count);
        for (let r = 0; r < count; r++) values[r] = from < 0 ? null : convert(rows[start + r]![from]!, type, table, tableColumns[ci]!);
        return values;
      });
      const chunk = DuckDBDataChunk.create(types, count);
      chunk.setColumns(chunkColumns);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return rows.length;
}
