import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../scripts/csp';
import { appPage, devContentSecurityPolicy, isAllowedExternalUrl, isAppUrl, isTrustedSender, type AppPage } from '../../electron/main/policy';

const indexFile = '/opt/Undertow/resources/app.asar/out/renderer/index.html';
const built = appPage({ indexFile });
const dev = appPage({ devServerUrl: 'http://localhost:5173', indexFile });

describe('appPage', () => {
  it('is the built index.html unless a dev server is given', () => {
    expect(built).toEqual({ kind: 'file', url: 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html' });
    expect(dev).toEqual({ kind: 'dev', origin: 'http://localhost:5173' });
  });

  it('refuses a dev server that is not http on loopback', () => {
    expect(() => appPage({ devServerUrl: 'https://evil.example.com', indexFile })).toThrow(/localhost/);
    expect(() => appPage({ devServerUrl: 'http://192.168.1.5:5173', indexFile })).toThrow(/localhost/);
    expect(appPage({ devServerUrl: 'http://127.0.0.1:5174/', indexFile })).toEqual({ kind: 'dev', origin: 'http://127.0.0.1:5174' });
  });
});

describe('isAppUrl', () => {
  it('accepts the built page with any hash or query, and nothing else on file://', () => {
    expect(isAppUrl(built, 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isAppUrl(built, 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html#/teams?x=1')).toBe(true);
    expect(isAppUrl(built, 'file:///opt/Undertow/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(isAppUrl(built, 'file:///etc/passwd')).toBe(false);
    expect(isAppUrl(built, 'file://attacker/opt/Undertow/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('accepts only the dev server origin in development', () => {
    expect(isAppUrl(dev, 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppUrl(dev, 'https://localhost:5173/')).toBe(false);
    expect(isAppUrl(dev, 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('rejects remote pages and garbage', () => {
    for (const page of [built, dev] as AppPage[]) {
      expect(isAppUrl(page, 'https://example.com/')).toBe(false);
      expect(isAppUrl(page, 'about:blank')).toBe(false);
      expect(isAppUrl(page, 'not a url')).toBe(false);
      expect(isAppUrl(page, '')).toBe(false);
    }
  });
});

describe('isTrustedSender', () => {
  const url = 'file:///opt/Undertow/resources/app.asar/out/renderer/index.html';
  it('trusts only the app page main frame', () => {
    expect(isTrustedSender(built, { url, isMainFrame: true })).toBe(true);
    expect(isTrustedSender(built, { url, isMainFrame: false })).toBe(false);
    expect(isTrustedSender(built, { url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(built, null)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://github.com/acme/api/pull/12',
    'https://acme.atlassian.net/browse/ABC-1',
    'https://acme.pagerduty.com/incidents/P123',
    'https://support.acme.zendesk.com/agent/tickets/9',
    'https://GitHub.com/acme',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://github.com/acme', // not https
    'https://example.com/',
    'https://github.com.evil.example/',
    'https://evilgithub.com/',
    'https://atlassian.net/', // the bare suffix is not a tenant
    'https://evilatlassian.net/',
    'https://acme.atlassian.net.evil.example/',
    'https://user:pass@github.com/',
    'https://github.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('devContentSecurityPolicy', () => {
  const policy = devContentSecurityPolicy(CONTENT_SECURITY_POLICY, 'http://localhost:5173');
  const directive = (name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

  it('admits the dev server, its inline preamble and its HMR websocket', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(directive('connect-src')).toBe("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });

  it('keeps every other directive of the strict policy, and never allows eval', () => {
    for (const d of CONTENT_SECURITY_POLICY.split('; ')) {
      if (!/^(script|connect)-src /.test(d)) expect(policy).toContain(d);
    }
    expect(policy).not.toContain('unsafe-eval');
  });

  it('leaves the production policy strict: scripts from the app only', () => {
    expect(CONTENT_SECURITY_POLICY.split('; ')).toContain("script-src 'self'");
  });
});
