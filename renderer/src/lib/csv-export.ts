/**
 * A chart's data as CSV: the figure the chart draws, turned back into a table a spreadsheet can use —
 * one row per period or category, one column per series, with each series' interval ends where it
 * has error bars. Cells are neutralised against formula injection by shared/csv.ts (product.md §10).
 * Pure: the figure in, CSV text out.
 */
import type { Data, Layout, LayoutAxis } from 'plotly.js-dist-min';
import { toCsv, type CsvValue } from '../../../shared/csv';
import type { Figure } from '../figures/theme';

type Cell = string | number | null;

interface TraceLike {
  name?: string;
  x?: readonly unknown[];
  y?: readonly unknown[];
  orientation?: 'h' | 'v';
  xaxis?: string;
  yaxis?: string;
  error_x?: { array?: readonly unknown[]; arrayminus?: readonly unknown[] };
  error_y?: { array?: readonly unknown[]; arrayminus?: readonly unknown[] };
  showlegend?: boolean;
}

interface Series {
  name: string;
  categories: Cell[];
  values: Cell[];
  low: Cell[] | null;
  high: Cell[] | null;
}

const asCell = (v: unknown): Cell => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : null);

function axisOf(layout: Partial<Layout>, ref: string | undefined, letter: 'x' | 'y'): Partial<LayoutAxis> | undefined {
  const suffix = ref && ref.length > 1 ? ref.slice(1) : '';
  return (layout as Record<string, unknown>)[`${letter}axis${suffix}`] as Partial<LayoutAxis> | undefined;
}

function axisTitle(axis: Partial<LayoutAxis> | undefined): string | null {
  const title = axis?.title;
  const text = typeof title === 'string' ? title : title?.text;
  return text ? stripTags(text) : null;
}

/** Plotly titles may carry <br> and <span>: keep the words. */
function stripTags(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

/** A category axis drawn at numeric positions with tick labels (interval charts): position → label. */
function labeller(axis: Partial<LayoutAxis> | undefined): (v: Cell) => Cell {
  const vals = (axis?.tickvals ?? []) as unknown[];
  const texts = (axis?.ticktext ?? []) as unknown[];
  if (!vals.length || vals.length !== texts.length) return (v) => v;
  return (v) => {
    if (typeof v !== 'number') return v;
    let best = -1;
    let distance = Infinity;
    vals.forEach((t, i) => {
      const d = Math.abs(Number(t) - v);
      if (d < distance) {
        distance = d;
        best = i;
      }
    });
    return best >= 0 && distance <= 0.5 ? stripTags(String(texts[best])) : v;
  };
}

function interval(values: Cell[], error: TraceLike['error_x']): { low: Cell[]; high: Cell[] } | null {
  if (!error?.array && !error?.arrayminus) return null;
  const plus = error.array ?? [];
  const minus = error.arrayminus ?? error.array ?? [];
  const at = (arr: readonly unknown[], i: number) => (typeof arr[i] === 'number' ? (arr[i] as number) : null);
  return {
    low: values.map((v, i) => (typeof v === 'number' && at(minus, i) !== null ? v - at(minus, i)! : null)),
    high: values.map((v, i) => (typeof v === 'number' && at(plus, i) !== null ? v + at(plus, i)! : null)),
  };
}

function seriesOf(trace: TraceLike, layout: Partial<Layout>, index: number): Series | null {
  const x = (trace.x ?? []).map(asCell);
  const y = (trace.y ?? []).map(asCell);
  // Legend-only keys (x and y all null) are not data; a series whose values are all missing still is.
  if (!x.some((v) => v !== null) && !y.some((v) => v !== null)) return null;
  // Horizontal: bars marked so, or interval markers whose whiskers run along x.
  const horizontal = trace.orientation === 'h' || (trace.error_x !== undefined && trace.error_y === undefined);
  const categories = horizontal ? y.map(labeller(axisOf(layout, trace.yaxis, 'y'))) : x.map(labeller(axisOf(layout, trace.xaxis, 'x')));
  const values = horizontal ? x : y;
  const bounds = interval(values, horizontal ? trace.error_x : trace.error_y);
  return { name: stripTags(trace.name ?? `Series ${index + 1}`), categories, values, low: bounds?.low ?? null, high: bounds?.high ?? null };
}

/** The figure's data as CSV text (RFC 4180, CRLF), header row first. */
export function figureToCsv(figure: Figure): string {
  const series = (figure.data as readonly Data[])
    .map((t, i) => seriesOf(t as TraceLike, figure.layout, i))
    .filter((s): s is Series => s !== null);
  if (series.length === 0) return toCsv([['No data']]);

  // Rows in the order categories first appear; repeated positions of one category (grouped markers) share a row.
  const order: Cell[] = [];
  const seen = new Set<string>();
  for (const s of series) {
    for (const c of s.categories) {
      const key = JSON.stringify(c);
      if (c !== null && !seen.has(key)) {
        seen.add(key);
        order.push(c);
      }
    }
  }

  const names = new Map<string, number>();
  const unique = (name: string) => {
    const n = (names.get(name) ?? 0) + 1;
    names.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const firstTrace = figure.data[0] as TraceLike | undefined;
  const horizontal = series.length > 0 && (firstTrace?.orientation === 'h' || (firstTrace?.error_x !== undefined && firstTrace?.error_y === undefined));
  const categoryHeader = (horizontal ? null : axisTitle(figure.layout.xaxis)) ?? (order.every((c) => typeof c === 'string' && /^\d{4}-(\d{2}|W\d{2})/.test(c)) ? 'Period' : 'Category');

  const header: CsvValue[] = [categoryHeader];
  const columns: Array<(row: Cell) => Cell> = [];
  for (const s of series) {
    const name = unique(s.name);
    const index = new Map(s.categories.map((c, i) => [JSON.stringify(c), i]));
    const pick = (arr: Cell[]) => (row: Cell) => {
      const i = index.get(JSON.stringify(row));
      return i === undefined ? null : (arr[i] ?? null);
    };
    header.push(name);
    columns.push(pick(s.values));
    if (s.low && s.high) {
      header.push(`${name} (low)`, `${name} (high)`);
      columns.push(pick(s.low), pick(s.high));
    }
  }
  return toCsv([header, ...order.map((row) => [row, ...columns.map((col) => col(row))])]);
}
