import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
/** The demo workspace built once per run by global setup and copied into each test's state dir. */
export const cachedDemo = join(tmpdir(), 'undertow-e2e-cache', 'demo.duckdb');
