/**
 * The names of every call and event, with no runtime dependencies, so the sandboxed preload can
 * generate one method per call without bundling the schemas. contract.ts must declare exactly these
 * (the compiler checks it with `satisfies`).
 */
export const callNames = [
  'app:state',
  'workspace:openDemo',
  'workspace:open',
  'workspace:create',
  'workspace:close',
  'workspace:info',
  'workspace:forgetRecent',
  'dialog:pickWorkspace',
  'metrics:overview',
  'metrics:series',
  'metrics:drilldown',
  'teams:list',
  'data:coverage',
  'import:files',
  'import:preview',
  'imports:list',
  'imports:rejects',
  'org:list',
  'org:unknowns',
  'org:upsert',
  'org:remove',
  'org:export',
  'attribution:rules',
  'attribution:saveRule',
  'attribution:deleteRule',
  'attribution:preview',
  'settings:get',
  'settings:save',
  'github:tokenStatus',
  'github:setToken',
  'github:clearToken',
  'github:listRepos',
  'github:sync',
  'github:status',
  'github:cancelSync',
  'analysis:effects',
  'analysis:eventStudy',
  'analysis:cohorts',
  'analysis:doseResponse',
  'analysis:lagged',
  'scenario:defaults',
  'scenario:run',
  'scenario:compare',
  'scenario:replay',
  'scenario:list',
  'scenario:save',
  'scenario:rename',
  'scenario:duplicate',
  'scenario:delete',
  'export:deck',
  'export:data',
  'export:viewPdf',
  'clipboard:writeImage',
] as const;
export type CallName = (typeof callNames)[number];

export const eventNames = ['job:progress', 'workspace:changed'] as const;
export type EventName = (typeof eventNames)[number];

/** IPC channel used for pushed events in the desktop shell (payload: { event, payload }). */
export const EVENT_CHANNEL = 'undertow:event';

/** Browser mode: the HTTP header that carries the per-launch token. */
export const TOKEN_HEADER = 'x-undertow-token';
