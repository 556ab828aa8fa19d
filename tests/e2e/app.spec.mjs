// Strata in real Chromium: the sample, every real fixture, several public ones, errors, cancel,
// the URL hash, no network, no console errors. Screenshots of each view go to tests/artifacts/.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { tarHeader, imageDocs, writeMembers, layeredArchive } from './archives.mjs';
import { workersEnded } from './settle.mjs';

const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
const HAVE_FIXTURES = existsSync(join(FIXTURES, 'real'));
const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });

if (!HAVE_FIXTURES) {
  console.warn(`\n!!!!! ${FIXTURES} is absent: the fixture end-to-end tests are SKIPPED (the sample tests still run) !!!!!\n`);
}

/** Opens the page, failing the test on console errors and on any request that leaves 127.0.0.1:8082. */
async function open(page, hash = '') {
  const errors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:8082/') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });
  await page.goto('/?lang=en' + hash);
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  return { errors, foreign };
}

async function load(page, file) {
  await page.setInputFiles('input[type=file]', file);
  const name = file.split('/').pop();
  // The summary of the new archive replaces the sample's once the worker is done.
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
  return name;
}

async function treeRow(page, path) {
  await page.getByRole('tab', { name: 'Filesystem' }).click();
  const search = page.getByRole('searchbox');
  await search.fill(path);
  const row = page.locator(`[data-path="${path}"]`);
  await expect(row).toHaveCount(1);
  return row;
}

test('the sample image shows on a fresh page, with no network and no console errors', async ({ page }) => {
  const { errors, foreign } = await open(page);
  const summary = page.getByTestId('image-summary');
  await expect(summary).toHaveAttribute('data-layer-count', '3');
  await expect(summary).toContainText('strata-sample:latest');
  await expect(page.locator('[data-view="stack"]')).toBeVisible();
  const slabs = page.locator('[data-layer-index]');
  await expect(slabs).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(page.locator(`[data-layer-index="${i}"]`)).toHaveAttribute('data-diff-id', /^sha256:[0-9a-f]{64}$/);
  }
  await page.screenshot({ path: join(ART, 'sample-stack.png'), fullPage: true });
  const config = await treeRow(page, '/app/config.ini');
  await expect(config).toHaveAttribute('data-layer', '1');
  await expect(page.locator('[data-view="files"]')).toBeVisible();
  await page.getByRole('searchbox').fill('');
  await page.screenshot({ path: join(ART, 'sample-files.png'), fullPage: true });
  await expect(page.locator('[data-path="/app/cache/build.tmp"]')).toHaveCount(0);
  const policies = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(policies).toHaveCount(2);
  const csp = await policies.first().getAttribute('content');
  // The start-up policy: with no ?src=, the page may connect to itself only.
  expect(await policies.last().getAttribute('content')).toBe("connect-src 'self'");
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).toMatch(/^script-src 'self' 'sha256-[^']+'/);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the URL hash selects view and layer, and the view writes it back', async ({ page }) => {
  await open(page, '#view=stack&image=0&layer=2');
  await expect(page.locator('[data-layer-index="2"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.layer-details')).toContainText('/app/cache/build.tmp');
  await page.getByRole('tab', { name: 'Filesystem' }).click();
  await expect(page).toHaveURL(/#view=files&image=0&layer=2/);
  await page.evaluate(() => { location.hash = '#view=stack&image=0&layer=1'; });
  await expect(page.locator('[data-layer-index="1"]')).toHaveAttribute('aria-pressed', 'true');
});

test('keyboard: a slab is reachable and selectable with Enter', async ({ page }) => {
  await open(page);
  const slab = page.locator('[data-layer-index="0"]');
  await slab.focus();
  await page.keyboard.press('Enter');
  await expect(slab).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/layer=0/);
});

test('keyboard in the tree: arrows move between rows and fold directories', async ({ page }) => {
  await open(page, '#view=files&image=0');
  const app = page.locator('[data-path="/app"]');
  await app.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-path="/app/README.md"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(app).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('[data-path="/app/README.md"]')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-path="/app/README.md"]')).toHaveCount(1);
});

test('?src= loads a same-origin archive and makes no other request', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/?lang=en&src=/fixtures/real/02-docker20-vizapp-legacy-overlay2.tar');
  await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', '9');
  await expect(page.getByTestId('image-summary')).toContainText('vizapp:legacy-overlay2');
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:8082/'))).toEqual([]);
});

/** Fetches `url` from the page; returns 'fetched', or the CSP directive that blocked it. */
async function tryFetch(page, url) {
  return page.evaluate(async (u) => {
    const violation = new Promise((r) => document.addEventListener('securitypolicyviolation',
      (e) => r(`blocked by ${e.effectiveDirective}`), { once: true }));
    try { await fetch(u); return 'fetched'; } catch { return Promise.race([violation, new Promise((r) => setTimeout(() => r('failed'), 2000))]); }
  }, url);
}

test('the page can connect to no other origin (CSP)', async ({ page }) => {
  await open(page);
  expect(await tryFetch(page, 'http://127.0.0.1:8083/index.html')).toBe('blocked by connect-src');
  expect(await tryFetch(page, '/index.html')).toBe('fetched');
});

test('?src= fetches from another origin with CORS, and that origin only', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const src = 'http://127.0.0.1:8083/fixtures/real/23-skopeo-vizapp-docker-archive.tar';
  await page.goto(`/?lang=en&src=${encodeURIComponent(src)}`);
  await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', '9');
  await expect(page.getByTestId('image-summary')).toContainText('all digests verified');
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:8082/'))).toEqual([src]);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').last().getAttribute('content'))
    .toBe("connect-src 'self' http://127.0.0.1:8083");
  expect(await tryFetch(page, 'http://localhost:8083/index.html')).toBe('blocked by connect-src');
});

test('a panic on the main thread shows an error card, not a blank page', async ({ page }) => {
  await page.goto('/?lang=en&strata-test-panic=main');
  await expect(page.getByRole('alert')).toContainText('test panic requested by ?strata-test-panic=main');
  await page.screenshot({ path: join(ART, 'panic-main.png') });
});

test('a panic in the worker shows an error card, and the next archive still loads', async ({ page }) => {
  await page.goto('/?lang=en&strata-test-panic=worker');
  await expect(page.getByRole('alert')).toContainText('internal error');
  await expect(page.getByRole('alert')).toContainText('test panic requested by the page');
  await page.setInputFiles('input[type=file]', manyEntries(1000));
  await expect(page.getByTestId('image-summary')).toContainText('many:latest');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('?src= with a missing file says so', async ({ page }) => {
  await page.goto('/?lang=en&src=/fixtures/does-not-exist.tar');
  await expect(page.getByRole('alert')).toContainText('HTTP 404');
});

function groundTruth(id) {
  return JSON.parse(readFileSync(join(FIXTURES, 'real', 'groundtruth', `${id}.json`), 'utf8'));
}

/** The topmost layer whose ground-truth changes add or modify `path` (paths without the leading /). */
function provider(layers, path) {
  let found = -1;
  layers.forEach((l, i) => {
    const rel = path.slice(1);
    if (l.added.some((p) => p.replace(/\/$/, '') === rel) || l.modified.some((m) => m[0] === rel)) found = i;
  });
  return found;
}

for (const id of ['02', '04', '11', '15', '22', '23']) {
  test(`real archive ${id} shows the right layers and tree`, async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    const gt = groundTruth(id);
    const { errors, foreign } = await open(page);
    await load(page, join(FIXTURES, 'real', gt.file));
    const img = gt.images[0];
    const summary = page.getByTestId('image-summary');
    await expect(summary).toHaveAttribute('data-layer-count', String(img.layers.length));
    await expect(summary).toHaveAttribute('data-image-id', /^sha256:[0-9a-f]{64}$/);
    // The headers-only picture (plain archives) is replaced by the verified one.
    await expect(summary).toContainText('all digests verified');
    await expect(page.locator('[data-layer-index]')).toHaveCount(img.layers.length);
    for (let i = 0; i < img.layers.length; i++) {
      await expect(page.locator(`[data-layer-index="${i}"]`)).toHaveAttribute('data-diff-id', img.layers[i].diff_id);
    }
    if (id === '02') await page.screenshot({ path: join(ART, 'vizapp-stack.png'), fullPage: true });
    for (const path of ['/etc/app/config.ini', '/etc/passwd', '/opt/legacy/v2/new.txt', '/srv/app/data/blob.bin', '/bin/busybox']) {
      const row = await treeRow(page, path);
      await expect(row).toHaveAttribute('data-layer', String(provider(img.layers, path)));
    }
    for (const gone of ['/var/cache/pkg/index.bin', '/srv/app/build-cache.tmp', '/opt/legacy/a.txt']) {
      await page.getByRole('searchbox').fill(gone);
      await expect(page.locator(`[data-path="${gone}"]`)).toHaveCount(0);
    }
    if (id === '02') {
      await page.getByRole('searchbox').fill('');
      await page.screenshot({ path: join(ART, 'vizapp-files.png'), fullPage: true });
      await page.getByLabel('layer filter').selectOption('in:8');
      await expect(page).toHaveURL(/layer=8/);
      await expect(page.locator('[data-path="/etc/passwd"] .badge')).toHaveText('modified');
      await page.screenshot({ path: join(ART, 'vizapp-files-layer8.png'), fullPage: true });
      // Changes in layer 5 include what it deletes; everything up to layer 3 still has the cache file.
      await page.getByLabel('layer filter').selectOption('in:5');
      await expect(page.locator('[data-path="/var/cache/pkg/index.bin"] .badge')).toHaveText('deleted');
      await page.getByLabel('layer filter').selectOption('upto:3');
      await page.getByRole('searchbox').fill('build-cache');
      await expect(page.locator('[data-path="/srv/app/build-cache.tmp"]')).toHaveAttribute('data-layer', '3');
      await page.getByLabel('layer filter').selectOption('upto:8');
      await expect(page.locator('[data-path="/srv/app/build-cache.tmp"]')).toHaveCount(0);
    }
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
}

const PUBLIC = [
  ['dive/test-docker-image.tar', 14, 1],
  ['trivy/alpine-310.tar.gz', 1, 1],
  ['podman/docker-two-images.tar.xz', 1, 2],
  ['dive/test-oci-zstd-image.tar', 1, 1],
  ['jib/jib-image.tar', 2, 1],
  ['go-containerregistry/whiteout_dir.tar', 4, 1],
];
for (const [file, layers, images] of PUBLIC) {
  test(`public fixture ${file}`, async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    const { errors } = await open(page);
    await load(page, join(FIXTURES, 'public', file));
    await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', String(layers));
    await expect(page.locator('[data-layer-index]')).toHaveCount(layers);
    await expect(page.getByLabel('Image', { exact: true })).toHaveCount(images > 1 ? 1 : 0);
    expect(errors).toEqual([]);
  });
}

test('a broken archive shows a specific alert', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  await open(page);
  await load(page, join(FIXTURES, 'public', 'osv-scalibr', 'negative', 'unpack__escape.tar'));
  await expect(page.getByRole('alert')).toContainText('not a container image');
  await page.screenshot({ path: join(ART, 'error.png') });
});

test('a damaged archive still shows what could be read, with the problems', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  await open(page);
  await load(page, join(FIXTURES, 'public', 'snyk-docker-plugin', 'doctored', 'docker-archives__docker-save__nginx.tar'));
  await expect(page.getByTestId('image-summary')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Problems');
});

test('a file that is not an archive at all shows an alert', async ({ page }) => {
  await open(page);
  const f = join(tmpdir(), 'strata-not-an-archive.txt');
  const fd = openSync(f, 'w'); writeSync(fd, 'hello, I am not a tarball\n'.repeat(40)); closeSync(fd);
  await load(page, f);
  await expect(page.getByRole('alert')).toContainText('not an image archive');
});

test('dropping a file anywhere on the page loads it', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  await open(page);
  const bytes = readFileSync(join(FIXTURES, 'public', 'dive', 'test-docker-image.tar')).toString('base64');
  const dt = await page.evaluateHandle((b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const d = new DataTransfer();
    d.items.add(new File([bin], 'test-docker-image.tar', { type: 'application/x-tar' }));
    return d;
  }, bytes);
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await expect(page.locator('main.dragging')).toHaveCount(1);
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', '14');
  await expect(page.locator('main.dragging')).toHaveCount(0);
});

/** A plain archive whose one layer holds `n` empty files (a 100,000-entry tree). */
function manyEntries(n) {
  const f = join(tmpdir(), `strata-${n}-entries.tar`);
  if (existsSync(f)) return f;
  const layer = [];
  layer.push(tarHeader('d/', 0, '5'));
  for (let i = 0; i < n; i++) layer.push(tarHeader(`d/s${i % 100}/f${i}`, 0));
  layer.push(Buffer.alloc(1024));
  const layerBuf = Buffer.concat(layer);
  const diff = createHash('sha256').update(layerBuf).digest('hex');
  const fd = openSync(f, 'w');
  writeMembers(fd, [['l/layer.tar', layerBuf], ...imageDocs(diff, 'many:latest', 'generated')]);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}



test('a 100,000-entry tree renders only the rows on screen and stays responsive', async ({ page }) => {
  await open(page);
  await page.setInputFiles('input[type=file]', manyEntries(100_000));
  await expect(page.getByTestId('image-summary')).toContainText('many:latest', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Filesystem' }).click();
  await expect(page.locator('.files-view .count')).toHaveText('100,101 entries');
  const rendered = await page.locator('[data-path]').count();
  expect(rendered).toBeLessThan(100);
  await page.locator('.tree').evaluate((el) => { el.scrollTop = 26 * 50_000; el.dispatchEvent(new Event('scroll')); });
  await expect(page.locator('[data-path^="/d/s"]').first()).toBeVisible();
  expect(await page.locator('[data-path]').count()).toBeLessThan(100);
  const t0 = Date.now();
  await page.getByRole('searchbox').fill('f99999');
  await expect(page.locator('[data-path="/d/s99/f99999"]')).toHaveCount(1);
  expect(Date.now() - t0).toBeLessThan(5000);
});


/** Writes a valid 600 MiB docker-archive-looking tar (one big layer of zeros) without holding it in memory. */
function bigArchive() {
  const f = join(tmpdir(), 'strata-big.tar');
  if (existsSync(f)) return f;
  const header = (name, size) => tarHeader(name, size);
  const inner = 600 * 1024 * 1024;
  const fd = openSync(f, 'w');
  writeSync(fd, header('big/layer.tar', inner + 512 * 3));
  writeSync(fd, header('zeros.bin', inner));
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let done = 0; done < inner; done += chunk.length) writeSync(fd, chunk);
  writeSync(fd, Buffer.alloc(1024));
  writeSync(fd, Buffer.alloc(512));
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}

test('Cancel really stops a large load', async ({ page }) => {
  await open(page);
  const idle = page.workers().length;
  const big = bigArchive();
  await page.setInputFiles('input[type=file]', big);
  const progress = page.locator('progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: join(ART, 'progress.png') });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  // The previous analysis (the sample) stays; nothing from the cancelled file ever arrives: the
  // workers that read it have ended.
  await workersEnded(page, expect, idle);
  await expect(page.getByTestId('image-summary')).toContainText('strata-sample:latest');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

/** A real image archive (manifest, config, one layer) whose layer holds one 296 MiB file of zeros. */
function bigImage() {
  const f = join(tmpdir(), 'strata-big-image.tar');
  const inner = 37 * 8 * 1024 * 1024; // a whole number of 8 MiB chunks
  const layerSize = 512 + inner + 1024;
  const fileHeader = tarHeader('zeros.bin', inner);
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  const hash = createHash('sha256').update(fileHeader);
  for (let done = 0; done < inner; done += chunk.length) hash.update(chunk);
  const diff = hash.update(Buffer.alloc(1024)).digest('hex');
  const fd = openSync(f, 'w');
  writeSync(fd, tarHeader('l/layer.tar', layerSize));
  writeSync(fd, fileHeader);
  for (let done = 0; done < inner; done += chunk.length) writeSync(fd, chunk);
  writeSync(fd, Buffer.alloc(1024));
  writeMembers(fd, imageDocs(diff, 'big:latest', 'ADD zeros.bin /'));
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}

test('the picture appears from headers while digests are still being verified', async ({ page }) => {
  const { errors } = await open(page);
  const idle = page.workers().length;
  await page.setInputFiles('input[type=file]', bigImage());
  const summary = page.getByTestId('image-summary');
  // Seen while the progress bar is still up: the layers and the tree come before the hashing ends.
  await expect(summary).toContainText('big:latest', { timeout: 10_000 });
  await expect(page.locator('progress')).toBeVisible();
  await expect(summary).toContainText('verifying digests');
  await expect(page.locator('[data-layer-index="0"] .verified')).toHaveText('…');
  await page.screenshot({ path: join(ART, 'verifying.png') });
  await page.getByRole('tab', { name: 'Filesystem' }).click();
  await expect(page.locator('[data-path="/zeros.bin"]')).toHaveAttribute('data-layer', '0');
  await expect(page.locator('progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(summary).toContainText('all digests verified');
  await expect(page.locator('[data-layer-index="0"]')).toHaveCount(0); // the files view is showing
  await page.getByRole('tab', { name: 'Layer stack' }).click();
  await expect(page.locator('[data-layer-index="0"] .verified')).toHaveText('✓');
  expect(errors).toEqual([]);
});

test('a second archive opened while one is loading replaces it; the first never lands', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  const { errors } = await open(page);
  const idle = page.workers().length;
  await page.setInputFiles('input[type=file]', bigImage());
  await expect(page.getByTestId('image-summary')).toContainText('big:latest', { timeout: 10_000 });
  await expect(page.locator('progress')).toBeVisible();
  await page.setInputFiles('input[type=file]', join(FIXTURES, 'public', 'dive', 'test-docker-image.tar'));
  const summary = page.getByTestId('image-summary');
  await expect(summary).toHaveAttribute('data-layer-count', '14');
  await expect(page.locator('progress')).toHaveCount(0);
  await workersEnded(page, expect, idle); // the big archive's workers have ended: nothing more can land
  await expect(summary).toHaveAttribute('data-layer-count', '14');
  await expect(summary).toContainText('all digests verified');
  expect(errors).toEqual([]);
});

// Seven layers of 96 MiB (each read whole and hashed by Web Crypto) and one of 160 MiB (above the
// whole-blob limit: read in ranges and hashed in WebAssembly).
const POOLED = [96, 96, 96, 96, 96, 96, 96, 160].map((m) => m * 1024 * 1024);

test('a plain tar\'s layers are verified by a pool of helper workers, each digest right', async ({ page }) => {
  const { errors } = await open(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.setInputFiles('input[type=file]', layeredArchive('strata-pooled.tar', POOLED, 'pooled:latest'));
  const summary = page.getByTestId('image-summary');
  await expect(summary).toContainText('pooled:latest', { timeout: 30_000 });
  await expect(page.locator('progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(summary).toHaveAttribute('data-stage', 'complete');
  await expect(summary).toContainText('all digests verified');
  // The worker that got the file and at least two helpers.
  expect(workers.length).toBeGreaterThanOrEqual(3);
  await expect(page.locator('[data-layer-index] .verified')).toHaveText(POOLED.map(() => '✓'));
  // Merged in layer order whichever helper read which layer: layer K holds /fileK.bin.
  await page.getByRole('tab', { name: 'Filesystem' }).click();
  for (const k of POOLED.keys()) await expect(page.locator(`[data-path="/file${k}.bin"]`)).toHaveAttribute('data-layer', String(k));
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// One layer of 400 MiB (above the whole-blob limit: parsed by the primary, hashed in WebAssembly by a
// helper, the longest part of the read) and three small ones.
const SKEWED = [400, 8, 8, 8].map((m) => m * 1024 * 1024);

test('a skewed plain tar shows its structure (every layer\'s entries) while its large layer is hashed', async ({ page }) => {
  const { errors } = await open(page);
  // Every change of the summary's stage, with whether a read was still going on (its progress bar).
  await page.evaluate(() => {
    window.stages = [];
    const note = () => {
      const s = document.querySelector('[data-testid=image-summary]');
      const stage = s && `${s.getAttribute('data-image-id')} ${s.getAttribute('data-stage')}`;
      if (stage && window.stages.at(-1)?.stage !== stage) {
        window.stages.push({ stage, verifying: !!document.querySelector('progress') });
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.setInputFiles('input[type=file]', layeredArchive('strata-skewed.tar', SKEWED, 'skewed:latest'));
  const summary = page.getByTestId('image-summary');
  await expect(page.locator('progress')).toHaveCount(0, { timeout: 120_000 });
  await expect(summary).toHaveAttribute('data-stage', 'complete');
  await expect(summary).toContainText('all digests verified');
  await expect(page.locator('[data-layer-index] .verified')).toHaveText(SKEWED.map(() => '✓'));
  const seen = (await page.evaluate(() => window.stages)).map((s) => ({ ...s, stage: s.stage.split(' ')[1] }));
  // The last outline is this archive's (the built-in sample may still have been landing when it was dropped).
  const from = seen.findLastIndex((s) => s.stage === 'outline');
  // The outline, then the structure while the digests are still being verified, then complete.
  expect(seen.slice(from).map((s) => `${s.stage}${s.verifying ? ' (verifying)' : ''}`))
    .toEqual(['outline (verifying)', 'structure (verifying)', 'complete']);
  expect(errors).toEqual([]);
});

test('Cancel during a pooled read ends the worker and every helper', async ({ page }) => {
  await open(page);
  const workers = [];
  const closed = new Set();
  page.on('worker', (w) => { workers.push(w); w.on('close', () => closed.add(w)); });
  await page.setInputFiles('input[type=file]', layeredArchive('strata-pooled.tar', POOLED, 'pooled:latest'));
  const progress = page.locator('progress');
  await expect.poll(async () => Number(await progress.getAttribute('value').catch(() => 0)), { timeout: 30_000 }).toBeGreaterThan(0);
  // The reader and its helpers start as the read goes on (under load, after the first progress).
  await expect.poll(() => workers.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  const running = workers.slice();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  // Every worker of that read ends; the page starts one fresh worker, ready for the next file.
  await expect.poll(() => running.filter((w) => !closed.has(w)).length, { timeout: 10_000 }).toBe(0);
  expect(workers.length - running.length).toBeLessThanOrEqual(1);
  // What had been read (the outline) stays, marked as stopped.
  await expect(page.getByTestId('image-summary')).toContainText('pooled:latest');
  await expect(page.getByTestId('image-summary')).toContainText('reading stopped');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
