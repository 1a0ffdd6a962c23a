import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/icons';
import { useAppStore } from '../store/react';

/** No workspace open: the same actions as the workspace menu, front and centre. */
export function WelcomeView() {
  const recent = useAppStore(useShallow((s) => s.app.recent));
  const busy = useAppStore((s) => s.app.pending !== null);
  const openDemo = useAppStore((s) => s.openDemo);
  const requestWorkspace = useAppStore((s) => s.requestWorkspace);
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  const notify = useAppStore((s) => s.notify);

  const openRecent = async (path: string) => {
    const result = await openWorkspace(path);
    if (!result.ok) notify('error', result.error.message);
  };

  return (
    <section className="view welcome" data-testid="view-welcome">
      <div className="welcome-card">
        <img src="./icon.svg" alt="" width={40} height={40} />
        <h1 className="welcome-title">Is AI-assisted coding making you faster?</h1>
        <p className="welcome-text">
          Or is it moving the cost downstream into bugs, incidents, support load and customer trust? Undertow answers with your own data,
          on this computer, offline.
        </p>
        <div className="welcome-actions">
          <button type="button" className="button button-primary" data-testid="welcome-demo" disabled={busy} onClick={() => void openDemo()}>
            <Icon name="sparkle" />
            Open demo workspace
          </button>
          <button type="button" className="button" data-testid="welcome-new" disabled={busy} onClick={() => void requestWorkspace('create')}>
            <Icon name="plus" />
            New workspace…
          </button>
          <button type="button" className="button" data-testid="welcome-open" disabled={busy} onClick={() => void requestWorkspace('open')}>
            <Icon name="folder" />
            Open workspace…
          </button>
        </div>
        {recent.length > 0 ? (
          <div className="welcome-recent">
            <h2 className="menu-label">Recent workspaces</h2>
            <ul>
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link-row" disabled={!r.exists || busy} onClick={() => void openRecent(r.path)} title={r.path}>
                    <span className="recent-name">
                      {r.name}
                      {!r.exists ? <span className="badge badge-warning">Missing</span> : null}
                    </span>
                    <span className="recent-path">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
