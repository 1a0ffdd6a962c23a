import type { AppError, ErrorCode } from '../shared/errors';

/** The engine's one error type: carries a contract error code and a message a person can act on. */
export class UndertowError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppError['details'],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UndertowError';
  }

  toAppError(): AppError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** Any thrown value as a contract error: our own errors keep their code; anything else is a bug. */
export function toAppError(err: unknown): AppError {
  if (err instanceof UndertowError) return err.toAppError();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
