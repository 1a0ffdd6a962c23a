/**
 * `export:deck` and `npm run cli -- deck`: read the workspace, draw the charts with the renderer's own
 * figures (through the adapter's ExportRenderer), lay out the slides, write the PPTX and, when asked,
 * a PDF of the same slides. Files are written atomically; without a path they come back inline.
 */
import type { DeckExport, ExportedFile, RenderRequest } from '../../../shared/export';
import { PDF_MIME, PPTX_MIME } from '../../../shared/export';
import { UndertowError } from '../../errors';
import type { Workspace } from '../../workspace/workspace';
import { checkTarget, writeFileAtomic } from '../atomic';
import type { ExportRendererFactory } from '../renderer';
import { CHART_RENDER, composeDeck, type DeckImages } from './compose';
import { figureRequest, gatherDeckData, type DeckRequest } from './data';
import { deckHtml } from './html';
import type { Deck } from './model';
import { SLIDE } from './model';
import { writePptx } from './pptx';

export interface DeckExportRequest extends DeckRequest {
  /** The deck's title (title slide and file properties). */
  title?: string | undefined;
  formats: ReadonlyArray<'pptx' | 'pdf'>;
  /** Where to write each format; a format without a path comes back inline (base64). */
  out?: { pptx?: string | undefined; pdf?: string | undefined } | undefined;
}

export interface DeckExportEnv {
  renderer: ExportRendererFactory;
  progress?: (fraction: number, label: string) => void;
  now?: Date;
}

export interface BuiltDeck {
  deck: Deck;
  pptx: Buffer;
  pdf: Buffer | null;
  fileStem: string;
  warnings: string[];
}

/** Build the deck in memory (used by exportDeck and by tests that read it back). */
export async function buildDeck(ws: Workspace, request: DeckExportRequest, env: DeckExportEnv): Promise<BuiltDeck> {
  const progress = env.progress ?? (() => undefined);
  if (request.formats.length === 0) throw new UndertowError('invalid_request', 'Choose PPTX, PDF or both.');
  progress(0.02, 'Reading the workspace');
  const data = await gatherDeckData(ws, request, env.now);
  const warnings: string[] = [];
  if (!data.scenarios) {
    warnings.push(
      request.scenarios === undefined
        ? 'No saved scenarios: the deck has no scenario comparison. Save scenarios in the Scenarios view (or `npm run cli -- scenario … --save NAME`) to add one.'
        : 'No scenarios chosen: the deck has no scenario comparison.',
    );
  }

  const chartRequests: RenderRequest[] = data.charts.map((chart) => ({ figure: figureRequest(chart, data), format: 'png', ...CHART_RENDER, hideTitle: true }));
  if (data.scenarios) chartRequests.push({ figure: { kind: 'scenarioDelta', comparison: data.scenarios.comparison, metric: 'incidents' }, format: 'png', ...CHART_RENDER, hideTitle: true });
  progress(0.4, `Drawing ${chartRequests.length} chart${chartRequests.length === 1 ? '' : 's'}`);
  const renderer = await env.renderer();
  try {
    const pngs = await renderer.renderFigures(chartRequests);
    const images: DeckImages = { charts: {}, scenarioIncidents: data.scenarios ? (pngs[data.charts.length] ?? null) : null };
    data.charts.forEach((chart, i) => (images.charts[chart] = pngs[i]!));
    progress(0.7, 'Laying out the slides');
    const deck = composeDeck(data, images, { title: request.title });
    const pptx = await writePptx(deck);
    let pdf: Buffer | null = null;
    if (request.formats.includes('pdf')) {
      progress(0.85, 'Printing the PDF');
      pdf = await renderer.htmlToPdf(deckHtml(deck), { widthIn: SLIDE.width, heightIn: SLIDE.height });
    }
    const fileStem = `${slug(data.org)}-board-deck-${data.dataAsOf}`;
    return { deck, pptx, pdf, fileStem, warnings };
  } finally {
    await renderer.close().catch(() => undefined);
  }
}

export async function exportDeck(ws: Workspace, request: DeckExportRequest, env: DeckExportEnv): Promise<DeckExport> {
  // A wrong path fails before a minute of work, not after.
  for (const path of [request.out?.pptx, request.out?.pdf]) if (path) await checkTarget(path);
  const built = await buildDeck(ws, request, env);
  const progress = env.progress ?? (() => undefined);
  progress(0.95, 'Saving');
  const file = async (bytes: Buffer, ext: 'pptx' | 'pdf', path: string | undefined): Promise<ExportedFile> => {
    const fileName = path ? (path.split(/[\\/]/).pop() ?? path) : `${built.fileStem}.${ext}`;
    const mime = ext === 'pptx' ? PPTX_MIME : PDF_MIME;
    if (path) {
      await writeFileAtomic(path, bytes);
      return { fileName, mime, bytes: bytes.length, path, base64: null };
    }
    return { fileName, mime, bytes: bytes.length, path: null, base64: bytes.toString('base64') };
  };
  const pptx = request.formats.includes('pptx') ? await file(built.pptx, 'pptx', request.out?.pptx) : null;
  const pdf = built.pdf ? await file(built.pdf, 'pdf', request.out?.pdf) : null;
  return { pptx, pdf, slides: built.deck.slides.map((s) => s.title), warnings: built.warnings };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 60) || 'undertow'
  );
}
