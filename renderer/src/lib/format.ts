/** Number and date formatting for the UI and the figures. Pure; dates are calendar strings (UTC). */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234 → "1,234"; null → "–". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : integer.format(value);
}

/** 0.417 → "41.7%"; null → "–". */
export function formatShare(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(digits)}%`;
}

/** A score such as NPS: 32.4 → "32"; null → "–". */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const rounded = Math.round(value);
  return integer.format(Object.is(rounded, -0) ? 0 : rounded);
}

/** A rate with one decimal: 3.25 → "3.3"; null → "–". */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : oneDecimal.format(value);
}

interface YearMonth {
  year: number;
  month: number; // 1..12
}

function parseYearMonth(value: string): YearMonth | null {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** "2026-10" or "2026-10-31" → "Oct 2026" (or "October 2026" with `long`). */
export function formatMonth(value: string | null | undefined, long = false): string {
  const ym = value ? parseYearMonth(value) : null;
  if (!ym) return '';
  return `${(long ? MONTHS_LONG : MONTHS)[ym.month - 1]} ${ym.year}`;
}

/** "2026-10-31" → "31 Oct 2026". */
export function formatDay(value: string | null | undefined): string {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return '';
  const month = Number(m[2]);
  if (month < 1 || month > 12) return '';
  return `${Number(m[3])} ${MONTHS[month - 1]} ${m[1]}`;
}

/** A data date range by month: "Nov 2024 – Oct 2026"; one month → "Oct 2026"; no data → "". */
export function formatDateRange(from: string | null | undefined, to: string | null | undefined): string {
  const a = formatMonth(from);
  const b = formatMonth(to);
  if (!a || !b) return a || b;
  return a === b ? a : `${a} – ${b}`;
}

/** The month before "2026-01" is "2025-12". */
export function previousMonth(month: string): string {
  const ym = parseYearMonth(month);
  if (!ym) return month;
  const y = ym.month === 1 ? ym.year - 1 : ym.year;
  const m = ym.month === 1 ? 12 : ym.month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** The month after "2025-12" is "2026-01". */
export function nextMonth(month: string): string {
  const ym = parseYearMonth(month);
  if (!ym) return month;
  const y = ym.month === 12 ? ym.year + 1 : ym.year;
  const m = ym.month === 12 ? 1 : ym.month + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
