/** Formatting for the Data and Settings views: sizes, instants, durations, zones. Pure. */

/** 1536 → "1.5 KB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** An ISO instant in the viewer's own zone: "21 Nov 2026, 14:05". */
export function formatInstant(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return new Intl.DateTimeFormat(locale ?? 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** How long ago, in words: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const ms = now - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return '–';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** Seconds left until an instant, as "1:05" (m:ss) or "1:02:05"; 0 and past → "0:00". */
export function formatCountdown(untilIso: string, now = Date.now()): string {
  const total = Math.max(0, Math.ceil((new Date(untilIso).getTime() - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The IANA zones this runtime knows (UTC first), for the time zone pickers. */
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter((z) => z !== 'UTC')];
}

/** "Europe/Berlin" → "Europe/Berlin (UTC+01:00)" at the given instant. */
export function zoneLabel(zone: string, at = new Date()): string {
  if (zone === 'UTC') return 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    const offset = part?.value.replace('GMT', 'UTC') ?? '';
    return `${zone} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
  } catch {
    return zone;
  }
}

/** "1 PR" / "2 PRs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? one : many}`;
}
