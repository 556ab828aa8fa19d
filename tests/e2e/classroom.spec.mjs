// The classroom in Chromium: every teaching sample opened by ?sample= with its plates and counts
// checked against the core (`strata inspect` / `strata ls` on the archive `strata sample` writes),
// stepped from the empty image to the end with the keyboard, each caption's counts equal to the
// core's per-layer changes; the same stepping on a shared real archive; presenter mode's keys;
// the live container layer (copy-up, whiteout, create, undo, commit, download read back by the
// core). Screenshots of the player, presenter mode and the container view go to tests/artifacts/.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { animationsDone } from './settle.mjs';

const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
const HAVE_FIXTURES = existsSync(join(FIXTURES, 'real'));
const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });
const BIN = resolve(process.cwd(), 'target', 'debug', 'strata');

/** Runs the CLI (built once if missing) and returns its stdout. */
function strata(...args) {
  if (!existsSync(BIN)) execFileSync('cargo', ['build', '-q', '-p', 'strata-cli'], { stdio: 'inherit' });
  return execFileSync(BIN, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
}

/** The core's facts about an archive: `strata inspect --json`. */
const inspect = (file) => JSON.parse(strata('inspect', file, '--json'));
/** `strata ls --json` rows (one JSON object per line). */
const ls = (file, ...args) => strata('ls', file, ...args, '--json').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Writes sample `name` with the CLI and returns its path. */
function sampleFile(name) {
  const f = join(tmpdir(), `strata-sample-${name}.tar`);
  strata('sample', name, '-o', f);
  return f;
}

async function ready(page) {
  await expect(page.getByTestId('image-summary')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('image-summary')).toHaveAttribute('data-stage', 'complete', { timeout: 60_000 });
}

/** The build steps the core walks: one per history entry when the history maps onto the layers. */
function steps(img) {
  const made = img.history.filter((h) => h.layer !== null && h.layer !== undefined).map((h) => h.layer);
  const oneToOne = img.history.length > 0 && made.length === img.layers.length && made.every((l, i) => l === i);
  return oneToOne ? img.history.map((h) => ({ layer: h.layer ?? null, by: h.created_by }))
    : img.layers.map((l, i) => ({ layer: i, by: l.created_by }));
}

/** Layers, copies written and entries visible under `dir`, from `strata ls` of every layer and the merged tree. */
function countsUnder(file, img, dir) {
  const below = (p) => (dir === '/' ? p !== '/' : p.startsWith(dir + '/'));
  let written = 0;
  img.layers.forEach((_, k) => {
    written += ls(file, '--layer', String(k)).filter((r) => r.change !== 'deleted' && r.type !== 'dir' && below(r.path)).length;
  });
  const visible = ls(file, '--merged').filter((r) => r.type !== 'dir' && below(r.path)).length;
  return { layers: img.layers.length, written, visible };
}

/** Steps from the empty image to the end with the keyboard, checking plates and captions at each step. */
async function stepThrough(page, img, view) {
  const all = steps(img);
  const player = page.getByTestId('player');
  await expect(player).toHaveAttribute('data-steps', String(all.length));
  await player.locator('input[type=range]').focus();
  await page.keyboard.press('Home');
  await expect(player).toHaveAttribute('data-step', '0');
  await expect(page.locator(`[data-view="${view}"] [data-layer-index]`)).toHaveCount(0);
  let layers = 0;
  for (let k = 1; k <= all.length; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(player).toHaveAttribute('data-step', String(k));
    const step = all[k - 1];
    const caption = page.getByTestId('caption');
    const l = step.layer === null ? null : img.layers[step.layer];
    if (l) layers = step.layer + 1;
    await expect(caption).toHaveAttribute('data-added', String(l ? l.added : 0));
    await expect(caption).toHaveAttribute('data-modified', String(l ? l.modified : 0));
    await expect(caption).toHaveAttribute('data-deleted', String(l ? l.deleted : 0));
    await expect(caption).not.toBeEmpty();
    await expect(page.locator(`[data-view="${view}"] [data-layer-index]`)).toHaveCount(layers);
    if (l) {
      // The step's own plate is marked as just done (the page animates it).
      await expect(page.locator(`[data-view="${view}"] [data-layer-index="${step.layer}"]`)).toHaveAttribute('data-fresh', 'true');
    }
    // The step is in the address: a link reopens it.
    expect(page.url()).toMatch(new RegExp(`step=${k}(&|$)`));
  }
  await page.keyboard.press('ArrowRight');
  await expect(player).toHaveAttribute('data-step', String(all.length));
}

const SAMPLES = strata('sample').split('\n').filter(Boolean);

test('the start page has a card per sample, in both languages, linking to ?sample=', async ({ page }) => {
  expect(SAMPLES.length).toBeGreaterThanOrEqual(7);
  for (const lang of ['en', 'zh-CN']) {
    await page.goto(`/?lang=${lang}`);
    await ready(page);
    const cards = page.locator('a.sample-card');
    await expect(cards).toHaveCount(SAMPLES.length);
    for (const name of SAMPLES) {
      const card = page.locator(`a.sample-card[data-sample="${name}"]`);
      await expect(card).toHaveAttribute('href', new RegExp(`^\\?sample=${name}&lang=${lang}#view=`));
      await expect(card.locator('svg')).toBeVisible();
      if (lang === 'zh-CN') await expect(card).toContainText(/[\u4e00-\u9fff]/);
    }
  }
  await page.locator('a.sample-card[data-sample="replace"]').click();
  await ready(page);
  await expect(page.getByTestId('image-summary')).toContainText('replace:latest');
  await expect(page.locator('[data-view="layers"]')).toBeVisible();
  await page.screenshot({ path: join(ART, 'classroom-gallery-zh.png'), fullPage: true });
});

for (const name of SAMPLES) {
  test(`sample ${name}: opened by ?sample=, plates and counts as the core says, stepped with the keyboard`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const file = sampleFile(name);
    const facts = inspect(file);
    const img = facts.images[0];
    await page.goto(`/?sample=${name}&lang=en`);
    await ready(page);
    await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', String(img.layers.length));
    await expect(page.getByTestId('image-summary')).toContainText(img.tags[0]);
    // It opens on the view that shows its point best.
    const view = await page.locator('[data-view]').first().getAttribute('data-view');
    expect(['stack', 'layers', 'union']).toContain(view);
    for (let k = 0; k < img.layers.length; k++) {
      await expect(page.locator(`[data-view="${view}"] [data-layer-index="${k}"]`)).toHaveAttribute('data-diff-id', img.layers[k].diff_id);
    }
    if (view === 'layers') {
      const dir = await page.locator('[data-view="layers"]').getAttribute('data-focus');
      const c = countsUnder(file, img, dir);
      const counts = page.getByTestId('figure-counts');
      await expect(counts).toHaveAttribute('data-layers', String(c.layers));
      await expect(counts).toHaveAttribute('data-written', String(c.written));
      await expect(counts).toHaveAttribute('data-visible', String(c.visible));
    }
    if (name === 'shared-base') {
      expect(facts.images.length).toBe(2);
      const shared = facts.images[1].layers.filter((l) => img.layers.some((m) => m.diff_id === l.diff_id));
      expect(shared.length).toBeGreaterThan(0);
      await expect(page.locator('.picker select option')).toHaveCount(2);
    }
    await stepThrough(page, img, view);
    await page.screenshot({ path: join(ART, `classroom-sample-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
}

test('the named samples teach what they say: two-layers 6 of 6, replace 7 written 6 visible', async ({ page }) => {
  await page.goto('/?sample=two-layers&lang=en#view=layers&image=0');
  await ready(page);
  await expect(page.getByTestId('figure-counts')).toHaveAttribute('data-written', '6');
  await expect(page.getByTestId('figure-counts')).toHaveAttribute('data-visible', '6');
  await page.goto('/?sample=replace&lang=en#view=layers&image=0');
  await ready(page);
  await expect(page.getByTestId('figure-counts')).toHaveAttribute('data-written', '7');
  await expect(page.getByTestId('figure-counts')).toHaveAttribute('data-visible', '6');
  // Stepping to the newer file 5 marks its replaced copy below as part of the step.
  await page.goto('/?sample=replace&lang=en#view=layers&image=0&step=3');
  await ready(page);
  await expect(page.locator('[data-tile-path="/file5"][data-layer="1"]')).toHaveAttribute('data-fresh', 'true');
  await expect(page.locator('[data-tile-path="/file5"][data-layer="1"]')).toHaveAttribute('data-state', 'replaced');
  await expect(page.getByTestId('caption')).toContainText('replaces 1');
});

test('a link with &step= reopens the step, in the stack, layers and union views', async ({ page }) => {
  for (const view of ['stack', 'layers', 'union']) {
    await page.goto(`/?sample=add-layers&lang=en#view=${view}&image=0&step=2`);
    await ready(page);
    await expect(page.getByTestId('player')).toHaveAttribute('data-step', '2');
    await expect(page.locator(`[data-view="${view}"] [data-layer-index]`)).toHaveCount(1);
  }
  await page.screenshot({ path: join(ART, 'classroom-union-step2.png'), fullPage: true });
});

test('stepping through a real archive (Docker 20, metadata-only steps included) in every figure', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  const file = join(FIXTURES, 'real', '02-docker20-vizapp-legacy-overlay2.tar');
  const img = inspect(file).images[0];
  expect(steps(img).some((s) => s.layer === null)).toBe(true);
  for (const view of ['stack', 'layers', 'union']) {
    await page.goto(`/?lang=en&src=/fixtures/real/02-docker20-vizapp-legacy-overlay2.tar#view=${view}&image=0`);
    await ready(page);
    await stepThrough(page, img, view);
  }
  // A metadata-only step says so and adds no plate.
  const meta = steps(img).findIndex((s) => s.layer === null) + 1;
  await page.goto(`/?lang=zh-CN&src=/fixtures/real/02-docker20-vizapp-legacy-overlay2.tar#view=stack&image=0&step=${meta}`);
  await ready(page);
  await expect(page.getByTestId('caption')).toContainText('只修改元数据');
  await page.screenshot({ path: join(ART, 'classroom-real-metadata-step-zh.png'), fullPage: true });
});

test('presenter mode: ?present=1, the slide keys, blackout, help, go-to, Esc; large type', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?sample=add-layers&lang=en&present=1#view=stack&image=0&step=0');
  await ready(page);
  const main = page.locator('main');
  await expect(main).toHaveAttribute('data-presenting', 'true');
  await expect(page.locator('header')).toBeHidden();
  await expect(page.getByTestId('image-summary')).toBeHidden();
  const player = page.getByTestId('player');
  const steps = Number(await player.getAttribute('data-steps'));
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (const [key, want] of [['ArrowRight', 1], [' ', 2], ['PageDown', 3], ['ArrowLeft', 2], ['PageUp', 1], ['End', steps], ['Home', 0]]) {
    await page.keyboard.press(key);
    await expect(player).toHaveAttribute('data-step', String(want));
  }
  // Space did not scroll the page.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.keyboard.press('g');
  await expect(page.getByTestId('goto')).toBeVisible();
  await page.keyboard.press('4');
  await expect(page.getByTestId('goto')).toContainText('4');
  await page.keyboard.press('Enter');
  await expect(player).toHaveAttribute('data-step', '4');
  await expect(page.getByTestId('goto')).toHaveCount(0);
  // Large, high-contrast type: at least 24 px at 1280 px wide.
  const sizes = await page.evaluate(() => ['[data-testid=caption]', '.player .step-of']
    .map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
  for (const s of sizes) expect(s).toBeGreaterThanOrEqual(24);
  const box = await page.locator('[data-view="stack"] svg.figure-svg').boundingBox();
  expect(box.width).toBeGreaterThan(1100);
  await page.screenshot({ path: join(ART, 'classroom-presenter-en-light.png') });
  await page.keyboard.press('b');
  await expect(page.getByTestId('blackout')).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByTestId('blackout')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByTestId('presenter-help')).toBeVisible();
  await expect(page.getByTestId('presenter-help')).toContainText('Esc');
  await page.screenshot({ path: join(ART, 'classroom-presenter-help.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presenter-help')).toHaveCount(0);
  await expect(main).toHaveAttribute('data-presenting', 'true');
  await page.keyboard.press('Escape');
  await expect(main).toHaveAttribute('data-presenting', 'false');
  await expect(page.locator('header')).toBeVisible();
  // Out of presenter mode the arrows are not the presenter's; P and the button bring it back.
  await page.keyboard.press('ArrowRight');
  await expect(player).toHaveAttribute('data-step', '4');
  await page.keyboard.press('p');
  await expect(main).toHaveAttribute('data-presenting', 'true');
  await page.keyboard.press('Escape');
  await page.locator('[data-action="present"]').click();
  await expect(main).toHaveAttribute('data-presenting', 'true');
});

test('presenter notes window (S): the next caption and a timer, in sync both ways over BroadcastChannel', async ({ page, context }) => {
  await page.goto('/?sample=add-layers&lang=en&present=1#view=stack&image=0&step=1');
  await ready(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const popup = context.waitForEvent('page');
  await page.keyboard.press('s');
  const notes = await popup;
  await notes.waitForLoadState();
  await expect(notes.getByTestId('notes')).toBeVisible();
  const step = notes.getByTestId('notes-step');
  await expect(step).toHaveAttribute('data-step', '1');
  const player = page.getByTestId('player');
  await expect(step).toHaveAttribute('data-steps', await player.getAttribute('data-steps'));
  await expect(notes.getByTestId('notes-now')).toHaveText(await page.getByTestId('caption').textContent());
  // The presenter moves: the notes follow; the notes' "next" is the caption the presenter then shows.
  const next = await notes.getByTestId('notes-next').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('caption')).toHaveText(next);
  // The notes window moves the presenter.
  await notes.keyboard.press('ArrowRight');
  await expect(player).toHaveAttribute('data-step', '3');
  await notes.locator('[data-action="prev"]').click();
  await expect(player).toHaveAttribute('data-step', '2');
  await expect(notes.getByTestId('notes-timer')).toHaveText(/^\d\d:\d\d$/);
  await expect(notes.getByTestId('notes-timer')).not.toHaveText('00:00', { timeout: 5_000 });
  await notes.screenshot({ path: join(ART, 'classroom-presenter-notes.png') });
  // A notes window opened later (or reloaded) gets the slide at once.
  await notes.reload();
  await expect(notes.getByTestId('notes-step')).toHaveAttribute('data-step', '2');
});

for (const [lang, scheme] of [['en', 'dark'], ['zh-CN', 'light'], ['zh-CN', 'dark']]) {
  test(`presenter screenshots: ${lang}, ${scheme}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    for (const [view, sample, step, path] of [['stack', 'add-layers', 5, '/'], ['layers', 'whiteouts', 3, '/opt/legacy'], ['union', 'replace', 3, '/']]) {
      await page.goto(`/?sample=${sample}&lang=${lang}&present=1#view=${view}&image=0&path=${path}&step=${step}`);
      await ready(page);
      await expect(page.locator('main')).toHaveAttribute('data-presenting', 'true');
      await animationsDone(page); // the step's animation
      if (view === 'union') {
        // Drawn for the projector's wide card: about its shape, so it is not shrunk to fit (it was to 0.55).
        const scale = await page.locator('svg.figure-svg').evaluate((s) => {
          const r = s.getBoundingClientRect(), v = s.viewBox.baseVal;
          return Math.min(r.width / v.width, r.height / v.height);
        });
        expect(scale).toBeGreaterThanOrEqual(0.85);
      }
      if (view === 'layers') {
        // The card has room below the figure: it is drawn on a narrower canvas, so scaled to the card
        // its text is larger (it was drawn at 1.0, its tile text about 9 px).
        const scale = await page.locator('svg.figure-svg').evaluate((s) => {
          const r = s.getBoundingClientRect(), v = s.viewBox.baseVal;
          return Math.min(r.width / v.width, r.height / v.height);
        });
        expect(scale).toBeGreaterThanOrEqual(1.15);
      }
      await page.screenshot({ path: join(ART, `classroom-presenter-${view}-${lang}-${scheme}.png`) });
    }
  });
}

test('a container: copy-up, whiteout, create, undo, commit (one more layer, its diff_id the sha256 of its tar), download read back', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const file = sampleFile('replace');
  const img = inspect(file).images[0];
  const merged = ls(file, '--merged');
  const file2 = merged.find((r) => r.path === '/file2');
  await page.goto('/?sample=replace&lang=en#view=container&image=0');
  await ready(page);
  const view = page.locator('[data-view="container"]');
  await expect(view).toBeVisible();
  const upper = page.getByTestId('container-layer');
  const size = page.getByTestId('container-size');
  const imageSize = img.layers.reduce((n, l) => n + l.size, 0);
  await expect(size).toHaveAttribute('data-size', '0');
  await expect(size).toHaveAttribute('data-virtual-size', String(imageSize));
  const tiles = page.getByTestId('container-merged').locator('[data-tile-path]');
  await expect(tiles).toHaveCount(merged.filter((r) => r.path.split('/').length === 2).length);

  // Copy-up: the whole file goes into the writable layer (its size at least the lower copy's).
  await page.getByTestId('container-merged').locator('[data-tile-path="/file2"]').click();
  await page.locator('[data-action="edit"]').click();
  await expect(upper.locator('[data-tile-path="/file2"]')).toHaveAttribute('data-state', 'copied-up');
  await expect(page.getByTestId('container-caption')).toContainText('Copy-up');
  const afterEdit = Number(await size.getAttribute('data-size'));
  expect(afterEdit).toBeGreaterThan(file2.size);
  await expect(size).toHaveAttribute('data-virtual-size', String(imageSize + afterEdit));
  await expect(page.getByTestId('container-merged').locator('[data-tile-path="/file2"]')).toHaveAttribute('data-provider', 'upper');

  // Whiteout: deleting a lower file (selected with the keyboard) hides it.
  await page.getByTestId('container-merged').locator('[data-tile-path="/file5"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('container-merged').locator('[data-tile-path="/file5"]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('[data-action="delete"]').click();
  await expect(upper.locator('[data-tile-path="/file5"]')).toHaveAttribute('data-state', 'whiteout');
  await expect(page.getByTestId('container-merged').locator('[data-tile-path="/file5"]')).toHaveCount(0);

  // Create, undo, create again.
  await page.locator('[data-action="create"]').click();
  await expect(upper.locator('[data-state="created"]')).toHaveCount(1);
  await page.locator('[data-action="undo"]').click();
  await expect(upper.locator('[data-state="created"]')).toHaveCount(0);
  await page.locator('[data-action="create"]').click();
  const created = await upper.locator('[data-state="created"]').getAttribute('data-tile-path');
  expect(created).toMatch(/^\/new-\d+\.txt$/);
  await animationsDone(page); // the action's animation
  await page.screenshot({ path: join(ART, 'classroom-container-en.png'), fullPage: true });

  // Commit: a real layer on top; every view shows it.
  await page.locator('[data-action="commit"]').click();
  await ready(page);
  const summary = page.getByTestId('image-summary');
  await expect(summary).toHaveAttribute('data-layer-count', String(img.layers.length + 1));
  await page.locator('[data-tab="stack"]').click();
  await expect(page.locator(`[data-view="stack"] [data-layer-index="${img.layers.length}"]`)).toHaveCount(1);
  await page.locator('[data-tab="container"]').click();
  const download = page.waitForEvent('download');
  await page.locator('[data-action="download"]').click();
  const saved = join(tmpdir(), 'strata-committed.tar');
  await (await download).saveAs(saved);
  const back = inspect(saved);
  expect(back.problems).toEqual([]);
  const nimg = back.images[0];
  expect(nimg.layers.length).toBe(img.layers.length + 1);
  expect(nimg.layers.every((l) => l.verified === 'ok')).toBe(true);
  nimg.layers.slice(0, img.layers.length).forEach((l, k) => expect(l.diff_id).toBe(img.layers[k].diff_id));
  // The new diff_id is the sha256 of the layer tar stored in the archive.
  const top = nimg.layers[img.layers.length];
  const tar = readFileSync(saved);
  const manifest = JSON.parse(memberOf(tar, 'manifest.json').toString());
  const layerTar = memberOf(tar, manifest[0].Layers[img.layers.length]);
  expect(top.diff_id).toBe('sha256:' + createHash('sha256').update(layerTar).digest('hex'));
  // Its changes are exactly the actions taken.
  const rows = ls(saved, '--layer', String(img.layers.length)).map((r) => `${r.change} ${r.path}`).sort();
  expect(rows).toEqual([`added ${created}`, 'deleted /file5', 'modified /file2'].sort());
  const now = ls(saved, '--merged').find((r) => r.path === '/file2');
  expect(now.size).toBe(afterEdit);
  expect(errors).toEqual([]);
});

test('a deleted directory made again is opaque: the lower files stay hidden', async ({ page }) => {
  const file = sampleFile('whiteouts');
  const lower = ls(file, '--merged').filter((r) => r.path.startsWith('/etc/'));
  expect(lower.length).toBeGreaterThan(0);
  await page.goto('/?sample=whiteouts&lang=en#view=container&image=0');
  await ready(page);
  const merged = page.getByTestId('container-merged');
  await merged.locator('[data-tile-path="/etc"]').click();
  await page.locator('[data-action="delete"]').click();
  await expect(merged.locator('[data-tile-path="/etc"]')).toHaveCount(0);
  const upper = page.getByTestId('container-layer');
  await expect(upper.locator('[data-tile-path="/etc"]')).toHaveAttribute('data-state', 'whiteout');
  await upper.locator('[data-action="make-again"][data-path="/etc"]').click();
  await expect(upper.locator('[data-tile-path="/etc"]')).toHaveAttribute('data-state', 'opaque');
  await expect(page.getByTestId('container-caption')).toContainText('opaque');
  await expect(upper.locator('[data-state="created"]')).toHaveAttribute('data-tile-path', /^\/etc\/new-1\.txt$/);
  await merged.locator('[data-tile-path="/etc"]').click();
  await expect(merged.locator('[data-tile-path="/etc"]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('[data-action="open"]').click();
  await expect(page.locator('[data-view="container"]')).toHaveAttribute('data-focus', '/etc');
  await expect(merged.locator('[data-tile-path]')).toHaveCount(1);
  await expect(merged.locator('[data-tile-path="/etc/new-1.txt"]')).toHaveAttribute('data-provider', 'upper');
  await animationsDone(page); // the action's animation
  await page.screenshot({ path: join(ART, 'classroom-container-opaque.png'), fullPage: true });
});

test('the committed image is in every view and the step-through', async ({ page }) => {
  await page.goto('/?sample=two-layers&lang=zh-CN#view=container&image=0');
  await ready(page);
  const merged = page.getByTestId('container-merged');
  const first = merged.locator('[data-tile-path]').first();
  await first.click();
  await page.locator('[data-action="delete"]').click();
  await animationsDone(page); // the action's animation
  await page.screenshot({ path: join(ART, 'classroom-container-zh.png'), fullPage: true });
  await page.locator('[data-action="commit"]').click();
  await ready(page);
  await expect(page.getByTestId('image-summary')).toHaveAttribute('data-layer-count', '3');
  for (const tab of ['stack', 'layers', 'union']) {
    await page.locator(`[data-tab="${tab}"]`).click();
    await expect(page.locator(`[data-view="${tab}"] [data-layer-index="2"]`)).toHaveCount(1);
  }
  const player = page.getByTestId('player');
  await expect(player).toHaveAttribute('data-step', await player.getAttribute('data-steps'));
  await player.locator('input[type=range]').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('caption')).toHaveAttribute('data-deleted', '1');
  await expect(page.getByTestId('caption')).toContainText('strata container');
});

/** The bytes of tar member `name` (ustar, as the commit writes it). */
function memberOf(tar, name) {
  for (let at = 0; at + 512 <= tar.length;) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const n = h.subarray(0, 100).toString().replace(/\0.*$/s, '');
    const prefix = h.subarray(345, 500).toString().replace(/\0.*$/s, '');
    const full = prefix ? `${prefix}/${n}` : n;
    const size = parseInt(h.subarray(124, 136).toString().replace(/\0.*$/s, '').trim() || '0', 8);
    if (full === name) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the archive`);
}
