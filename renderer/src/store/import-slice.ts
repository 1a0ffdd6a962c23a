/**
 * The import wizard (Data → Import): files dropped or picked → their paths (desktop) or uploads
 * (browser mode) → `import:preview` per file (format, first rows, zone and mapping needs) → the
 * user's zone and column choices → `import:files` with per-file options, progress per file from
 * `job:progress` events → the report (kept/merged/rejected with reasons).
 */
import type { ImportFilePreview, ImportRejects } from '../../../shared/data';
import type { ImportReport } from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import type { FileTransport } from '../api/files';
import { fieldLabel } from '../lib/import-fields';
import type { SliceCreator } from './types';

export interface WizardFile {
  id: number;
  /** The name the user knows (an upload's server path is a temporary one). */
  name: string;
  size: number;
  status: 'resolving' | 'previewing' | 'ready' | 'error';
  path: string | null;
  preview: ImportFilePreview | null;
  /** Why the file cannot be imported (upload failed, unreadable, no known format). */
  error: string | null;
  /** Chosen zone for zone-less times (files that need one). */
  timeZone: string | null;
  /** Chosen column per canonical field (generic formats); '' = not mapped. */
  mapping: Record<string, string>;
}

export interface FileProgress {
  fraction: number | null;
  label: string;
}

export interface ImportRun {
  paths: string[];
  names: Record<string, string>;
  progress: Record<string, FileProgress>;
}

export interface ImportSlice {
  importWizard: {
    files: WizardFile[];
    /** The zone new files start with (the workspace's setting, else the machine's), from the last preview. */
    defaultTimeZone: string | null;
    run: ImportRun | null;
    /** The last import's report, with the display name of each path. */
    report: { report: ImportReport; names: Record<string, string> } | null;
    error: AppError | null;
  };
  /** 'path' (desktop), 'upload' (browser mode) or null when this shell cannot read dropped files. */
  importTransport: FileTransport['kind'] | null;
  addImportFiles: (files: readonly File[]) => Promise<void>;
  removeImportFile: (id: number) => void;
  clearImportFiles: () => void;
  /** One file's zone, or every file's that needs one (`'all'`). */
  setImportTimeZone: (id: number | 'all', zone: string) => void;
  setImportMapping: (id: number, field: string, column: string) => void;
  /** Import every ready file; resolves with the report (null when nothing could be imported). */
  startImport: () => Promise<Result<ImportReport> | null>;
  dismissImportReport: () => void;
  /** All stored rejects of one import (the report download). */
  loadImportRejects: (importId: number) => Promise<Result<ImportRejects>>;
}

/** Why a file cannot be imported yet, in words; empty when it can. */
export function fileBlockers(file: WizardFile): string[] {
  if (file.status === 'error') return [file.error ?? 'The file cannot be imported.'];
  if (file.status !== 'ready' || !file.preview) return ['Still reading the file.'];
  const blockers: string[] = [];
  const mapping = file.preview.mapping;
  if (mapping) {
    const missing = mapping.fields.filter((f) => f.required && !file.mapping[f.field]).map((f) => `“${fieldLabel(f.field)}”`);
    if (missing.length > 0) blockers.push(`Choose the file’s column for ${missing.join(' and ')} (required).`);
    const used = Object.values(file.mapping).filter((c) => c !== '');
    const twice = used.find((c, i) => used.indexOf(c) !== i);
    if (twice) blockers.push(`Column "${twice}" is mapped to two fields.`);
  }
  if (file.preview.timeZone.needed && !file.timeZone) blockers.push('Choose the time zone its times were written in.');
  return blockers;
}

/** Files the import button will import: read, recognised and fully specified. */
export function importableFiles(files: readonly WizardFile[]): WizardFile[] {
  return files.filter((f) => f.status === 'ready' && fileBlockers(f).length === 0);
}

/** The `perFile` options of `import:files` for these files. */
export function perFileOptions(files: readonly WizardFile[]): Record<string, { timeZone?: string; columnMapping?: Record<string, string> }> {
  const options: Record<string, { timeZone?: string; columnMapping?: Record<string, string> }> = {};
  for (const file of files) {
    if (!file.path || !file.preview) continue;
    const entry: { timeZone?: string; columnMapping?: Record<string, string> } = {};
    if (file.preview.timeZone.needed && file.timeZone) entry.timeZone = file.timeZone;
    if (file.preview.mapping) {
      const mapping = Object.fromEntries(Object.entries(file.mapping).filter(([, column]) => column !== ''));
      if (Object.keys(mapping).length > 0) entry.columnMapping = mapping;
    }
    if (Object.keys(entry).length > 0) options[file.path] = entry;
  }
  return options;
}

export const createImportSlice: SliceCreator<ImportSlice> = ({ api, files: transport }) => (set, get) => {
  let nextId = 1;
  const patch = (p: Partial<ImportSlice['importWizard']>) => set((s) => ({ importWizard: { ...s.importWizard, ...p } }));
  const patchFile = (id: number, p: Partial<WizardFile>) =>
    set((s) => ({ importWizard: { ...s.importWizard, files: s.importWizard.files.map((f) => (f.id === id ? { ...f, ...p } : f)) } }));
  const fileById = (id: number) => get().importWizard.files.find((f) => f.id === id);

  async function prepare(id: number, file: File): Promise<void> {
    if (!transport) {
      patchFile(id, { status: 'error', error: 'This window cannot read dropped files. Use the CLI: npm run cli -- import <workspace> <files>.' });
      return;
    }
    const resolved = await transport.resolve(file);
    if (!fileById(id)) return; // removed meanwhile
    if (!resolved.ok) {
      patchFile(id, { status: 'error', error: resolved.error.message });
      return;
    }
    const { path } = resolved.value;
    if (get().importWizard.files.some((f) => f.id !== id && f.path === path)) {
      // The same file twice (desktop paths): keep the first.
      set((s) => ({ importWizard: { ...s.importWizard, files: s.importWizard.files.filter((f) => f.id !== id) } }));
      return;
    }
    patchFile(id, { status: 'previewing', path });
    const answer = await api['import:preview']({ paths: [path] });
    if (!fileById(id)) return;
    if (!answer.ok) {
      patchFile(id, { status: 'error', error: answer.error.message });
      return;
    }
    const preview = answer.value.files[0]!;
    const zone = get().importWizard.defaultTimeZone ?? answer.value.defaultTimeZone;
    patch({ defaultTimeZone: zone });
    patchFile(id, {
      status: preview.error ? 'error' : 'ready',
      preview,
      error: preview.error ?? null,
      timeZone: preview.timeZone.needed ? zone : null,
      mapping: preview.mapping ? { ...preview.mapping.proposed } : {},
    });
  }

  return {
    importWizard: { files: [], defaultTimeZone: null, run: null, report: null, error: null },
    importTransport: transport?.kind ?? null,

    addImportFiles: async (picked) => {
      const added = picked.map((file) => ({ file, entry: { id: nextId++, name: file.name, size: file.size, status: 'resolving' as const, path: null, preview: null, error: null, timeZone: null, mapping: {} } }));
      if (added.length === 0) return;
      set((s) => ({ importWizard: { ...s.importWizard, files: [...s.importWizard.files, ...added.map((a) => a.entry)], error: null } }));
      // One at a time: uploads share the line, and each file shows its preview as soon as it is read.
      for (const { file, entry } of added) await prepare(entry.id, file);
    },

    removeImportFile: (id) => set((s) => ({ importWizard: { ...s.importWizard, files: s.importWizard.files.filter((f) => f.id !== id) } })),

    clearImportFiles: () => patch({ files: [] }),

    setImportTimeZone: (id, zone) =>
      set((s) => ({
        importWizard: {
          ...s.importWizard,
          ...(id === 'all' ? { defaultTimeZone: zone } : {}),
          files: s.importWizard.files.map((f) => ((id === 'all' ? f.preview?.timeZone.needed : f.id === id) ? { ...f, timeZone: zone } : f)),
        },
      })),

    setImportMapping: (id, field, column) => {
      const file = fileById(id);
      if (file) patchFile(id, { mapping: { ...file.mapping, [field]: column } });
    },

    startImport: async () => {
      const wizard = get().importWizard;
      if (wizard.run) return null;
      const files = importableFiles(wizard.files);
      if (files.length === 0) return null;
      const paths = files.map((f) => f.path!);
      const names = Object.fromEntries(files.map((f) => [f.path!, f.name]));
      const progress = Object.fromEntries(paths.map((p) => [p, { fraction: 0, label: 'Waiting' }]));
      patch({ run: { paths, names, progress }, error: null });
      const stop = api.on('job:progress', (event) => {
        const file = event.kind === 'import' ? event.file : undefined;
        const run = get().importWizard.run;
        if (!file || !run || !(file.path in run.progress)) return;
        patch({ run: { ...run, progress: { ...run.progress, [file.path]: { fraction: file.fraction, label: file.label } } } });
      });
      let result: Result<ImportReport>;
      try {
        result = await api['import:files']({ paths, perFile: perFileOptions(files) });
      } finally {
        stop();
      }
      if (!result.ok) {
        patch({ run: null, error: result.error });
        return result;
      }
      const imported = new Set(paths);
      set((s) => ({
        importWizard: {
          ...s.importWizard,
          run: null,
          report: { report: result.value, names },
          files: s.importWizard.files.filter((f) => !f.path || !imported.has(f.path)),
        },
      }));
      const failed = result.value.files.filter((f) => f.error).length;
      get().notify(failed > 0 ? 'error' : 'info', failed > 0 ? `${failed} of ${paths.length} files could not be imported; the report says why.` : `Imported ${paths.length} ${paths.length === 1 ? 'file' : 'files'}.`);
      return result;
    },

    dismissImportReport: () => patch({ report: null }),

    loadImportRejects: (importId) => api['imports:rejects']({ importId }),
  };
};
