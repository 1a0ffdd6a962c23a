import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { cachedDemo, repoRoot } from './paths';

/** Build the demo workspace once through the real CLI; every test starts from a copy of it. */
export default function globalSetup(): void {
  mkdirSync(dirname(cachedDemo), { recursive: true });
  rmSync(cachedDemo, { force: true });
  execFileSync(process.execPath, ['--import', 'tsx', '--import', './scripts/register-sql.mjs', 'analytics/cli/main.ts', 'demo', cachedDemo], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
