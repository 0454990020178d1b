#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Programs without PT_INTERP run as a command: a static program and a
static-pie.  Neither needs a loader, and a static-pie relocates itself,
so myld must start them as the kernel would (relocating a static-pie a
second time crashes it), AT_BASE 0 included.  The reference is running
them directly.  Then musl's libc.so, which is such a program too (run
directly, it is musl's loader: with --version it prints its usage), when
musl is installed.

usage: check_static.py MYLD"""
import os
import subprocess
import sys
import tempfile

from timeouts import scaled

SOURCE = r'''
#include <stdio.h>
#include <sys/auxv.h>
int main(int argc, char **argv)
{
	printf("static program, argc %d, argv[1] %s, AT_BASE %lu\n", argc,
	       argv[1], getauxval(AT_BASE));
	return 5;
}
'''

MUSL_LIBC = '/usr/lib/x86_64-linux-musl/libc.so'


def main():
    myld = sys.argv[1]
    failures, checks = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 's.c')
        with open(src, 'w') as f:
            f.write(SOURCE)
        runs = []
        for kind in ('-static', '-static-pie'):
            prog = os.path.join(tmp, 'prog' + kind)
            subprocess.run(['cc', kind, '-o', prog, src], check=True)
            runs.append((kind, [prog, 'x']))
        if os.path.exists(MUSL_LIBC):
            runs.append(("musl's libc.so", [MUSL_LIBC, '--version']))
        else:
            print(f'not run: {MUSL_LIBC} is not installed')
        for what, cmd in runs:
            want = subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=scaled(30))
            if what.startswith('-') and (want.returncode, want.stderr) != \
                    (5, ''):
                failures.append(f'{what}: the reference run itself failed:'
                                f' {want.returncode} {want.stderr!r}')
                continue
            got = subprocess.run([myld] + cmd, capture_output=True,
                                 text=True, timeout=scaled(30))
            checks += 1
            if (got.returncode, got.stdout, got.stderr) != \
                    (want.returncode, want.stdout, want.stderr):
                failures.append(f'{what}: myld gave {got.returncode} '
                                f'{got.stdout!r} {got.stderr!r}, directly '
                                f'{want.returncode} {want.stdout!r} '
                                f'{want.stderr!r}')
    for f in failures:
        print('FAIL:', f)
    print(f'{checks - len(failures)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
