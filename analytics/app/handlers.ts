/**
 * The handler table: one implementation per contract call. Electron's IPC adapter, the browser-mode
 * HTTP host and the CLI all dispatch into this same table.
 */
import { calls, isCallName, type CallName, type CallRequestParsed, type CallResponse } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { UndertowError, toAppError } from '../errors';
import { cohortReport, doseResponseReport, effectsReport, eventStudyReport, laggedReport } from '../effects';
import { coverage } from '../linking/coverage';
import { overview } from '../metrics/overview';
import {
  compareScenarios,
  deleteScenario,
  duplicateScenario,
  listScenarios,
  renameScenario,
  replayScenario,
  runScenario,
  saveScenario,
  scenarioDefaults,
} from '../scenarios';
import { workspaceEffects } from '../scenarios/effects-source';
import { clipboardCall, dataCall, deckCall, viewPdfCall } from '../export/calls';
import { drilldown } from '../metrics/drilldown';
import { metricsSeries } from '../metrics/series';
import { GitHubService } from './github';
import { importIntoWorkspace } from './imports';
import { afterChange } from './after-change';
import { attributionRules, deleteAttributionRule, previewAttributionRules, saveAttributionRule } from './attribution-rules';
import { importHistory, importRejects } from './import-history';
import { exportOrgMap, orgMap, orgUnknowns, removeOrgEntries, upsertOrgEntries } from './org';
import { previewImports } from './preview';
import { getWorkspaceSettings, saveWorkspaceSettings } from './workspace-settings';
import { teamsList } from '../metrics/teams';
import { workspaceInfo } from '../workspace/info';
import type { Session } from './session';

export type Handlers = { [K in CallName]: (request: CallRequestParsed<K>) => Promise<CallResponse<K>> };

export function createHandlers(session: Session): Handlers {
  const github = new GitHubService(session);
  return {
    'app:state': () => session.state(),
    'workspace:openDemo': () => session.openDemo(),
    'workspace:open': ({ path }) => session.open(path),
    'workspace:create': ({ path }) => session.create(path),
    'workspace:close': async () => {
      await session.close();
      return null;
    },
    'workspace:info': () => workspaceInfo(session.requireWorkspace()),
    'workspace:forgetRecent': async ({ path }) => {
      await session.recent.forget(path);
      return session.state();
    },
    'dialog:pickWorkspace': async ({ purpose }) => {
      if (!session.env.pickWorkspace) {
        throw new UndertowError('unsupported', 'File dialogs exist only in the desktop app; type the workspace path instead.');
      }
      return { path: await session.env.pickWorkspace(purpose) };
    },
    'metrics:overview': (range) => overview(session.requireWorkspace(), range),
    'metrics:series': (request) => metricsSeries(session.requireWorkspace(), request),
    'metrics:drilldown': (request) => drilldown(session.requireWorkspace(), request),
    'teams:list': (range) => teamsList(session.requireWorkspace(), range),
    'data:coverage': () => coverage(session.requireWorkspace()),
    'import:files': (request) => importIntoWorkspace(session, request),
    'import:preview': (request) => previewImports(session.workspace, request),
    'imports:list': (request) => importHistory(session.requireWorkspace(), request),
    'imports:rejects': (request) => importRejects(session.requireWorkspace(), request),
    'org:list': () => orgMap(session.requireWorkspace()),
    'org:unknowns': (request) => orgUnknowns(session.requireWorkspace(), request),
    'org:upsert': (request) => afterChange(session, upsertOrgEntries(session.requireWorkspace(), request)),
    'org:remove': (request) => afterChange(session, removeOrgEntries(session.requireWorkspace(), request)),
    'org:export': () => exportOrgMap(session.requireWorkspace()),
    'attribution:rules': () => attributionRules(session.requireWorkspace()),
    'attribution:saveRule': (request) => afterChange(session, saveAttributionRule(session.requireWorkspace(), request)),
    'attribution:deleteRule': (request) => afterChange(session, deleteAttributionRule(session.requireWorkspace(), request)),
    'attribution:preview': (request) => previewAttributionRules(session.requireWorkspace(), request),
    'settings:get': () => getWorkspaceSettings(session.requireWorkspace()),
    'settings:save': (request) => afterChange(session, saveWorkspaceSettings(session.requireWorkspace(), request)),
    'analysis:effects': (request) => effectsReport(session.requireWorkspace(), request),
    'analysis:eventStudy': (request) => eventStudyReport(session.requireWorkspace(), request),
    'analysis:cohorts': (request) => cohortReport(session.requireWorkspace(), request),
    'analysis:doseResponse': (range) => doseResponseReport(session.requireWorkspace(), range),
    'analysis:lagged': (range) => laggedReport(session.requireWorkspace(), range),
    'scenario:defaults': () => scenarioDefaults(session.requireWorkspace(), workspaceEffects),
    'scenario:run': (spec) => runScenario(session.requireWorkspace(), spec, workspaceEffects),
    'scenario:compare': ({ items }) => compareScenarios(session.requireWorkspace(), items, workspaceEffects),
    'scenario:replay': ({ levers, assumptions }) => replayScenario(session.requireWorkspace(), levers, assumptions ?? {}, workspaceEffects),
    'scenario:list': () => listScenarios(session.requireWorkspace()),
    'scenario:save': (request) => saveScenario(session.requireWorkspace(), request),
    'scenario:rename': ({ id, name }) => renameScenario(session.requireWorkspace(), id, name),
    'scenario:duplicate': ({ id }) => duplicateScenario(session.requireWorkspace(), id),
    'scenario:delete': async ({ id }) => {
      await deleteScenario(session.requireWorkspace(), id);
      return null;
    },
    'export:deck': (request) => deckCall(session, request),
    'export:data': (request) => dataCall(session, request),
    'export:viewPdf': (request) => viewPdfCall(session, request),
    'clipboard:writeImage': (request) => clipboardCall(session, request),
    'github:tokenStatus': () => github.tokenStatus(),
    'github:setToken': ({ token }) => github.setToken(token),
    'github:clearToken': () => github.clearToken(),
    'github:listRepos': (request) => github.listRepos(request),
    'github:sync': (request) => github.sync(request),
    'github:status': () => github.status(),
    'github:cancelSync': async () => github.cancel(),
  };
}

/**
 * Validate an untrusted request against the call's schema, run the handler and return a Result.
 * Errors become values with a code and a message; nothing is thrown across the boundary.
 */
export async function dispatch(handlers: Handlers, name: string, request: unknown, log: (err: unknown) => void = defaultLog): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'invalid_request', message: `Unknown call "${name}".` } };
  const parsed = calls[name].request.safeParse(request ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_request', message: `Invalid request for ${name}: ${issues}` } };
  }
  try {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'internal') log(err);
    return { ok: false, error };
  }
}

function defaultLog(err: unknown): void {
  console.error('[undertow] internal error:', err);
}
