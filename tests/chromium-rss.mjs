// The resident memory of every Chromium process on this machine, in MiB (NaN when `ps` fails):
// how the benchmarks and the hostile-input tests bound what the page costs.
import { execFileSync } from 'node:child_process';

export function chromiumRssMiB() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium,chrome,headless_shell', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).reduce((a, b) => a + Number(b), 0) / 1024;
  } catch { return NaN; }
}
