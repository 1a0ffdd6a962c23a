/**
 * CSV for people to open in a spreadsheet (RFC 4180), with formula injection neutralised
 * (product.md §10, OWASP "CSV Injection"): a text cell that starts with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before reading a formula) gets a leading apostrophe,
 * so Excel, LibreOffice and Google Sheets show it as text instead of running it. Numbers stay numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: neutralised, then quoted when it holds a delimiter, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is usually the header) as CSV text with CRLF line ends, as RFC 4180 and Excel expect. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
