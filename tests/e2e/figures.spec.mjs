// The textbook figures in Chromium: every view of every shared real archive with the right plates
// and counts (against the ground truth checked with `docker export`), the vizapp story (a replaced
// config, an opaque directory, a file added then deleted), the keyboard, names with markup, the
// union view's controls, a 100,000-entry image, and screenshots of each view in both themes and
// both languages.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tarHeader, oneLayerArchive } from './archives.mjs';
import { expectNoOverlap, textBoxes } from './overlap.mjs';

const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
const GT = join(FIXTURES, 'real', 'groundtruth');
const HAVE_FIXTURES = existsSync(GT);
const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });
if (!HAVE_FIXTURES) console.warn('\n!!!!! ../shared/fixtures is absent: the fixture figure tests are SKIPPED !!!!!\n');

async function ready(page) {
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
}

/** Opens a shared real fixture through ?src= at a given screen. */
async function openFixture(page, file, hash = '', lang = 'en') {
  await page.goto(`/?lang=${lang}&src=/fixtures/real/${file}${hash}`);
  await ready(page);
  await expect(page.getByTestId('image-summary')).toContainText(/all digests verified|所有摘要均校验通过/);
}

function groundTruth(id) {
  return JSON.parse(readFileSync(join(GT, `${id}.json`), 'utf8'));
}

/** Entries of a ground-truth listing: {type, path} with paths made absolute. */
function listing(file) {
  const out = [];
  for (const line of readFileSync(join(GT, file), 'utf8').split('\n')) {
    const m = line.match(/^([dflhcbp]) \d{4} \d+:\d+\s+\d+ (.+?)(?: -> .*| => .*)?$/);
    if (!m || m[2] === '.') continue;
    out.push({ type: m[1], path: '/' + m[2].replace(/^\.\//, '').replace(/\/$/, '') });
  }
  return out;
}

function below(p, dir) {
  return dir === '/' ? p !== '/' : p.startsWith(dir + '/');
}

/** The figure's counts for directory `dir` from the ground truth: copies written, entries visible. */
function groundCounts(id, dir) {
  const gt = groundTruth(id);
  const img = gt.images[0];
  const prefix = `${id}.${img.tags[0].replace(/[:/]/g, '_')}`;
  let written = 0;
  img.layers.forEach((_, k) => {
    const seen = new Set();
    for (const e of listing(`${prefix}.layer${k + 1}.txt`)) {
      const name = e.path.split('/').pop();
      if (e.type !== 'd' && !name.startsWith('.wh.') && below(e.path, dir) && !seen.has(e.path)) { seen.add(e.path); written++; }
    }
  });
  const visible = listing(`${prefix}.merged.txt`).filter((e) => e.type !== 'd' && below(e.path, dir)).length;
  return { layers: img.layers.length, written, visible };
}

async function expectCounts(page, c) {
  const counts = page.getByTestId('figure-counts');
  await expect(counts).toHaveAttribute('data-layers', String(c.layers));
  await expect(counts).toHaveAttribute('data-written', String(c.written));
  await expect(counts).toHaveAttribute('data-visible', String(c.visible));
}

const tile = (page, path, layer) => page.locator(`[data-tile-path="${path}"][data-layer="${layer}"]`);

const REAL = { '02': '02-docker20-vizapp-legacy-overlay2.tar', '04': '04-docker20-multi-shared-base.tar',
  '11': '11-docker26-vizapp-legacy-overlay2.tar', '15': '15-docker26-containerd-store-vizapp-buildkit.tar',
  '22': '22-skopeo-vizapp-oci-archive-zstd.tar', '23': '23-skopeo-vizapp-docker-archive.tar' };

for (const [id, file] of Object.entries(REAL)) {
  test(`every figure of real archive ${id} has the right plates and counts`, async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const img = groundTruth(id).images[0];
    for (const view of ['stack', 'layers', 'union']) {
      await openFixture(page, file, `#view=${view}&image=0`);
      await expect(page.locator(`[data-view="${view}"]`)).toBeVisible();
      const plates = page.locator(`[data-view="${view}"] [data-layer-index]`);
      await expect(plates).toHaveCount(img.layers.length);
      for (let k = 0; k < img.layers.length; k++) {
        await expect(page.locator(`[data-view="${view}"] [data-layer-index="${k}"]`)).toHaveAttribute('data-diff-id', img.layers[k].diff_id);
      }
    }
    await openFixture(page, file, '#view=layers&image=0');
    await expectCounts(page, groundCounts(id, '/'));
    await openFixture(page, file, '#view=layers&image=0&path=/etc');
    await expectCounts(page, groundCounts(id, '/etc'));
    // The union's regions are the merged tree's children of /etc, each with its provider.
    await openFixture(page, file, '#view=union&image=0&path=/etc');
    const regions = page.getByTestId('merged-plane').locator('[data-path]');
    const merged = listing(`${id}.${img.tags[0].replace(/[:/]/g, '_')}.merged.txt`).filter((e) => e.path.split('/').length === 3 && e.path.startsWith('/etc/'));
    await expect(regions).toHaveCount(merged.length);
    expect(errors).toEqual([]);
  });
}

test('vizapp: config.ini replaced in the base, the opaque /opt/legacy, a cache file added then deleted', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  await openFixture(page, REAL['02'], '#view=layers&image=0&path=/etc/app');
  await expect(tile(page, '/etc/app/config.ini', 0)).toHaveAttribute('data-state', 'replaced');
  await expect(tile(page, '/etc/app/config.ini', 4)).toHaveAttribute('data-state', 'visible');
  await expect(page.locator('[data-merged-path="/etc/app/config.ini"]')).toHaveAttribute('data-provider', '4');
  await expect(page.locator('[data-link="replaced"][data-link-from="0"][data-link-to="4"]')).toHaveCount(1);
  await expectCounts(page, groundCounts('02', '/etc/app'));
  await page.screenshot({ path: join(ART, 'figure-vizapp-etc-app.png'), fullPage: true });

  await openFixture(page, REAL['02'], '#view=layers&image=0&path=/opt/legacy');
  await expect(tile(page, '/opt/legacy/a.txt', 0)).toHaveAttribute('data-state', 'deleted');
  await expect(tile(page, '/opt/legacy', 6)).toHaveAttribute('data-state', 'whiteout');
  await expect(tile(page, '/opt/legacy/v2/new.txt', 6)).toHaveCount(0); // a grandchild: inside the v2 group
  await expect(page.locator('[data-group-path="/opt/legacy/v2"][data-layer="6"]')).toHaveAttribute('data-count', '1');
  await expectCounts(page, groundCounts('02', '/opt/legacy'));
  await page.screenshot({ path: join(ART, 'figure-vizapp-opt-legacy.png'), fullPage: true });

  await openFixture(page, REAL['02'], '#view=layers&image=0&path=/srv/app');
  await expect(tile(page, '/srv/app/build-cache.tmp', 3)).toHaveAttribute('data-state', 'deleted');
  await expect(tile(page, '/srv/app/build-cache.tmp', 5)).toHaveAttribute('data-state', 'whiteout');
  await expect(page.locator('[data-merged-path="/srv/app/build-cache.tmp"]')).toHaveCount(0);
  await expectCounts(page, groundCounts('02', '/srv/app'));
});

test('the layers figure with a mouse and with the keyboard: groups, breadcrumb, selection, tooltips', async ({ page }) => {
  await page.goto('/?lang=en#view=layers&image=0');
  await ready(page);
  const group = page.locator('[data-group-path="/app"][data-layer="0"]');
  await group.click();
  await expect(page).toHaveURL(/#view=layers&image=0&path=\/app/);
  await expect(page.locator('[data-view="layers"]')).toHaveAttribute('data-focus', '/app');
  await expect(tile(page, '/app/config.ini', 0)).toHaveAttribute('data-state', 'replaced');
  // Hover says what a tile is; selecting a path highlights every copy.
  await tile(page, '/app/config.ini', 0).hover();
  await expect(page.getByTestId('figure-info')).toContainText('/app/config.ini · file · 21 B · -rw-r--r-- 0:0 · layer 0: ADD rootfs.tar / · replaced by layer 1');
  await tile(page, '/app/config.ini', 1).click();
  await expect(page).toHaveURL(/select=\/app\/config.ini/);
  await expect(tile(page, '/app/config.ini', 0)).toHaveAttribute('data-selected', 'true');
  await expect(tile(page, '/app/config.ini', 1)).toHaveAttribute('data-selected', 'true');
  // Keyboard: focus a tile, arrows move, Backspace goes up, Enter opens a group.
  await tile(page, '/app/config.ini', 1).focus();
  await expect(page.getByTestId('figure-info')).toContainText('layer 1: COPY app/ /app/');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-group-path="/app/data"][data-layer="1"]')).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(page.locator('[data-view="layers"]')).toHaveAttribute('data-focus', '/');
  await page.locator('[data-group-path="/etc"][data-layer="0"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-view="layers"]')).toHaveAttribute('data-focus', '/etc');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-view="layers"]')).toHaveAttribute('data-focus', '/');
  // Switching views keeps the focused directory and the selection.
  await page.goto('/?lang=en#view=layers&image=0&path=/app&select=/app/config.ini');
  await ready(page);
  await page.getByRole('tab', { name: 'Union view' }).click();
  await expect(page.locator('[data-view="union"]')).toHaveAttribute('data-focus', '/app');
  await expect(page).toHaveURL(/path=\/app&select=\/app\/config.ini/);
});

test('the stack figure: plates are buttons, the table lists every layer, the flags make no plate', async ({ page }) => {
  await page.goto('/?lang=en#view=stack&image=0');
  await ready(page);
  const fig = page.locator('[data-view="stack"] svg');
  await expect(fig).toContainText('EXPOSE 8080');
  await expect(fig).toContainText('no layer');
  await expect(page.locator('[data-view="stack"] [data-layer-index]')).toHaveCount(3);
  await page.locator('[data-layer-index="2"]').click();
  await expect(page.locator('[data-layer-index="2"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.layer-details')).toContainText('/app/cache/build.tmp');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-layer-index="1"]')).toBeFocused();
  await page.locator('.figure-table summary').click();
  await expect(page.locator('.figure-table tbody tr[data-row-layer]')).toHaveCount(3);
  await expect(page.locator('.figure-table')).toContainText('COPY app/ /app/');
});

test('the union view: the plane, lifting and collapsing, a hovered region lights its plate', async ({ page }) => {
  await page.goto('/?lang=en#view=union&image=0&path=/app');
  await ready(page);
  const plane = page.getByTestId('merged-plane');
  await expect(plane.locator('[data-path="/app/config.ini"]')).toHaveAttribute('data-layer', '1');
  await expect(plane.locator('[data-path="/app/README.md"]')).toHaveAttribute('data-layer', '2');
  await expect(page.locator('[data-view="union"] svg')).toContainText('merged view (merged)');
  await expect(page.locator('[data-view="union"] svg')).toContainText('lower layers, read-only (lowerdir)');
  // The pointer over the region's centre (Playwright's hover waits forever on this nested SVG group).
  const region = plane.locator('[data-path="/app/README.md"]');
  await region.scrollIntoViewIfNeeded();
  const box = await region.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('figure-info')).toHaveText('/app/README.md, from layer 2');
  await expect(page.locator('[data-view="union"] [data-layer-index="2"]')).toHaveAttribute('data-selected', 'true');
  await expect(page.locator('[data-view="union"] [data-layer-index="1"]')).not.toHaveAttribute('data-selected', 'true');
  const drops = page.locator('[data-view="union"] [data-drop]');
  expect(await drops.count()).toBeGreaterThan(0);
  await page.getByTestId('lift').evaluate((el) => { el.value = '0'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await expect(drops).toHaveCount(0); // collapsed into the union: nothing left to drop
  await page.getByRole('button', { name: 'Apart' }).click();
  await expect.poll(() => drops.count()).toBeGreaterThan(0);
  await page.screenshot({ path: join(ART, 'figure-sample-union.png'), fullPage: true });
});

/** A one-layer archive whose files are `names` in /x (empty files), tagged `tag`. */
function archive(file, names, tag, createdBy) {
  return oneLayerArchive(file, [tarHeader('x/', 0, '5'), ...names.map((n) => tarHeader(`x/${n}`, 0))], tag, createdBy);
}

test('names with markup, quotes and right-to-left characters render as text', async ({ page }) => {
  const names = ['<img src=x onerror="window.__pwned=1">', 'a&b"c\'d', 'evil\u202Etxt.exe', '名前.txt'];
  const f = archive('strata-markup.tar', names, 'evil:<b>tag</b>', 'RUN echo "<script>window.__pwned=2</script>"');
  await page.goto('/?lang=en#view=layers&image=0&path=/x');
  await ready(page);
  await page.setInputFiles('input[type=file]', f);
  await expect(page.getByTestId('image-summary')).toContainText('evil:<b>tag</b>');
  const fig = page.locator('[data-view="layers"] svg');
  await expect(fig).toContainText('<img src=x');
  await expect(fig).toContainText('a&b"c\'d');
  await expect(fig).toContainText('evil⟨U+202E⟩txt.exe');
  await expect(fig).toContainText('RUN echo "<script>');
  await expect(page.locator('[data-view="layers"] svg img, [data-view="layers"] svg script, [data-view="layers"] svg b')).toHaveCount(0);
  const exact = (p) => page.evaluate((p) => [...document.querySelectorAll('[data-tile-path]')].filter((e) => e.getAttribute('data-tile-path') === p).length, p);
  for (const n of names) expect(await exact(`/x/${n}`)).toBe(1);
  for (const view of ['stack', 'union']) {
    await page.getByRole('tab', { name: view === 'stack' ? 'Layer stack' : 'Union view' }).click();
    await expect(page.locator(`[data-view="${view}"] svg`)).toBeVisible();
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await page.screenshot({ path: join(ART, 'figure-markup-names.png'), fullPage: true });
});

test('all three figures work on a 100,000-entry image', async ({ page }) => {
  const names = [];
  for (let i = 0; i < 100_000; i++) names.push(`f${i}`);
  const f = archive('strata-figures-100k.tar', names, 'many:latest', 'COPY many /x');
  await page.goto('/?lang=en');
  await ready(page);
  await page.setInputFiles('input[type=file]', f);
  await expect(page.getByTestId('image-summary')).toContainText('many:latest', { timeout: 60_000 });
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Layers & files' }).click();
  await expect(page.getByTestId('figure-counts')).toHaveAttribute('data-written', '100000');
  await page.locator('[data-group-path="/x"]').click();
  await expect(page.locator('[data-view="layers"]')).toHaveAttribute('data-focus', '/x');
  const more = page.locator('[data-more]').first();
  await expect(more).toBeVisible();
  expect(Number(await more.getAttribute('data-more'))).toBeGreaterThan(99_000);
  expect(await page.locator('[data-tile-path]').count()).toBeLessThan(100);
  await page.getByRole('tab', { name: 'Union view' }).click();
  await expect(page.getByTestId('merged-plane').locator('[data-path]')).toHaveCount(48);
  await expect(page.getByTestId('merged-plane').locator('[data-more]')).toHaveAttribute('data-more', String(100_000 - 48));
});

for (const scheme of ['light', 'dark']) {
  for (const lang of ['en', 'zh-CN']) {
    test(`figure screenshots: ${lang}, ${scheme}`, async ({ page }) => {
      test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      for (const [view, hash] of [['stack', '#view=stack&image=0'], ['layers', '#view=layers&image=0&path=/etc/app'],
        ['union', '#view=union&image=0&path=/srv/app']]) {
        await openFixture(page, REAL['02'], hash, lang);
        await expect(page.locator(`[data-view="${view}"] svg`)).toBeVisible();
        await page.locator(`[data-view="${view}"]`).screenshot({ path: join(ART, `figure-${view}-${lang}-${scheme}.png`) });
      }
    });
  }
}

/** The figure's elements as (tag, data-* hooks, text), the page's and the CLI's alike. */
function figureElements(svgRoot) {
  const out = [];
  for (const el of svgRoot.querySelectorAll('*')) {
    if (el.tagName === 'title' || el.tagName === 'desc') continue;
    const hooks = [...el.attributes].filter((a) => a.name.startsWith('data-') && a.name !== 'data-sid' && a.name !== 'data-figure')
      .map((a) => `${a.name}=${a.value}`).join(' ');
    const text = el.tagName === 'text' ? el.textContent : '';
    const paint = ['fill', 'stroke', 'points', 'x', 'y', 'width', 'height', 'font-size'].map((a) => el.getAttribute(a) ?? '').join(',');
    out.push(`${el.tagName}|${hooks}|${text}|${paint}`);
  }
  return out;
}

test('the page draws exactly what `strata diagram` writes', async ({ page }) => {
  test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
  const { execFileSync } = await import('node:child_process');
  const bin = resolve(process.cwd(), 'target', 'debug', 'strata');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '-q', '-p', 'strata-cli'], { stdio: 'inherit' });
  await page.emulateMedia({ colorScheme: 'light' });
  for (const [view, path, lang] of [['layers', '/etc/app', 'en'], ['stack', null, 'zh-CN'], ['union', '/srv/app', 'en']]) {
    const args = ['diagram', join(FIXTURES, 'real', REAL['02']), '--view', view, '--lang', lang, '--theme', 'light'];
    if (path) args.push('--path', path);
    const svg = execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    await openFixture(page, REAL['02'], `#view=${view}&image=0${path ? `&path=${path}` : ''}`, lang);
    const [fromPage, fromCli] = await page.evaluate(([svgText, code]) => {
      const elements = new Function(`return ${code}`)();
      const cli = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
      return [elements(document.querySelector('[data-view] svg.figure-svg')), elements(cli)];
    }, [svg, figureElements.toString()]);
    expect(fromPage.length).toBeGreaterThan(20);
    expect(fromPage).toEqual(fromCli);
    // The page's own styles (the Chinese font stack among them) never override the figure's fonts.
    const fonts = await page.evaluate(() => [...document.querySelectorAll('svg.figure-svg text[font-family]')]
      .map((t) => getComputedStyle(t).fontFamily.startsWith('ui-monospace')));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every(Boolean)).toBe(true);
  }
});

// The union figure (issue 20): no two of its words overlap, with the browser's own text boxes, in
// both languages at 1280 px and on a 390 px phone; the plates name their files; the merged plane
// is the largest element.
for (const lang of ['en', 'zh-CN']) {
  for (const width of [1280, 390]) {
    test(`the union figure in ${lang} at ${width} px: no text overlaps, plates name their files`, async ({ page }) => {
      test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/', '/srv/app', '/etc']) {
        await openFixture(page, REAL['02'], `#view=union&image=0&path=${path}`, lang);
        const svg = page.locator('[data-view="union"] svg');
        await expect(svg).toBeVisible();
        const boxes = await textBoxes(svg.locator('text'));
        expect(boxes.length).toBeGreaterThan(10);
        expectNoOverlap(boxes, `${path}: `);
        if (width < 600) {
          // A phone: the figure reflows to the screen, so no text is drawn under 11 px.
          const sizes = await svg.evaluate((el) => {
            const k = el.getBoundingClientRect().width / el.viewBox.baseVal.width;
            return [...el.querySelectorAll('text')].map((t) => [Number(t.getAttribute('font-size')) * k, t.textContent]);
          });
          for (const [px, t] of sizes) expect(px, `${path}: "${t}"`).toBeGreaterThanOrEqual(10.9);
        }
        // Each plate that holds something here names it.
        const named = await svg.locator('[data-layer-index][data-names]').count();
        expect(named, path).toBeGreaterThan(0);
        // The slabs' own faces (a plate's group also holds its badge and names at the left).
        const slabs = await svg.locator('[data-layer-index], [data-testid=merged-plane]').evaluateAll((gs) => gs.map((g) => {
          const r = [...g.querySelectorAll(':scope > polygon')].map((p) => p.getBoundingClientRect());
          const w = Math.max(...r.map((x) => x.right)) - Math.min(...r.map((x) => x.left));
          const h = Math.max(...r.map((x) => x.bottom)) - Math.min(...r.map((x) => x.top));
          return [g.dataset.testid === 'merged-plane', w * h];
        }));
        const plane = slabs.filter((s) => s[0]).map((s) => s[1]);
        expect(plane.length).toBe(1);
        for (const [, a] of slabs.filter((s) => !s[0])) expect(plane[0], path).toBeGreaterThan(a);
        if (path === '/srv/app') {
          await page.locator('[data-view="union"]').screenshot({ path: join(ART, `union-${lang}-${width}.png`) });
        }
      }
    });
  }
}

// The layers and stack figures on a 390 px phone (issue 20): they reflow (labels above each
// plate's tiles; each layer's instruction under its plate), so their text is drawn at 11 px or more
// and no two words overlap, in both languages.
for (const lang of ['en', 'zh-CN']) {
  test(`the layers and stack figures in ${lang} on a 390 px phone: reflowed, no text under 11 px, none overlaps`, async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    await page.setViewportSize({ width: 390, height: 900 });
    for (const [view, path] of [['layers', '/'], ['layers', '/etc/app'], ['layers', '/srv/app'], ['stack', '/']]) {
      await openFixture(page, REAL['02'], `#view=${view}&image=0&path=${path}`, lang);
      const svg = page.locator(`[data-view="${view}"] svg`);
      await expect(svg).toBeVisible();
      const texts = await svg.evaluate((el) => {
        const k = el.getBoundingClientRect().width / el.viewBox.baseVal.width;
        return [...el.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '').map((t) => {
          const r = t.getBoundingClientRect();
          return [r.left, r.top, r.right, r.bottom, t.textContent, Number(t.getAttribute('font-size')) * k];
        });
      });
      expect(texts.length).toBeGreaterThan(10);
      for (const t of texts) expect(t[5], `${path}: "${t[4]}"`).toBeGreaterThanOrEqual(10.9);
      expectNoOverlap(texts, `${path}: `);
      if (path === '/etc/app' || view === 'stack') await page.locator(`[data-view="${view}"]`).screenshot({ path: join(ART, `${view}-${lang}-390.png`) });
    }
  });
}
