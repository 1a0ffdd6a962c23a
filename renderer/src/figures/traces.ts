/** Trace helpers so every chart draws bars and lines the same way. Pure. */
import type { Data, Datum } from 'plotly.js-dist-min';
import { monthly } from './theme';

export function barTrace(spec: {
  name: string;
  x: readonly string[];
  y: readonly (number | null)[];
  colour: string;
  hover: string;
  axis?: 'y' | 'y2';
  customdata?: readonly (Datum | readonly Datum[])[];
}): Data {
  return {
    type: 'bar',
    name: spec.name,
    x: [...spec.x],
    y: [...spec.y],
    ...monthly,
    yaxis: spec.axis ?? 'y',
    marker: { color: spec.colour, line: { width: 0 } },
    ...(spec.customdata ? { customdata: spec.customdata.map((d) => (Array.isArray(d) ? [...(d as Datum[])] : d)) as Datum[] } : {}),
    hovertemplate: `${spec.hover}<extra></extra>`,
  };
}

export function lineTrace(spec: {
  name: string;
  x: readonly string[];
  y: readonly (number | null)[];
  colour: string;
  hover: string;
  axis?: 'y' | 'y2';
  dash?: 'solid' | 'dot' | 'dash';
  customdata?: readonly (Datum | readonly Datum[])[];
}): Data {
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: spec.name,
    x: [...spec.x],
    y: [...spec.y],
    ...monthly,
    yaxis: spec.axis ?? 'y',
    // A month without data is a gap, never a line drawn through a made-up value.
    connectgaps: false,
    line: { color: spec.colour, width: 2.5, dash: spec.dash ?? 'solid', shape: 'linear' },
    marker: { color: spec.colour, size: 6 },
    ...(spec.customdata ? { customdata: spec.customdata.map((d) => (Array.isArray(d) ? [...(d as Datum[])] : d)) as Datum[] } : {}),
    hovertemplate: `${spec.hover}<extra></extra>`,
  };
}
