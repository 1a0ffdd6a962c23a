/** Small building blocks of the Data and Settings views. */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { AppError } from '../../../../shared/errors';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** A count or badge shown after the label. */
  badge?: ReactNode;
}

/**
 * WAI-ARIA tabs: one tab stop; arrow keys, Home and End move between tabs (automatic activation).
 * The panel is rendered by the caller with `tabPanelProps(id)`.
 */
export function Tabs<T extends string>({ items, current, onChange, label, idPrefix }: { items: TabItem<T>[]; current: T; onChange: (id: T) => void; label: string; idPrefix: string }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((i) => i.id === current);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % items.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const id = items[next]!.id;
    onChange(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div className="dv-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          ref={(el) => {
            if (el) refs.current.set(item.id, el);
            else refs.current.delete(item.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${item.id}`}
          aria-selected={item.id === current}
          aria-controls={`${idPrefix}-panel-${item.id}`}
          tabIndex={item.id === current ? 0 : -1}
          className="dv-tab"
          data-testid={`${idPrefix}-tab-${item.id}`}
          onClick={() => onChange(item.id)}
        >
          {item.label}
          {item.badge !== undefined && item.badge !== null ? <span className="dv-tab-badge">{item.badge}</span> : null}
        </button>
      ))}
    </div>
  );
}

export const tabPanelProps = (idPrefix: string, id: string) => ({
  role: 'tabpanel' as const,
  id: `${idPrefix}-panel-${id}`,
  'aria-labelledby': `${idPrefix}-tab-${id}`,
  tabIndex: 0,
});

export function ProgressBar({ fraction, label, testId }: { fraction: number | null; label: string; testId?: string }) {
  return (
    <div
      className={`progress${fraction === null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      data-testid={testId}
    >
      <div className="progress-fill" style={fraction === null ? undefined : { width: `${Math.max(2, Math.min(1, fraction) * 100)}%` }} />
    </div>
  );
}

/** An error next to the thing that failed, read out when it appears. */
export function InlineError({ error, testId }: { error: AppError | string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="dv-error" role="alert" data-testid={testId}>
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="dv-spinner" role="status">
      <span className="dv-spinner-dot" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}

type GlyphName = 'upload' | 'download' | 'trash' | 'edit' | 'check' | 'file' | 'github' | 'refresh';

const glyphs: Record<GlyphName, ReactNode> = {
  upload: <path d="M8 10.5V3M5 5.5 8 2.5l3 3M3 10.5v2h10v-2" />,
  download: <path d="M8 2.5V10M5 7.5l3 3 3-3M3 10.5v2h10v-2" />,
  trash: <path d="M3.5 4.5h9M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5M7 7v4M9 7v4" />,
  edit: <path d="M10.5 3 13 5.5 6 12.5H3.5V10L10.5 3Z" />,
  check: <path d="m3.5 8.5 3 3 6-7" />,
  file: <path d="M4 2.5h5l3 3v8H4v-11ZM9 2.5v3h3" />,
  github: <path d="M6 13c-2.5.8-2.5-1.2-3.5-1.5m7 3v-2c0-.7.1-1-.3-1.4 1.8-.2 3.3-.9 3.3-3.6 0-.7-.3-1.4-.7-1.9.1-.5.1-1.2-.1-1.8 0 0-.6-.2-1.9.7a6.5 6.5 0 0 0-3.4 0C5.1 3.6 4.5 3.8 4.5 3.8c-.2.6-.2 1.3-.1 1.8-.4.5-.7 1.2-.7 1.9 0 2.7 1.5 3.4 3.3 3.6-.3.3-.4.8-.3 1.4v2" />,
  refresh: <path d="M12.5 6A4.7 4.7 0 0 0 4 5M3.5 3v2.5H6M3.5 10a4.7 4.7 0 0 0 8.5 1M12.5 13v-2.5H10" />,
};

export function Glyph({ name, size = 16 }: { name: GlyphName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {glyphs[name]}
    </svg>
  );
}
