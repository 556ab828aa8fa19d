// The compare view with A from a second archive (issue 18): `?compare=URL` and a file picked on the
// view give the rows `strata diff A B --json` prints for the two archives; the file list is
// virtualized beyond 200 rows (every row reachable by scrolling); B's size map is coloured by change
// (`data-change` on its rectangles equals the rows). Screenshots in tests/artifacts.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filesArchive } from './archives.mjs';
import { strataDiff } from './cli.mjs';
import { buildahArchive } from './buildah.mjs';

const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });
const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
const want = (d) => d.files.map((f) => `${f.path} ${f.change} ${f.what.join(',')}`).sort();

async function rowsOnScreen(page) {
  return (await page.locator('[data-testid=diff-row]').evaluateAll((r) => r.map((x) => `${x.dataset.path} ${x.dataset.change} ${x.dataset.what}`))).sort();
}

/** The view's summary counts, rows and layers equal `strata diff --json`'s document `d`. */
async function expectLikeCli(page, d) {
  const s = page.getByTestId('diff-summary');
  for (const c of ['added', 'removed', 'changed']) {
    await expect(s).toHaveAttribute(`data-${c}`, String(d.files.filter((f) => f.change === c).length));
  }
  expect(await rowsOnScreen(page)).toEqual(want(d));
  const ins = await page.getByTestId('compare-layer').evaluateAll((r) => r.map((x) => `${x.dataset.diffId} ${x.dataset.in}`));
  expect(ins).toEqual(d.layers.map((l) => `${l.diff_id} ${l.in}`));
}

async function checkMap(page, d) {
  const change = new Map(d.files.filter((f) => f.change !== 'removed').map((f) => [f.path, f.change]));
  const rects = await page.locator('[data-testid=compare-map] rect[data-kind=file]').evaluateAll((r) => r.map((x) => [x.dataset.path, x.dataset.change]));
  expect(rects.length).toBeGreaterThan(0);
  for (const [path, c] of rects) expect(c, path).toBe(change.get(path) ?? 'same');
}

test('?compare=URL makes a second archive A: the rows equal strata diff of the two archives', async ({ page }) => {
  const real = join(FIXTURES, 'real');
  test.skip(!existsSync(real), `SKIPPED LOUDLY: ${real} (the shared fixtures) is absent`);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lang=en&src=/fixtures/real/04-docker20-multi-shared-base.tar&compare=/fixtures/real/02-docker20-vizapp-legacy-overlay2.tar#view=compare&image=1');
  const view = page.locator('[data-view=compare][data-compare-archive=other]');
  await expect(view).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('compare-other')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('diff-summary')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
  const d = strataDiff(join(real, '02-docker20-vizapp-legacy-overlay2.tar'), 0, join(real, '04-docker20-multi-shared-base.tar'), 1);
  expect(d.files.length).toBeGreaterThan(10);
  await expectLikeCli(page, d);
  await checkMap(page, d);
  await page.screenshot({ path: join(ART, 'compare-other-1280.png'), fullPage: true });
  // Back to the archive shown: its other image becomes A again.
  await page.locator('[data-action=compare-within]').click();
  await expect(page.locator('[data-view=compare][data-compare-archive=shown]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a second archive picked on the view: virtualized rows beyond 200, all reachable, the map by change', async ({ page }) => {
  const n = 600;
  const before = filesArchive('strata-before.tar', 'before:1', Array.from({ length: n }, (_, i) => [`data/f${String(i).padStart(4, '0')}.txt`, `v1 ${i}\n`]).concat([['gone.txt', 'x\n']]));
  const after = filesArchive('strata-after.tar', 'after:1', Array.from({ length: n }, (_, i) => [`data/f${String(i).padStart(4, '0')}.txt`, `version 2 ${i}\n`]).concat([['new.txt', 'new\n']]));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lang=en');
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  await page.setInputFiles('header input[type=file]', after);
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
  await page.evaluate(() => { location.hash = 'view=compare'; });
  await page.setInputFiles('[data-testid=compare-file]', before);
  await expect(page.locator('[data-view=compare][data-compare-archive=other]')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('compare-other')).toHaveAttribute('data-name', 'strata-before.tar');
  const d = strataDiff(before, 0, after, 0);
  expect(d.files.length).toBe(n + 2);
  const win = page.getByTestId('diff-window');
  await expect(win).toHaveAttribute('data-rows', String(n + 2));
  const drawn = await page.locator('[data-testid=diff-row]').count();
  expect(drawn).toBeLessThan(200);
  expect(drawn).toBeGreaterThan(10);
  // Scroll through: every row comes into the DOM, with the CLI's fields.
  const seen = new Set();
  for (let i = 0; i < 60 && seen.size < n + 2; i++) {
    for (const r of await rowsOnScreen(page)) seen.add(r);
    const top = await win.evaluate((el) => {
      const was = el.scrollTop;
      el.scrollTop += el.clientHeight;
      return el.scrollTop === was ? -1 : el.scrollTop;
    });
    if (top < 0) break;
    // The list redraws on the scroll event: wait for its window to reach the rows in view
    // (the first visible row plus 540 px of 30 px rows and 20 spare: views/compare.rs).
    const to = Math.min(Math.floor(top / 30) + 18 + 20, n + 2);
    await expect(win).toHaveAttribute('data-to', String(to));
  }
  for (const r of await rowsOnScreen(page)) seen.add(r);
  expect([...seen].sort()).toEqual(want(d));
  await checkMap(page, d);
  await expect(page.locator('[data-testid=compare-map] [data-legend-change=added]')).toHaveAttribute('data-bytes', '4');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ART, 'compare-other-390.png'), fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});

test.describe('Docker against buildah, both picked as files', () => {
  let made;
  test.beforeAll(() => { made = buildahArchive(join(FIXTURES, 'real', '02-docker20-vizapp-legacy-overlay2.tar')); });
  for (const lang of ['en', 'zh-CN']) {
    for (const theme of ['light', 'dark']) {
      test(`${lang}, ${theme}: the rows, layers, config and map equal strata diff`, async ({ page }) => {
        test.skip(!made.path, `SKIPPED LOUDLY: ${made.why}`);
        const docker = join(FIXTURES, 'real', '02-docker20-vizapp-legacy-overlay2.tar');
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`/?lang=${lang}&theme=${theme}`);
        await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
        await page.setInputFiles('header input[type=file]', made.path);
        await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
        await page.evaluate(() => { location.hash = 'view=compare'; });
        await page.setInputFiles('[data-testid=compare-file]', docker);
        await expect(page.locator('[data-view=compare][data-compare-archive=other]')).toBeVisible({ timeout: 60_000 });
        await expect(page.getByTestId('diff-summary')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
        const d = strataDiff(docker, 0, made.path, 0);
        expect(d.files.map((f) => f.path)).toContain('/srv/new/added.txt');
        await expectLikeCli(page, d);
        const keys = await page.locator('[data-testid=config-row]').evaluateAll((x) => x.map((e) => e.dataset.key));
        expect(keys).toEqual(d.config.map((k) => k.key));
        // The map shows only what changed by default: every added or changed file of B with bytes
        // is a tile (a few bytes in a 2 MB image would be a sliver in the whole map).
        const map = page.getByTestId('compare-map');
        await expect(map).toHaveAttribute('data-scope', 'changed');
        const tiles = await map.locator('rect[data-kind=file]').evaluateAll((r) => r.map((x) => x.dataset.path).sort());
        expect(tiles).toEqual(d.files.filter((f) => f.change !== 'removed' && f.b.type === 'file' && f.b.size > 0).map((f) => f.path).sort());
        await expect(map.locator('[data-legend-change=same]')).toHaveCount(0);
        await expect(map.locator('[data-testid=sizes-map]')).toHaveAttribute('data-bytes',
          String(d.files.filter((f) => f.change !== 'removed' && f.b.type === 'file').reduce((n, f) => n + f.b.size, 0)));
        await checkMap(page, d);
        // The config as line diffs: History gains buildah's one step, Env's APP_ENV changes.
        const lines = (key) => page.locator(`[data-testid=config-row][data-key=${key}] [data-testid=config-line]`)
          .evaluateAll((x) => x.filter((e) => e.dataset.op !== ' ').map((e) => `${e.dataset.op}${e.textContent}`));
        expect(await lines('Env')).toEqual(['-APP_ENV=production', '+APP_ENV=staging']);
        const hist = d.config.find((c) => c.key === 'History');
        expect(await lines('History')).toEqual(hist.b.slice(hist.a.length).map((h) => `+${h}`));
        await page.locator('[data-view=compare]').screenshot({ path: join(ART, `compare-other-buildah-${lang}-${theme}-1280.png`) });
        await page.locator('[data-action=compare-map-all]').click();
        await expect(map).toHaveAttribute('data-scope', 'all');
        // All of B: the map's bytes are the image's, more than the changed ones.
        const changedBytes = d.files.filter((f) => f.change !== 'removed' && f.b.type === 'file').reduce((n, f) => n + f.b.size, 0);
        await expect(map.locator('[data-testid=sizes-map]')).not.toHaveAttribute('data-bytes', String(changedBytes));
        expect(Number(await map.locator('[data-testid=sizes-map]').getAttribute('data-bytes'))).toBeGreaterThan(changedBytes);
        await expect(map.locator('[data-legend-change=same]')).toHaveCount(1);
        await checkMap(page, d);
        expect(errors).toEqual([]);
      });
    }
  }
});
