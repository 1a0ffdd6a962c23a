import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/react';
import { Icon } from './icons';

/** The global notice area: failed actions stay until dismissed, confirmations fade. */
export function Toasts() {
  const notices = useAppStore(useShallow((s) => s.notices));
  const dismiss = useAppStore((s) => s.dismissNotice);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <Icon name={n.kind === 'error' ? 'alert' : 'info'} className="toast-icon" />
          <p className="toast-message">{n.message}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </section>
  );
}
