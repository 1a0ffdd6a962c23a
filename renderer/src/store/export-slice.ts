/**
 * Exports from the UI (docs/exporting.md): the board-deck dialog and its run, a view as PDF, and a
 * chart image onto the clipboard. Files come back inline from the engine and are handed to the
 * browser as downloads (the desktop shell shows its save dialog).
 */
import type { DeckExport, DeckChartId, ExportedFile } from '../../../shared/export';
import { defaultDeckCharts, MAX_DECK_SCENARIOS } from '../../../shared/export';
import type { AppError } from '../../../shared/errors';
import { base64ToBytes, downloadBlob } from '../lib/export-files';
import type { SliceCreator } from './types';

export interface DeckDialogState {
  charts: DeckChartId[];
  /** Saved scenario names offered, and the ones chosen. */
  available: string[];
  scenarios: string[];
  formats: Array<'pptx' | 'pdf'>;
  busy: boolean;
  error: AppError | null;
  /** The last export's slides and notes, shown after it finished. */
  result: DeckExport | null;
}

export interface ExportSlice {
  deckDialog: DeckDialogState | null;
  openDeckDialog: () => Promise<void>;
  closeDeckDialog: () => void;
  setDeckCharts: (charts: DeckChartId[]) => void;
  setDeckScenarios: (names: string[]) => void;
  setDeckFormats: (formats: Array<'pptx' | 'pdf'>) => void;
  /** Build the deck with the dialog's choices and download the files. */
  exportDeck: () => Promise<void>;
  /** The current view as PDF: the desktop prints the window; a browser opens its print dialog. */
  exportViewPdf: (name: string) => Promise<void>;
  /** A chart's PNG (base64) onto the clipboard: through the desktop shell, else the browser's clipboard. */
  copyChartImage: (pngBase64: string) => Promise<void>;
}

function downloadExported(file: ExportedFile | null): void {
  if (!file?.base64) return;
  downloadBlob(new Blob([base64ToBytes(file.base64)], { type: file.mime }), file.fileName);
}

export const createExportSlice: SliceCreator<ExportSlice> = ({ api }) => (set, get) => {
  const patch = (p: Partial<DeckDialogState>) => set((s) => (s.deckDialog ? { deckDialog: { ...s.deckDialog, ...p } } : {}));
  return {
    deckDialog: null,
    openDeckDialog: async () => {
      set({ deckDialog: { charts: [...defaultDeckCharts], available: [], scenarios: [], formats: ['pptx'], busy: false, error: null, result: null } });
      const saved = await api['scenario:list']({});
      if (!saved.ok) {
        patch({ error: saved.error });
        return;
      }
      const names = saved.value.map((s) => s.name);
      const recent = [...saved.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, MAX_DECK_SCENARIOS).map((s) => s.name);
      patch({ available: names, scenarios: names.filter((n) => recent.includes(n)) });
    },
    closeDeckDialog: () => {
      if (!get().deckDialog?.busy) set({ deckDialog: null });
    },
    setDeckCharts: (charts) => patch({ charts, result: null }),
    setDeckScenarios: (scenarios) => patch({ scenarios: scenarios.slice(0, MAX_DECK_SCENARIOS), result: null }),
    setDeckFormats: (formats) => patch({ formats, result: null }),
    exportDeck: async () => {
      const dialog = get().deckDialog;
      if (!dialog || dialog.busy) return;
      patch({ busy: true, error: null, result: null });
      const result = await api['export:deck']({ charts: dialog.charts, scenarios: dialog.scenarios, formats: dialog.formats });
      if (!result.ok) {
        patch({ busy: false, error: result.error });
        return;
      }
      downloadExported(result.value.pptx);
      downloadExported(result.value.pdf);
      patch({ busy: false, result: result.value });
      get().notify('info', `Board deck exported: ${result.value.slides.length} slides.`);
    },
    exportViewPdf: async (name) => {
      if (get().app.mode !== 'desktop') {
        // Browser mode: the browser's own print dialog ("Save as PDF") with the print stylesheet.
        window.print();
        return;
      }
      const result = await api['export:viewPdf']({ name });
      if (!result.ok) get().notify('error', result.error.message);
      else downloadExported(result.value);
    },
    copyChartImage: async (pngBase64) => {
      if (get().app.mode === 'desktop') {
        const result = await api['clipboard:writeImage']({ png: pngBase64 });
        if (!result.ok) get().notify('error', `Could not copy the chart: ${result.error.message}`);
        else get().notify('info', 'Chart copied to the clipboard.');
        return;
      }
      try {
        if (!navigator.clipboard || typeof ClipboardItem === 'undefined') throw new Error('this browser does not allow pages to copy images');
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([base64ToBytes(pngBase64)], { type: 'image/png' }) })]);
        get().notify('info', 'Chart copied to the clipboard.');
      } catch (err) {
        get().notify('error', `Could not copy the chart: ${err instanceof Error ? err.message : String(err)}. Download the PNG instead.`);
      }
    },
  };
};
