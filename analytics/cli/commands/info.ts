import { requirePositional, type Command } from '../command';
import { withCliSession } from '../session';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Schema version, row counts of every canonical table and the data date range.',
  usage: 'info <workspace.duckdb> [--json]',
  options: { json: { type: 'boolean', default: false } },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    return withCliSession(async (cli) => {
      await cli.call('workspace:open', { path });
      const info = await cli.call('workspace:info', {});
      if (values.json) {
        io.out(JSON.stringify(info, null, 2));
        return 0;
      }
      io.out(`Workspace  ${info.path} (${info.kind}, schema ${info.schemaVersion})`);
      io.out(`Data       ${info.from ?? '—'} – ${info.to ?? '—'}`);
      const width = Math.max(...Object.keys(info.tables).map((t) => t.length));
      for (const [table, n] of Object.entries(info.tables)) io.out(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US')}`);
      return 0;
    });
  },
};
