/** Small SQL text helpers for constants we write ourselves (regular expressions, format lists). */

/** A constant as an SQL string literal (quotes doubled). Only for text in our code, never file content. */
export function constLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A constant string list as an SQL list literal. */
export function constList(values: readonly string[]): string {
  return `[${values.map(constLiteral).join(', ')}]`;
}

/** Jira issue keys: project key (letters, digits, underscore; starting with a letter), dash, number. */
export const ISSUE_KEY_PATTERN = String.raw`^[A-Za-z][A-Za-z0-9_]*-[0-9]+$`;
