#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Programs without PT_INTERP run as a command: a static program and a
static-pie.  Neither needs a loader, and a static-pie relocates itself,
so myld must start them as the kernel would (relocating a static-pie a
second time crashes it).  The reference is running them directly.

usage: check_static.py MYLD"""
import os
import subprocess
import sys
import tempfile

SOURCE = r'''
#include <stdio.h>
int main(int argc, char **argv)
{
	printf("static program, argc %d, argv[1] %s\n", argc, argv[1]);
	return 5;
}
'''


def main():
    myld = sys.argv[1]
    failures, checks = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 's.c')
        with open(src, 'w') as f:
            f.write(SOURCE)
        for kind in ('-static', '-static-pie'):
            prog = os.path.join(tmp, 'prog' + kind)
            subprocess.run(['cc', kind, '-o', prog, src], check=True)
            want = subprocess.run([prog, 'x'], capture_output=True,
                                  text=True, timeout=30)
            got = subprocess.run([myld, prog, 'x'], capture_output=True,
                                 text=True, timeout=30)
            checks += 1
            if (got.returncode, got.stdout, got.stderr) != \
                    (want.returncode, want.stdout, want.stderr):
                failures.append(f'{kind}: myld gave {got.returncode} '
                                f'{got.stdout!r} {got.stderr!r}, directly '
                                f'{want.returncode} {want.stdout!r}')
    for f in failures:
        print('FAIL:', f)
    print(f'{checks - len(failures)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
