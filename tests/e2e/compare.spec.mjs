// The compare view (issue 18) in real Chromium: two images of one archive (`#view=compare&image=B&compare=A`)
// give the rows, counts, layers and config keys `strata diff A B --json` prints (copies of one
// size read by the file worker and hashed before they are judged), a changed file's two copies as a
// line diff, the one-image message, and screenshots in both languages and themes at 1280 and 390 px.
import { test, expect } from '@playwright/test';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { tarEntry, writeMembers } from './archives.mjs';
import { strataDiff } from './cli.mjs';
import { expectNoOverlap, textBoxes } from './overlap.mjs';

const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });
const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');

/** Two one-layer images in one archive: each a list of [name, text]. */
function twoImages(file, a, b) {
  const layer = (files) => Buffer.concat([...files.map(([n, t]) => tarEntry(n, Buffer.from(t))), Buffer.alloc(1024)]);
  const members = [];
  const manifest = [];
  [['before:1', a], ['after:1', b]].forEach(([tag, files], i) => {
    const buf = layer(files);
    const diff = createHash('sha256').update(buf).digest('hex');
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Env: [`SIDE=${i}`] },
      rootfs: { type: 'layers', diff_ids: [`sha256:${diff}`] }, history: [{ created_by: `COPY side${i} /` }] }));
    const cname = createHash('sha256').update(config).digest('hex') + '.json';
    members.push([`l${i}/layer.tar`, buf], [cname, config]);
    manifest.push({ Config: cname, RepoTags: [tag], Layers: [`l${i}/layer.tar`] });
  });
  members.push(['manifest.json', Buffer.from(JSON.stringify(manifest))]);
  const f = join(tmpdir(), file);
  const fd = openSync(f, 'w');
  writeMembers(fd, members);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}

function cliDiff(f, a, b) {
  return strataDiff(f, a, f, b);
}

async function open(page, query) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  return errors;
}

async function load(page, f, hash) {
  await page.setInputFiles('input[type=file]', f);
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
  await page.evaluate((h) => { location.hash = h; }, hash);
  await expect(page.locator('[data-view=compare]')).toBeVisible();
  await expect(page.locator('[data-testid=diff-row][data-pending=true]')).toHaveCount(0, { timeout: 15_000 });
}

/** The page's rows, counts, layers and config keys, as the CLI's JSON gives them. */
async function pageDiff(page) {
  const rows = await page.locator('[data-testid=diff-row]').evaluateAll((r) => r.map((x) => `${x.dataset.path} ${x.dataset.change} ${x.dataset.what}`));
  const layers = await page.locator('[data-testid=compare-layer]').evaluateAll((r) => r.map((x) => `${x.dataset.diffId} ${x.dataset.in}`));
  const config = await page.locator('[data-testid=config-row]').evaluateAll((r) => r.map((x) => x.dataset.key));
  const s = page.getByTestId('diff-summary');
  const counts = [await s.getAttribute('data-added'), await s.getAttribute('data-removed'), await s.getAttribute('data-changed')].map(Number);
  return { rows, layers, config, counts };
}

function want(d) {
  const n = (c) => d.files.filter((f) => f.change === c).length;
  return {
    rows: d.files.map((f) => `${f.path} ${f.change} ${f.what.join(',')}`),
    layers: d.layers.map((l) => `${l.diff_id} ${l.in}`),
    config: d.config.map((c) => c.key),
    counts: [n('added'), n('removed'), n('changed')],
  };
}

test('two built images: copies of one size are read and hashed, rows equal the CLI', async ({ page }) => {
  const f = twoImages('strata-compare-built.tar',
    [['same.txt', 'same\n'], ['edit.txt', 'port=1\n'], ['gone.txt', 'x\n'], ['grow.txt', 'a\n']],
    [['same.txt', 'same\n'], ['edit.txt', 'port=2\n'], ['new.txt', 'n\n'], ['grow.txt', 'a\nb\n']]);
  const errors = await open(page, 'lang=en');
  await load(page, f, '#view=compare&image=1&compare=0');
  const got = await pageDiff(page);
  expect(got).toEqual(want(cliDiff(f, 0, 1)));
  expect(got.rows).toContain('/edit.txt changed content');
  expect(got.rows.some((r) => r.startsWith('/same.txt'))).toBe(false);
  // A changed file's two copies as a line diff.
  await page.locator('[data-testid=diff-row][data-path="/edit.txt"] .diff-path').click();
  await expect(page).toHaveURL(/select=\/edit\.txt/);
  const lines = page.locator('[data-testid=compare-copies] [data-testid=diff-line]');
  await expect(lines).toHaveCount(2);
  expect(await lines.evaluateAll((l) => l.map((x) => x.dataset.op + x.textContent))).toEqual(['-port=1', '+port=2']);
  // The other way round: A and B swap.
  await page.evaluate(() => { location.hash = '#view=compare&image=0&compare=1'; });
  await expect(page.locator('[data-view=compare]')).toHaveAttribute('data-compare', '1');
  await expect(page.locator('[data-testid=diff-row][data-pending=true]')).toHaveCount(0, { timeout: 15_000 });
  expect(await pageDiff(page)).toEqual(want(cliDiff(f, 1, 0)));
  expect(errors).toEqual([]);
});

test('the one-image sample says there is nothing to compare', async ({ page }) => {
  await open(page, 'lang=en#view=compare');
  await expect(page.locator('[data-view=compare]')).toContainText('one image');
});

test('two images sharing a base (a real Docker archive): the same as strata diff', async ({ page }) => {
  const f = join(FIXTURES, 'real', '04-docker20-multi-shared-base.tar');
  test.skip(!existsSync(f), `!!!!! ${f} is absent: the fixture compare test is SKIPPED !!!!!`);
  await open(page, 'lang=en');
  await load(page, f, '#view=compare&image=1&compare=0');
  const got = await pageDiff(page);
  expect(got).toEqual(want(cliDiff(f, 0, 1)));
  expect(got.layers.filter((l) => l.endsWith(' both')).length).toBe(1);
  // The figure: both stacks, the shared base joined across; exported as the same SVG.
  const fig = page.getByTestId('compare-figure');
  await expect(fig.locator('[data-side=a][data-layer-index]')).toHaveCount(9);
  await expect(fig.locator('[data-side=b][data-layer-index]')).toHaveCount(3);
  const joined = fig.locator('[data-link=shared]');
  await expect(joined).toHaveCount(1);
  await expect(joined).toHaveAttribute('data-from', '0');
  await expect(joined).toHaveAttribute('data-to', '0');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-svg]').click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  expect(svg).toContain('data-view="compare"');
  expect((svg.match(/data-link="shared"/g) || []).length).toBe(1);
  await page.locator('[data-testid=diff-row][data-path="/etc/passwd"] .diff-path').click();
  await expect(page.locator('[data-testid=compare-copies] [data-testid=diff-line]').first()).toBeVisible();
});

for (const lang of ['en', 'zh-CN']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      test(`the compare view in ${lang}, ${theme}, ${width} px: no text overlaps`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        const f = twoImages('strata-compare-shot.tar',
          [['etc/app.ini', '[server]\nport = 8000\n'], ['etc/old.conf', 'old\n'], ['srv/a-rather-long-name-for-a-file.txt', 'a\n']],
          [['etc/app.ini', '[server]\nport = 8080\nworkers = 4\n'], ['etc/new.conf', 'new\n'], ['srv/a-rather-long-name-for-a-file.txt', 'b\n']]);
        await open(page, `lang=${lang}&theme=${theme}`);
        await load(page, f, '#view=compare&image=1&compare=0&select=/etc/app.ini');
        await expect(page.locator('[data-testid=compare-copies] [data-testid=diff-line]').first()).toBeVisible();
        const boxes = await textBoxes(page.locator('.diff-row .path, .diff-row .what, .diff-row .num, .diff-summary, .compare-layers td, [data-testid=compare-figure] svg text'), { visible: true });
        expectNoOverlap(boxes);
        const view = await page.locator('[data-view=compare]').boundingBox();
        expect(view.x + view.width).toBeLessThanOrEqual(width + 1);
        // Nothing in the view is drawn past its right edge (a phone would cut it off).
        const inner = await page.locator('[data-view=compare] :is(p, span, td, th, button, label, h3, svg)')
          .evaluateAll((els) => els.filter((e) => e.offsetParent !== null || e.tagName === 'svg')
            .map((e) => [e.getBoundingClientRect().right, e.tagName, e.textContent.slice(0, 40)]));
        for (const [right, tag, text] of inner) expect(right, `${tag} "${text}"`).toBeLessThanOrEqual(view.x + view.width + 1);
        await page.locator('[data-view=compare]').screenshot({ path: join(ART, `compare-${lang}-${theme}-${width}.png`) });
      });
    }
  }
}
