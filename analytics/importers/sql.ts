/**
 * SQL text helpers every importer uses. Values from files are bound as parameters; what is spliced
 * into SQL text is either our own constants (`sqlLiteral`, `sqlList`) or identifiers quoted here.
 */
import type { Queryable, SqlParams } from '../workspace/workspace';

/** SQL string literal for a value we control (file paths, our constants): doubles quotes, refuses NUL. */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A list of our constants as an SQL list literal. */
export function sqlList(values: readonly string[]): string {
  return `[${values.map(sqlLiteral).join(', ')}]`;
}

/** Any name (a file's column header, a JSON key) as a quoted SQL identifier: double quotes doubled, NUL refused. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('NUL in an identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table or column name from our code (snake_case), quoted; anything else is a programming error. */
export function safeIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe identifier: ${name}`);
  return `"${name}"`;
}

/** `nullif(trim(x), '')`: export cells and JSON strings treat blank text as missing. */
export const blankToNull = (expr: string) => `nullif(trim(${expr}), '')`;

/** The named parameters a statement uses, out of `params` (DuckDB refuses unused named parameters). */
export function usedParams(sql: string, params: Readonly<Record<string, string | number | null>>): Record<string, string | number | null> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(String.raw`\$${name}\b`).test(sql)));
}

/**
 * The transaction with named parameters bound into every statement that uses them, so SQL handed
 * to a helper that binds only its own (the framework's `upsert`) can still refer to e.g. `$tz`.
 */
export function withParams(tx: Queryable, extra: Readonly<Record<string, string | number>>): Queryable {
  const bind = (sql: string, params?: SqlParams): SqlParams | undefined => {
    const used = usedParams(sql, extra);
    if (Object.keys(used).length === 0) return params;
    if (Array.isArray(params)) throw new Error('withParams: positional parameters cannot be combined with named ones');
    return { ...(params as Record<string, unknown> | undefined), ...used } as SqlParams;
  };
  return {
    connection: tx.connection,
    all: (sql, params) => tx.all(sql, bind(sql, params)),
    run: (sql, params) => tx.run(sql, bind(sql, params)),
  };
}
