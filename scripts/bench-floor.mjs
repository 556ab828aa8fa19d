// Browser benchmark (not a test): the floor under the page's verifying read, in headless Chromium.
// A bare page with no Strata in it hands the file to as many workers as the pool would use
// (navigator.hardwareConcurrency, 2 to 8); each reads its share of the file in pieces of about a
// layer (one `Blob.arrayBuffer()` each, the next one requested while this one is used, as the
// helpers do) and, by mode, only reads, also hashes each piece with Web Crypto's SHA-256, or also
// copies it out 1 MiB at a time (as the helpers copy a blob into WebAssembly to parse it).
// Compare with `strata inspect` natively on the same file: the page cannot verify faster than this.
// Usage: node scripts/bench-floor.mjs ARCHIVE [PIECES]   (PIECES: how many pieces, default 32)
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { statSync } from 'node:fs';

const [file, piecesArg] = process.argv.slice(2);
const pieces = Number(piecesArg || 32);

const page = `<!doctype html><input type=file id=f><script>
document.getElementById('f').onchange = async (e) => {
  const file = e.target.files[0];
  const mode = location.hash.slice(1);
  const n = Math.min(8, Math.max(2, navigator.hardwareConcurrency || 2));
  const piece = Math.ceil(file.size / ${pieces});
  const t0 = performance.now();
  await Promise.all([...Array(n).keys()].map((k) => new Promise((done) => {
    const w = new Worker('w.js');
    w.onmessage = () => { w.terminate(); done(); };
    const starts = [];
    for (let at = k * piece; at < file.size; at += n * piece) starts.push(at);
    w.postMessage({ file, starts, piece, mode });
  })));
  window.result = performance.now() - t0;
};
</script>`;

const worker = `onmessage = async (m) => {
  const { file, starts, piece, mode } = m.data;
  const sink = new Uint8Array(1 << 20);
  const read = (at) => file.slice(at, Math.min(file.size, at + piece)).arrayBuffer();
  let next = starts.length ? read(starts[0]) : null;
  for (let i = 0; i < starts.length; i++) {
    const bytes = new Uint8Array(await next);
    next = i + 1 < starts.length ? read(starts[i + 1]) : null;
    const digest = mode === 'read' ? null : crypto.subtle.digest('SHA-256', bytes);
    if (mode === 'copy') for (let o = 0; o < bytes.length; o += 1 << 20) sink.set(bytes.subarray(o, o + (1 << 20)));
    await digest;
  }
  postMessage('done');
};`;

const server = createServer((req, res) => {
  const js = req.url.startsWith('/w.js');
  res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
  res.end(js ? worker : page);
});
await new Promise((r) => server.listen(8086, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const mib = (statSync(file).size / 1048576).toFixed(0);
  const line = [];
  for (const mode of ['read', 'sha256', 'copy']) {
    const times = [];
    for (let run = 0; run < 3; run++) {
      const p = await browser.newPage();
      await p.goto(`http://127.0.0.1:8086/#${mode}`);
      await p.setInputFiles('#f', file);
      await p.waitForFunction(() => window.result, null, { timeout: 600_000 });
      times.push(await p.evaluate(() => window.result) / 1000);
      await p.close();
    }
    times.sort((a, b) => a - b);
    line.push(`${{ read: 'read', sha256: 'read + Web Crypto SHA-256', copy: 'read + SHA-256 + copy out' }[mode]} ` +
      `${times[0].toFixed(2)}–${times[times.length - 1].toFixed(2)} s`);
  }
  console.log(`== ${file.split('/').pop()} (${mib} MiB) floor in Chromium, ${pieces} pieces: ${line.join('; ')}`);
} finally {
  await browser.close();
  server.close();
}
