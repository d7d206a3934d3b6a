import { defineConfig } from '@playwright/test';

// The deployment smoke test (scripts/deploy-test): a cartlift installed from the
// release tarball, reached through nginx over HTTPS. The script starts everything and
// passes the address and an admin key; there is no webServer here.
const baseURL = process.env.DEPLOY_BASE_URL;
if (!baseURL) throw new Error('DEPLOY_BASE_URL is not set: run scripts/deploy-test');

export default defineConfig({
  testDir: '.',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  // Results next to the other suite's, which .gitignore already leaves out.
  outputDir: '../test-results/deploy',
  use: {
    baseURL,
    // The test's nginx has a certificate made for the run, signed by nobody.
    ignoreHTTPSErrors: true,
    trace: 'off',
    launchOptions: {
      // Debian's Chromium, as in ../playwright.config.ts.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
