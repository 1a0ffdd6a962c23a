import type { ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A CLI command: its own options and usage; later issues add import, org, metrics, effects, … */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: CliOptions;
  run(args: { positionals: string[]; values: CliValues }, io: CliIO): Promise<number>;
}

/** A usage mistake: printed with the command's usage line, exit code 2. */
export class UsageError extends Error {}

export function requirePositional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

/** A numeric option within [min, max] (whole numbers when `integer`); undefined when not given. */
export function numberOption(value: unknown, name: string, min: number, max: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got ${String(value)})`);
  }
  return n;
}
