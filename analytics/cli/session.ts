import type { CallName, CallRequest, CallResponse } from '../../shared/contract';
import { createHandlers, dispatch, type Handlers } from '../app/handlers';
import { defaultStateDir } from '../app/paths';
import { Session, type Emit } from '../app/session';
import type { ExportShell } from '../export/renderer';
import { environmentTokenStore } from '../github/token';
import { packageVersion } from '../app/version';
import { UndertowError } from '../errors';

export interface CliSession {
  session: Session;
  /** Call the contract exactly as the UI does (same validation, same handlers). */
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>;
}

/**
 * Run `fn` with a headless session on the same handler table as the UI; always closes the workspace.
 * `emit` receives the engine's events (e.g. sync progress); the GitHub token comes from GITHUB_TOKEN.
 */
export async function withCliSession<T>(fn: (cli: CliSession) => Promise<T>, options: { emit?: Emit; exports?: ExportShell } = {}): Promise<T> {
  const session = new Session({
    mode: 'cli',
    version: packageVersion(),
    stateDir: defaultStateDir(),
    emit: options.emit ?? (() => undefined),
    github: { tokens: environmentTokenStore(process.env) },
    ...(options.exports ? { exports: options.exports } : {}),
  });
  const handlers: Handlers = createHandlers(session);
  const cli: CliSession = {
    session,
    async call(name, request) {
      const result = await dispatch(handlers, name, request);
      if (!result.ok) throw new UndertowError(result.error.code, result.error.message, result.error.details);
      return result.value as CallResponse<typeof name>;
    },
  };
  try {
    return await fn(cli);
  } finally {
    await session.close();
  }
}
