import type { ImportReport } from '../../../shared/domain';
import { UndertowError } from '../../errors';
import { detectFormat, importers } from '../../importers';
import { orgMapCsv } from '../../importers/formats/org-map';
import { sampleFile } from '../../importers/sample';
import { UsageError, requirePositional, type CliIO, type Command } from '../command';
import { withCliSession } from '../session';

/** Human summary of an import report, one block per file. */
export function printImportReport(report: ImportReport, io: CliIO): void {
  io.out(`Times without a zone read as ${report.timeZone}.`);
  for (const f of report.files) {
    if (f.error) {
      io.out(`✗ ${f.path}\n    ${f.error}`);
      continue;
    }
    io.out(`✓ ${f.path} — ${f.formatLabel}`);
    io.out(`    ${f.inserted} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.duplicates} merged duplicates, ${f.rejected} rejected`);
    for (const r of f.rejects.slice(0, 20)) io.out(`    line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.reason}`);
    if (f.rejected > 20) io.out(`    … ${f.rejected - 20} more rejects in the workspace's import_rejects table`);
  }
}

async function runImport(path: string, files: string[], values: Record<string, unknown>, io: CliIO): Promise<number> {
  if (files.length === 0) throw new UsageError('name at least one export file');
  return withCliSession(async (cli) => {
    await cli.session.openOrCreate(path);
    const report = await cli.call('import:files', { paths: files, ...(typeof values.tz === 'string' ? { timeZone: values.tz } : {}) });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printImportReport(report, io);
    return report.files.some((f) => f.error) ? 1 : 0;
  });
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import export files (format detected from content); creates the workspace if needed.',
  usage: 'import <workspace.duckdb> <file>... [--tz Europe/Berlin] [--json]',
  options: { json: { type: 'boolean', default: false }, tz: { type: 'string' } },
  run: ({ positionals, values }, io) => runImport(requirePositional(positionals, 0, 'workspace path'), positionals.slice(1), values, io),
};

export const orgCommand: Command = {
  name: 'org',
  summary: 'Import an org map CSV (type,key,team,seniority) into the workspace.',
  usage: 'org <workspace.duckdb> <org-map.csv> [--json]',
  options: { json: { type: 'boolean', default: false } },
  async run({ positionals, values }, io) {
    const workspace = requirePositional(positionals, 0, 'workspace path');
    const file = requirePositional(positionals, 1, 'org map CSV');
    const detected = detectFormat(importers, await sampleFile(file));
    if (detected?.format !== orgMapCsv.format) {
      throw new UndertowError('invalid_request', `${file} is not an org map: expected a CSV with columns type,key,team,seniority${detected ? ` (it looks like ${detected.label})` : ''}.`);
    }
    return runImport(workspace, [file], values, io);
  },
};
