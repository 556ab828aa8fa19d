// Waiting on events instead of fixed sleeps: the page's animations have finished, frames have been
// drawn, the page's workers have ended.

/** Resolves once every CSS animation and transition on the page has finished (and 2 frames later). */
export async function animationsDone(page) {
  await page.evaluate(async () => {
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Resolves after the page has drawn two frames: layout, observers and their callbacks have run. */
export async function framesDrawn(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Resolves once at most `max` of the page's workers are alive: the ones a job used have ended (a
 * worker is ended, never just left idle, when its job is done or cancelled), so nothing more can
 * come from them.
 */
export async function workersEnded(page, expect, max) {
  await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBeLessThanOrEqual(max);
}
