#!/usr/bin/env python3
"""Writes a real-world docker-archive for the benchmarks from a Debian root filesystem.

Usage: real-image.py ROOTFS OUT.tar

ROOTFS is a `debootstrap --variant=minbase bookworm` tree (scripts/bench.sh makes it). The image has
three layers, as a slim Dockerfile would make them:
  0  ADD rootfs.tar /          the Debian files, without apt's package cache and lists
  1  RUN rm -rf /usr/share/doc/* /usr/share/man/* && echo ... > /etc/motd
                               whiteouts for the removed trees, one modified file
  2  COPY app/ /app/           a few small application files
The archive layout is Docker's `docker save` (manifest.json, config, <id>/layer.tar), plain tar.
"""
import hashlib
import io
import json
import os
import sys
import tarfile

EXCLUDE = ("var/cache/apt/archives/", "var/lib/apt/lists/", "proc/", "sys/", "dev/")


def layer_from_rootfs(root):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            rel_dir = os.path.relpath(dirpath, root)
            for name in sorted(dirnames) + sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.normpath(os.path.join(rel_dir, name))
                if any((rel + "/").startswith(e) and rel + "/" != e for e in EXCLUDE):
                    continue
                info = t.gettarinfo(full, arcname=rel)
                if info is None:
                    continue
                if info.isreg():
                    with open(full, "rb") as f:
                        t.addfile(info, f)
                elif info.isdir() or info.issym() or info.islnk() or info.ischr() or info.isblk() or info.isfifo():
                    t.addfile(info)
    return buf.getvalue()


def small_layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data, mode in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 1700000000
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                t.addfile(info)
            else:
                info.size = len(data)
                info.mode = mode
                t.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def main(root, out):
    whiteouts = []
    for d in ("usr/share/doc", "usr/share/man"):
        whiteouts.append((d, None, 0))
        for name in sorted(os.listdir(os.path.join(root, d))):
            whiteouts.append((f"{d}/.wh.{name}", b"", 0o644))
    layers = [
        ("ADD rootfs.tar / # debootstrap --variant=minbase bookworm", layer_from_rootfs(root)),
        ("RUN rm -rf /usr/share/doc/* /usr/share/man/* && echo 'Welcome to strata-bench' > /etc/motd",
         small_layer(whiteouts + [("etc", None, 0), ("etc/motd", b"Welcome to strata-bench\n", 0o644)])),
        ("COPY app/ /app/", small_layer([("app", None, 0), ("app/main.py", b"print('hello')\n" * 40, 0o755),
                                          ("app/requirements.txt", b"requests==2.32.3\n", 0o644)])),
    ]
    diff_ids = ["sha256:" + hashlib.sha256(data).hexdigest() for _, data in layers]
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": "2026-11-28T00:00:00Z",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                   "Cmd": ["/bin/bash"], "WorkingDir": "/app"},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created": "2026-11-28T00:00:00Z", "created_by": step} for step, _ in layers]
        + [{"created": "2026-11-28T00:00:00Z", "created_by": 'CMD ["/bin/bash"]', "empty_layer": True}],
    }).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    members = [(f"{d[7:]}/layer.tar", data) for d, (_, data) in zip(diff_ids, layers)]
    manifest = json.dumps([{"Config": config_name, "RepoTags": ["strata-bench/debian-slim:bookworm"],
                            "Layers": [name for name, _ in members]}]).encode()
    with tarfile.open(out, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in members + [(config_name, config), ("manifest.json", manifest)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
