/**
 * The export calls of the contract (export:deck, export:data, export:viewPdf, clipboard:writeImage):
 * each runs as a job that reports `job:progress` (kind 'export') and ends with done or an error the
 * UI can show. The shell's renderer and desktop extras come from SessionEnv.exports.
 */
import type { CallRequestParsed } from '../../shared/contract';
import type { DataExport, DeckExport, ExportedFile } from '../../shared/export';
import { PDF_MIME } from '../../shared/export';
import type { Session } from '../app/session';
import { toAppError, UndertowError } from '../errors';
import { writeFileAtomic } from './atomic';
import { exportData } from './data-export';
import { exportDeck } from './deck';
import type { ExportShell } from './renderer';

type Progress = (fraction: number, label: string) => void;

export async function exportJob<T>(session: Session, label: string, work: (progress: Progress) => Promise<T>): Promise<T> {
  const jobId = session.nextJobId('export');
  const emit = session.env.emit;
  emit('job:progress', { jobId, kind: 'export', label, fraction: 0, done: false });
  try {
    const result = await work((fraction, step) => emit('job:progress', { jobId, kind: 'export', label: `${label}: ${step}`, fraction, done: false }));
    emit('job:progress', { jobId, kind: 'export', label: `${label}: done`, fraction: 1, done: true });
    return result;
  } catch (err) {
    emit('job:progress', { jobId, kind: 'export', label: `${label} failed`, fraction: null, done: true, error: toAppError(err).message });
    throw err;
  }
}

function shell(session: Session): ExportShell {
  const exports = session.env.exports;
  if (!exports) throw new UndertowError('unsupported', 'This shell cannot draw charts for exports.');
  return exports;
}

export function deckCall(session: Session, request: CallRequestParsed<'export:deck'>): Promise<DeckExport> {
  const ws = session.requireWorkspace();
  const { renderer } = shell(session);
  return exportJob(session, 'Exporting the board deck', (progress) =>
    exportDeck(
      ws,
      {
        charts: request.charts,
        scenarios: request.scenarios,
        from: request.from,
        to: request.to,
        title: request.title,
        org: request.org,
        formats: request.formats,
        out: request.out,
      },
      { renderer, progress },
    ),
  );
}

export function dataCall(session: Session, request: CallRequestParsed<'export:data'>): Promise<DataExport> {
  const ws = session.requireWorkspace();
  return exportJob(session, `Exporting tables as ${request.format === 'parquet' ? 'Parquet' : 'CSV'}`, (progress) => exportData(ws, request, progress));
}

export async function viewPdfCall(session: Session, request: CallRequestParsed<'export:viewPdf'>): Promise<ExportedFile> {
  const print = session.env.exports?.printWindowToPdf;
  if (!print) throw new UndertowError('unsupported', "Printing a view to PDF from here needs the desktop app; in the browser use its Print command and choose 'Save as PDF'.");
  const pdf = await print();
  const fileName = request.path?.split(/[\\/]/).pop() ?? `${request.name}.pdf`;
  if (request.path) {
    await writeFileAtomic(request.path, pdf);
    return { fileName, mime: PDF_MIME, bytes: pdf.length, path: request.path, base64: null };
  }
  return { fileName, mime: PDF_MIME, bytes: pdf.length, path: null, base64: pdf.toString('base64') };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function clipboardCall(session: Session, request: CallRequestParsed<'clipboard:writeImage'>): Promise<null> {
  const write = session.env.exports?.writeClipboardImage;
  if (!write) throw new UndertowError('unsupported', 'Copying an image to the clipboard goes through the browser here.');
  const png = Buffer.from(request.png, 'base64');
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new UndertowError('invalid_request', 'The image to copy is not a PNG.');
  await write(png);
  return null;
}
