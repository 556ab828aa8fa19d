// Browser benchmark (not a test): how long the figures take to react in headless Chromium on a
// generated 100,000-entry image (`cargo run --release -p strata-diagram --example bench_layout --
// --write FILE`): switching views, focusing a directory, hovering a tile, the size map, the file panel. Each is timed inside the
// page, from the event to the second animation frame after it (the new figure laid out, rendered
// and painted); the median of 7 runs is printed. Needs `trunk build --release` first.
// Usage: node scripts/bench-figures.mjs ARCHIVE
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const file = process.argv[2];
const server = spawn('node', ['tests/serve-dist.mjs', '8085'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'] });

/** Runs `act` (in the page) and returns the ms until two frames after it. */
async function timed(page, act, arg) {
  return page.evaluate(async ([code, arg]) => {
    const t0 = performance.now();
    new Function('arg', code)(arg);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, [act, arg]);
}

/** Runs `act` and returns the ms until `selector` matches (checked every animation frame). */
async function timedUntil(page, act, selector) {
  return page.evaluate(async ([code, sel]) => {
    const t0 = performance.now();
    new Function(code)();
    while (!document.querySelector(sel)) {
      if (performance.now() - t0 > 10_000) return Infinity;
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - t0;
  }, [act, selector]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto('http://127.0.0.1:8085/?lang=en');
  await page.getByTestId('image-summary').waitFor();
  await page.setInputFiles('input[type=file]', file);
  await page.waitForFunction(() => document.querySelector('[data-testid=image-summary]')?.getAttribute('data-stage') === 'complete'
    && !document.querySelector('progress'), null, { timeout: 600_000, polling: 100 });
  const tab = (n) => `document.querySelectorAll('.tabs button')[${n}].click()`;
  const results = {};
  const run = async (name, before, act, arg) => {
    const xs = [];
    for (let i = 0; i < 7; i++) {
      if (before) await page.evaluate(before);
      await page.waitForTimeout(150);
      xs.push(await timed(page, act, arg));
    }
    results[name] = median(xs);
  };
  await run('switch stack → layers', tab(0), tab(1));
  await run('switch layers → union', tab(1), tab(2));
  await run('switch union → stack', tab(2), tab(0));
  await run('focus a directory (layers: / → /usr)', `location.hash = '#view=layers&image=0'`,
    `document.querySelector('[data-group-path="/usr"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
  await run('focus a directory (layers: /usr/lib → pkg05)', `location.hash = '#view=layers&image=0&path=/usr/lib'`,
    `document.querySelector('[data-group-path="/usr/lib/pkg05"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
  await run('hover a tile (layers, /usr/lib/pkg05)', `location.hash = '#view=layers&image=0&path=/usr/lib/pkg05'`,
    `document.querySelectorAll('[data-tile-path]')[arg].dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))`, 3);
  await run('hover a region (union, /usr/lib)', `location.hash = '#view=union&image=0&path=/usr/lib'`,
    `document.querySelector('[data-testid=merged-plane] [data-path]').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))`);
  // The size map (issue 17's target: a 100k-file treemap within 200 ms of the event).
  await run('open the size map (/, merged)', `location.hash = '#view=files&image=0'`, `location.hash = '#view=sizes&image=0'`);
  await run('switch the size map to stored (/)', `location.hash = '#view=sizes&image=0'`,
    `document.querySelector('[data-size-mode=stored]').click()`);
  await run('zoom the size map (/ → /usr)', `location.hash = '#view=sizes&image=0'`,
    `document.querySelector('rect[data-path="/usr"]').dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
  // The file panel (issue 16's target: a plain-layer file within 150 ms of the click): from the
  // hash naming the file to its bytes on screen (the content's sha256 set once read).
  const panel = [];
  for (let i = 0; i < 7; i++) {
    await page.evaluate(() => { location.hash = '#view=files&image=0'; });
    await page.waitForTimeout(150);
    panel.push(await timedUntil(page, `location.hash = '#view=files&image=0&select=/usr/lib/pkg0${i}/f0001.so'`,
      '[data-testid=file-content][data-sha256]'));
  }
  results['open a file in the file panel (bytes shown)'] = median(panel);
  // The same on a real fixture (issue 16's "on the fixtures"), when the shared fixtures are here.
  const fixture = '../shared/fixtures/real/11-docker26-vizapp-legacy-overlay2.tar';
  if (existsSync(fixture)) {
    await page.setInputFiles('input[type=file]', fixture);
    await page.waitForFunction(() => document.querySelector('[data-testid=image-summary]')?.getAttribute('data-stage') === 'complete'
      && !document.querySelector('progress'), null, { timeout: 60_000, polling: 100 });
    const small = [];
    for (const path of ['/srv/app/app.sh', '/etc/passwd', '/srv/app/VERSION', '/etc/group', '/srv/app/app.sh', '/etc/passwd', '/etc/group']) {
      await page.evaluate(() => { location.hash = '#view=files&image=0'; });
      await page.waitForTimeout(150);
      small.push(await timedUntil(page, `location.hash = '#view=files&image=0&select=${path}'`, '[data-testid=file-content][data-sha256]'));
    }
    results['open a file in the file panel (fixture 11)'] = median(small);
  }
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(48)} ${v.toFixed(1)} ms`);
} finally {
  await browser.close();
  server.kill();
}
