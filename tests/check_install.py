#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""meson install, into a DESTDIR: the files land where they should and
work from there.

Installs BUILD into a temporary DESTDIR (meson install --no-rebuild
--destdir) and checks: bin/myld, the man page, the gdb extension under
share/myld/gdb (identical to docs/gdb/myld.py) and gdb's auto-load stub
share/gdb/auto-load/<prefix>/bin/myld-gdb.py, which must source the
installed extension's final path.  Then the installed myld runs PROGRAM
(through WRAPPER under qemu) with the same stdout and status as the build
tree's myld (hello prints two lines and exits 7), and gdb, sourcing the installed extension, knows the
"myld" command.

usage: check_install.py WRAPPER BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR
                        MANDIR PROGRAM"""
import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled


def main():
    wrapper = shlex.split(sys.argv[1])
    build, src, prefix, bindir, datadir, mandir, prog = sys.argv[2:9]
    rel = lambda d: os.path.join(prefix, d).lstrip('/')
    problems = []
    with tempfile.TemporaryDirectory() as dest:
        meson = shutil.which('meson')
        p = subprocess.run([meson, 'install', '-C', build, '--no-rebuild',
                            '--destdir', dest], capture_output=True,
                           text=True, timeout=scaled(120))
        if p.returncode != 0:
            print(f'FAIL: meson install: {p.returncode}\n{p.stdout}{p.stderr}')
            return 1
        myld = os.path.join(dest, rel(bindir), 'myld')
        man = os.path.join(dest, rel(mandir), 'man1', 'myld.1')
        ext = os.path.join(dest, rel(datadir), 'myld', 'gdb', 'myld.py')
        stub = os.path.join(dest, rel(datadir), 'gdb', 'auto-load',
                            rel(bindir), 'myld-gdb.py')
        for path in (myld, man, ext, stub):
            print('installed' if os.path.isfile(path) else 'MISSING',
                  os.path.relpath(path, dest))
            if not os.path.isfile(path):
                problems.append(f'{path} not installed')
        if problems:
            for pr in problems:
                print('FAIL:', pr)
            return 1
        if not os.access(myld, os.X_OK):
            problems.append('bin/myld is not executable')
        if not filecmp.cmp(ext, os.path.join(src, 'docs/gdb/myld.py'),
                           shallow=False):
            problems.append('the installed extension differs from '
                            'docs/gdb/myld.py')
        with open(stub) as f:
            m = re.search(r"source ([^']+)'", f.read())
        final = os.path.join(prefix, datadir, 'myld', 'gdb', 'myld.py')
        if not m or os.path.normpath(m.group(1)) != os.path.normpath(final):
            problems.append(f'the auto-load stub sources {m and m.group(1)}, '
                            f'not {final}')
        runs = [subprocess.run(wrapper + [l, prog], capture_output=True,
                               timeout=scaled(60))
                for l in (os.path.join(build, 'myld'), myld)]
        if (runs[0].returncode, runs[0].stdout) != \
                (runs[1].returncode, runs[1].stdout) or not runs[0].stdout:
            problems.append(f'installed myld ran {prog}: status '
                            f'{runs[1].returncode}, build tree\'s '
                            f'{runs[0].returncode}; stdout same: '
                            f'{runs[0].stdout == runs[1].stdout}')
        else:
            print(f'installed myld runs {os.path.basename(prog)} as the '
                  'build tree\'s does')
        gdb = shutil.which('gdb-multiarch') or shutil.which('gdb')
        if gdb:
            g = subprocess.run([gdb, '-nx', '-batch', '-ex', f'source {ext}',
                                '-ex', 'help myld'], capture_output=True,
                               text=True, timeout=scaled(60))
            if 'myld objects' not in g.stdout:
                problems.append(f'gdb, sourcing the installed extension: '
                                f'{g.stdout}{g.stderr}')
            else:
                print('gdb knows "myld objects" from the installed extension')
        else:
            problems.append('no gdb to try the extension with')
    for pr in problems:
        print('FAIL:', pr)
    print('PASS' if not problems else '')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
