/** A small inline-SVG trend line for table rows (figures/sparkline.ts does the geometry). */
import { sparkline, type SparklineOptions } from '../figures/sparkline';

export function Sparkline({
  values,
  label,
  tone,
  width = 112,
  height = 28,
  min,
  max,
}: {
  values: readonly (number | null)[];
  /** What the line shows, for assistive technology ("Merged PRs by month, Nov 2024 to Oct 2026"). */
  label: string;
  /** The series colour (a CSS class suffix): ai, incidents, prs, cfr. */
  tone: 'ai' | 'incidents' | 'prs' | 'cfr';
} & Partial<Pick<SparklineOptions, 'width' | 'height' | 'min' | 'max'>>) {
  const line = sparkline(values, { width, height, padding: 3, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  return (
    <svg className={`sparkline sparkline-${tone}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline">
      {line.paths.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      ))}
      {line.last ? <circle cx={line.last.x} cy={line.last.y} r={2.5} fill="currentColor" /> : null}
    </svg>
  );
}
