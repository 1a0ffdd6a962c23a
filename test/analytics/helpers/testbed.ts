import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Workspace } from '../../../analytics/workspace/workspace';
import { tempDir } from './temp';

export type TempDir = ReturnType<typeof tempDir>;

export interface Testbed {
  /** This test's fresh workspace (valid inside a test or hook). */
  readonly ws: Workspace;
  readonly dir: TempDir;
  /** Copy a fixture into this test's directory and return its path. */
  fixture(name: string): string;
  /** Write a file into this test's directory (strings as they are, anything else as JSON). */
  write(name: string, value: unknown): string;
}

/**
 * A new empty workspace in a new temporary directory for every test of the enclosing describe,
 * closed and removed afterwards. Call it inside `describe`; `fixtures` is the folder `fixture()`
 * copies from.
 */
export function workspaceTestbed(fixtures?: string): Testbed {
  const state = {} as { ws: Workspace; dir: TempDir };
  beforeEach(async () => {
    state.dir = tempDir();
    state.ws = await Workspace.create(state.dir.file('w.duckdb'));
  });
  afterEach(async () => {
    await state.ws.close();
    state.dir.cleanup();
  });
  return {
    get ws() {
      return state.ws;
    },
    get dir() {
      return state.dir;
    },
    fixture(name) {
      if (!fixtures) throw new Error('workspaceTestbed: no fixtures folder given');
      copyFileSync(join(fixtures, name), state.dir.file(name));
      return state.dir.file(name);
    },
    write(name, value) {
      writeFileSync(state.dir.file(name), typeof value === 'string' ? value : JSON.stringify(value));
      return state.dir.file(name);
    },
  };
}
