#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Unpacks Debian packages of another architecture into a scratch root.

    foreign_root.py --arch ARCH --root DIR --stamp FILE PACKAGE...

The glibc suite of the aarch64 cross build runs real Debian programs (ls,
grep, iconv, python3, perl...) under qemu-aarch64.  Debian installs a
program's package for one architecture only, so the arm64 builds of
coreutils, python3 and perl cannot sit next to the amd64 ones.  This
script fetches them with `apt-get download PACKAGE:ARCH` (no root needed,
nothing is installed) and unpacks each with `dpkg-deb -x` into DIR, where
tests/check_glibc_programs.py finds them (--foreign-root FILE): DIR/bin/ls,
DIR/usr/bin/python3.11, their libraries under DIR/{usr/,}lib/<triplet>.
glibc itself is not among the packages: the programs run with the host's
multiarch libc6:ARCH, the build myld's glibc personality was generated for.

FILE, the stamp (the Meson target's output), always gets written, and the
script exits 0 even when the download fails (no network, no apt): its
first line is "ok" or "unavailable: <why>", its second DIR, and the cases that need DIR
are skipped with that reason, never passed.  Done again when the package
list changes or the last attempt failed; otherwise it returns at once
(DIR/.packages records the list that DIR holds).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def write_stamp(path, status, root):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(status + '\n' + root + '\n')
    os.replace(tmp, path)


def last_line(data):
    lines = [l for l in data.decode('utf-8', 'replace').splitlines()
             if l.strip() and not l.startswith('W: ')]
    return lines[-1] if lines else '(no message)'


def populate(root, arch, packages):
    """Downloads and unpacks PACKAGES into ROOT; returns None, or why it
    could not."""
    for tool in ('apt-get', 'dpkg-deb'):
        if not shutil.which(tool):
            return f'{tool} not found (not a Debian system?)'
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    debs = tempfile.mkdtemp(prefix='debs.', dir=root)
    try:
        # apt-get download run by root warns that its sandbox user cannot
        # write here (W: lines): harmless, the files are fetched anyway.
        # No retries: without network each would wait for DNS again, and
        # the next `meson test` tries anyway.
        p = subprocess.run(['apt-get', 'download', '-q',
                            '-o', 'Acquire::Retries=0'] +
                           [f'{name}:{arch}' for name in packages],
                           cwd=debs, capture_output=True, timeout=600)
        if p.returncode != 0:
            return f'apt-get download of the {arch} packages failed ' \
                f'(exit {p.returncode}; no network, or no {arch} package ' \
                f'lists: tests/install-deps.sh adds them): ' \
                f'{last_line(p.stderr)}'
        files = sorted(glob.glob(os.path.join(debs, '*.deb')))
        if len(files) != len(packages):
            return f'apt-get download fetched {len(files)} files for ' \
                f'{len(packages)} packages'
        for deb in files:
            p = subprocess.run(['dpkg-deb', '-x', deb, root],
                               capture_output=True)
            if p.returncode != 0:
                return f'dpkg-deb -x {os.path.basename(deb)} failed: ' \
                    f'{last_line(p.stderr)}'
        names = [os.path.basename(f) for f in files]
    finally:
        shutil.rmtree(debs, ignore_errors=True)
    with open(os.path.join(root, '.packages'), 'w') as f:
        f.write(' '.join(packages) + '\n' + '\n'.join(names) + '\n')
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--arch', required=True, help='Debian architecture')
    ap.add_argument('--root', required=True, help='directory to fill')
    ap.add_argument('--stamp', required=True, help='status file to write')
    ap.add_argument('packages', nargs='+')
    opts = ap.parse_args()
    root = os.path.abspath(opts.root)
    wanted = ' '.join(opts.packages)

    try:
        with open(os.path.join(root, '.packages')) as f:
            have = f.readline().strip()
    except OSError:
        have = None
    if have == wanted:
        write_stamp(opts.stamp, 'ok', root)
        return 0
    print(f'foreign_root.py: fetching {len(opts.packages)} {opts.arch} '
          f'packages into {root}')
    try:
        why = populate(root, opts.arch, opts.packages)
    except (OSError, subprocess.SubprocessError) as e:
        why = f'{type(e).__name__}: {e}'
    if why:
        print(f'foreign_root.py: {why}', file=sys.stderr)
        write_stamp(opts.stamp, f'unavailable: {why}', root)
    else:
        write_stamp(opts.stamp, 'ok', root)
    return 0


if __name__ == '__main__':
    sys.exit(main())
