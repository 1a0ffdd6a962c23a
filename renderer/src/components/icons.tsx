/** Small stroke icons (inline SVG: no icon fonts, nothing fetched). */
import type { ReactElement } from 'react';

export type IconName =
  | 'overview'
  | 'quality'
  | 'delivery'
  | 'customers'
  | 'teams'
  | 'scenarios'
  | 'data'
  | 'settings'
  | 'chevron-down'
  | 'plus'
  | 'folder'
  | 'sparkle'
  | 'close'
  | 'x'
  | 'alert'
  | 'info'
  | 'clock';

const paths: Record<IconName, ReactElement> = {
  overview: (
    <>
      <rect x="2.5" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="2.5" y="9" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="9" width="4.5" height="4.5" rx="1" />
    </>
  ),
  quality: <path d="M8 2.2 13 4v3.8c0 3-2.2 5.1-5 6-2.8-.9-5-3-5-6V4l5-1.8ZM5.8 8l1.6 1.6 2.9-3" />,
  delivery: <path d="M2.5 12.5h11M4 10l2.5-3 2.5 2 3-4.5M10 4.5h2v2" />,
  customers: <path d="M3 12.5c0-2 1.6-3.5 3.5-3.5S10 10.5 10 12.5M6.5 7a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4ZM10.5 3a2 2 0 0 1 0 4M11.5 9.3c1 .5 1.7 1.6 1.7 3.2" />,
  teams: <path d="M2.5 4h11M2.5 8h11M2.5 12h11M5.5 2.5v11" />,
  scenarios: <path d="M3 13V9M6.5 13V5M10 13V7.5M13.5 13V3" />,
  data: (
    <>
      <ellipse cx="8" cy="4" rx="5" ry="1.8" />
      <path d="M3 4v8c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V4M3 8c0 1 2.2 1.8 5 1.8S13 9 13 8" />
    </>
  ),
  settings: (
    <>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.8v1.6M8 12.6v1.6M14.2 8h-1.6M3.4 8H1.8M12.4 3.6l-1.1 1.1M4.7 11.3l-1.1 1.1M12.4 12.4l-1.1-1.1M4.7 4.7 3.6 3.6" />
    </>
  ),
  'chevron-down': <path d="m4.5 6.5 3.5 3.5 3.5-3.5" />,
  plus: <path d="M8 3.5v9M3.5 8h9" />,
  folder: <path d="M2.5 4.5c0-.6.4-1 1-1h3l1.5 1.5h4.5c.6 0 1 .4 1 1v6c0 .6-.4 1-1 1h-9c-.6 0-1-.4-1-1v-7.5Z" />,
  sparkle: <path d="M8 2.5 9.3 6.7 13.5 8l-4.2 1.3L8 13.5 6.7 9.3 2.5 8l4.2-1.3L8 2.5Z" />,
  close: <path d="M3 3.5h10v9H3zM6 6.5l4 3M10 6.5l-4 3" />,
  x: <path d="m4.5 4.5 7 7M11.5 4.5l-7 7" />,
  alert: <path d="M8 2.5 14 13H2L8 2.5ZM8 6.5v3M8 11.2v.1" />,
  info: (
    <>
      <circle cx="8" cy="8" r="5.8" />
      <path d="M8 7.3v3.7M8 5v.1" />
    </>
  ),
  clock: (
    <>
      <circle cx="8" cy="8" r="5.8" />
      <path d="M8 4.8V8l2.2 1.5" />
    </>
  ),
};

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}
