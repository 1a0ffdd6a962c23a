/**
 * A minimal RFC 4180 CSV writer (https://www.rfc-editor.org/rfc/rfc4180#section-2): a field is
 * quoted when it contains a comma, a double quote, CR or LF (or starts/ends with a space, which some
 * readers would trim); quotes inside are doubled. Records end with the given line ending — CRLF per
 * the RFC and Excel-oriented exports — while line breaks inside quoted cells stay as written.
 */

export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], lineEnding: '\r\n' | '\n' = '\r\n'): string {
  const lines = [csvRecord(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header has ${header.length}`);
    lines.push(csvRecord(row));
  }
  return lines.join(lineEnding) + lineEnding;
}
