import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';

// The servers under test (see serve.sh): the debug build that `cargo test`
// produced, on their own ports and a throw-away store, so a running demo is never
// touched. The config is evaluated again in each worker: the store's folder is
// made once and handed down through the environment.
const port = Number(process.env.E2E_PORT ?? 3107);
process.env.E2E_PORT = String(port);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cartlift-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
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
    command: `bash ${root}/end2end/serve.sh ${root}/target/debug/cartlift ${port} ${dataDir}`,
    cwd: root,
    // The last of the four to start.
    url: `http://127.0.0.1:${port + 3}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // The binary carries its site; E2E_SITE_ROOT serves another build's instead
      // (e.g. to check these tests catch a broken one).
      ...(process.env.E2E_SITE_ROOT ? { CARTLIFT_SITE_DIR: process.env.E2E_SITE_ROOT } : {}),
      CARTLIFT_LANGUAGE: 'es',
      RUST_LOG: 'warn',
    },
  },
});
