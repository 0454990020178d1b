#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Programs myld must refuse with a clear line, never a crash:
 - a musl-linked program (musl's libc.so is its own loader), run as a
   command and through a copy whose PT_INTERP names myld;
 - a glibc-linked program (glibc's private loader interface is not
   provided yet), here the system's /bin/true.

usage: check_refusals.py MYLD
Exits 77 (skip) when musl-gcc is missing; CI installs musl-tools."""
import os
import shutil
import subprocess
import sys
import tempfile


def expect(cmd, line, failures):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    if p.returncode != 127 or p.stderr != line + '\n':
        failures.append(f'{cmd}: exit {p.returncode}, stderr '
                        f'{p.stderr!r}, expected {line!r}')


def main():
    myld = sys.argv[1]
    if not shutil.which('musl-gcc') or not shutil.which('patchelf'):
        print('SKIP: musl-gcc or patchelf not installed')
        return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'm.c')
        prog = os.path.join(tmp, 'musl_prog')
        with open(src, 'w') as f:
            f.write('int main(void) { return 3; }\n')
        subprocess.run(['musl-gcc', '-o', prog, src], check=True)
        expect([myld, prog], f'myld: {prog}: linked against musl, whose '
               "libc.so is its own dynamic loader: run it with musl's "
               'loader instead', failures)
        patched = prog + '-patched'
        shutil.copy(prog, patched)
        subprocess.run(['patchelf', '--set-interpreter', myld, patched],
                       check=True)
        expect([patched], f'myld: {patched}: linked against musl, whose '
               "libc.so is its own dynamic loader: run it with musl's "
               'loader instead', failures)
    expect([myld, '/bin/true'], "myld: /lib/x86_64-linux-gnu/libc.so.6: "
           "glibc's libc.so.6 needs glibc's private loader interface, "
           'which myld does not provide yet', failures)
    for f in failures:
        print('FAIL:', f)
    print(f'{3 - len(failures)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
