/**
 * The demo org's fixed shape — teams, repos, services, Jira projects, adoption schedule and
 * baseline rates — and the seeded generation of its people and customer accounts.
 *
 * Confounding is deliberate: the teams that adopt AI earliest are the ones with the highest baseline
 * incident and bug rates (busy product teams that reached for help first). A naive "AI teams vs
 * non-AI teams" comparison therefore overstates the effect; team fixed effects remove it.
 */
import type { Rng } from '../stats/random';
import type { CustomerSegment, DemoAccount, DemoBot, DemoPerson, DemoRepo, DemoService, DemoTeam, Seniority } from './model';
import { DAY_MS, PERIOD_END_MS, PERIOD_START_MS, monthStartMs } from './period';

export const GITHUB_OWNER = 'acme';

export interface RepoSpec {
  name: string;
  /** Whether the repo records GitHub deployments (apps, infra code and dbt projects do not). */
  deploys: boolean;
  /** Key of the team's PagerDuty service this repo runs as. */
  service: string | null;
}

export interface ServiceSpec {
  key: string;
  id: string;
  name: string;
}

export interface TeamSpec {
  id: string;
  name: string;
  jiraKey: string;
  headcount: number;
  repos: readonly RepoSpec[];
  services: readonly ServiceSpec[];
  adoptionMonth: number | null;
  plateau: number;
  /** Which assistants write the team's trailer-marked commits (weights). */
  trailerTools: { copilot: number; claude: number; cursor: number };
  /** The coding agent that opens PRs for the team, if any. */
  agentBot: 'copilot-swe-agent[bot]' | 'devin-ai-integration[bot]' | null;
  /** Baseline outcome rates per merged PR at 0% AI share (before the month effects). */
  baseIncidentsPerPr: number;
  baseBugsPerPr: number;
  baseRevertsPerPr: number;
  /** Median hours to first review of a PR with no AI lines. */
  reviewMedianHours: number;
  components: readonly string[];
  topics: readonly string[];
}

/**
 * Eight teams, 120 engineers. Adoption months are indexes (0 = 2024-11): payments switches on in
 * 2025-03, platform in 2026-04; data and identity never adopt. Baseline incident rates fall with
 * adoption order (the confounder).
 */
export const TEAM_SPECS: readonly TeamSpec[] = [
  {
    id: 'payments', name: 'Payments', jiraKey: 'PAY', headcount: 18,
    repos: [
      { name: 'payments-api', deploys: true, service: 'payments-api' },
      { name: 'ledger', deploys: true, service: 'ledger' },
      { name: 'payment-webhooks', deploys: true, service: 'payments-api' },
    ],
    services: [{ key: 'payments-api', id: 'P7Q2K1A', name: 'Payments API' }, { key: 'ledger', id: 'PL3DG9R', name: 'Ledger' }],
    adoptionMonth: 4, plateau: 0.55, trailerTools: { copilot: 0.6, claude: 0.3, cursor: 0.1 }, agentBot: 'copilot-swe-agent[bot]',
    baseIncidentsPerPr: 0.075, baseBugsPerPr: 0.15, baseRevertsPerPr: 0.016, reviewMedianHours: 5,
    components: ['API', 'Ledger', 'Webhooks', 'Payouts'],
    topics: ['refund flow', 'idempotency keys', 'payout scheduler', 'currency rounding', '3-D Secure challenge', 'ledger reconciliation', 'chargeback webhooks', 'SEPA mandates', 'invoice PDFs', 'fee calculation'],
  },
  {
    id: 'growth', name: 'Growth', jiraKey: 'GRW', headcount: 15,
    repos: [
      { name: 'growth-experiments', deploys: true, service: 'notifications' },
      { name: 'marketing-site', deploys: false, service: null },
      { name: 'notifications', deploys: true, service: 'notifications' },
    ],
    services: [{ key: 'notifications', id: 'PN0T1F5', name: 'Notifications' }],
    adoptionMonth: 5, plateau: 0.7, trailerTools: { copilot: 0.2, claude: 0.5, cursor: 0.3 }, agentBot: 'devin-ai-integration[bot]',
    baseIncidentsPerPr: 0.066, baseBugsPerPr: 0.14, baseRevertsPerPr: 0.015, reviewMedianHours: 4,
    components: ['Experiments', 'Email', 'Website'],
    topics: ['A/B test framework', 'referral program', 'pricing page experiment', 'email campaigns', 'feature flags', 'signup funnel', 'trial conversion nudges', 'newsletter opt-in', 'landing page CMS', 'notification preferences'],
  },
  {
    id: 'checkout', name: 'Checkout', jiraKey: 'CHK', headcount: 16,
    repos: [
      { name: 'checkout-web', deploys: true, service: 'checkout' },
      { name: 'cart-service', deploys: true, service: 'checkout' },
    ],
    services: [{ key: 'checkout', id: 'PCHK7X2', name: 'Checkout' }],
    adoptionMonth: 7, plateau: 0.45, trailerTools: { copilot: 0.5, claude: 0.2, cursor: 0.3 }, agentBot: 'copilot-swe-agent[bot]',
    baseIncidentsPerPr: 0.064, baseBugsPerPr: 0.13, baseRevertsPerPr: 0.014, reviewMedianHours: 5,
    components: ['Cart', 'Web', 'Promotions'],
    topics: ['cart totals', 'promo codes', 'address autocomplete', 'shipping options', 'guest checkout', 'order confirmation email', 'tax calculation', 'checkout funnel events', 'saved cards', 'stock reservation'],
  },
  {
    id: 'mobile', name: 'Mobile', jiraKey: 'MOB', headcount: 15,
    repos: [
      { name: 'ios-app', deploys: false, service: null },
      { name: 'android-app', deploys: false, service: null },
      { name: 'mobile-bff', deploys: true, service: 'mobile-bff' },
    ],
    services: [{ key: 'mobile-bff', id: 'PM0B1LE', name: 'Mobile BFF' }],
    adoptionMonth: 10, plateau: 0.4, trailerTools: { copilot: 0.7, claude: 0.2, cursor: 0.1 }, agentBot: null,
    baseIncidentsPerPr: 0.05, baseBugsPerPr: 0.14, baseRevertsPerPr: 0.012, reviewMedianHours: 7,
    components: ['iOS', 'Android', 'BFF'],
    topics: ['push notification opt-in', 'offline mode', 'deep links', 'biometric login', 'app startup time', 'image caching', 'crash reporting', 'dark mode', 'in-app review prompt', 'onboarding carousel'],
  },
  {
    id: 'search', name: 'Search', jiraKey: 'SRCH', headcount: 14,
    repos: [
      { name: 'search-api', deploys: true, service: 'search-api' },
      { name: 'search-indexer', deploys: true, service: 'search-indexer' },
    ],
    services: [{ key: 'search-api', id: 'PS34RCH', name: 'Search API' }, { key: 'search-indexer', id: 'PIDX8Z3', name: 'Search Indexer' }],
    adoptionMonth: 13, plateau: 0.35, trailerTools: { copilot: 0.4, claude: 0.4, cursor: 0.2 }, agentBot: null,
    baseIncidentsPerPr: 0.046, baseBugsPerPr: 0.12, baseRevertsPerPr: 0.012, reviewMedianHours: 6,
    components: ['Ranking', 'Indexing', 'API'],
    topics: ['query autocomplete', 'synonym dictionary', 'ranking features', 'index sharding', 'typo tolerance', 'facet counts', 'reindex job', 'search analytics', 'relevance tuning', 'spell check'],
  },
  {
    id: 'platform', name: 'Platform', jiraKey: 'PLAT', headcount: 17,
    repos: [
      { name: 'edge-gateway', deploys: true, service: 'edge-gateway' },
      { name: 'service-mesh', deploys: true, service: 'edge-gateway' },
      { name: 'infra-terraform', deploys: false, service: null },
    ],
    services: [{ key: 'edge-gateway', id: 'PGW4Y9E', name: 'Edge Gateway' }],
    adoptionMonth: 17, plateau: 0.22, trailerTools: { copilot: 0.5, claude: 0.4, cursor: 0.1 }, agentBot: 'copilot-swe-agent[bot]',
    baseIncidentsPerPr: 0.04, baseBugsPerPr: 0.1, baseRevertsPerPr: 0.011, reviewMedianHours: 8,
    components: ['Gateway', 'Kubernetes', 'Terraform', 'CI'],
    topics: ['rate limiter', 'TLS certificates', 'service mesh retries', 'autoscaling', 'Terraform state locking', 'gateway timeouts', 'observability dashboards', 'secrets rotation', 'CI cache', 'log sampling'],
  },
  {
    id: 'data', name: 'Data', jiraKey: 'DATA', headcount: 13,
    repos: [
      { name: 'data-pipelines', deploys: true, service: 'data-pipelines' },
      { name: 'warehouse-dbt', deploys: false, service: null },
    ],
    services: [{ key: 'data-pipelines', id: 'PD4T4PL', name: 'Data Pipelines' }],
    adoptionMonth: null, plateau: 0, trailerTools: { copilot: 1, claude: 0, cursor: 0 }, agentBot: null,
    baseIncidentsPerPr: 0.037, baseBugsPerPr: 0.11, baseRevertsPerPr: 0.01, reviewMedianHours: 9,
    components: ['Pipelines', 'Warehouse', 'Quality'],
    topics: ['nightly ETL', 'dbt models', 'event schema registry', 'GDPR deletion job', 'warehouse costs', 'late-arriving events', 'data quality checks', 'Airflow DAGs', 'CDC pipeline', 'revenue dashboard'],
  },
  {
    id: 'identity', name: 'Identity', jiraKey: 'IDN', headcount: 12,
    repos: [
      { name: 'auth-service', deploys: true, service: 'auth' },
      { name: 'identity-admin', deploys: true, service: 'auth' },
    ],
    services: [{ key: 'auth', id: 'PAUTH6M', name: 'Auth' }],
    adoptionMonth: null, plateau: 0, trailerTools: { copilot: 1, claude: 0, cursor: 0 }, agentBot: null,
    baseIncidentsPerPr: 0.034, baseBugsPerPr: 0.1, baseRevertsPerPr: 0.01, reviewMedianHours: 8,
    components: ['SSO', 'MFA', 'Admin'],
    topics: ['SAML SSO', 'password reset', 'MFA enrolment', 'session expiry', 'OAuth scopes', 'SCIM provisioning', 'login rate limits', 'audit log', 'token refresh', 'account lockout'],
  },
];

export function teamSpec(teamId: string): TeamSpec {
  const spec = TEAM_SPECS.find((t) => t.id === teamId);
  if (!spec) throw new Error(`Unknown demo team ${teamId}`);
  return spec;
}

export function buildTeams(): DemoTeam[] {
  return TEAM_SPECS.map((t) => ({
    id: t.id,
    name: t.name,
    jiraKey: t.jiraKey,
    jiraProjectName: t.name,
    adoptionMonth: t.adoptionMonth,
    plateau: t.plateau,
  }));
}

export function buildServices(): DemoService[] {
  return TEAM_SPECS.flatMap((t) => t.services.map((s) => ({ id: s.id, name: s.name, teamId: t.id })));
}

export function buildRepos(rng: Rng): DemoRepo[] {
  return TEAM_SPECS.flatMap((t) =>
    t.repos.map((r) => ({
      repo: `${GITHUB_OWNER}/${r.name}`,
      name: r.name,
      teamId: t.id,
      hasDeployments: r.deploys,
      serviceId: r.service ? t.services.find((s) => s.key === r.service)!.id : null,
      githubId: rng.int(500_000_000, 900_000_000),
    })),
  );
}

/** The coding agents that open PRs, spelled the ways GitHub spells them. */
export const DEMO_BOTS: readonly DemoBot[] = [
  {
    login: 'copilot-swe-agent[bot]',
    ghLogin: 'app/copilot-swe-agent',
    commitName: 'copilot-swe-agent[bot]',
    commitEmail: '198982749+Copilot@users.noreply.github.com',
    commitLogin: 'Copilot',
    githubNodeId: 'BOT_kgDOC9w8XQ',
    tool: 'copilot',
  },
  {
    login: 'devin-ai-integration[bot]',
    ghLogin: 'app/devin-ai-integration',
    commitName: 'Devin AI',
    commitEmail: '158243242+devin-ai-integration[bot]@users.noreply.github.com',
    commitLogin: 'devin-ai-integration[bot]',
    githubNodeId: 'BOT_kgDOCnlnmg',
    tool: 'devin',
  },
];

const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloé', 'Daniel', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Lukas', 'Maja', 'Nikolai', 'Olivia',
  'Pedro', 'Qing', 'Rafael', 'Sofia', 'Tobias', 'Uma', 'Viktor', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Amir', 'Bianca', 'Carlos', 'Dilara',
  'Emil', 'Fatima', 'Gabriel', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Lena', 'Mateo', 'Nora', 'Oskar', 'Priya', 'Ravi', 'Sara', 'Theo',
  'Ulrike', 'Valentina', 'William', 'Yara', 'Zainab', 'Aisha', 'Björn', 'Chen', 'Dario', 'Elif', 'Finn', 'Grace', 'Hamza', 'Ida', 'José',
  'Kai', 'Laura', 'Marek', 'Nadia', 'Omar', 'Paula', 'Rosa', 'Sven', 'Tariq', 'Vera', 'Xavier', 'Yuki', 'Zeynep', 'Arjun', 'Clara',
];

const LAST_NAMES = [
  'Müller', 'Schmidt', 'Nguyen', 'Kowalski', 'García', 'Okafor', 'Rossi', 'Jansen', 'Petrov', 'Svensson', 'Yilmaz', 'Tanaka', 'Silva',
  'Fischer', 'Weber', 'Novak', 'Dubois', 'Khan', 'Larsen', 'Moreau', 'Becker', 'Horvat', 'Costa', 'Lindqvist', 'Papadopoulos', 'Kim',
  'Wagner', 'Ivanova', 'Haddad', 'Fernández', 'Meyer', 'Nowak', 'Schulz', 'Andersen', "O'Brien", 'Kaya', 'Sato', 'Mendes', 'Hoffmann',
  'Zhang', 'Wolf', 'Bianchi', 'Virtanen', 'Mensah', 'Kumar', 'Richter', 'Nielsen', 'Popescu', 'Ortiz', 'Schneider', 'Lopez', 'Hansen',
  'Koch', 'Bauer', 'Das', 'Eriksson', 'Klein', 'Ali', 'Martin', 'Walsh',
];

const SENIORITY_MIX: ReadonlyArray<[Seniority, number]> = [['junior', 0.2], ['mid', 0.4], ['senior', 0.3], ['staff', 0.1]];

/** ASCII slug of a name part: 'Müller' → 'muller', "O'Brien" → 'obrien'. */
function asciiSlug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function loginCandidates(first: string, last: string): string[] {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  return [`${f}${l[0] ?? ''}`, `${f[0] ?? ''}${l}`, `${f}-${l}`, `${f}${l}`, `${f}-${l}-acme`];
}

/** Seniority counts for a team of `n`, largest-remainder rounding so they sum to `n`. */
function seniorityCounts(n: number): Seniority[] {
  const raw = SENIORITY_MIX.map(([s, p]) => ({ s, exact: n * p, count: Math.floor(n * p) }));
  let left = n - raw.reduce((sum, r) => sum + r.count, 0);
  for (const r of [...raw].sort((a, b) => b.exact - b.count - (a.exact - a.count))) {
    if (left <= 0) break;
    r.count++;
    left--;
  }
  return raw.flatMap((r) => Array<Seniority>(r.count).fill(r.s));
}

/** Engineers with unique names, logins and emails; ~12% join during the period and ~8% leave. */
export function buildPeople(rng: Rng): DemoPerson[] {
  const usedNames = new Set<string>();
  const usedLogins = new Set<string>();
  const people: DemoPerson[] = [];
  for (const team of TEAM_SPECS) {
    const teamRng = rng.fork(team.id);
    const seniorities = teamRng.shuffle(seniorityCounts(team.headcount));
    for (const seniority of seniorities) {
      let first: string;
      let last: string;
      do {
        first = teamRng.pick(FIRST_NAMES);
        last = teamRng.pick(LAST_NAMES);
      } while (usedNames.has(`${first} ${last}`));
      usedNames.add(`${first} ${last}`);
      const login = loginCandidates(first, last).find((c) => !usedLogins.has(c)) ?? `${asciiSlug(first)}${usedLogins.size}`;
      usedLogins.add(login);
      const githubId = teamRng.int(1_000_000, 160_000_000);
      const joinsLater = teamRng.bernoulli(0.12);
      const startMs = joinsLater ? monthStartMs(teamRng.int(2, 19)) + teamRng.int(0, 20) * DAY_MS : PERIOD_START_MS;
      const leaves = teamRng.bernoulli(0.08);
      const startMonthGuess = joinsLater ? 12 : 0;
      const endMs = leaves ? monthStartMs(teamRng.int(Math.max(8, startMonthGuess + 6), 22)) + teamRng.int(0, 25) * DAY_MS : PERIOD_END_MS;
      people.push({
        login,
        name: `${first} ${last}`,
        email: `${asciiSlug(first)}.${asciiSlug(last)}@acme.com`,
        noreplyEmail: `${githubId}+${login}@users.noreply.github.com`,
        githubNodeId: `MDQ6VXNlcj${githubId}`,
        teamId: team.id,
        seniority,
        startMs,
        endMs: Math.max(endMs, startMs + 120 * DAY_MS),
      });
    }
  }
  return people;
}

const ACCOUNT_PREFIXES = ['North', 'Blue', 'Silver', 'Granite', 'Harbor', 'Summit', 'Cedar', 'Pine', 'Bright', 'Iron', 'Atlas', 'Nova', 'Delta', 'Lumen', 'Vertex', 'Orbit', 'Maple', 'Coral', 'Falcon', 'Quartz', 'Golden', 'Swift', 'Clear', 'Open', 'Alpen'];
const ACCOUNT_STEMS = ['wind', 'field', 'stone', 'bridge', 'works', 'path', 'gate', 'point', 'line', 'leaf', 'wave', 'peak', 'forge', 'light', 'rock'];
const ACCOUNT_INDUSTRIES = ['Logistics', 'Health', 'Retail', 'Foods', 'Bank', 'Insurance', 'Labs', 'Media', 'Travel', 'Energy', 'Analytics', 'Apparel', 'Motors', 'Pharma', 'Studios'];
const ACCOUNT_SUFFIXES = ['GmbH', 'Inc.', 'Ltd', 'AG', 'B.V.', 'SAS', '', '', ''];
const SEGMENT_MIX: ReadonlyArray<[CustomerSegment, number]> = [['Enterprise', 0.12], ['Mid-Market', 0.33], ['SMB', 0.55]];

/** 260 customer accounts; some names contain commas ("Harborpoint Foods, Inc.") as real ones do. */
export function buildAccounts(rng: Rng, count = 260): DemoAccount[] {
  const used = new Set<string>();
  const accounts: DemoAccount[] = [];
  while (accounts.length < count) {
    const base = `${rng.pick(ACCOUNT_PREFIXES)}${rng.pick(ACCOUNT_STEMS)} ${rng.pick(ACCOUNT_INDUSTRIES)}`;
    const suffix = rng.pick(ACCOUNT_SUFFIXES);
    const name = suffix === 'Inc.' ? `${base}, Inc.` : suffix ? `${base} ${suffix}` : base;
    if (used.has(base)) continue;
    used.add(base);
    accounts.push({ name, segment: rng.weighted(SEGMENT_MIX.map(([s]) => s), SEGMENT_MIX.map(([, p]) => p)) });
  }
  return accounts;
}

/** Where the demo's Jira issues and PagerDuty incidents would live (URLs only; never fetched). */
export function jiraIssueUrl(key: string): string {
  return `https://${GITHUB_OWNER}.atlassian.net/browse/${key}`;
}

export function pagerDutyIncidentUrl(id: string): string {
  return `https://${GITHUB_OWNER}.pagerduty.com/incidents/${id}`;
}
