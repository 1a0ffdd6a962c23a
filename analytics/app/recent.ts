import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RecentWorkspace } from '../../shared/domain';

const MAX_RECENT = 10;

interface StoredRecent {
  path: string;
  openedAt: string;
}

/** Recently opened workspaces, kept as JSON in the app's state directory (never in a workspace). */
export class RecentList {
  private readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, 'recent-workspaces.json');
  }

  async list(): Promise<RecentWorkspace[]> {
    const stored = await this.read();
    return Promise.all(
      stored.map(async (r) => ({
        path: r.path,
        name: basename(r.path).replace(/\.duckdb$/i, ''),
        openedAt: r.openedAt,
        exists: await stat(r.path).then((s) => s.isFile(), () => false),
      })),
    );
  }

  async touch(path: string, now = new Date()): Promise<void> {
    const stored = (await this.read()).filter((r) => r.path !== path);
    stored.unshift({ path, openedAt: now.toISOString() });
    await this.write(stored.slice(0, MAX_RECENT));
  }

  async forget(path: string): Promise<void> {
    await this.write((await this.read()).filter((r) => r.path !== path));
  }

  private async read(): Promise<StoredRecent[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is StoredRecent => typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.openedAt === 'string',
      );
    } catch {
      // A damaged recent list is not worth failing start-up over: it is rewritten on the next open.
      return [];
    }
  }

  private async write(list: StoredRecent[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(list, null, 2));
    await rename(tmp, this.file);
  }
}
