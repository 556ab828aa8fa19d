// The CLI the e2e tests compare the page with (`cargo build -p strata-cli` makes it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const STRATA = resolve(process.cwd(), 'target', 'debug', 'strata');

/** `strata diff A B --image-a IA --image-b IB --json`, parsed (exit 1, "they differ", included). */
export function strataDiff(a, ia, b, ib) {
  if (!existsSync(STRATA)) throw new Error(`${STRATA} is missing: run cargo build -p strata-cli first`);
  try {
    return JSON.parse(execFileSync(STRATA, ['diff', a, b, '--image-a', String(ia), '--image-b', String(ib), '--json']).toString());
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout.toString());
    throw e;
  }
}
