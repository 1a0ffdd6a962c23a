import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedDemo, repoRoot } from './paths';

export interface RunningHost {
  url: string;
  origin: string;
  stateDir: string;
  dir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Start the real browser-mode host (`analytics/host/main.ts`) on a random port with its own
 * temporary state dir (seeded with the prebuilt demo), and wait for the URL line it prints.
 */
export async function startHost(options: { workspace?: string; seedDemo?: boolean } = {}): Promise<RunningHost> {
  const dir = mkdtempSync(join(tmpdir(), 'undertow-e2e-'));
  const stateDir = join(dir, 'state');
  if (options.seedDemo !== false) {
    mkdirSync(stateDir, { recursive: true });
    copyFileSync(cachedDemo, join(stateDir, 'demo.duckdb'));
  }
  const args = ['--import', 'tsx', '--import', './scripts/register-sql.mjs', 'analytics/host/main.ts', '--state-dir', stateDir];
  if (options.workspace) args.push('--workspace', options.workspace);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not print its URL in time:\n${log}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      log += c.toString();
      const line = log.split('\n').find((l) => /^http:\/\/127\.0\.0\.1:\d+\/#token=/.test(l.trim()));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    stateDir,
    dir,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
