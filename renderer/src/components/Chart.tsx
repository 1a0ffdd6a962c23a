/**
 * The one chart component: draws a pure figure with Plotly.react, follows its container's size and
 * purges the plot on unmount. Plotly (~4.7 MB) loads lazily, once, in its own chunk, so the shell
 * paints before it arrives.
 */
import { useEffect, useRef, useState } from 'react';
import type PlotlyModule from 'plotly.js-dist-min';
import type { Config } from 'plotly.js-dist-min';
import type { Figure } from '../figures/theme';

type PlotlyApi = typeof PlotlyModule;

let plotlyPromise: Promise<PlotlyApi> | null = null;
let plotlyLoaded: PlotlyApi | null = null;

function loadPlotly(): Promise<PlotlyApi> {
  plotlyPromise ??= import('plotly.js-dist-min').then((m) => {
    plotlyLoaded = m.default;
    return m.default;
  });
  return plotlyPromise;
}

function configFor(filename: string): Partial<Config> {
  return {
    displaylogo: false,
    responsive: true,
    displayModeBar: 'hover',
    // Axes are fixed (no zoom/pan): the mode bar only takes the chart into a slide, as a PNG.
    modeBarButtons: [['toImage']],
    toImageButtonOptions: { format: 'png', filename, scale: 2 },
    showTips: false,
  };
}

export interface ChartProps {
  /** Stable id: the container's test id is `chart-<id>` and exports are named after it. */
  id: string;
  figure: Figure;
  /** What the chart shows, for assistive technology. */
  label: string;
  height?: number;
}

export function Chart({ id, figure, label, height = 340 }: ChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const plottedRef = useRef(false);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(plotlyLoaded);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (plotly) return;
    let live = true;
    loadPlotly().then(
      (p) => live && setPlotly(() => p),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [plotly]);

  // Size tracking and cleanup for the lifetime of the plot.
  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // Typed void, but returns a promise that rejects while the div is hidden.
        if (plottedRef.current && el.isConnected) void Promise.resolve(plotly.Plots.resize(el)).catch(() => undefined);
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      plottedRef.current = false;
      plotly.purge(el);
    };
  }, [plotly]);

  useEffect(() => {
    const el = plotRef.current;
    if (!plotly || !el) return;
    void plotly.react(el, figure.data, figure.layout, configFor(`undertow-${id}`)).then(
      () => {
        plottedRef.current = true;
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, [plotly, figure, id]);

  return (
    <figure className="chart-card" data-testid={`chart-${id}`} aria-label={label}>
      <div ref={plotRef} className="chart-plot" style={{ height }} />
      {!plotly && !loadError ? <div className="chart-placeholder skeleton" data-testid="chart-loading" aria-hidden="true" /> : null}
      {loadError ? (
        <div className="chart-placeholder chart-failed" role="alert">
          The chart could not be drawn: {loadError}
        </div>
      ) : null}
    </figure>
  );
}
