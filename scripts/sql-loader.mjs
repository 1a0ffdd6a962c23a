// Node module hook: `import query from './x.sql'` yields the file's text, the same as the
// sqlText() Vite plugin does for bundled and test builds. Keeps fixed SQL in .sql files.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.sql')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
