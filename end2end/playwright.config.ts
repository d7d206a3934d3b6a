import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

// The server under test: the debug build that `cargo leptos build` produced, on its
// own port and its own throw-away database, so a running demo is never touched.
const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartlift-e2e-'));
const root = path.resolve(__dirname, '..');

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is impossible here.
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
  webServer: {
    command: `${root}/target/debug/cartlift serve --addr 127.0.0.1:${port}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // E2E_SITE_ROOT: serve another build's site (e.g. to check these tests catch a broken one).
      LEPTOS_SITE_ROOT: process.env.E2E_SITE_ROOT ?? `${root}/target/site`,
      CARTLIFT_DB: `sqlite://${dataDir}/e2e.db`,
      CARTLIFT_LANGUAGE: 'es',
      RUST_LOG: 'warn',
    },
  },
});
