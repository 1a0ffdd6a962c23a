import { resolve } from 'node:path';
import { canonicalTables, type CanonicalTable } from '../../../shared/domain';
import { requirePositional, UsageError, type Command } from '../command';
import { withCliSession } from '../session';

export const exportDataCommand: Command = {
  name: 'export-data',
  summary: 'The canonical tables as Parquet or CSV files (DuckDB COPY) plus a manifest, for a data team or a warehouse.',
  usage: 'export-data <workspace.duckdb> --format parquet|csv --out DIR [--table NAME]... [--json]',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    table: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    const format = values.format;
    if (format !== 'parquet' && format !== 'csv') throw new UsageError('--format must be parquet or csv');
    if (typeof values.out !== 'string' || !values.out) throw new UsageError('give --out DIR (the folder to write into)');
    const tables = (Array.isArray(values.table) ? values.table : []).flatMap((t) => String(t).split(',')).map((t) => t.trim()).filter(Boolean);
    for (const t of tables) if (!(canonicalTables as readonly string[]).includes(t)) throw new UsageError(`unknown table "${t}" (tables: ${canonicalTables.join(', ')})`);
    return withCliSession(
      async (cli) => {
        await cli.call('workspace:open', { path });
        const result = await cli.call('export:data', { format, dir: resolve(values.out as string), ...(tables.length ? { tables: tables as CanonicalTable[] } : {}) });
        if (values.json) {
          io.out(JSON.stringify(result, null, 2));
          return 0;
        }
        const width = Math.max(...result.tables.map((t) => t.table.length));
        io.out(`Exported ${result.tables.length} tables as ${format === 'parquet' ? 'Parquet' : 'CSV'} to ${result.dir}:`);
        for (const t of result.tables) io.out(`  ${t.table.padEnd(width)}  ${t.rows.toLocaleString('en-US').padStart(10)} rows  ${(t.bytes / 1024).toFixed(0).padStart(7)} KB`);
        io.out('  undertow-export.json (manifest: tables, row counts, column types)');
        return 0;
      },
      {
        emit: (event, payload) => {
          if (!values.json && event === 'job:progress' && payload && 'kind' in payload && payload.kind === 'export' && !payload.done) io.err(payload.label);
        },
      },
    );
  },
};
