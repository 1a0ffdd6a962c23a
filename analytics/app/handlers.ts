/**
 * The handler table: one implementation per contract call. Electron's IPC adapter, the browser-mode
 * HTTP host and the CLI all dispatch into this same table.
 */
import { calls, isCallName, type CallName, type CallRequestParsed, type CallResponse } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { UndertowError, toAppError } from '../errors';
import { coverage } from '../linking/coverage';
import { overview } from '../metrics/overview';
import { importIntoWorkspace } from './imports';
import { teamsList } from '../metrics/teams';
import { workspaceInfo } from '../workspace/info';
import type { Session } from './session';

export type Handlers = { [K in CallName]: (request: CallRequestParsed<K>) => Promise<CallResponse<K>> };

export function createHandlers(session: Session): Handlers {
  return {
    'app:state': () => session.state(),
    'workspace:openDemo': () => session.openDemo(),
    'workspace:open': ({ path }) => session.open(path),
    'workspace:create': ({ path }) => session.create(path),
    'workspace:close': async () => {
      await session.close();
      return null;
    },
    'workspace:info': () => workspaceInfo(session.requireWorkspace()),
    'workspace:forgetRecent': async ({ path }) => {
      await session.recent.forget(path);
      return session.state();
    },
    'dialog:pickWorkspace': async ({ purpose }) => {
      if (!session.env.pickWorkspace) {
        throw new UndertowError('unsupported', 'File dialogs exist only in the desktop app; type the workspace path instead.');
      }
      return { path: await session.env.pickWorkspace(purpose) };
    },
    'metrics:overview': (range) => overview(session.requireWorkspace(), range),
    'teams:list': (range) => teamsList(session.requireWorkspace(), range),
    'data:coverage': () => coverage(session.requireWorkspace()),
    'import:files': (request) => importIntoWorkspace(session, request),
  };
}

/**
 * Validate an untrusted request against the call's schema, run the handler and return a Result.
 * Errors become values with a code and a message; nothing is thrown across the boundary.
 */
export async function dispatch(handlers: Handlers, name: string, request: unknown, log: (err: unknown) => void = defaultLog): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'invalid_request', message: `Unknown call "${name}".` } };
  const parsed = calls[name].request.safeParse(request ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_request', message: `Invalid request for ${name}: ${issues}` } };
  }
  try {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'internal') log(err);
    return { ok: false, error };
  }
}

function defaultLog(err: unknown): void {
  console.error('[undertow] internal error:', err);
}
