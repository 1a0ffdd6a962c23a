/**
 * Run a multi-statement .sql file with named parameters. DuckDB prepares one statement at a time
 * and refuses unused parameters, so the file is split at statement ends (a `;` that ends a line)
 * and each statement gets only the parameters it names. `--` comments are removed first (the
 * scripts this runs keep `--` out of string literals).
 */
import type { Queryable, SqlParam } from '../workspace/workspace';

export function statements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function runScript(tx: Queryable, sql: string, params: Readonly<Record<string, SqlParam>> = {}): Promise<void> {
  for (const statement of statements(sql)) {
    const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(statement)));
    await tx.run(statement, Object.keys(used).length > 0 ? used : undefined);
  }
}

/** A string list as a bound parameter that survives being empty (DuckDB cannot type an empty list): JSON text. */
export function jsonList(values: readonly string[]): string {
  return JSON.stringify(values);
}
