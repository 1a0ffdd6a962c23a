/**
 * Assistant names, for rules that do not name a tool themselves (`Generated-by: …`,
 * `Assisted-by: …`): the tool is read from the matched line. First match wins.
 */
export const TOOL_NAMES: ReadonlyArray<readonly [tool: string, regex: string]> = [
  ['copilot', 'copilot'],
  ['claude', 'claude|anthropic'],
  ['cursor', 'cursor'],
  ['codex', 'codex'],
  ['chatgpt', 'chatgpt|openai|\\bgpt-?[0-9]'],
  ['gemini', 'gemini|jules'],
  ['devin', 'devin'],
  ['amazon-q', 'amazon[ -]?q\\b|codewhisperer'],
  ['windsurf', 'windsurf|codeium'],
  ['aider', 'aider'],
  ['tabnine', 'tabnine'],
];

/** SQL expression naming the tool in `expr` (NULL when none). Patterns are constants from this file. */
export function inferToolSql(expr: string): string {
  const cases = TOOL_NAMES.map(([tool, regex]) => `WHEN regexp_matches(${expr}, '(?i)${regex.replace(/'/g, "''")}') THEN '${tool}'`);
  return `CASE ${cases.join(' ')} END`;
}
