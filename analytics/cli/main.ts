/** `npm run cli -- <command>`: the engine, headless. */
import { runCli } from './run';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('undertow: unexpected error:', err);
    process.exitCode = 1;
  },
);
