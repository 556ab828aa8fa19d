// Image archives written by the e2e tests themselves (no fixture needed): ustar members, the config
// and manifest.json of a one-layer image, and whole archives built from a layer's entries.
import { openSync, writeSync, closeSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';

/** A ustar header for `name` of `size` bytes (type '0' file, '5' directory). */
export function tarHeader(name, size, type = '0') {
  const h = Buffer.alloc(512);
  h.write(name, 0); h.write(type === '5' ? '0000755\0' : '0000644\0', 100); h.write('0000000\0', 108); h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124); h.write('00000000000\0', 136);
  h.write('        ', 148); h.write(type, 156); h.write('ustar\0', 257); h.write('00', 263);
  let sum = 0; for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** The config and manifest.json of a one-layer image whose layer is `l/layer.tar` with diff_id `diff`. */
export function imageDocs(diff, tag, createdBy) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {},
    rootfs: { type: 'layers', diff_ids: [`sha256:${diff}`] }, history: [{ created_by: createdBy }] }));
  const cname = createHash('sha256').update(config).digest('hex') + '.json';
  const manifest = Buffer.from(JSON.stringify([{ Config: cname, RepoTags: [tag], Layers: ['l/layer.tar'] }]));
  return [[cname, config], ['manifest.json', manifest]];
}

/** Writes tar members (name, bytes), each padded to whole 512-byte blocks. */
export function writeMembers(fd, members) {
  for (const [name, data] of members) {
    writeSync(fd, tarHeader(name, data.length));
    writeSync(fd, Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]));
  }
}

/** A one-layer image archive in the temp folder: its layer holds `headers` (tar headers, no data). */
export function oneLayerArchive(file, headers, tag, createdBy) {
  const f = join(tmpdir(), file);
  const layerBuf = Buffer.concat([...headers, Buffer.alloc(1024)]);
  const diff = createHash('sha256').update(layerBuf).digest('hex');
  const fd = openSync(f, 'w');
  writeMembers(fd, [['l/layer.tar', layerBuf], ...imageDocs(diff, tag, createdBy)]);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}

/**
 * An image archive in the temp folder (written once) with one layer per entry of `sizes`: layer K
 * holds one file of zeros, `/fileK.bin`, of `sizes[K]` bytes (a whole number of MiB).
 */
export function layeredArchive(file, sizes, tag) {
  // Cached in the temp folder under a name that says what it holds, and only once written whole
  // (an interrupted run leaves a `.part` behind, never a short archive under the final name).
  const key = createHash('sha256').update(JSON.stringify([sizes, tag])).digest('hex').slice(0, 12);
  const f = join(tmpdir(), `${file.replace(/\.tar$/, '')}-${key}.tar`);
  if (existsSync(f)) return f;
  const mib = Buffer.alloc(1024 * 1024);
  const diffs = [];
  const part = `${f}.${process.pid}.part`;
  const fd = openSync(part, 'w');
  sizes.forEach((size, k) => {
    const fileHeader = tarHeader(`file${k}.bin`, size);
    writeSync(fd, tarHeader(`l${k}/layer.tar`, 512 + size + 1024));
    writeSync(fd, fileHeader);
    const hash = createHash('sha256').update(fileHeader);
    for (let done = 0; done < size; done += mib.length) { writeSync(fd, mib); hash.update(mib); }
    writeSync(fd, Buffer.alloc(1024));
    diffs.push(hash.update(Buffer.alloc(1024)).digest('hex'));
  });
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {},
    rootfs: { type: 'layers', diff_ids: diffs.map((d) => `sha256:${d}`) },
    history: sizes.map((_, k) => ({ created_by: `COPY file${k}.bin /` })) }));
  const cname = createHash('sha256').update(config).digest('hex') + '.json';
  const manifest = Buffer.from(JSON.stringify([{ Config: cname, RepoTags: [tag], Layers: sizes.map((_, k) => `l${k}/layer.tar`) }]));
  writeMembers(fd, [[cname, config], ['manifest.json', manifest]]);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  renameSync(part, f);
  return f;
}

/** A tar member with its bytes: header, data, padding to a whole 512-byte block. */
export function tarEntry(name, data) {
  return Buffer.concat([tarHeader(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** A one-layer image archive in the temp folder whose layer holds `files`, a list of [name, text]. */
export function filesArchive(file, tag, files) {
  const layerBuf = Buffer.concat([...files.map(([n, t]) => tarEntry(n, Buffer.from(t))), Buffer.alloc(1024)]);
  const diff = createHash('sha256').update(layerBuf).digest('hex');
  const f = join(tmpdir(), file);
  const fd = openSync(f, 'w');
  writeMembers(fd, [['l/layer.tar', layerBuf], ...imageDocs(diff, tag, `COPY ${tag} /`)]);
  writeSync(fd, Buffer.alloc(1024));
  closeSync(fd);
  return f;
}
