/**
 * Copilot per-user daily usage for engineers of teams that adopted AI (licences arrive with
 * adoption). A day's accepted lines are the Copilot completion lines that landed in that person's
 * commits that day, plus a little that never reached a PR — the only trace IDE completions leave.
 */
import type { Rng } from '../../stats/random';
import type { DemoCopilotDay, DemoPerson } from '../model';
import { TEAM_SPECS } from '../org';
import { DAY_MS, PERIOD_END_MS, dayStartMs, isWeekend, monthIndexOf, monthStartMs } from '../period';
import { compareStrings, type PrDraft } from './context';

export function generateCopilotUsage(rng: Rng, people: readonly DemoPerson[], prs: readonly PrDraft[], targetShares: ReadonlyMap<string, readonly number[]>): DemoCopilotDay[] {
  const ideLines = new Map<string, number>();
  /** A PR opened in the adoption month may hold completions authored the day before. */
  const firstIdeDay = new Map<string, number>();
  for (const pr of prs) {
    for (const commit of pr.commits) {
      if (commit.truth.mode !== 'ide' || commit.truth.aiLines === 0) continue;
      const day = dayStartMs(commit.authoredMs);
      const key = `${pr.owner.login}|${day}`;
      ideLines.set(key, (ideLines.get(key) ?? 0) + commit.truth.aiLines);
      firstIdeDay.set(pr.owner.login, Math.min(firstIdeDay.get(pr.owner.login) ?? day, day));
    }
  }
  const days: DemoCopilotDay[] = [];
  for (const person of people) {
    const team = TEAM_SPECS.find((t) => t.id === person.teamId)!;
    if (team.adoptionMonth === null) continue;
    const personRng = rng.fork(person.login);
    const shares = targetShares.get(team.id)!;
    const from = Math.min(Math.max(monthStartMs(team.adoptionMonth), person.startMs), firstIdeDay.get(person.login) ?? Infinity);
    for (let day = dayStartMs(from); day < Math.min(person.endMs, PERIOD_END_MS); day += DAY_MS) {
      const landed = ideLines.get(`${person.login}|${day}`) ?? 0;
      const share = shares[monthIndexOf(day)] ?? 0;
      let locAdded: number;
      if (landed > 0) locAdded = landed + personRng.poisson(3);
      else if (!isWeekend(day) && personRng.bernoulli(0.25 + 0.5 * share)) locAdded = Math.round(personRng.lognormalMedian(12, 0.8));
      else continue;
      const acceptance = personRng.between(0.22, 0.4);
      const acceptances = Math.max(1, Math.round(locAdded / personRng.between(2, 5)));
      days.push({
        login: person.login,
        dayMs: day,
        locAdded,
        locSuggested: Math.round(locAdded / acceptance),
        locDeleted: Math.round(locAdded * personRng.between(0.05, 0.3)),
        interactions: personRng.poisson(2 + locAdded / 30),
        generations: Math.round(acceptances / acceptance),
        acceptances,
        usedChat: personRng.bernoulli(0.6),
        usedAgent: personRng.bernoulli(share),
      });
    }
  }
  days.sort((a, b) => a.dayMs - b.dayMs || compareStrings(a.login, b.login));
  return days;
}
