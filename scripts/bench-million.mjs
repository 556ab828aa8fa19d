// Scale benchmark (not a test): a generated archive of a million entries over 25 layers, with
// whiteouts (crate/cli/examples/gen_archive.rs), opened in headless Chromium. Prints when the
// summary, the stack and the complete analysis appear; how long each view takes to show and how
// many DOM elements it holds (rows and tiles are windowed or grouped, so this stays small); the
// time of a scroll through the files view; how much Chromium's memory grew; and whether Cancel
// works at any point (before the outline, after it, in the middle of verification).
// Usage: node scripts/bench-million.mjs ARCHIVE  (scripts/bench.sh makes the archive and runs this)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chromiumRssMiB } from '../tests/chromium-rss.mjs';

const file = process.argv[2];
const server = spawn('node', ['tests/serve-dist.mjs', '8085'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const fresh = async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto('http://127.0.0.1:8085/?lang=en');
  await page.getByTestId('image-summary').waitFor();
  await page.waitForTimeout(500);
  return page;
};
const stage = (page) => page.getByTestId('image-summary').getAttribute('data-stage').catch(() => null);
try {
  let page = await fresh();
  const sample = await page.getByTestId('image-summary').getAttribute('data-image-id');
  const base = chromiumRssMiB();
  let peak = base;
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRssMiB()); }, 100);
  const t0 = Date.now();
  await page.setInputFiles('input[type=file]', file);
  await page.waitForFunction((old) => document.querySelector('[data-testid=image-summary]')?.getAttribute('data-image-id') !== old, sample, { timeout: 600_000, polling: 50 });
  const summary = (Date.now() - t0) / 1000;
  await page.locator('[data-view=stack]').waitFor({ timeout: 600_000 });
  const stack = (Date.now() - t0) / 1000;
  await page.locator('progress').waitFor({ state: 'detached', timeout: 600_000 });
  const done = (Date.now() - t0) / 1000;
  const entries = await page.getByTestId('image-summary').getAttribute('data-entries').catch(() => null);
  console.log(`== ${file.split('/').pop()}: summary ${summary.toFixed(2)} s, stack ${stack.toFixed(2)} s, complete ${done.toFixed(2)} s (${await stage(page)}${entries ? `, ${entries} entries` : ''})`);
  for (const tab of ['layers', 'union', 'files', 'container', 'stack']) {
    const t = Date.now();
    await page.locator(`[data-tab=${tab}]`).click();
    await page.locator(`[data-view=${tab}], [data-testid=${tab}-view]`).first().waitFor({ timeout: 120_000 }).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const ms = Date.now() - t;
    const nodes = await page.evaluate(() => document.querySelectorAll('main *').length);
    console.log(`   view ${tab.padEnd(9)} shown in ${String(ms).padStart(5)} ms, ${nodes} elements on the page`);
  }
  // Scroll the files view through its rows.
  await page.locator('[data-tab=files]').click();
  const t = Date.now();
  const frames = await page.evaluate(async () => {
    const el = [...document.querySelectorAll('main *')].find((e) => e.scrollHeight > e.clientHeight * 4);
    if (!el) return -1;
    let n = 0;
    for (let i = 0; i < 40; i++) { el.scrollTop += el.clientHeight * 3; await new Promise((r) => requestAnimationFrame(r)); n++; }
    return n;
  });
  console.log(`   files view: ${frames} scroll steps in ${Date.now() - t} ms (${frames > 0 ? ((Date.now() - t) / frames).toFixed(1) : '?'} ms a frame)`);
  clearInterval(sampler);
  console.log(`   Chromium memory grew by ${(peak - base).toFixed(0)} MiB (peak over the load and the views)`);
  await page.close();
  // Cancel at any point.
  for (const [when, wait] of [['before the outline', async () => {}],
    ['after the outline', async (p) => p.waitForFunction((old) => document.querySelector('[data-testid=image-summary]')?.getAttribute('data-image-id') !== old, sample, { polling: 20 })],
    ['mid-verification', async (p) => p.waitForFunction(() => { const pr = document.querySelector('progress'); return pr && pr.value / (pr.max || 1) > 0.5; }, null, { polling: 20 })]]) {
    page = await fresh();
    await page.setInputFiles('input[type=file]', file);
    await wait(page);
    const c = Date.now();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('progress').waitFor({ state: 'detached', timeout: 10_000 });
    const ms = Date.now() - c;
    await page.locator('[data-tab=stack]').click({ timeout: 5_000 }).catch(() => {});
    console.log(`   Cancel ${when}: the progress gone ${ms} ms after the click, page responsive`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
