/**
 * How the import wizard turns a dropped or picked `File` into a path the engine can read:
 * - desktop: the file's own path on disk, from the preload (`window.undertowFiles`, Electron's
 *   webUtils.getPathForFile) — nothing is copied;
 * - browser mode: the page cannot know paths, so the file is streamed to the local host
 *   (`POST /api/upload`, token-checked, size-limited) and the host answers where it put it.
 */
import { TOKEN_HEADER } from '../../../shared/channels';
import { UPLOAD_PATH, type FilePathBridge, type UploadedFile } from '../../../shared/data';
import type { AppError, Result } from '../../../shared/errors';
import { asResult } from './http';

export interface FileTransport {
  /** 'path': files are read where they are; 'upload': they are copied to the local host first. */
  kind: 'path' | 'upload';
  resolve(file: File): Promise<Result<UploadedFile>>;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    undertowFiles?: FilePathBridge;
  }
}

const failure = (code: AppError['code'], message: string): { ok: false; error: AppError } => ({ ok: false, error: { code, message } });

export function desktopFiles(bridge: FilePathBridge): FileTransport {
  return {
    kind: 'path',
    resolve: (file) => {
      const path = bridge.pathForFile(file);
      return Promise.resolve(
        path
          ? { ok: true, value: { path, name: file.name, size: file.size } }
          : failure('invalid_request', `${file.name} has no location on disk (it may have been dragged from another app); save it to a folder first and pick it from there.`),
      );
    },
  };
}

export interface UploadOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  onUnauthorized?: (error: AppError) => void;
}

export function uploadFiles(options: UploadOptions): FileTransport {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    kind: 'upload',
    async resolve(file) {
      let response: Response;
      try {
        response = await doFetch(`${base}${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: options.token, 'content-type': 'application/octet-stream' },
          body: file,
        });
      } catch {
        return failure('internal', `Could not send ${file.name} to the Undertow host. Is \`npm run serve\` still running?`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      const result = asResult(body) ?? failure(response.status === 401 ? 'unauthorized' : 'internal', `The host answered the upload of ${file.name} with HTTP ${response.status}.`);
      if (!result.ok && result.error.code === 'unauthorized') options.onUnauthorized?.(result.error);
      return result as Result<UploadedFile>;
    },
  };
}
