import { buildDemoWorkspace } from '../../demo';
import { Workspace } from '../../workspace/workspace';
import { workspaceInfo } from '../../workspace/info';
import { requirePositional, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create (or rebuild) the demo workspace; refuses to overwrite a non-demo file.',
  usage: 'demo <workspace.duckdb> [--json]',
  options: { json: { type: 'boolean', default: false } },
  async run({ positionals, values }, io) {
    const path = requirePositional(positionals, 0, 'workspace path');
    let lastLabel = '';
    await buildDemoWorkspace(path, {
      onProgress: (fraction, label) => {
        if (!values.json && label !== lastLabel) io.err(`${Math.round(fraction * 100)}% ${label}`);
        lastLabel = label;
      },
    });
    const ws = await Workspace.open(path);
    try {
      const info = await workspaceInfo(ws);
      if (values.json) io.out(JSON.stringify(info, null, 2));
      else io.out(`Demo workspace written to ${path} (${info.tables.pull_requests} PRs, ${info.from} – ${info.to}).`);
    } finally {
      await ws.close();
    }
    return 0;
  },
};
