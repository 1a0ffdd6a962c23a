/**
 * Derived data after an import: the one function the import runner's `derive` hook calls, inside
 * the import's transaction (so a failure rolls the whole import back).
 *
 *   source      attribution   issue links   reverts/hotfixes   incident links
 *   github          ✓              ✓               ✓                 ✓
 *   copilot         ✓
 *   jira                           ✓
 *   pagerduty                                                         ✓
 *   org             ✓              ✓               ✓                 ✓
 *   helpdesk, nps   —
 */
import { recomputeAttribution, type AttributionSummary } from './attribution/recompute';
import type { SourceKind } from './importers/types';
import { relink, partsFor, type LinkSummary } from './linking/relink';
import type { Queryable } from './workspace/workspace';

const ATTRIBUTION_SOURCES: ReadonlySet<SourceKind> = new Set(['github', 'copilot', 'org']);

export interface DeriveSummary {
  attribution: AttributionSummary | null;
  links: LinkSummary | null;
}

/** The import runner's `derive` hook: `importFiles(ws, importers, paths, options, { derive: deriveAfterImport })`. */
export async function deriveAfterImport(tx: Queryable, sources: ReadonlySet<SourceKind> | readonly SourceKind[]): Promise<void> {
  await runDerivations(tx, sources);
}

/** Same as deriveAfterImport, reporting what ran (null = not needed for these sources). */
export async function runDerivations(tx: Queryable, sources: ReadonlySet<SourceKind> | readonly SourceKind[]): Promise<DeriveSummary> {
  const list = [...sources];
  const attribution = list.some((s) => ATTRIBUTION_SOURCES.has(s)) ? await recomputeAttribution(tx) : null;
  const links = partsFor(list).length > 0 ? await relink(tx, list) : null;
  return { attribution, links };
}
