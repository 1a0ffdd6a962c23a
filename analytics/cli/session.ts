import type { CallName, CallRequest, CallResponse } from '../../shared/contract';
import { createHandlers, dispatch, type Handlers } from '../app/handlers';
import { defaultStateDir } from '../app/paths';
import { Session } from '../app/session';
import { packageVersion } from '../app/version';
import { UndertowError } from '../errors';

export interface CliSession {
  session: Session;
  /** Call the contract exactly as the UI does (same validation, same handlers). */
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<CallResponse<K>>;
}

/** Run `fn` with a headless session on the same handler table as the UI; always closes the workspace. */
export async function withCliSession<T>(fn: (cli: CliSession) => Promise<T>): Promise<T> {
  const session = new Session({ mode: 'cli', version: packageVersion(), stateDir: defaultStateDir(), emit: () => undefined });
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
