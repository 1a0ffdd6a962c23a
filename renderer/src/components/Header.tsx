import { formatDateRange } from '../lib/format';
import { useAppStore } from '../store/react';
import { HeaderExport } from './DeckDialog';
import { WorkspaceMenu } from './WorkspaceMenu';

export function Header() {
  const workspace = useAppStore((s) => s.app.workspace);
  const booting = useAppStore((s) => s.app.boot === 'starting');
  const range = workspace ? formatDateRange(workspace.from, workspace.to) : '';

  return (
    <header className="topbar">
      <div className="workspace-id">
        <span className="workspace-name" data-testid="workspace-name" title={workspace?.path}>
          {workspace ? workspace.name : booting ? '' : 'No workspace open'}
        </span>
        {workspace?.kind === 'demo' ? (
          <span className="badge badge-accent" title="A synthetic organisation generated for trying Undertow">
            Demo
          </span>
        ) : null}
        {workspace ? (
          <span className="workspace-range tabular" data-testid="workspace-range">
            {range || 'No data yet'}
          </span>
        ) : null}
      </div>
      <div className="topbar-actions">
        <HeaderExport />
        <WorkspaceMenu />
      </div>
    </header>
  );
}
