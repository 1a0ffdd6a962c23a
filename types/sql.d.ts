// `.sql` files are imported as their text: by scripts/sql-loader.mjs under Node (CLI, host)
// and by the sqlText() Vite plugin in vitest and electron-vite builds.
declare module '*.sql' {
  const sql: string;
  export default sql;
}
