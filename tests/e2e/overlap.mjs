// The overlap check the e2e tests share: no two text boxes (`[left, top, right, bottom, text]`, as
// getBoundingClientRect gives them) overlap by more than `tolerance` px both across and down.
import { expect } from '@playwright/test';

/** The boxes of the non-empty elements `locator` matches (`visible`: only those laid out). */
export async function textBoxes(locator, { visible = false } = {}) {
  return locator.evaluateAll((els, visible) => els
    .filter((e) => e.textContent.trim() !== '' && (!visible || e.offsetParent !== null))
    .map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, e.textContent]; }), visible);
}

/** Fails, naming both texts, when any two of `boxes` overlap; `where` prefixes the message. */
export function expectNoOverlap(boxes, where = '', tolerance = 1) {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > tolerance
        && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > tolerance;
      expect(overlap, `${where}"${a[4]}" overlaps "${b[4]}"`).toBe(false);
    }
  }
}
