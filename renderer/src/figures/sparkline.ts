/**
 * Sparklines for table rows, drawn as inline SVG (dozens per table: a Plotly chart each would be
 * heavy). Pure: values in, SVG path data out. A missing value breaks the line rather than inventing one.
 */

export interface SparklineOptions {
  width: number;
  height: number;
  /** Inset so the stroke and the end dot are not clipped. */
  padding?: number;
  /** Fix the bottom of the scale (e.g. 0 for counts); the data minimum otherwise. */
  min?: number;
  /** Fix the top of the scale (e.g. 1 for shares); the data maximum otherwise. */
  max?: number;
}

export interface Sparkline {
  /** One SVG path (M/L commands) per unbroken run of values. */
  paths: string[];
  /** The last value's point, for an end dot; null when the last value is missing. */
  last: { x: number; y: number; value: number } | null;
  min: number | null;
  max: number | null;
}

const round = (v: number) => Math.round(v * 100) / 100;

export function sparkline(values: readonly (number | null)[], options: SparklineOptions): Sparkline {
  const pad = options.padding ?? 2;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { paths: [], last: null, min: null, max: null };
  const min = options.min ?? Math.min(...present);
  const max = Math.max(options.max ?? Math.max(...present), min);
  const span = max - min;
  const innerW = options.width - 2 * pad;
  const innerH = options.height - 2 * pad;
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  const xAt = (i: number) => round(values.length > 1 ? pad + i * step : options.width / 2);
  // A flat series sits in the middle rather than on the floor.
  const yAt = (v: number) => round(span === 0 ? pad + innerH / 2 : pad + innerH - ((Math.min(Math.max(v, min), max) - min) / span) * innerH);
  const paths: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) paths.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${xAt(i)},${yAt(v)}`;
  });
  if (current) paths.push(current);
  const lastValue = values[values.length - 1];
  const last = lastValue !== null && lastValue !== undefined && Number.isFinite(lastValue) ? { x: xAt(values.length - 1), y: yAt(lastValue), value: lastValue } : null;
  return { paths, last, min, max };
}
