// End-to-end tests: the release build in dist/ (built once by scripts/test.sh) served statically,
// driven in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'tests/artifacts/e2e-results.json' }]],
  outputDir: 'tests/artifacts/results',
  use: {
    baseURL: 'http://127.0.0.1:8082/',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: [
    { command: 'node tests/serve-dist.mjs 8082', url: 'http://127.0.0.1:8082/', timeout: 60_000, reuseExistingServer: false },
    // Another origin with CORS, for `?src=` from a documentation site.
    { command: 'node tests/serve-dist.mjs 8083 --cors', url: 'http://127.0.0.1:8083/', timeout: 60_000, reuseExistingServer: false },
    // A documentation site on a third origin: host pages that embed the app (tests/e2e/host).
    { command: 'node tests/serve-dist.mjs 8084 --cors --root tests/e2e/host', url: 'http://127.0.0.1:8084/iframe.html', timeout: 60_000, reuseExistingServer: false },
  ],
});
