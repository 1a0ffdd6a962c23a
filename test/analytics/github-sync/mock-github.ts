/**
 * A local stand-in for the GitHub REST API (GitHub Enterprise Server layout: /api/v3/…) on
 * 127.0.0.1 with a random port: the JSON shapes the REST importers read, Link-header pagination,
 * x-ratelimit-* headers, and injectable faults (rate limits, 5xx, dropped connections, 401/403/404).
 * Copilot reports are served behind signed download links that must be fetched WITHOUT the token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'ghp_UndertowTestTokenMustNeverLeak0123456789';

export interface MockUser {
  login: string;
  type?: 'User' | 'Bot';
}
export interface MockCommit {
  sha: string;
  message: string;
  author: MockUser | null;
  name: string;
  email: string;
  date: string;
}
export interface MockReview {
  id: number;
  user: MockUser;
  state: string;
  submitted_at: string;
}
export interface MockPull {
  number: number;
  title: string;
  body?: string;
  user: MockUser;
  state: 'open' | 'closed';
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
  closed_at?: string | null;
  additions: number;
  deletions: number;
  changed_files: number;
  head: string;
  labels?: string[];
  merge_commit_sha?: string | null;
  reviews: MockReview[];
  commits: MockCommit[];
}
export interface MockDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  statuses: { id: number; state: string; created_at: string }[];
}
export interface MockRepo {
  name: string;
  fork?: boolean;
  private?: boolean;
  pulls: MockPull[];
  /** Default-branch commits. */
  commits: MockCommit[];
  deployments: MockDeployment[];
}
export interface MockCopilotReport {
  users: Record<string, unknown>[];
  org: Record<string, unknown>[];
}
export interface MockData {
  org: string;
  repos: MockRepo[];
  copilot: { latest: MockCopilotReport & { start: string; end: string }; days: Record<string, MockCopilotReport> } | null;
}

export interface SeenRequest {
  method: string;
  /** Path below /api/v3 (or /downloads/…), with its query. */
  path: string;
  pathname: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The mock's clock when the request arrived (epoch ms). */
  at: number;
}

export interface Fault {
  match: (req: SeenRequest) => boolean;
  /** How many matching requests it answers (Infinity: until removed). */
  times: number;
  respond: (res: ServerResponse, req: SeenRequest, mock: MockGitHub) => void;
}

const PREFIX = '/api/v3';

export class MockGitHub {
  seen: SeenRequest[] = [];
  faults: Fault[] = [];
  /** Items per page, whatever per_page asks (so a small fixture spans several pages). */
  pageSize = 2;
  remaining = 5000;
  resetAt = 0;
  private downloads = new Map<string, string>();
  private downloadCounter = 0;

  private constructor(
    public data: MockData,
    private readonly server: Server,
    readonly port: number,
    public now: () => number,
  ) {}

  static async start(data: MockData, options: { now?: () => number } = {}): Promise<MockGitHub> {
    let mock: MockGitHub | null = null;
    const server = createServer((req, res) => mock!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    mock = new MockGitHub(data, server, port, options.now ?? Date.now);
    return mock;
  }

  /** Web origin (html_url host), as on an Enterprise Server. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The REST API base: what a user passes as --base-url. */
  get api(): string {
    return `${this.origin}${PREFIX}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Answer the next `times` requests matching `match` with `respond`. */
  fail(match: Fault['match'], times: number, respond: Fault['respond']): Fault {
    const fault = { match, times, respond };
    this.faults.push(fault);
    return fault;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests (paths) seen, optionally only those matching. */
  paths(match?: RegExp): string[] {
    return this.seen.map((r) => r.path).filter((p) => !match || match.test(p));
  }

  /** The primary rate limit: `remaining` requests until `resetAt` (epoch seconds), then a fresh hour. */
  rateHeaders(): Record<string, string> {
    const now = Math.floor(this.now() / 1000);
    if (this.resetAt === 0) this.resetAt = now + 3600;
    if (now >= this.resetAt) {
      this.remaining = 5000;
      this.resetAt = now + 3600;
    }
    this.remaining = Math.max(0, this.remaining - 1);
    return { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(this.remaining), 'x-ratelimit-reset': String(this.resetAt), 'x-ratelimit-resource': 'core' };
  }

  json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...this.rateHeaders(), ...headers });
    res.end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    const inApi = url.pathname.startsWith(PREFIX);
    const pathname = inApi ? url.pathname.slice(PREFIX.length) : url.pathname;
    const seen: SeenRequest = { method: req.method ?? 'GET', path: `${pathname}${url.search}`, pathname, query: url.searchParams, authorization: req.headers.authorization, at: this.now() };
    this.seen.push(seen);
    const fault = this.faults.find((f) => f.times > 0 && f.match(seen));
    if (fault) {
      fault.times -= 1;
      fault.respond(res, seen, this);
      return;
    }
    if (pathname.startsWith('/downloads/')) return this.download(res, seen);
    if (!inApi) return this.json(res, 404, { message: 'Not Found' });
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${TOKEN}` && auth !== `bearer ${TOKEN}` && auth !== `Bearer ${TOKEN}`) {
      return this.json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    this.route(res, seen);
  }

  private route(res: ServerResponse, req: SeenRequest): void {
    const p = req.pathname.split('/').filter(Boolean);
    const org = this.data.org;
    const repoOf = (owner: string | undefined, name: string | undefined) => (owner === org ? this.data.repos.find((r) => r.name === name) : undefined);
    if (p[0] === 'orgs' && p[1] === org && p[2] === 'repos' && p.length === 3) {
      return this.paged(res, req, this.data.repos.map((r) => this.repoJson(r)));
    }
    if (p[0] === 'orgs' && p[1] === org && p[2] === 'copilot') return this.copilot(res, req, p.slice(3));
    if (p[0] !== 'repos') return this.json(res, 404, { message: 'Not Found' });
    const repo = repoOf(p[1], p[2]);
    if (!repo) return this.json(res, 404, { message: 'Not Found' });
    const rest = p.slice(3);
    if (rest.length === 0) return this.json(res, 200, this.repoJson(repo));
    if (rest[0] === 'pulls' && rest.length === 1) {
      const sorted = [...repo.pulls].sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
      return this.paged(res, req, sorted.map((pr) => this.pullJson(repo, pr, false)));
    }
    if (rest[0] === 'pulls' && rest[1]) {
      const pr = repo.pulls.find((x) => x.number === Number(rest[1]));
      if (!pr) return this.json(res, 404, { message: 'Not Found' });
      if (rest.length === 2) return this.json(res, 200, this.pullJson(repo, pr, true));
      if (rest[2] === 'reviews') return this.paged(res, req, pr.reviews.map((v) => this.reviewJson(repo, pr, v)));
      if (rest[2] === 'commits') return this.paged(res, req, pr.commits.map((c) => this.commitJson(repo, c)));
    }
    if (rest[0] === 'commits' && rest.length === 1) {
      const since = req.query.get('since');
      const commits = [...repo.commits].filter((c) => !since || Date.parse(c.date) >= Date.parse(since)).sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
      return this.paged(res, req, commits.map((c) => this.commitJson(repo, c)));
    }
    if (rest[0] === 'deployments' && rest.length === 1) {
      const sorted = [...repo.deployments].sort((a, b) => b.id - a.id);
      return this.paged(res, req, sorted.map((d) => this.deploymentJson(repo, d)));
    }
    if (rest[0] === 'deployments' && rest[2] === 'statuses') {
      const d = repo.deployments.find((x) => x.id === Number(rest[1]));
      if (!d) return this.json(res, 404, { message: 'Not Found' });
      const statuses = [...d.statuses].sort((a, b) => b.id - a.id);
      return this.paged(res, req, statuses.map((s) => ({ id: s.id, state: s.state, created_at: s.created_at, environment: d.environment, deployment_url: `${this.api}/repos/${org}/${repo.name}/deployments/${d.id}`, repository_url: `${this.api}/repos/${org}/${repo.name}` })));
    }
    this.json(res, 404, { message: 'Not Found' });
  }

  private copilot(res: ServerResponse, req: SeenRequest, p: string[]): void {
    const c = this.data.copilot;
    if (!c || p[0] !== 'metrics' || p[1] !== 'reports') return this.json(res, 404, { message: 'Not Found' });
    const [report, latest] = [p[2], p[3]];
    const link = (rows: Record<string, unknown>[]) => {
      const name = `report-${++this.downloadCounter}.ndjson`;
      this.downloads.set(name, rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
      return `${this.origin}/downloads/${name}?sig=signed-${this.downloadCounter}&se=2099-01-01`;
    };
    if (latest === 'latest' && (report === 'users-28-day' || report === 'organization-28-day')) {
      const rows = report === 'users-28-day' ? c.latest.users : c.latest.org;
      return this.json(res, 200, { download_links: [link(rows)], report_start_day: c.latest.start, report_end_day: c.latest.end });
    }
    if (report === 'users-1-day' || report === 'organization-1-day') {
      const day = req.query.get('day') ?? '';
      const d = c.days[day];
      if (!d) return this.json(res, 404, { message: 'Not Found' });
      return this.json(res, 200, { download_links: [link(report === 'users-1-day' ? d.users : d.org)], report_day: day });
    }
    this.json(res, 404, { message: 'Not Found' });
  }

  private download(res: ServerResponse, req: SeenRequest): void {
    // Signed links must be fetched without the API token (it could go to another host).
    if (req.authorization) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Authorization header sent to a signed download link');
      return;
    }
    const body = this.downloads.get(req.pathname.slice('/downloads/'.length));
    if (body === undefined) return this.json(res, 404, { message: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end(body);
  }

  /** One page of `items` per `page` query, with GitHub's Link header. */
  private paged(res: ServerResponse, req: SeenRequest, items: unknown[]): void {
    const page = Math.max(1, Number(req.query.get('page') ?? '1'));
    const size = this.pageSize;
    const last = Math.max(1, Math.ceil(items.length / size));
    const slice = items.slice((page - 1) * size, page * size);
    const link = (n: number) => {
      const q = new URLSearchParams(req.query);
      q.set('page', String(n));
      return `${this.api}${req.pathname}?${q.toString()}`;
    };
    const links: string[] = [];
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
    this.json(res, 200, slice, links.length ? { link: links.join(', ') } : {});
  }

  private repoJson(r: MockRepo) {
    const full = `${this.data.org}/${r.name}`;
    return { id: r.name.length, name: r.name, full_name: full, private: r.private ?? true, fork: r.fork ?? false, archived: false, default_branch: 'main', pushed_at: '2025-06-01T00:00:00Z', url: `${this.api}/repos/${full}`, html_url: `${this.origin}/${full}` };
  }

  private user(u: MockUser | null) {
    return u ? { login: u.login, id: u.login.length, type: u.type ?? 'User' } : null;
  }

  private pullJson(repo: MockRepo, pr: MockPull, details: boolean) {
    const full = `${this.data.org}/${repo.name}`;
    const base = {
      url: `${this.api}/repos/${full}/pulls/${pr.number}`,
      html_url: `${this.origin}/${full}/pull/${pr.number}`,
      number: pr.number,
      state: pr.state,
      title: pr.title,
      body: pr.body ?? null,
      user: this.user(pr.user),
      labels: (pr.labels ?? []).map((name) => ({ name })),
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at ?? null,
      merged_at: pr.merged_at ?? null,
      merge_commit_sha: pr.merge_commit_sha ?? null,
      draft: false,
      head: { ref: pr.head, sha: 'f'.repeat(40) },
      base: { ref: 'main', repo: { full_name: full, html_url: `${this.origin}/${full}`, default_branch: 'main' } },
    };
    return details ? { ...base, merged: Boolean(pr.merged_at), additions: pr.additions, deletions: pr.deletions, changed_files: pr.changed_files, commits: pr.commits.length } : base;
  }

  private reviewJson(repo: MockRepo, pr: MockPull, v: MockReview) {
    const full = `${this.data.org}/${repo.name}`;
    return { id: v.id, node_id: `PRR_${v.id}`, user: this.user(v.user), state: v.state, submitted_at: v.submitted_at, pull_request_url: `${this.api}/repos/${full}/pulls/${pr.number}`, html_url: `${this.origin}/${full}/pull/${pr.number}#pullrequestreview-${v.id}` };
  }

  private commitJson(repo: MockRepo, c: MockCommit) {
    const full = `${this.data.org}/${repo.name}`;
    return {
      sha: c.sha,
      url: `${this.api}/repos/${full}/commits/${c.sha}`,
      html_url: `${this.origin}/${full}/commit/${c.sha}`,
      commit: { message: c.message, author: { name: c.name, email: c.email, date: c.date }, committer: { name: 'GitHub', email: 'noreply@github.com', date: c.date } },
      author: this.user(c.author),
    };
  }

  private deploymentJson(repo: MockRepo, d: MockDeployment) {
    const full = `${this.data.org}/${repo.name}`;
    return {
      id: d.id,
      node_id: `DE_${d.id}`,
      url: `${this.api}/repos/${full}/deployments/${d.id}`,
      statuses_url: `${this.api}/repos/${full}/deployments/${d.id}/statuses`,
      repository_url: `${this.api}/repos/${full}`,
      sha: d.sha,
      ref: d.ref,
      task: 'deploy',
      environment: d.environment,
      created_at: d.created_at,
      updated_at: d.created_at,
    };
  }
}

/** Helpers for faults. */
export const respond = {
  status(status: number, body: unknown = { message: 'Server Error' }, headers: Record<string, string> = {}): Fault['respond'] {
    return (res, _req, mock) => mock.json(res, status, body, headers);
  },
  /** Drop the connection without an answer (a server that died mid-request). */
  hangUp(): Fault['respond'] {
    return (res) => res.socket?.destroy();
  },
};
