// The page in two languages: the browser's language picks it, ?lang= overrides it, the header's
// switch changes it at once (no reload, same screen) and is remembered. Screenshots of both
// languages in both themes go to tests/artifacts/.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FIXTURES = resolve(process.cwd(), '..', 'shared', 'fixtures');
const HAVE_FIXTURES = existsSync(join(FIXTURES, 'public'));
const ART = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ART, { recursive: true });

async function ready(page) {
  await expect(page.getByTestId('image-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.progress-panel')).toHaveCount(0, { timeout: 30_000 });
}

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('with no parameter the page is in Chinese: tabs, summary, stack and files view', async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await ready(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('tab', { name: '镜像层堆叠' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tab', { name: '文件系统' })).toBeVisible();
    const summary = page.getByTestId('image-summary');
    for (const label of ['镜像 ID', '平台', '创建时间', '总大小', '镜像层', '摘要校验', '空间效率']) {
      await expect(summary.locator('dt', { hasText: label }).first()).toBeVisible();
    }
    await expect(summary).toContainText('所有摘要均校验通过');
    await expect(summary).toContainText('2024年1月1日 00:00（UTC）');
    await expect(page.locator('header')).toContainText('逐层查看 Docker 镜像');
    // The stack figure: metadata-only steps say they make no layer; plates are named in Chinese.
    await expect(page.locator('[data-view="stack"] svg')).toContainText('不产生镜像层');
    await expect(page.locator('[data-layer-index="1"]')).toHaveAttribute('aria-label', /^镜像层 1 · /);
    await expect(page.locator('[data-view="stack"] svg title').first()).toHaveText('strata-sample:latest 的镜像层');
    await page.screenshot({ path: join(ART, 'zh-light-stack.png'), fullPage: true });
    await page.getByRole('tab', { name: '文件系统' }).click();
    await expect(page.locator('[data-view="files"]')).toBeVisible();
    await expect(page.getByRole('searchbox')).toHaveAttribute('placeholder', '筛选路径（文本或通配符，例如 *.conf）');
    await expect(page.locator('.files-view .count')).toContainText('个条目');
    await expect(page.getByLabel('按镜像层筛选')).toContainText('全部镜像层（合并视图）');
    await page.getByLabel('按镜像层筛选').selectOption('in:2');
    await expect(page.locator('[data-path="/app/cache/build.tmp"] .badge')).toHaveText('删除');
    await page.screenshot({ path: join(ART, 'zh-light-files.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('an archive that cannot be read gets a Chinese alert', async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    await page.goto('/');
    await ready(page);
    await page.setInputFiles('input[type=file]', join(FIXTURES, 'public', 'osv-scalibr', 'negative', 'unpack__escape.tar'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('出错了');
    await expect(alert).toContainText('这个 tar 文件不是容器镜像');
    await page.screenshot({ path: join(ART, 'zh-error.png') });
  });

  test('a damaged archive lists its problems in Chinese', async ({ page }) => {
    test.skip(!HAVE_FIXTURES, 'LOUD SKIP: ../shared/fixtures is absent');
    await page.goto('/');
    await ready(page);
    await page.setInputFiles('input[type=file]',
      join(FIXTURES, 'public', 'snyk-docker-plugin', 'doctored', 'docker-archives__docker-save__nginx.tar'));
    await expect(page.locator('.problems summary')).toContainText('问题（');
    const first = page.locator('.problems li').first();
    await expect(first).toHaveText(/[\u4e00-\u9fff]/);
  });

  test('?lang=en gives English even in a Chinese browser', async ({ page }) => {
    await page.goto('/?lang=en');
    await ready(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('tab', { name: 'Layer stack' })).toBeVisible();
    await expect(page.getByTestId('image-summary')).toContainText('all digests verified');
  });
});

test('the switch changes the language at once, keeps the screen, and is remembered', async ({ page }) => {
  await page.goto('/#view=files&image=0&layer=1&mode=upto');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Layer filter')).toHaveValue('upto:1');
  await page.evaluate(() => { window.__notReloaded = true; });
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('tab', { name: '文件系统' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('按镜像层筛选')).toHaveValue('upto:1');
  await expect(page.locator('.lang-switch [data-lang="zh-CN"]')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => window.__notReloaded)).toBe(true);
  await expect(page).toHaveURL(/#view=files&image=0&layer=1&mode=upto/);
  await page.reload();
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('tab', { name: '文件系统' })).toBeVisible();
  // A link that names the language overrides what was remembered, and the switch rewrites it.
  await page.goto('/?lang=en#view=stack&image=0');
  await ready(page);
  await expect(page.getByRole('tab', { name: 'Layer stack' })).toBeVisible();
  await page.locator('.lang-switch [data-lang="zh-CN"]').click();
  await expect(page).toHaveURL(/\?lang=zh-CN#view=stack/);
});

test('a route with mode=upto reproduces "everything up to layer K"', async ({ page }) => {
  await page.goto('/?lang=en#view=files&image=0&layer=0&mode=upto');
  await ready(page);
  await expect(page.getByLabel('Layer filter')).toHaveValue('upto:0');
  await expect(page.locator('[data-path="/app/cache/build.tmp"]')).toHaveAttribute('data-layer', '0');
  await page.getByLabel('Layer filter').selectOption('in:2');
  await expect(page).toHaveURL(/layer=2&mode=in/);
  await expect(page.locator('[data-path="/app/cache/build.tmp"] .badge')).toHaveText('deleted');
});

for (const scheme of ['light', 'dark']) {
  for (const lang of ['en', 'zh-CN']) {
    test(`screenshots: ${lang}, ${scheme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/?lang=${lang}#view=stack&image=0&layer=1`);
      await ready(page);
      await expect(page.locator('.layer-details')).toBeVisible();
      await page.screenshot({ path: join(ART, `page-${lang}-${scheme}-stack.png`), fullPage: true });
      await page.goto(`/?lang=${lang}#view=files&image=0`);
      await ready(page);
      await page.screenshot({ path: join(ART, `page-${lang}-${scheme}-files.png`), fullPage: true });
    });
  }
}

for (const lang of ['en', 'zh-CN']) {
  test(`on a 390 px phone the header is one line with a menu (${lang}); at 1280 px everything shows`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/?lang=${lang}#view=stack&image=0`);
    await ready(page);
    const header = page.locator('header').first();
    const menu = page.locator('[data-action=header-menu]');
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('.lang-switch').first()).toBeHidden();
    await page.screenshot({ path: join(ART, `header-${lang}-390.png`) });
    // One line: the name, the picker and the menu button share a row, nothing past the edge.
    const tops = await header.locator(':scope > h1, :scope > .open, :scope > .menu-toggle').evaluateAll((els) =>
      els.map((e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.right]; }));
    expect(tops.length).toBe(3);
    const mid = tops.map(([t, b]) => (t + b) / 2);
    for (const m of mid) expect(Math.abs(m - mid[0])).toBeLessThan(12);
    for (const [, , right] of tops) expect(right).toBeLessThanOrEqual(390);
    expect((await header.boundingBox()).height).toBeLessThan(64);
    // The menu opens the switches; a language chosen there applies at once.
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('.lang-switch').first()).toBeVisible();
    await page.screenshot({ path: join(ART, `header-menu-${lang}-390.png`) });
    const other = lang === 'en' ? 'zh-CN' : 'en';
    await page.locator(`.lang-switch [data-lang="${other}"]`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', other);
    // On a wide screen there is no menu: the switches show.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(menu).toBeHidden();
    await expect(page.locator('.lang-switch').first()).toBeVisible();
    await expect(page.locator('.theme-switch')).toBeVisible();
  });
}
