import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TRUTH, generateDemoOrg, type DemoOrg } from '../../analytics/demo';
import { PERIOD_END_MS, PERIOD_START_MS, monthIndexOf } from '../../analytics/demo/period';

let org: DemoOrg;

beforeAll(() => {
  org = generateDemoOrg();
});

function inPeriod(ms: number | null): boolean {
  return ms === null || (ms >= PERIOD_START_MS && ms < PERIOD_END_MS);
}

function teamOf(teamId: string): DemoOrg['teams'][number] {
  return org.teams.find((t) => t.id === teamId)!;
}

describe('demo org: shape and volumes', () => {
  it('has ~8 teams, 120 engineers with seniority, 2–3 repos and 1–2 services per team', () => {
    expect(org.teams).toHaveLength(8);
    expect(org.people).toHaveLength(120);
    expect(new Set(org.people.map((p) => p.login)).size).toBe(120);
    expect(new Set(org.people.map((p) => p.email)).size).toBe(120);
    expect(new Set(org.people.map((p) => p.seniority))).toEqual(new Set(['junior', 'mid', 'senior', 'staff']));
    for (const team of org.teams) {
      const repos = org.repos.filter((r) => r.teamId === team.id);
      const services = org.services.filter((s) => s.teamId === team.id);
      expect(repos.length).toBeGreaterThanOrEqual(2);
      expect(repos.length).toBeLessThanOrEqual(3);
      expect(services.length).toBeGreaterThanOrEqual(1);
      expect(services.length).toBeLessThanOrEqual(2);
      expect(repos.every((r) => r.repo.startsWith('acme/'))).toBe(true);
    }
    expect(org.repos.some((r) => !r.hasDeployments)).toBe(true);
  });

  it('merges about one PR per engineer-week, plus closed-unmerged and a few open PRs', () => {
    const merged = org.pullRequests.filter((p) => p.state === 'merged');
    const engineerWeeks = org.truth.teamMonths.reduce((sum, m) => sum + m.engineers, 0) * (730.5 / 24 / 7);
    const perEngineerWeek = merged.length / engineerWeeks;
    expect(perEngineerWeek).toBeGreaterThan(0.75);
    expect(perEngineerWeek).toBeLessThan(1.25);
    const closedShare = org.pullRequests.filter((p) => p.state === 'closed').length / org.pullRequests.length;
    expect(closedShare).toBeGreaterThan(0.04);
    expect(closedShare).toBeLessThan(0.15);
    const open = org.pullRequests.filter((p) => p.state === 'open').length;
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(200);
  });

  it('keeps commits 1–6 and reviews 0–3 per PR, and deploys most repos', () => {
    for (const pr of org.pullRequests) {
      expect(pr.commits.length).toBeGreaterThanOrEqual(1);
      expect(pr.commits.length).toBeLessThanOrEqual(6);
      expect(pr.reviews.length).toBeLessThanOrEqual(3);
      expect(pr.commits.reduce((s, c) => s + c.additions, 0)).toBe(pr.additions);
    }
    const deployed = new Set(org.deployments.filter((d) => d.environment === 'production').map((d) => d.repo));
    expect(deployed).toEqual(new Set(org.repos.filter((r) => r.hasDeployments).map((r) => r.repo)));
  });

  it('has outcome volumes in plausible ranges', () => {
    expect(org.incidents.length).toBeGreaterThan(300);
    expect(org.incidents.length).toBeLessThan(1500);
    const bugs = org.issues.filter((i) => i.type === 'Bug').length;
    expect(bugs).toBeGreaterThan(600);
    expect(bugs).toBeLessThan(3000);
    expect(org.tickets.length / 24).toBeGreaterThan(300);
    expect(org.tickets.length / 24).toBeLessThan(1200);
    const perMonth = new Map<number, number>();
    for (const r of org.npsResponses) perMonth.set(monthIndexOf(r.dayMs), (perMonth.get(monthIndexOf(r.dayMs)) ?? 0) + 1);
    expect(perMonth.size).toBe(24);
    for (const n of perMonth.values()) {
      expect(n).toBeGreaterThanOrEqual(100);
      expect(n).toBeLessThanOrEqual(200);
    }
    expect(org.npsResponses.every((r) => Number.isInteger(r.score) && r.score >= 0 && r.score <= 10)).toBe(true);
  });
});

describe('demo org: invariants', () => {
  it('only has authors and reviewers from the org map or known bots', () => {
    const people = new Set(org.people.map((p) => p.login));
    const bots = new Set(org.bots.map((b) => b.login));
    const commitBots = new Set(org.bots.map((b) => b.commitLogin));
    for (const pr of org.pullRequests) {
      expect(people.has(pr.author) || bots.has(pr.author), pr.author).toBe(true);
      for (const r of pr.reviews) expect(people.has(r.reviewer), r.reviewer).toBe(true);
      for (const c of pr.commits) expect(people.has(c.authors[0]!.login) || commitBots.has(c.authors[0]!.login), c.authors[0]!.login).toBe(true);
    }
  });

  it('maps every incident to a service of its team', () => {
    const serviceTeam = new Map(org.services.map((s) => [s.id, s.teamId]));
    for (const incident of org.incidents) expect(serviceTeam.get(incident.serviceId)).toBe(incident.teamId);
  });

  it('keeps every instant inside 2024-11-01 .. 2026-10-31 (UTC) and in causal order', () => {
    for (const pr of org.pullRequests) {
      expect(inPeriod(pr.createdMs) && inPeriod(pr.mergedMs) && inPeriod(pr.closedMs)).toBe(true);
      if (pr.mergedMs !== null) {
        expect(pr.mergedMs).toBeGreaterThanOrEqual(pr.createdMs);
        expect(pr.closedMs).toBe(pr.mergedMs);
      }
      for (const c of pr.commits) expect(inPeriod(c.authoredMs)).toBe(true);
      for (const r of pr.reviews) {
        expect(inPeriod(r.submittedMs)).toBe(true);
        expect(r.submittedMs).toBeGreaterThanOrEqual(pr.createdMs);
        if (pr.closedMs !== null) expect(r.submittedMs).toBeLessThanOrEqual(pr.closedMs);
      }
    }
    for (const d of org.deployments) expect(inPeriod(d.createdMs) && inPeriod(d.finishedMs) && d.finishedMs >= d.createdMs).toBe(true);
    for (const i of org.issues) expect(inPeriod(i.createdMs) && inPeriod(i.resolvedMs) && inPeriod(i.updatedMs)).toBe(true);
    for (const i of org.incidents) expect(inPeriod(i.createdMs) && inPeriod(i.resolvedMs) && (i.resolvedMs ?? Infinity) >= i.createdMs).toBe(true);
    for (const t of org.tickets) expect(inPeriod(t.createdMs) && inPeriod(t.solvedMs)).toBe(true);
    for (const u of org.copilotUsage) expect(inPeriod(u.dayMs)).toBe(true);
  });

  it('references only Jira keys that exist, and reverts only PRs merged before them', () => {
    const keys = new Set(org.issues.map((i) => i.key));
    const pattern = /\b([A-Z][A-Z0-9]+-\d+)\b/g;
    let referenced = 0;
    for (const pr of org.pullRequests) {
      const text = [pr.title, pr.headRef, pr.body, ...pr.commits.map((c) => c.headline)].join('\n');
      for (const m of text.matchAll(pattern)) {
        if (m[1]!.startsWith('REVERT-')) continue;
        expect(keys.has(m[1]!), `${pr.repo}#${pr.number}: ${m[1]}`).toBe(true);
        referenced++;
      }
    }
    expect(referenced).toBeGreaterThan(4000);
    const byKey = new Map(org.pullRequests.map((p) => [`${p.repo}#${p.number}`, p]));
    const reverts = org.pullRequests.filter((p) => p.kind === 'revert');
    expect(reverts.length).toBeGreaterThan(50);
    for (const pr of reverts) {
      expect(pr.title.startsWith('Revert "')).toBe(true);
      const m = /^Reverts (acme\/[\w-]+)#(\d+)$/.exec(pr.body);
      expect(m, pr.body).not.toBeNull();
      const target = byKey.get(`${m![1]}#${m![2]}`)!;
      expect(target.mergedMs).not.toBeNull();
      expect(target.mergedMs!).toBeLessThan(pr.createdMs);
    }
    expect(org.pullRequests.filter((p) => p.headRef.startsWith('hotfix/')).length).toBeGreaterThan(30);
  });

  it('plants AI markers the ways real orgs show them, and leaves some AI work unmarked', () => {
    const messages = org.pullRequests.flatMap((p) => p.commits.map((c) => `${c.headline}\n\n${c.body}`));
    expect(messages.some((m) => m.includes('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'))).toBe(true);
    expect(messages.some((m) => m.includes('Co-Authored-By: Claude <noreply@anthropic.com>'))).toBe(true);
    expect(messages.some((m) => m.includes('Made-with: Cursor'))).toBe(true);
    expect(messages.some((m) => m.includes('🤖 Generated with [Claude Code](https://claude.com/claude-code)'))).toBe(true);
    const authors = new Set(org.pullRequests.map((p) => p.author));
    expect(authors.has('copilot-swe-agent[bot]')).toBe(true);
    expect(authors.has('devin-ai-integration[bot]')).toBe(true);
    const labels = new Set(org.pullRequests.flatMap((p) => p.labels));
    expect(labels.has('ai-assisted') && labels.has('copilot')).toBe(true);
    for (const prefix of ['copilot/', 'claude/', 'cursor/']) expect(org.pullRequests.some((p) => p.headRef.startsWith(prefix)), prefix).toBe(true);
    const modes = new Set(org.pullRequests.flatMap((p) => p.commits.map((c) => c.truth.mode)));
    expect(modes).toEqual(new Set(['none', 'trailer', 'agent', 'ide', 'invisible']));
  });

  it('uses the older PagerDuty shapes for older incidents', () => {
    const first = org.incidents[0]!;
    const last = org.incidents[org.incidents.length - 1]!;
    expect(first.hasPriorityField).toBe(false);
    expect(first.omitResolvedAt).toBe(true);
    expect(last.hasPriorityField).toBe(true);
    expect(org.incidents.some((i) => i.priority !== null)).toBe(true);
    expect(new Set(org.incidents.map((i) => i.urgency))).toEqual(new Set(['high', 'low']));
  });
});

describe('demo org: staggered adoption and planted effects', () => {
  it('switches teams on at different months; never-adopters stay at zero AI', () => {
    const adoptionMonths = org.teams.map((t) => t.adoptionMonth).filter((m): m is number => m !== null);
    expect(new Set(adoptionMonths).size).toBeGreaterThanOrEqual(5);
    expect(Math.min(...adoptionMonths)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...adoptionMonths)).toBeLessThanOrEqual(18);
    const never = org.teams.filter((t) => t.adoptionMonth === null).map((t) => t.id);
    expect(never.length).toBeGreaterThanOrEqual(1);
    for (const m of org.truth.teamMonths.filter((x) => never.includes(x.teamId))) expect(m.trueAiShare).toBe(0);
    const logins = new Set(org.people.filter((p) => never.includes(p.teamId)).map((p) => p.login));
    expect(org.copilotUsage.some((u) => logins.has(u.login))).toBe(false);
  });

  it("raises adopters' AI share after their switch month, to team-specific plateaus", () => {
    for (const team of org.teams.filter((t) => t.adoptionMonth !== null)) {
      const months = org.truth.teamMonths.filter((m) => m.teamId === team.id);
      const before = months.filter((m) => m.monthIndex < team.adoptionMonth!);
      const settled = months.filter((m) => m.monthIndex >= team.adoptionMonth! + 3);
      expect(before.every((m) => m.trueAiShare === 0), team.id).toBe(true);
      const mean = settled.reduce((s, m) => s + m.trueAiShare, 0) / settled.length;
      expect(mean, team.id).toBeGreaterThan(0.6 * team.plateau);
      expect(mean, team.id).toBeLessThan(1.4 * team.plateau + 0.05);
    }
  });

  it('shows the planted effects in raw counts: more incidents, bugs and reverts per PR in high-AI months', () => {
    const ratio = (key: 'incidents' | 'bugs' | 'reverts'): { within: number; naive: number } => {
      let hiCount = 0;
      let hiPrs = 0;
      let loCount = 0;
      let loPrs = 0;
      let neverCount = 0;
      let neverPrs = 0;
      for (const m of org.truth.teamMonths) {
        const adoption = teamOf(m.teamId).adoptionMonth;
        if (adoption === null) {
          neverCount += m[key];
          neverPrs += m.mergedPrs;
        } else if (m.trueAiShare >= 0.3) {
          hiCount += m[key];
          hiPrs += m.mergedPrs;
        } else if (m.monthIndex < adoption) {
          loCount += m[key];
          loPrs += m.mergedPrs;
        }
      }
      return { within: hiCount / hiPrs / (loCount / loPrs), naive: hiCount / hiPrs / (neverCount / neverPrs) };
    };
    const incidents = ratio('incidents');
    const bugs = ratio('bugs');
    const reverts = ratio('reverts');
    // Same teams, high-AI months vs their own pre-adoption months (the org-wide downward trend pulls this below ×1.30).
    expect(incidents.within).toBeGreaterThan(1.1);
    expect(bugs.within).toBeGreaterThan(1.1);
    expect(reverts.within).toBeGreaterThan(1.0);
    // Confounding: early adopters had higher baselines, so comparing against never-adopters overstates the effect.
    expect(incidents.naive).toBeGreaterThan(incidents.within * 1.2);
  });

  it('draws incidents from the documented model: merged · base · month effect · exp(ln 1.3 · Σ w·share)', () => {
    const lagged = (shares: number[], t: number, w: readonly number[]): number => w.reduce((s, wl, l) => s + wl * (t - l >= 0 ? shares[t - l]! : 0), 0);
    // Dividing out exposure, team baseline and the AI term must leave one month effect shared by all teams.
    const monthEffects = new Map<number, number[]>();
    for (const team of org.teams) {
      const months = org.truth.teamMonths.filter((m) => m.teamId === team.id);
      const shares = months.map((m) => m.trueAiShare);
      const base = DEMO_TRUTH.adoption.teams.find((t) => t.teamId === team.id)!.baseIncidentsPerPr;
      for (const m of months) {
        if (m.mergedPrs === 0) continue;
        const aiPart = Math.exp(Math.log(DEMO_TRUTH.incidents.rateRatioAt100) * lagged(shares, m.monthIndex, DEMO_TRUTH.incidents.lagWeights));
        const list = monthEffects.get(m.monthIndex) ?? [];
        list.push(m.expectedIncidents / (m.mergedPrs * base * aiPart));
        monthEffects.set(m.monthIndex, list);
      }
    }
    expect(monthEffects.size).toBe(24);
    for (const effects of monthEffects.values()) {
      for (const e of effects) expect(e / effects[0]!).toBeCloseTo(1, 9);
      expect(effects[0]!).toBeGreaterThan(0.6);
      expect(effects[0]!).toBeLessThan(1.4);
    }
  });
});
