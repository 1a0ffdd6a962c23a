import type { KeyboardEvent } from 'react';
import { useAppStore } from '../store/react';
import { Icon } from './icons';
import { navGroups } from './nav';

/** Up/Down move between sidebar buttons (Tab still works as usual). */
function onNavKeyDown(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.nav-item')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  const next = event.key === 'ArrowDown' ? (index + 1) % buttons.length : (index - 1 + buttons.length) % buttons.length;
  buttons[next]?.focus();
}

export function Sidebar() {
  const view = useAppStore((s) => s.ui.view);
  const setView = useAppStore((s) => s.setView);
  const mode = useAppStore((s) => s.app.mode);
  const version = useAppStore((s) => s.app.version);

  return (
    <aside className="sidebar">
      <div className="brand">
        <img className="brand-mark" src="./icon.svg" alt="" width={24} height={24} />
        <span className="brand-name">Undertow</span>
      </div>
      <nav aria-label="Views" onKeyDown={onNavKeyDown}>
        {navGroups.map((group) => (
          <div className="nav-group" key={group.label}>
            <div className="nav-group-label">{group.label}</div>
            <ul>
              {group.items.map((item) => (
                <li key={item.view}>
                  <button
                    type="button"
                    className="nav-item"
                    data-testid={`nav-${item.view}`}
                    aria-current={view === item.view ? 'page' : undefined}
                    onClick={() => setView(item.view)}
                  >
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="sidebar-footer">
        {mode ? <span>{mode === 'desktop' ? 'Desktop' : 'Browser mode'}</span> : null}
        {version ? <span className="tabular">v{version}</span> : null}
      </div>
    </aside>
  );
}
