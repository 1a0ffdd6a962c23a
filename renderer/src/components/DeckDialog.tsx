/**
 * "Export" in the header (docs/exporting.md): the board deck (the leader picks charts and saved
 * scenarios, PPTX and/or PDF) and the current view as PDF. Progress shows through the job indicator.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { deckChartIds, deckChartLabels, MAX_DECK_SCENARIOS, type DeckChartId } from '../../../shared/export';
import { useAppStore } from '../store/react';
import { Icon } from './icons';
import { useMenu } from './use-menu';

export function HeaderExport() {
  const { open, setOpen, panelId, buttonRef, panelRef, close } = useMenu();
  const hasWorkspace = useAppStore((s) => s.app.workspace !== null);
  const view = useAppStore((s) => s.ui.view);
  const openDeckDialog = useAppStore((s) => s.openDeckDialog);
  const exportViewPdf = useAppStore((s) => s.exportViewPdf);
  const dialogOpen = useAppStore((s) => s.deckDialog !== null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };
  const choose = (action: () => unknown) => {
    setOpen(false);
    void action();
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button button-ghost"
        data-testid="export-menu"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!hasWorkspace}
        onClick={() => setOpen((v) => !v)}
      >
        <span>Export</span>
        <Icon name="chevron-down" size={14} />
      </button>
      {open ? (
        <div ref={panelRef} id={panelId} className="menu export-header-panel" onKeyDown={onKeyDown}>
          <button type="button" className="menu-item" data-testid="export-deck" onClick={() => choose(openDeckDialog)}>
            Board deck (PPTX, PDF)…
          </button>
          <button type="button" className="menu-item" data-testid="export-view-pdf" onClick={() => choose(() => exportViewPdf(`undertow-${view}`))}>
            This view as PDF
          </button>
        </div>
      ) : null}
      {dialogOpen ? <DeckDialog /> : null}
    </div>
  );
}

function DeckDialog() {
  const dialog = useAppStore((s) => s.deckDialog)!;
  const close = useAppStore((s) => s.closeDeckDialog);
  const setCharts = useAppStore((s) => s.setDeckCharts);
  const setScenarios = useAppStore((s) => s.setDeckScenarios);
  const setFormats = useAppStore((s) => s.setDeckFormats);
  const exportDeck = useAppStore((s) => s.exportDeck);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));
  const chartsInOrder = (list: DeckChartId[]) => deckChartIds.filter((c) => list.includes(c));
  const canExport = dialog.charts.length > 0 && dialog.formats.length > 0 && !dialog.busy;

  return (
    <dialog
      ref={ref}
      className="dialog deck-dialog"
      data-testid="deck-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void exportDeck();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Board deck
        </h2>
        <p className="dialog-text">
          A title slide, the headline numbers, one slide per chart with its takeaway, definition and data coverage, the saved scenarios compared, and a methods appendix with the sources of every prior.
        </p>
        <fieldset className="deck-fieldset">
          <legend className="field-label">Charts</legend>
          {deckChartIds.map((chart) => (
            <label key={chart} className="deck-option">
              <input
                type="checkbox"
                data-testid={`deck-chart-${chart}`}
                checked={dialog.charts.includes(chart)}
                disabled={dialog.busy}
                onChange={(e) => setCharts(chartsInOrder(toggle(dialog.charts, chart, e.target.checked)))}
              />
              {deckChartLabels[chart]}
            </label>
          ))}
        </fieldset>
        <fieldset className="deck-fieldset">
          <legend className="field-label">Saved scenarios (up to {MAX_DECK_SCENARIOS})</legend>
          {dialog.available.length === 0 ? <p className="deck-empty">No saved scenarios yet: save one in Scenarios to compare it in the deck.</p> : null}
          {dialog.available.map((name) => (
            <label key={name} className="deck-option">
              <input
                type="checkbox"
                checked={dialog.scenarios.includes(name)}
                disabled={dialog.busy || (!dialog.scenarios.includes(name) && dialog.scenarios.length >= MAX_DECK_SCENARIOS)}
                onChange={(e) => setScenarios(toggle(dialog.scenarios, name, e.target.checked))}
              />
              {name}
            </label>
          ))}
        </fieldset>
        <fieldset className="deck-fieldset deck-formats">
          <legend className="field-label">Files</legend>
          {(['pptx', 'pdf'] as const).map((format) => (
            <label key={format} className="deck-option">
              <input
                type="checkbox"
                data-testid={`deck-format-${format}`}
                checked={dialog.formats.includes(format)}
                disabled={dialog.busy}
                onChange={(e) => setFormats((['pptx', 'pdf'] as const).filter((f) => (f === format ? e.target.checked : dialog.formats.includes(f))))}
              />
              {format === 'pptx' ? 'PowerPoint (.pptx)' : 'PDF'}
            </label>
          ))}
        </fieldset>
        {dialog.error ? (
          <p className="field-error" role="alert" data-testid="deck-error">
            {dialog.error.message}
          </p>
        ) : null}
        {dialog.result ? (
          <p className="deck-result" role="status" data-testid="deck-result">
            Exported {dialog.result.slides.length} slides.{dialog.result.warnings.length ? ` ${dialog.result.warnings.join(' ')}` : ''}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close} disabled={dialog.busy}>
            {dialog.result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" data-testid="deck-submit" disabled={!canExport}>
            {dialog.busy ? 'Exporting…' : 'Export deck'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
