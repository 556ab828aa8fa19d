// The sizes view (issue 17) in real Chromium: the size map draws the same rectangles as
// `strata diagram --view sizes` for the same archive, path and mode; zoom in and out by click and
// keys; stored mode hatches what the container cannot see; the waste panel's numbers equal dive
// 0.13.1's (its --json output in the shared fixtures) and the core's (strata inspect --json); the
// inefficient files expand to their copies and lead to the size map and the files view; no two
// texts of the figure overlap, in both languages, both themes, 1280 px and a 390 px phone.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { expectNoOverlap, textBoxes } from './overlap.mjs';

const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });
const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
// The CLI `cargo test --workspace` built (scripts/test.sh runs it before these tests).
const STRATA = resolve(process.cwd(), 'target', 'debug', 'strata');

function cli(args) {
  if (!existsSync(STRATA)) throw new Error(`${STRATA} is missing: run cargo build -p strata-cli first`);
  return execFileSync(STRATA, args, { maxBuffer: 64 << 20 });
}

/** The rectangles with hooks of an SVG document, as comparable rows. */
function rowsOf(rects) {
  return rects.map((r) => [r['data-path'] ?? r['data-rest-of'] ?? '', r['data-kind'], r['data-bytes'], r['data-layer'] ?? '',
    r['data-state'] ?? '', r.x, r.y, r.width, r.height].join(' ')).sort();
}

async function pageRects(page) {
  return page.locator('[data-view=sizes] svg rect[data-kind]').evaluateAll((els) => els.map((e) => {
    const o = {};
    for (const a of e.attributes) o[a.name] = a.value;
    return o;
  }));
}

function cliRects(svg) {
  const out = [];
  for (const m of svg.matchAll(/<rect ([^>]*data-kind="[^"]*"[^>]*)\/>/g)) {
    const o = {};
    for (const a of m[1].matchAll(/([\w-]+)="([^"]*)"/g)) {
      o[a[1]] = a[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    }
    out.push(o);
  }
  return out;
}

function wasteArchive() {
  const f = join(tmpdir(), 'strata-e2e-waste.tar');
  writeFileSync(f, cli(['sample', 'waste']));
  return f;
}

async function open(page, query, hash) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${query}${hash}`);
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  return errors;
}

test('the waste sample: the map equals the CLI, zooms, switches modes', async ({ page }) => {
  const errors = await open(page, 'sample=waste&lang=en', '#view=sizes');
  const view = page.locator('[data-view=sizes]');
  await expect(view).toBeVisible();
  const map = page.locator('rect[data-testid=sizes-map]');
  await expect(map).toHaveAttribute('data-bytes', '210000');
  const f = wasteArchive();
  for (const [hash, args] of [['#view=sizes', []], ['#view=sizes&mode=stored', ['--mode', 'stored']],
    ['#view=sizes&path=/opt&mode=stored', ['--mode', 'stored', '--path', '/opt']]]) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await expect(view).toHaveAttribute('data-mode', args.includes('stored') ? 'stored' : 'merged');
    const want = rowsOf(cliRects(cli(['diagram', f, '--view', 'sizes', ...args]).toString()));
    await expect.poll(async () => rowsOf(await pageRects(page)), { message: hash }).toEqual(want);
  }
  await page.evaluate(() => { location.hash = '#view=sizes'; });
  await expect(map).toHaveAttribute('data-bytes', '210000');
  // Zoom into /opt by activating its rectangle, out again with Escape.
  await page.locator('rect[data-path="/opt"]').dispatchEvent('click');
  await expect(page).toHaveURL(/path=\/opt/);
  await expect(map).toHaveAttribute('data-path', '/opt');
  await page.locator('[data-view=sizes] svg [tabindex="0"]').first().focus();
  await page.keyboard.press('Escape');
  await expect(map).toHaveAttribute('data-path', '/');
  // Arrows move between the directory's children, Enter zooms in.
  const focusedPath = () => page.evaluate(() => document.activeElement?.querySelector(':scope > rect[data-depth="1"]')?.getAttribute('data-path'));
  await page.locator('rect[data-path="/opt"]').evaluate((r) => r.parentElement.focus());
  expect(await focusedPath()).toBe('/opt');
  await page.keyboard.press('ArrowRight');
  expect(await focusedPath()).toBe('/bin');
  await page.keyboard.press('Enter');
  await expect(map).toHaveAttribute('data-path', '/bin');
  await page.evaluate(() => { location.hash = '#view=sizes'; });
  // Stored mode by the switch: the deleted download is drawn, hatched, from layer 1.
  await page.locator('[data-size-mode=stored]').click();
  await expect(page).toHaveURL(/mode=stored/);
  const sdk = page.locator('rect[data-path="/tmp/sdk.tar.gz"]');
  await expect(sdk).toHaveAttribute('data-state', 'deleted');
  await expect(sdk).toHaveAttribute('data-layer', '1');
  await expect(sdk).toHaveAttribute('data-bytes', '2000000');
  await expect(map).toHaveAttribute('data-bytes', '2210000');
  await page.goBack();
  await expect(view).toHaveAttribute('data-mode', 'merged');
  expect(errors).toEqual([]);
});

test('the waste panel: the core numbers, rows that expand and lead on', async ({ page }) => {
  await open(page, 'sample=waste&lang=en', '#view=sizes');
  const json = JSON.parse(cli(['inspect', wasteArchive(), '--json']).toString());
  const w = json.images[0].waste;
  await expect(page.getByTestId('efficiency')).toHaveAttribute('data-value', /.+/);
  expect(Number(await page.getByTestId('efficiency').getAttribute('data-value'))).toBe(w.efficiency);
  expect(Number(await page.getByTestId('wasted-bytes').getAttribute('data-value'))).toBe(w.wasted_bytes);
  // Each layer's bar: its size as strata inspect has it; the bytes hidden by higher layers add up
  // to what stored mode maps beyond merged mode (2,210,000 − 210,000).
  const bars = await page.locator('[data-testid=waste-layer]').evaluateAll((b) => b.map((x) => [Number(x.dataset.size), Number(x.dataset.hidden)]));
  expect(bars.map((b) => b[0])).toEqual(json.images[0].layers.map((l) => l.size));
  expect(bars.map((b) => b[1])).toEqual([0, 2_000_000, 0]);
  const rows = page.locator('[data-testid=waste-row]');
  const got = await rows.evaluateAll((r) => r.map((x) => [x.dataset.path, Number(x.dataset.count), Number(x.dataset.bytes)]));
  expect(got).toEqual(w.inefficient_files.map((f) => [f.path, f.count, f.bytes]));
  // Sort by path and back by bytes.
  await page.locator('[data-sort=path]').click();
  const byPath = await rows.evaluateAll((r) => r.map((x) => x.dataset.path));
  expect(byPath).toEqual([...byPath].sort());
  await page.locator('[data-sort=bytes]').click();
  const row = page.locator('[data-testid=waste-row][data-path="/tmp/sdk.tar.gz"]');
  await row.locator('.waste-path').click();
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  const copies = page.locator('[data-testid=waste-copy]');
  expect(await copies.evaluateAll((c) => c.map((x) => `${x.dataset.layer}:${x.dataset.state}`))).toEqual(['1:deleted']);
  await expect(copies.first()).toContainText('RUN curl');
  await page.locator('[data-action=waste-in-map]').click();
  await expect(page).toHaveURL(/view=sizes.*mode=stored.*path=\/tmp.*select=\/tmp\/sdk\.tar\.gz/);
  await expect(page.locator('rect[data-testid=sizes-map]')).toHaveAttribute('data-path', '/tmp');
  // The row stays open across the move.
  await expect(page.locator('[data-testid=waste-row][data-path="/tmp/sdk.tar.gz"]')).toHaveAttribute('aria-expanded', 'true');
  await page.locator('[data-action=waste-in-files]').click();
  await expect(page).toHaveURL(/view=files.*select=\/tmp\/sdk\.tar\.gz/);
  await expect(page.getByTestId('file-panel')).toHaveAttribute('data-path', '/tmp/sdk.tar.gz');
});

test("every real writer: the map equals the CLI's and the waste numbers equal dive's", async ({ page }) => {
  const real = join(FIXTURES, 'real');
  test.skip(!existsSync(real), `!!!!! ${real} is absent: the fixture size-map test is SKIPPED !!!!!`);
  const names = ['02-docker20-vizapp-legacy-overlay2.tar', '11-docker26-vizapp-legacy-overlay2.tar',
    '15-docker26-containerd-store-vizapp-buildkit.tar', '22-skopeo-vizapp-oci-archive-zstd.tar', '23-skopeo-vizapp-docker-archive.tar'];
  await open(page, 'lang=en', '');
  for (const name of names) {
    const f = join(real, name);
    await page.setInputFiles('input[type=file]', f);
    await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('image-summary')).toHaveAttribute('data-stage', 'complete', { timeout: 60_000 });
    for (const [hash, args] of [['#view=sizes&image=0', []], ['#view=sizes&image=0&mode=stored&path=/srv/app', ['--mode', 'stored', '--path', '/srv/app']]]) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      const want = rowsOf(cliRects(cli(['diagram', f, '--view', 'sizes', ...args]).toString()));
      expect(want.length, name).toBeGreaterThan(3);
      await expect.poll(async () => rowsOf(await pageRects(page)), { message: `${name} ${hash}` }).toEqual(want);
    }
    // dive reads OCI-only archives (22: no manifest.json) in an undefined layer order, so its
    // numbers for 22 are not a reference (as crate/core/tests/dive_parity.rs leaves it out).
    if (name.startsWith('22-')) continue;
    const dive = JSON.parse(readFileSync(join(real, 'dive', `${name}.json`), 'utf8')).image;
    expect(Number(await page.getByTestId('efficiency').getAttribute('data-value')), name).toBeCloseTo(dive.efficiencyScore, 12);
    expect(Number(await page.getByTestId('wasted-bytes').getAttribute('data-value')), name).toBe(dive.inefficientBytes);
    const rows = await page.locator('[data-testid=waste-row]').evaluateAll((r) => r.map((x) => `${x.dataset.path} ${x.dataset.count} ${x.dataset.bytes}`));
    expect(rows.sort(), name).toEqual(dive.fileReference.map((r) => `${r.file} ${r.count} ${r.sizeBytes}`).sort());
  }
});

for (const lang of ['en', 'zh-CN']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      test(`the size map in ${lang}, ${theme}, ${width} px: no text overlaps`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        const real = join(FIXTURES, 'real', '11-docker26-vizapp-legacy-overlay2.tar');
        await open(page, `lang=${lang}&theme=${theme}${existsSync(real) ? '' : '&sample=waste'}`, '');
        if (existsSync(real)) {
          await page.setInputFiles('input[type=file]', real);
          await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
        }
        for (const mode of ['merged', 'stored']) {
          await page.evaluate((m) => { location.hash = `#view=sizes&image=0&mode=${m}`; }, mode);
          await expect(page.locator('[data-view=sizes]')).toHaveAttribute('data-mode', mode);
          const boxes = await textBoxes(page.locator('[data-view=sizes] svg text'));
          expect(boxes.length).toBeGreaterThan(5);
          expectNoOverlap(boxes, '', 0.5);
          const panel = await page.locator('.waste-panel').boundingBox();
          expect(panel.x + panel.width).toBeLessThanOrEqual(width + 1);
          await page.screenshot({ path: join(ART, `sizes-${mode}-${lang}-${theme}-${width}.png`), fullPage: true });
        }
      });
    }
  }
}
