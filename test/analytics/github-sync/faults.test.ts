import { beforeAll, describe, expect, it } from 'vitest';
import { acme, fakeClock, referenceSnapshot, runSync, snapshot, syncTestbed } from './fixture';
import { MockGitHub, respond, TOKEN } from './mock-github';

const TODAY = Date.parse('2025-06-10T12:00:00Z');

describe('GitHub sync: refusals stop cleanly with a message a person can act on', () => {
  let reference: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    reference = await referenceSnapshot(TODAY);
  });
  const bed = syncTestbed(TODAY);

  it('401: a wrong or revoked token stops the sync before anything is written, naming the scopes to grant', async () => {
    const wrong = 'ghp_RevokedTokenAlsoMustNotLeak987654321';
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY), { token: wrong });
    expect(report.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(report.error!.message).toMatch(/refused the token \(401\).*wrong, expired or revoked.*`repo`.*`read:org`.*fine-grained/);
    expect(report.error!.message).not.toContain(wrong);
    expect(bed.mock.seen).toHaveLength(1); // no retry of a 401
    expect(await bed.ws.all('SELECT * FROM imports')).toEqual([]);
  });

  it('403 with X-GitHub-SSO: tells where to authorise the token for the organisation', async () => {
    const sso = 'https://github.com/orgs/acme/sso?authorization_request=AZSCKtL4U8yX1H3sCQIVnVgmjmon5fWxks5YrqhJgah0b2tlbl9pZM4EuMz4';
    bed.mock.fail((r) => r.path.startsWith('/orgs/acme/repos'), 1, respond.status(403, { message: 'Resource protected by organization SAML enforcement. You must grant your personal token access to this organization.' }, { 'x-github-sso': `required; url=${sso}` }));
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY));
    expect(report.error).toEqual({ kind: 'sso', status: 403, ssoUrl: sso, message: `The organisation uses SAML single sign-on and the token is not authorised for it. Open ${sso} to authorise the token, then sync again.` });
  });

  it('a repo that does not exist (or is hidden from the token) is reported; the others still sync', async () => {
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY), { repos: ['api', 'acme/ghost'] });
    expect(report.error).toBeUndefined();
    expect(report.repos[1]).toMatchObject({ repo: 'acme/ghost', streams: [], error: { kind: 'not_found', status: 404 } });
    expect(report.repos[1]!.error!.message).toMatch(/GitHub found no repository acme\/ghost \(404\).*private repository the token cannot see/);
    expect(report.repos[0]!.streams.every((s) => s.complete && !s.error)).toBe(true);
    const rows = await snapshot(bed.ws);
    expect(rows.pulls).toEqual(reference.pulls.filter((p) => p.repo === 'acme/api'));
    const [state] = await bed.ws.all<{ last_error: string }>("SELECT last_error FROM github_sync_state WHERE scope = 'acme/ghost'");
    expect(state!.last_error).toMatch(/404/);
  });

  it('403 on one stream (no Deployments permission): that stream reports which permission, the rest syncs', async () => {
    bed.mock.fail(
      (r) => r.path.startsWith('/repos/acme/api/deployments?'),
      Infinity,
      respond.status(403, { message: 'Resource not accessible by personal access token' }, { 'x-accepted-github-permissions': 'deployments=read' }),
    );
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY));
    expect(report.error).toBeUndefined();
    const deployments = report.repos[0]!.streams.find((s) => s.stream === 'deployments')!;
    expect(deployments.error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(deployments.error!.message).toMatch(/"Deployments: read".*fine-grained permissions it accepts: deployments=read/);
    expect(bed.mock.paths(/^\/repos\/acme\/api\/deployments\?/)).toHaveLength(1); // a plain 403 is not retried
    const rows = await snapshot(bed.ws);
    expect(rows.deployments).toEqual([]);
    expect(rows.pulls).toEqual(reference.pulls);
    expect(report.copilot!.complete).toBe(true);
  });

  it('Copilot metrics not available (policy off, 404): reported on the Copilot stream only', async () => {
    bed.mock.data.copilot = null;
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY));
    expect(report.error).toBeUndefined();
    expect(report.copilot!.error).toMatchObject({ kind: 'not_found' });
    expect(report.copilot!.error!.message).toMatch(/"Copilot usage metrics" policy enabled.*`read:org`.*"Organization Copilot metrics: read"/);
    expect((await snapshot(bed.ws)).pulls).toEqual(reference.pulls);
  });

  it('cancel stops after the current request; what was imported stays and the next sync resumes', async () => {
    const controller = new AbortController();
    const { report } = await runSync(bed.ws, bed.mock, fakeClock(TODAY), {
      signal: controller.signal,
      onProgress: (_label, _fraction, sync) => {
        if (sync.repo === 'acme/api' && sync.stream === 'commits') controller.abort();
      },
    });
    expect(report.error).toMatchObject({ kind: 'cancelled' });
    const kept = await snapshot(bed.ws);
    expect(kept.pulls.filter((p) => p.repo === 'acme/api')).toEqual(reference.pulls.filter((p) => p.repo === 'acme/api'));
    expect(kept.deployments).toEqual([]);
    const again = await runSync(bed.ws, bed.mock, fakeClock(TODAY));
    expect(again.report.error).toBeUndefined();
    expect(await snapshot(bed.ws)).toEqual(reference);
  });

  it('the token goes only to the API base: not to a stored resume URL or a Link header naming another host', async () => {
    const evil = await MockGitHub.start(acme(TODAY));
    try {
      // A workspace file edited to resume the pulls pass at another server.
      await bed.ws.run(
        `INSERT INTO github_sync_state (api_base, scope, stream, pass_next_url, updated_at) VALUES ($api, 'acme/api', 'pulls', $url, now()::TIMESTAMP)`,
        { api: bed.mock.api, url: `${evil.api}/repos/acme/api/pulls?page=2` },
      );
      const tampered = await runSync(bed.ws, bed.mock, fakeClock(TODAY), { repos: ['api'], copilot: false });
      expect(tampered.report.error).toBeUndefined();
      expect((await snapshot(bed.ws)).pulls).toEqual(reference.pulls.filter((p) => p.repo === 'acme/api'));

      // GitHub (or something posing as it) answering with a next page on another host.
      bed.mock.fail((r) => r.path.startsWith('/repos/acme/web/pulls?'), 1, (res, _req, m) => m.json(res, 200, [], { link: `<${evil.api}/repos/acme/web/pulls?page=2>; rel="next"` }));
      const redirected = await runSync(bed.ws, bed.mock, fakeClock(TODAY), { repos: ['web'], copilot: false });
      expect(redirected.report.repos[0]!.streams[0]!.error).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/Refused to send the token to http:\/\/127\.0\.0\.1:\d+/) });
      expect(evil.seen).toEqual([]);
    } finally {
      await evil.close();
    }
  });

  it('checks the address before any request: https only, except on this machine', async () => {
    const { normalizeApiBase } = await import('../../../analytics/github/api-base');
    expect(normalizeApiBase(undefined)).toBe('https://api.github.com');
    expect(normalizeApiBase('https://github.com/')).toBe('https://api.github.com');
    expect(normalizeApiBase('https://ghe.acme.test')).toBe('https://ghe.acme.test/api/v3');
    expect(normalizeApiBase('https://ghe.acme.test/api/v3/')).toBe('https://ghe.acme.test/api/v3');
    expect(normalizeApiBase('http://127.0.0.1:8080/api/v3')).toBe('http://127.0.0.1:8080/api/v3');
    expect(() => normalizeApiBase('http://ghe.acme.test')).toThrow(/must use https/);
    expect(() => normalizeApiBase(`https://x:${TOKEN}@ghe.acme.test`)).toThrow(/must not contain a user name or password/);
  });
});
