import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real UI. 'browser' runs everywhere: browser mode in Debian's Chromium
 * (never a downloaded browser). 'electron' runs the same journeys in the desktop shell and skips
 * itself when no Electron binary is installed.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  globalSetup: './test/e2e/support/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e/browser',
      use: {
        launchOptions: {
          executablePath: process.env.UNDERTOW_CHROMIUM ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
