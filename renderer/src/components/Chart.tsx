/**
 * The one chart component: draws a pure figure with Plotly.react, follows its container's size and
 * purges the plot on unmount. Plotly (~4.7 MB) loads lazily, once, in its own chunk, so the shell
 * paints before it arrives.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type PlotlyModule from 'plotly.js-dist-min';
import type { Config, PlotlyHTMLElement } from 'plotly.js-dist-min';
import { drillableTraces, drillPointCount, type ChartPoint } from '../figures/drill';
import type { Figure } from '../figures/theme';
import { ExportMenu } from './ExportMenu';

type PlotlyApi = typeof PlotlyModule;

/** Plotly's hover API (untyped in its bundle): shows a point's hover label from the keyboard. */
type Fx = { hover(gd: HTMLElement, points: ChartPoint[]): void; unhover(gd: HTMLElement): void };
const fxOf = (plotly: PlotlyApi): Fx | null => (plotly as unknown as { Fx?: Fx }).Fx ?? null;

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
    // Axes are fixed (no zoom/pan) and exports live in the chart's own menu (ExportMenu): no mode bar.
    displayModeBar: false,
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
  /**
   * Drill-down: called with the clicked points (or the point chosen with the arrow keys and Enter).
   * Only traces marked `drillable` (figures/drill.ts) are offered to the keyboard.
   */
  onPointClick?: (points: ChartPoint[]) => void;
}

export function Chart({ id, figure, label, height = 340, onPointClick }: ChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const plottedRef = useRef(false);
  const [plotly, setPlotly] = useState<PlotlyApi | null>(plotlyLoaded);
  const [loadError, setLoadError] = useState<string | null>(null);
  const clickRef = useRef(onPointClick);
  // The point chosen with the keyboard, for the figure it was chosen in (a new figure starts afresh).
  const [chosen, setChosen] = useState<{ figure: Figure; point: ChartPoint } | null>(null);
  const active = chosen?.figure === figure ? chosen.point : null;
  const hintId = useId();
  const drillable = onPointClick !== undefined;

  useEffect(() => {
    clickRef.current = onPointClick;
  }, [onPointClick]);

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
      (gd: PlotlyHTMLElement) => {
        plottedRef.current = true;
        if (!drillable) return;
        gd.removeAllListeners?.('plotly_click');
        gd.on('plotly_click', (event) => clickRef.current?.(event.points.map((p) => ({ curveNumber: p.curveNumber, pointNumber: p.pointNumber }))));
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, [plotly, figure, id, drillable]);

  /** Arrow keys walk the drillable points (Left/Right within a series, Up/Down across series); Enter drills. */
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys meant for controls inside the chart (its export menu) are theirs.
    if (event.target !== event.currentTarget) return;
    const el = plotRef.current;
    const traces = drillableTraces(figure);
    if (!drillable || !el || !plotly || traces.length === 0) return;
    const current = active && traces.includes(active.curveNumber) ? active : null;
    let next: ChartPoint | null = current;
    const count = (curve: number) => drillPointCount(figure, curve);
    const curve = current?.curveNumber ?? traces[0]!;
    const point = current?.pointNumber ?? count(curve) - 1;
    switch (event.key) {
      case 'ArrowRight':
        next = { curveNumber: curve, pointNumber: current ? Math.min(point + 1, count(curve) - 1) : point };
        break;
      case 'ArrowLeft':
        next = { curveNumber: curve, pointNumber: current ? Math.max(point - 1, 0) : point };
        break;
      case 'Home':
        next = { curveNumber: curve, pointNumber: 0 };
        break;
      case 'End':
        next = { curveNumber: curve, pointNumber: count(curve) - 1 };
        break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const i = traces.indexOf(curve);
        const j = current ? (i + (event.key === 'ArrowDown' ? 1 : -1) + traces.length) % traces.length : i;
        const c = traces[j]!;
        next = { curveNumber: c, pointNumber: Math.min(point, count(c) - 1) };
        break;
      }
      case 'Enter':
      case ' ':
        if (current) {
          event.preventDefault();
          clickRef.current?.([current]);
        }
        return;
      case 'Escape':
        if (current) {
          event.stopPropagation();
          setChosen(null);
          fxOf(plotly)?.unhover(el);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (!next || next.pointNumber < 0) return;
    setChosen({ figure, point: next });
    fxOf(plotly)?.hover(el, [next]);
  };

  const activeText = active ? describePoint(figure, active) : '';

  return (
    <figure
      className={drillable ? 'chart-card chart-drillable' : 'chart-card'}
      data-testid={`chart-${id}`}
      aria-label={label}
      tabIndex={drillable ? 0 : undefined}
      aria-describedby={drillable ? hintId : undefined}
      onKeyDown={drillable ? onKeyDown : undefined}
      onBlur={
        drillable
          ? (event) => {
              if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
              setChosen(null);
              if (plotly && plotRef.current) fxOf(plotly)?.unhover(plotRef.current);
            }
          : undefined
      }
    >
      <div ref={plotRef} className="chart-plot" style={{ height }} />
      {plotly && !loadError ? <ExportMenu id={id} label={label} figure={figure} plotly={plotly} plot={plotRef} /> : null}
      {drillable ? (
        <span id={hintId} className="visually-hidden">
          Click a point, or use the arrow keys and Enter, to list the rows behind it.
        </span>
      ) : null}
      {drillable ? (
        <span className="visually-hidden" aria-live="polite">
          {activeText}
        </span>
      ) : null}
      {!plotly && !loadError ? <div className="chart-placeholder skeleton" data-testid="chart-loading" aria-hidden="true" /> : null}
      {loadError ? (
        <div className="chart-placeholder chart-failed" role="alert">
          The chart could not be drawn: {loadError}
        </div>
      ) : null}
    </figure>
  );
}

/** "Incidents, 2026-09: 24" for the live region while a point is chosen with the keyboard. */
function describePoint(figure: Figure, point: ChartPoint): string {
  const trace = figure.data[point.curveNumber] as { name?: string; y?: unknown[]; meta?: { periods?: string[] } } | undefined;
  const period = trace?.meta?.periods?.[point.pointNumber] ?? '';
  const value = trace?.y?.[point.pointNumber];
  return `${trace?.name ?? 'Point'}, ${period}: ${typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : 'no value'}. Press Enter to list the rows.`;
}
