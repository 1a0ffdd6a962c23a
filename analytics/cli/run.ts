import { parseArgs } from 'node:util';
import { UndertowError } from '../errors';
import { UsageError, type CliIO } from './command';
import { commands } from './commands';

function help(io: CliIO): void {
  io.out('Usage: npm run cli -- <command> [arguments]\n\nCommands:');
  const width = Math.max(...commands.map((c) => c.usage.length));
  for (const c of commands) io.out(`  ${c.usage.padEnd(width)}  ${c.summary}`);
}

/** Run the CLI on argv (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".`);
    help(io);
    return 2;
  }
  try {
    const { positionals, values } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run({ positionals, values }, io);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${command.name}: ${err.message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (err instanceof UndertowError) {
      io.err(`${command.name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
