/**
 * A workspace is one DuckDB file. This module is its only connection owner: it validates the file
 * before DuckDB touches it for writing, backs it up before migrating, and serialises access so a
 * transaction (an import) is never interleaved with other statements on the same connection.
 */
import { DuckDBInstance, DuckDBTypeId, JSDuckDBValueConverter, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { copyFile, open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WorkspaceKind } from '../../shared/domain';
import { UndertowError } from '../errors';
import { latestSchemaVersion, migrations } from './migrations';

/** A value bound as a SQL parameter. Arrays bind as DuckDB lists. */
export type SqlParam = string | number | boolean | bigint | null | readonly (string | number | null)[];
export type SqlParams = readonly SqlParam[] | Readonly<Record<string, SqlParam>>;
/** A row as returned to callers: numbers instead of bigints, ISO strings instead of Dates. */
export type Row = Record<string, unknown>;

export interface WorkspaceOptions {
  /** DuckDB memory_limit, e.g. '2GB'. Bounded by default: a desktop app shares the machine. */
  memoryLimit?: string;
  threads?: number;
  /** Kind recorded when the file is created. */
  kind?: WorkspaceKind;
}

export interface Queryable {
  all<T extends object = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  run(sql: string, params?: SqlParams): Promise<void>;
  /** The raw connection, for appenders and streaming reads inside the same lock. */
  readonly connection: DuckDBConnection;
}

const DEFAULT_MEMORY_LIMIT = '2GB';
/** DuckDB's main header: 8-byte checksum, then the magic "DUCK". */
const DUCKDB_MAGIC = Buffer.from('DUCK', 'ascii');

export class Workspace {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private writes = 0;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly kind: WorkspaceKind,
    readonly schemaVersion: number,
  ) {}

  get name(): string {
    return basename(this.path).replace(/\.duckdb$/i, '');
  }

  /** Open an existing workspace; migrates it (after a backup) if it is older than this app. */
  static async open(path: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const exists = await fileExists(path);
    if (!exists) throw new UndertowError('not_found', `No workspace at ${path}.`, { path });
    return Workspace.openValidated(path, options);
  }

  /** Create a new workspace file; refuses to touch an existing file. */
  static async create(path: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    if (await fileExists(path)) {
      throw new UndertowError('conflict', `${path} already exists; choose a new file name or open it instead.`, { path });
    }
    return Workspace.openValidated(path, options);
  }

  /** Open the file if it exists, else create it (used by CLI commands that write). */
  static async openOrCreate(path: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    return (await fileExists(path)) ? Workspace.open(path, options) : Workspace.create(path, options);
  }

  private static async openValidated(path: string, options: WorkspaceOptions): Promise<Workspace> {
    let version = 0;
    if (await fileExists(path)) {
      await assertDuckDbHeader(path);
      version = await readSchemaVersion(path);
      if (version > latestSchemaVersion) {
        throw new UndertowError(
          'workspace_newer',
          `${path} was written by a newer version of Undertow (schema ${version}; this app reads up to ${latestSchemaVersion}). Update Undertow to open it.`,
          { path, schemaVersion: version },
        );
      }
      if (version > 0 && version < latestSchemaVersion) await backupBeforeMigration(path, version);
    }

    const config: Record<string, string> = { memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT };
    if (options.threads) config.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      throw duckDbOpenError(path, err);
    }
    const conn = await instance.connect();
    try {
      const kind = await migrate(conn, version, options.kind ?? 'user');
      return new Workspace(path, instance, conn, kind, latestSchemaVersion);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      throw err;
    }
  }

  /** Run `fn` with exclusive use of the connection (statements never interleave). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new UndertowError('no_workspace', 'The workspace is closed.'));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Statements on the connection without taking the lock (used inside `exclusive`). */
  private get q(): Queryable {
    const conn = this.conn;
    return {
      connection: conn,
      async all<T extends object>(sql: string, params?: SqlParams) {
        return (await readRows(conn, sql, params)) as T[];
      },
      async run(sql: string, params?: SqlParams) {
        await conn.run(sql, bindable(params));
      },
    };
  }

  all<T extends object = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.exclusive(() => this.q.all<T>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.exclusive(() => {
      this.writes++;
      return this.q.run(sql, params);
    });
  }

  /**
   * Counts the statements that may have changed data (`run`, `transaction`), so read-side caches
   * (the metric facts, analytics/metrics/facts.ts) know when to rebuild. Read it inside the lock
   * (in a transaction) to pair it with what that transaction saw.
   */
  get writeCount(): number {
    return this.writes;
  }

  /** One transaction: everything `fn` does commits together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      this.writes++;
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const result = await fn(this.q);
        await this.conn.run('COMMIT');
        return result;
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
    });
  }

  /**
   * Work that first prepares temp tables and then writes (an import): exclusive use of the connection
   * throughout, and every write in one transaction. The transaction begins (then `onBegin` runs) at
   * the first statement that is not staging, i.e. neither a read nor work on temp objects named
   * `__…`; staging statements before it run on their own, each committed as it ends. DuckDB scans a
   * table that the running transaction created on one thread, a committed one on all of them, so temp
   * tables made before the transaction are read about 1.7x faster on two cores. Temp tables are not
   * the workspace's content, so what the transaction writes still commits or rolls back as one; and
   * work that writes nothing never begins it.
   * `cleanup` runs last, whatever happened (to drop the temp objects made), on the connection it is
   * given: the lock is still held, so calling this workspace's methods there would wait forever.
   */
  stagedTransaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    hooks: { onBegin?: (tx: Queryable) => Promise<void>; cleanup?: (q: Queryable) => Promise<void> } = {},
  ): Promise<T> {
    return this.exclusive(async () => {
      this.writes++;
      const q = this.q;
      let inTransaction = false;
      let begun: Promise<void> | null = null;
      const beginUnlessStaging = (sql: string) =>
        isStaging(sql)
          ? null
          : (begun ??= (async () => {
              await this.conn.run('BEGIN TRANSACTION');
              inTransaction = true;
              await hooks.onBegin?.(q);
            })());
      const tx: Queryable = {
        connection: q.connection,
        all: async <R extends object>(sql: string, params?: SqlParams) => (await beginUnlessStaging(sql), q.all<R>(sql, params)),
        run: async (sql: string, params?: SqlParams) => (await beginUnlessStaging(sql), q.run(sql, params)),
      };
      let result: T;
      try {
        result = await fn(tx);
        if (inTransaction) await this.conn.run('COMMIT');
      } catch (err) {
        if (inTransaction) await this.conn.run('ROLLBACK');
        try {
          await hooks.cleanup?.(q);
        } catch (cleanupErr) {
          throw new AggregateError([err, cleanupErr], err instanceof Error ? err.message : String(err), { cause: err });
        }
        throw err;
      }
      await hooks.cleanup?.(q);
      return result;
    });
  }

  /**
   * Statements that read the workspace and build temp tables of their own (what-if views such as the
   * rules editor's live counts): exclusive use of the connection inside a transaction that is always
   * rolled back, so nothing they do can stay, and not counted as a write (writeCount), so the metric
   * facts and cells built on the data stay valid.
   */
  scratch<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.conn.run('BEGIN TRANSACTION');
      let result: T;
      try {
        result = await fn(this.q);
      } catch (err) {
        await this.conn.run('ROLLBACK');
        throw err;
      }
      await this.conn.run('ROLLBACK');
      return result;
    });
  }

  async meta(key: string): Promise<string | null> {
    const rows = await this.all<{ value: string }>('SELECT value FROM undertow_meta WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.run(
      'INSERT INTO undertow_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  /** Wait for queued work, then release the file (DuckDB checkpoints on close). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.exclusive(async () => {
      await this.conn.run('CHECKPOINT');
    });
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Reject non-DuckDB files before DuckDB opens them for writing, so they are never modified. */
async function assertDuckDbHeader(path: string): Promise<void> {
  const handle = await openFile(path, 'r');
  try {
    const header = Buffer.alloc(12);
    const { bytesRead } = await handle.read(header, 0, 12, 0);
    if (bytesRead < 12 || !header.subarray(8, 12).equals(DUCKDB_MAGIC)) {
      throw new UndertowError(
        'workspace_invalid',
        `${path} is not an Undertow workspace: it is not a DuckDB database file. Choose a .duckdb file created by Undertow.`,
        { path },
      );
    }
  } finally {
    await handle.close();
  }
}

/** Open read-only (never writes) to read the schema version: 0 for an empty DuckDB database. */
async function readSchemaVersion(path: string): Promise<number> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (err) {
    throw duckDbOpenError(path, err);
  }
  try {
    const conn = await instance.connect();
    try {
      const tables = (await conn.runAndReadAll("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"))
        .getRowObjectsJS()
        .map((r) => String(r.table_name));
      if (tables.length === 0) return 0;
      if (!tables.includes('undertow_meta')) {
        throw new UndertowError(
          'workspace_invalid',
          `${path} is a DuckDB database but not an Undertow workspace (it has no undertow_meta table). Undertow will not modify it.`,
          { path },
        );
      }
      const rows = (await conn.runAndReadAll("SELECT value FROM undertow_meta WHERE key = 'schema_version'")).getRowObjectsJS();
      const version = Number(rows[0]?.value);
      if (!Number.isInteger(version) || version < 1) {
        throw new UndertowError('workspace_invalid', `${path} has no valid schema version; it may be damaged.`, { path });
      }
      return version;
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function duckDbOpenError(path: string, err: unknown): UndertowError {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) {
    return new UndertowError('workspace_locked', `${path} is open in another program (or another Undertow window). Close it there and try again.`, { path }, { cause: err });
  }
  return new UndertowError(
    'workspace_invalid',
    `${path} could not be opened as a workspace: the file is damaged or truncated (${message}).`,
    { path },
    { cause: err },
  );
}

async function backupBeforeMigration(path: string, version: number): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${path}.backup-v${version}-${stamp}`;
  await copyFile(path, target);
  if (await fileExists(`${path}.wal`)) await copyFile(`${path}.wal`, `${target}.wal`);
}

/** Apply every migration newer than `from`, each in its own transaction. Returns the workspace kind. */
async function migrate(conn: DuckDBConnection, from: number, kindForNew: WorkspaceKind): Promise<WorkspaceKind> {
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(migration.sql);
      const now = new Date().toISOString();
      if (migration.version === 1) {
        await conn.run("INSERT INTO undertow_meta VALUES ('created_at', $1), ('kind', $2), ('app', 'undertow')", [now, kindForNew]);
      }
      await conn.run(
        "INSERT INTO undertow_meta VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [String(migration.version)],
      );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw new UndertowError('internal', `Migration ${migration.name} failed: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
  }
  const rows = (await conn.runAndReadAll("SELECT value FROM undertow_meta WHERE key = 'kind'")).getRowObjectsJS();
  return rows[0]?.value === 'demo' ? 'demo' : 'user';
}

/**
 * Parameters as @duckdb/node-api binds them; none (also an empty list or object) runs the statement
 * unprepared. A Jira CSV read (max_line_size 64 MB) run as a prepared statement with nothing bound
 * failed with "could not allocate block of size 1.0 GiB"; the same SQL unprepared ran.
 */
function bindable(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  if (!params || (Array.isArray(params) ? params.length === 0 : Object.keys(params).length === 0)) return undefined;
  const convert = (v: SqlParam): DuckDBValue => (Array.isArray(v) ? listValue(v as (string | number | null)[]) : (v as DuckDBValue));
  if (Array.isArray(params)) return (params as SqlParam[]).map(convert);
  return Object.fromEntries(Object.entries(params as Record<string, SqlParam>).map(([k, v]) => [k, convert(v)]));
}

/** DuckDB JS values → plain JSON-friendly values (bigint → number, Date → ISO string). */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

/** Column types whose DuckDB values are already plain JS (a bigint becomes a number, as plainValue does). */
const PLAIN_TYPES: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.VARCHAR,
]);

/**
 * Drop the connection's temp tables and views whose names start with `prefix` (a piece of work's own
 * scratch tables: an import's `__import_<id>_`, attribution's `__attr_`). Views go first: they read
 * the tables.
 */
export async function dropTempObjects(q: Queryable, prefix: string): Promise<void> {
  const objects = await q.all<{ name: string; kind: 'VIEW' | 'TABLE' }>(
    `SELECT view_name AS name, 'VIEW' AS kind FROM duckdb_views() WHERE temporary AND starts_with(view_name, $prefix)
     UNION ALL SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE temporary AND starts_with(table_name, $prefix)
     ORDER BY kind DESC`,
    { prefix },
  );
  for (const { name, kind } of objects) await q.run(`DROP ${kind} IF EXISTS temp.main."${name.replaceAll('"', '""')}"`);
}

/**
 * Staging statements of `stagedTransaction`: a read, or work on temp objects, whose names start with
 * `__`. Its transaction begins at the first statement that is not one: anything else run before it
 * would commit a write outside the transaction.
 */
const STAGING_SQL = [
  // Not WITH: DuckDB allows a WITH clause before INSERT, UPDATE and DELETE.
  /^(SELECT|FROM|DESCRIBE)\b/i,
  /^CREATE\s+(OR\s+REPLACE\s+)?TEMP(ORARY)?\s+(TABLE|VIEW)\s+__/i,
  /^(DROP\s+(TABLE|VIEW)(\s+IF\s+EXISTS)?|ALTER\s+TABLE|UPDATE|DELETE\s+FROM|INSERT\s+INTO)\s+__/i,
];

const isStaging = (sql: string) => STAGING_SQL.some((re) => re.test(sql.trimStart()));

/**
 * A statement's rows as plain objects: the same values as the reader's getRowObjectsJS() followed by
 * plainValue, read a column at a time so that numbers and strings skip the generic converter (a
 * metrics table of a few thousand rows × 50 columns reads in half the time).
 */
async function readRows(conn: DuckDBConnection, sql: string, params?: SqlParams): Promise<Row[]> {
  const result = await conn.run(sql, bindable(params));
  const names = result.deduplicatedColumnNames();
  const rows: Row[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const count = chunk.rowCount;
    const first = rows.length;
    for (let r = 0; r < count; r++) rows.push({});
    for (let c = 0; c < names.length; c++) {
      const name = names[c]!;
      const vector = chunk.getColumnVector(c);
      const type = vector.type;
      if (PLAIN_TYPES.has(type.typeId)) {
        for (let r = 0; r < count; r++) {
          const v = vector.getItem(r);
          rows[first + r]![name] = typeof v === 'bigint' ? Number(v) : v;
        }
      } else {
        for (let r = 0; r < count; r++) rows[first + r]![name] = plainValue(JSDuckDBValueConverter(vector.getItem(r), type, JSDuckDBValueConverter));
      }
    }
  }
  return rows;
}
