/**
 * A chart's export menu (docs/exporting.md): PNG at the size on screen or slide-sized 16:9 (both at
 * 2x), SVG, the chart's data as CSV (formula injection neutralised), and a copy of the image for
 * pasting into a slide. Images are drawn by Plotly from the same figure the chart shows.
 */
import { useState, type KeyboardEvent, type RefObject } from 'react';
import type PlotlyModule from 'plotly.js-dist-min';
import type { Figure } from '../figures/theme';
import { figureToCsv } from '../lib/csv-export';
import { csvBlob, dataUrlToBlob, downloadBlob } from '../lib/export-files';
import { useAppStore } from '../store/react';
import { useMenu } from './use-menu';

type PlotlyApi = typeof PlotlyModule;

/** 960 × 540 CSS pixels at 2x: a 1920 × 1080 image that fills a 16:9 slide. */
export const SLIDE_EXPORT = { width: 960, height: 540, scale: 2 } as const;

export interface ExportMenuProps {
  /** Chart id: files are named undertow-<id>.<ext>. */
  id: string;
  label: string;
  figure: Figure;
  plotly: PlotlyApi;
  plot: RefObject<HTMLDivElement | null>;
}

type Action = 'png-screen' | 'png-slide' | 'svg' | 'csv' | 'copy';

export function ExportMenu({ id, label, figure, plotly, plot }: ExportMenuProps) {
  const { open, setOpen, panelId, buttonRef, panelRef } = useMenu();
  const [busy, setBusy] = useState(false);
  const notify = useAppStore((s) => s.notify);
  const copyChartImage = useAppStore((s) => s.copyChartImage);

  const image = (format: 'png' | 'svg', size: { width: number; height: number; scale: number }) =>
    plotly.toImage({ data: figure.data, layout: { ...figure.layout, width: size.width, height: size.height } }, { format, ...size });

  const screenSize = () => {
    const el = plot.current;
    return { width: Math.max(320, Math.round(el?.clientWidth ?? 800)), height: Math.max(200, Math.round(el?.clientHeight ?? 340)), scale: 2 };
  };

  const run = async (action: Action) => {
    setOpen(false);
    buttonRef.current?.focus();
    setBusy(true);
    const name = `undertow-${id}`;
    try {
      switch (action) {
        case 'png-screen':
          downloadBlob(dataUrlToBlob(await image('png', screenSize())), `${name}.png`);
          break;
        case 'png-slide':
          downloadBlob(dataUrlToBlob(await image('png', SLIDE_EXPORT)), `${name}-16x9.png`);
          break;
        case 'svg':
          downloadBlob(dataUrlToBlob(await image('svg', { ...screenSize(), scale: 1 })), `${name}.svg`);
          break;
        case 'csv':
          downloadBlob(csvBlob(figureToCsv(figure)), `${name}.csv`);
          break;
        case 'copy': {
          const url = await image('png', SLIDE_EXPORT);
          await copyChartImage(url.slice(url.indexOf(',') + 1));
          break;
        }
      }
    } catch (err) {
      notify('error', `Could not export "${label}": ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    event.preventDefault();
    buttons[event.key === 'ArrowDown' ? (index + 1) % buttons.length : (index - 1 + buttons.length) % buttons.length]?.focus();
  };

  const item = (action: Action, text: string, hint: string) => (
    <button type="button" role="menuitem" className="menu-item" data-testid={`chart-export-${action}`} onClick={() => void run(action)}>
      <span>{text}</span>
      <span className="export-menu-hint">{hint}</span>
    </button>
  );

  return (
    // Keys stay in the menu: the chart card uses arrows and Enter for drill-down.
    <div className="export-menu" onKeyDown={(e) => e.stopPropagation()}>
      <button
        ref={buttonRef}
        type="button"
        className="export-menu-button"
        data-testid={`chart-export-${id}`}
        aria-label={`Export ${label}`}
        title="Export this chart"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={busy}
        onClick={() => setOpen((v) => !v)}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
          <path d="M8 2.5v7M5 6.5l3 3 3-3M3 11.5v1.5h10v-1.5" />
        </svg>
      </button>
      {open ? (
        <div ref={panelRef} id={panelId} role="menu" aria-label={`Export ${label}`} className="menu export-menu-panel" onKeyDown={onPanelKeyDown}>
          {item('png-screen', 'PNG image', 'as on screen, 2x')}
          {item('png-slide', 'PNG for a slide', '16:9, 1920 × 1080')}
          {item('svg', 'SVG image', 'vector')}
          {item('csv', 'Data as CSV', 'the numbers plotted')}
          <div className="menu-section">{item('copy', 'Copy image', 'paste into a slide')}</div>
        </div>
      ) : null}
    </div>
  );
}
