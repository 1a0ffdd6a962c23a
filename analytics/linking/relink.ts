/**
 * Linking outcomes to changes (product.md §5), as set-based SQL over the canonical tables:
 * issue keys → issue_pr_links, revert and hotfix flags on pull_requests, incidents →
 * incident_change_links (+ incident_link_status for the ones left unlinked). Every part is a full,
 * deterministic rebuild applied as a diff, so relinking twice leaves the tables identical and
 * relinking an unchanged workspace writes nothing.
 */
import type { SourceKind } from '../importers/types';
import type { Queryable } from '../workspace/workspace';
import incidentLinksApplySql from './incident-links-apply.sql';
import incidentLinksSql from './incident-links.sql';
import issueLinksSql from './issue-links.sql';
import revertsSql from './reverts.sql';
import { runScript, jsonList } from './script';
import { getLinkSettings, windowLabel } from './settings';

export type LinkPart = 'issues' | 'reverts' | 'incidents';
export const LINK_PARTS: readonly LinkPart[] = ['issues', 'reverts', 'incidents'];

/** Which link tables depend on which source's rows. */
const PARTS_BY_SOURCE: Readonly<Record<SourceKind, readonly LinkPart[]>> = {
  github: ['issues', 'reverts', 'incidents'], // PR texts, merges and deployments
  jira: ['issues'],
  pagerduty: ['incidents'],
  org: ['issues', 'reverts', 'incidents'], // team ownership; "org → everything"
  copilot: [],
  helpdesk: [],
  nps: [],
};

export interface LinkSummary {
  parts: LinkPart[];
  issuePrLinks: number;
  incidentChangeLinks: number;
  millis: number;
}

/** The parts a set of sources touches (no sources = every part). */
export function partsFor(sources?: Iterable<SourceKind>): LinkPart[] {
  if (!sources) return [...LINK_PARTS];
  const parts = new Set<LinkPart>();
  for (const source of sources) for (const part of PARTS_BY_SOURCE[source] ?? LINK_PARTS) parts.add(part);
  return LINK_PARTS.filter((p) => parts.has(p));
}

/**
 * Rebuild the links that depend on `sources` (all links when omitted) inside the caller's
 * transaction. Links are derived data: nothing here reads a previous link.
 */
export async function relink(tx: Queryable, sources?: Iterable<SourceKind>): Promise<LinkSummary> {
  return relinkParts(tx, partsFor(sources));
}

export async function relinkParts(tx: Queryable, parts: readonly LinkPart[]): Promise<LinkSummary> {
  const started = performance.now();
  const settings = await getLinkSettings(tx);
  if (parts.includes('issues')) await runScript(tx, issueLinksSql);
  if (parts.includes('reverts')) {
    await runScript(tx, revertsSql, { prefixes: jsonList(settings.hotfixBranchPrefixes.map((p) => p.toLowerCase())) });
  }
  if (parts.includes('incidents')) {
    const label = windowLabel(settings.incidentWindowHours);
    await runScript(tx, incidentLinksSql, {
      filter_urgency: settings.incidentUrgencies !== null,
      urgencies: jsonList((settings.incidentUrgencies ?? []).map((u) => u.toLowerCase())),
      filter_priority: settings.incidentPriorities !== null,
      priorities: jsonList((settings.incidentPriorities ?? []).map((p) => p.toLowerCase())),
      environments: jsonList(settings.productionEnvironments.map((e) => e.toLowerCase())),
      window_hours: settings.incidentWindowHours,
      deploy_rule: `last-deploy-${label}h`,
      pr_rule: `merged-pr-${label}h`,
    });
    await runScript(tx, incidentLinksApplySql);
  }
  const [counts] = (await tx.all<{ issues: number; incidents: number }>(
    'SELECT (SELECT count(*) FROM issue_pr_links) AS issues, (SELECT count(*) FROM incident_change_links) AS incidents',
  )) as [{ issues: number; incidents: number }];
  return { parts: [...parts], issuePrLinks: counts.issues, incidentChangeLinks: counts.incidents, millis: Math.round(performance.now() - started) };
}
