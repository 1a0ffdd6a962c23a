import type { Plugin } from 'vite';

/** Vite plugin: `.sql` imports become their text (mirrors scripts/sql-loader.mjs for Node). */
export function sqlText(): Plugin {
  return {
    name: 'undertow-sql-text',
    transform(code, id) {
      if (!id.endsWith('.sql')) return null;
      return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}
