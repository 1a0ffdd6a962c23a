/**
 * Export files out of the page: a Blob handed to the browser as a download (browser mode saves it;
 * the desktop shell shows its save dialog), from bytes, text or a data URL (chart and deck exports).
 */

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to start; the URL is only a handle to the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A data URL (base64 or percent-encoded, as Plotly.toImage answers) as a Blob. */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const head = url.slice(5, comma);
  const body = url.slice(comma + 1);
  const mime = head.split(';')[0] || 'application/octet-stream';
  if (head.endsWith(';base64')) return new Blob([base64ToBytes(body)], { type: mime });
  return new Blob([decodeURIComponent(body)], { type: mime });
}

/** CSV with a byte-order mark, so Excel reads it as UTF-8 (en dashes, minus signs). */
export function csvBlob(text: string): Blob {
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
}
