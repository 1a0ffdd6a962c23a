import m001 from './001_initial.sql';
import m002 from './002_attribution_linking.sql';
import m003 from './003_github_sync.sql';
import m004 from './004_keys_without_indexes.sql';

/** Numbered schema migrations; a workspace's schema_version is the number of the last one applied. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: '001_initial', sql: m001 },
  { version: 2, name: '002_attribution_linking', sql: m002 },
  { version: 3, name: '003_github_sync', sql: m003 },
  { version: 4, name: '004_keys_without_indexes', sql: m004 },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
