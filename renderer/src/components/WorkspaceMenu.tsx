/**
 * The workspace menu: a disclosure button with a panel of actions (new, open, demo, recent, close).
 * Escape or a click outside closes it; Up/Down move between its buttons.
 */
import { type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/react';
import { Icon } from './icons';
import { useMenu } from './use-menu';

export function WorkspaceMenu() {
  const { open, setOpen, panelId, buttonRef, panelRef, close: closeAndRefocus } = useMenu();
  const hasWorkspace = useAppStore((s) => s.app.workspace !== null);
  const recent = useAppStore(useShallow((s) => s.app.recent));
  const currentPath = useAppStore((s) => s.app.workspace?.path ?? null);
  const busy = useAppStore((s) => s.app.pending !== null);
  const requestWorkspace = useAppStore((s) => s.requestWorkspace);
  const openDemo = useAppStore((s) => s.openDemo);
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  const closeWorkspace = useAppStore((s) => s.closeWorkspace);
  const forgetRecent = useAppStore((s) => s.forgetRecent);
  const notify = useAppStore((s) => s.notify);

  /** Close the menu (focus moves to whatever the action opens) and run the action. */
  const choose = (action: () => unknown) => {
    setOpen(false);
    void action();
  };

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeAndRefocus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? (index + 1) % buttons.length : (index - 1 + buttons.length) % buttons.length;
    buttons[next]?.focus();
  };

  const openRecent = async (path: string) => {
    const result = await openWorkspace(path);
    if (!result.ok) notify('error', result.error.message);
  };

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button button-ghost"
        data-testid="workspace-menu"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        <Icon name="folder" />
        <span>Workspace</span>
        <Icon name="chevron-down" size={14} />
      </button>
      {open ? (
        <div ref={panelRef} id={panelId} className="menu" onKeyDown={onPanelKeyDown}>
          <div className="menu-section">
            <button type="button" className="menu-item" data-testid="menu-new" disabled={busy} onClick={() => choose(() => requestWorkspace('create'))}>
              <Icon name="plus" />
              New workspace…
            </button>
            <button type="button" className="menu-item" data-testid="menu-open" disabled={busy} onClick={() => choose(() => requestWorkspace('open'))}>
              <Icon name="folder" />
              Open workspace…
            </button>
            <button type="button" className="menu-item" data-testid="menu-demo" disabled={busy} onClick={() => choose(openDemo)}>
              <Icon name="sparkle" />
              Open demo workspace
            </button>
          </div>
          <div className="menu-section">
            <div className="menu-label">Recent workspaces</div>
            {recent.length === 0 ? <div className="menu-empty">None yet</div> : null}
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r.path} className="recent-row" data-testid="menu-recent">
                  <button
                    type="button"
                    className="menu-item recent-open"
                    disabled={!r.exists || busy || r.path === currentPath}
                    title={r.exists ? r.path : `${r.path} (file not found)`}
                    onClick={() => choose(() => openRecent(r.path))}
                  >
                    <span className="recent-name">
                      {r.name}
                      {r.path === currentPath ? <span className="badge">Open</span> : null}
                      {!r.exists ? <span className="badge badge-warning">Missing</span> : null}
                    </span>
                    <span className="recent-path">{r.path}</span>
                  </button>
                  <button type="button" className="menu-item recent-forget" aria-label={`Forget ${r.name}`} title="Forget (the file is not touched)" onClick={() => void forgetRecent(r.path)}>
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <div className="menu-section">
            <button type="button" className="menu-item" data-testid="menu-close" disabled={!hasWorkspace || busy} onClick={() => choose(closeWorkspace)}>
              <Icon name="close" />
              Close workspace
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
