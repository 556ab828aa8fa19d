// Browser benchmark (not a test): how soon the summary of an archive appears in headless Chromium
// (then the layers and tree, then full verification),
// next to `dive` on the same file natively, and how much Chromium's memory (all its processes' RSS,
// sampled every 100 ms) grows while the page reads it. Run by scripts/bench.sh after `trunk build --release`.
// Usage: node scripts/bench-browser.mjs ARCHIVE [ARCHIVE…]
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { chromiumRssMiB } from '../tests/chromium-rss.mjs';

const server = spawn('node', ['tests/serve-dist.mjs', '8084'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));


function diveSeconds(file) {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync('dive', ['--source', 'docker-archive', file, '--json', '/tmp/strata-bench-dive.json'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  } catch { return NaN; }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'] });
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.goto('http://127.0.0.1:8084/');
    await page.getByTestId('image-summary').waitFor();
    await page.waitForTimeout(500);
    const base = chromiumRssMiB();
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, chromiumRssMiB()); }, 100);
    const sampleTag = await page.getByTestId('image-summary').getAttribute('data-image-id');
    const t0 = Date.now();
    await page.setInputFiles('input[type=file]', file);
    await page.waitForFunction((old) => {
      const s = document.querySelector('[data-testid=image-summary]');
      return s && s.getAttribute('data-image-id') !== old;
    }, sampleTag, { timeout: 600_000, polling: 50 });
    const summary = (Date.now() - t0) / 1000;
    // The tree and the layer sizes follow the outline (from every layer's headers).
    await page.waitForFunction(() => document.querySelector('[data-testid=image-summary]')?.getAttribute('data-stage') !== 'outline',
      null, { timeout: 600_000, polling: 50 });
    const tree = (Date.now() - t0) / 1000;
    await page.locator('progress').waitFor({ state: 'detached', timeout: 600_000 });
    const done = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const dive = diveSeconds(file);
    const mib = (statSync(file).size / 1048576).toFixed(0);
    console.log(`== ${file.split('/').pop()} (${mib} MiB) in Chromium: summary after ${summary.toFixed(2)} s, ` +
      `layers and tree after ${tree.toFixed(2)} s, fully verified after ${done.toFixed(2)} s; dive natively: ${dive.toFixed(2)} s ` +
      `(summary/dive = ${(summary / dive).toFixed(3)}); Chromium memory grew by ${(peak - base).toFixed(0)} MiB`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
