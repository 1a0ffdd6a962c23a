/**
 * `npm run serve [-- --workspace FILE] [--port N] [--state-dir DIR] [--max-upload-mb N]`: browser mode. Serves the built
 * renderer and the contract on 127.0.0.1 and prints the URL (with its per-launch token) on a line of
 * its own. Without --workspace it opens the demo workspace.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTENT_SECURITY_POLICY } from '../../scripts/csp';
import { createHandlers } from '../app/handlers';
import { defaultStateDir } from '../app/paths';
import { Session } from '../app/session';
import { packageVersion } from '../app/version';
import { headlessChromiumRenderer } from '../export/headless-chromium';
import { memoryTokenStore } from '../github/token';
import { startHost, type Host } from './server';
import { prepareUploadRoot, removeUploadRoot } from './upload';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      port: { type: 'string', default: '0' },
      'state-dir': { type: 'string' },
      'max-upload-mb': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"`);

  const staticDir = fileURLToPath(new URL('../../out/web/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) throw new Error(`The renderer is not built (${staticDir}index.html missing): run \`npm run build:web\` (npm run serve does this).`);

  const maxUploadMb = values['max-upload-mb'] === undefined ? null : Number(values['max-upload-mb']);
  if (maxUploadMb !== null && !(maxUploadMb > 0)) throw new Error(`--max-upload-mb must be a positive number, got "${values['max-upload-mb']}"`);

  let host: Host | null = null;
  const stateDir = values['state-dir'] ?? defaultStateDir();
  // Files the import wizard uploads (browser pages cannot hand over paths): this launch only.
  const uploadDir = await prepareUploadRoot(stateDir);
  const session = new Session({
    mode: 'browser',
    version: packageVersion(),
    stateDir,
    emit: (event, payload) => host?.broadcast(event, payload),
    // Browser mode keeps the GitHub token in this process's memory only, for this session.
    github: { tokens: memoryTokenStore() },
    // Exports draw charts with the built render page (out/web/render.html) in headless Chromium.
    exports: { renderer: () => headlessChromiumRenderer({ pageDir: staticDir }) },
  });
  host = await startHost({
    handlers: createHandlers(session),
    token: randomBytes(24).toString('base64url'),
    staticDir,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    uploads: { dir: uploadDir, ...(maxUploadMb !== null ? { maxBytes: Math.round(maxUploadMb * 1024 * 1024) } : {}) },
  }, port);

  const target = values.workspace;
  const opening = target
    ? existsSync(target)
      ? session.open(target)
      : session.create(target)
    : session.openDemo();

  console.log(`Undertow ${packageVersion()} (browser mode) on 127.0.0.1:${host.port} — ${target ? `workspace ${target}` : 'demo workspace'}`);
  console.log('Open this URL in your browser (it carries this launch\'s access token):');
  console.log(host.url);

  opening.then(
    (ws) => console.log(`Workspace ready: ${ws.path}${ws.from ? ` (${ws.from} – ${ws.to})` : ' (empty)'}`),
    (err: unknown) => console.error(`Could not open the workspace: ${err instanceof Error ? err.message : String(err)}`),
  );

  const shutdown = async () => {
    await host?.close();
    await session.close().catch((err: unknown) => console.error(err));
    await removeUploadRoot(uploadDir).catch((err: unknown) => console.error(err));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(`undertow serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
