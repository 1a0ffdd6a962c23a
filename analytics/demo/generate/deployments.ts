/**
 * GitHub deployments for repos that record them: two release trains per weekday (10:00 and 15:00
 * UTC) ship whatever merged since the last one — first to staging, then production — with a code
 * freeze over the holidays. Hotfixes and reverts ship at once. Failed production deploys are retried.
 */
import type { Rng } from '../../stats/random';
import type { DemoDeployment, DemoRepo } from '../model';
import { DAY_MS, HOUR_MS, PERIOD_END_MS, PERIOD_START_MS, isWeekend, toSecond } from '../period';
import { compareStrings, type PrDraft } from './context';

const TRAIN_HOURS_UTC = [10, 15];
const STAGING_LEAD_MS = 45 * 60_000;
const RETRY_AFTER_MS = 40 * 60_000;

/** Dec 20 – Jan 2: no scheduled production releases (hotfixes still ship). */
function inCodeFreeze(ms: number): boolean {
  const d = new Date(ms);
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  return (month === 11 && day >= 20) || (month === 0 && day <= 2);
}

function makeDeployment(rng: Rng, repo: DemoRepo, environment: DemoDeployment['environment'], createdMs: number, sha: string, status: DemoDeployment['status']): DemoDeployment {
  const startedMs = createdMs + rng.int(3, 15) * 1000;
  const finishedMs = toSecond(startedMs + rng.lognormalMedian(6, 0.5) * 60_000);
  return {
    id: 0,
    repo: repo.repo,
    serviceId: repo.serviceId,
    sha,
    ref: 'main',
    environment,
    createdMs,
    status,
    finishedMs,
    statuses: [
      { id: 0, state: 'in_progress', createdMs: startedMs },
      { id: 0, state: status, createdMs: finishedMs },
    ],
  };
}

/** A production deploy that may fail and be retried; returns the deploys and when it went live. */
function productionRelease(rng: Rng, repo: DemoRepo, createdMs: number, sha: string): { deployments: DemoDeployment[]; liveMs: number } {
  const roll = rng.uniform();
  const status: DemoDeployment['status'] = roll < 0.96 ? 'success' : roll < 0.99 ? 'failure' : 'error';
  const first = makeDeployment(rng, repo, 'production', createdMs, sha, status);
  if (status === 'success') return { deployments: [first], liveMs: first.finishedMs };
  const retry = makeDeployment(rng, repo, 'production', toSecond(first.finishedMs + RETRY_AFTER_MS), sha, 'success');
  return { deployments: [first, retry], liveMs: retry.finishedMs };
}

/** Scheduled release trains; sets `deployedMs` on every PR they ship. */
export function generateReleaseTrains(rng: Rng, repos: readonly DemoRepo[], drafts: readonly PrDraft[]): DemoDeployment[] {
  const deployments: DemoDeployment[] = [];
  for (const repo of repos) {
    if (!repo.hasDeployments) continue;
    const repoRng = rng.fork(`deploys/${repo.name}`);
    const merged = drafts.filter((d) => d.repo === repo.repo && d.mergedMs !== null).sort((a, b) => a.mergedMs! - b.mergedMs!);
    let next = 0;
    for (let day = PERIOD_START_MS; day < PERIOD_END_MS; day += DAY_MS) {
      if (isWeekend(day) || inCodeFreeze(day)) continue;
      for (const hour of TRAIN_HOURS_UTC) {
        const slot = toSecond(day + hour * HOUR_MS + repoRng.int(-20, 20) * 60_000);
        const batch: PrDraft[] = [];
        while (next < merged.length && merged[next]!.mergedMs! < slot - STAGING_LEAD_MS) batch.push(merged[next++]!);
        if (batch.length === 0) continue;
        const sha = batch[batch.length - 1]!.mergeCommitSha!;
        deployments.push(makeDeployment(repoRng, repo, 'staging', slot - STAGING_LEAD_MS, sha, repoRng.bernoulli(0.98) ? 'success' : 'failure'));
        const release = productionRelease(repoRng, repo, slot, sha);
        if (release.liveMs >= PERIOD_END_MS) continue;
        deployments.push(...release.deployments);
        for (const pr of batch) pr.deployedMs = release.liveMs;
      }
    }
  }
  return deployments;
}

/** Hotfixes and reverts go straight to production minutes after merging. */
export function deployImmediately(rng: Rng, repo: DemoRepo, pr: PrDraft): DemoDeployment[] {
  if (!repo.hasDeployments || pr.mergedMs === null || !pr.mergeCommitSha) return [];
  const createdMs = toSecond(pr.mergedMs + rng.int(4, 15) * 60_000);
  const release = productionRelease(rng, repo, createdMs, pr.mergeCommitSha);
  if (release.liveMs >= PERIOD_END_MS) return [];
  pr.deployedMs = release.liveMs;
  return release.deployments;
}

/** GitHub assigns increasing ids in creation order; so do we, once every deployment exists. */
export function assignDeploymentIds(deployments: DemoDeployment[]): DemoDeployment[] {
  deployments.sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.repo, b.repo) || compareStrings(a.environment, b.environment));
  let statusId = 4_210_000_000;
  deployments.forEach((d, i) => {
    d.id = 1_805_000_000 + i * 3;
    for (const s of d.statuses) s.id = statusId += 2;
  });
  return deployments;
}
