#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld --list prints the same lines, in the same order, as glibc's
loader, for the system's programs.

For a deterministic sample of the dynamically linked programs of this
CPU in DIRS (sorted by path, at most MAX, spread evenly), the output of
MYLD --list PROG must equal REFERENCE --list PROG line for line, once
the load addresses are masked and myld's own path is replaced by the
reference loader's (myld stands in for it, in its place in load order).

One difference is glibc's, and the comparison then uses ldd's way
instead: glibc 2.36's `ld.so --list` stops at a library it cannot find
("error while loading shared libraries", status 127), while ldd
(LD_TRACE_LOADED_OBJECTS=1, the same loader) prints "NAME => not found"
and goes on.  myld does what ldd does in both modes, so for such a
program REFERENCE is run with LD_TRACE_LOADED_OBJECTS=1 and the test
says so.

usage: check_list_order.py MYLD REFERENCE MAX DIR..."""
import os
import re
import subprocess
import sys

from timeouts import scaled

ADDRESS = re.compile(r'\(0x[0-9a-f]+\)')


def elf_header(path):
    """(e_machine, has PT_INTERP) of a 64-bit little-endian ELF file, or
    None."""
    try:
        with open(path, 'rb') as f:
            head = f.read(64)
            if len(head) < 64 or head[:4] != b'\x7fELF' or head[4] != 2 \
                    or head[5] != 1:
                return None
            phoff = int.from_bytes(head[32:40], 'little')
            phentsize = int.from_bytes(head[54:56], 'little')
            phnum = int.from_bytes(head[56:58], 'little')
            f.seek(phoff)
            table = f.read(phentsize * phnum)
    except OSError:
        return None
    interp = any(int.from_bytes(table[i:i + 4], 'little') == 3
                 for i in range(0, len(table) - 3, max(phentsize, 1)))
    return int.from_bytes(head[18:20], 'little'), interp


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True,
                          env=env, timeout=scaled(60))


def masked(text, myld, reference):
    text = ADDRESS.sub('(ADDR)', text)
    return text.replace(myld, reference)


def main():
    myld, reference, most = sys.argv[1], sys.argv[2], int(sys.argv[3])
    machine = elf_header(reference)[0]
    progs = sorted({os.path.join(d, n) for d in sys.argv[4:]
                    for n in os.listdir(d)
                    if os.path.isfile(os.path.join(d, n))})
    progs = [p for p in progs if elf_header(p) == (machine, True)]
    if len(progs) > most:
        step = len(progs) / most
        progs = [progs[int(i * step)] for i in range(most)]
    failures, by_ldd = [], 0
    for prog in progs:
        ref = run([reference, '--list', prog])
        if ref.returncode == 127 and 'error while loading shared ' \
                'libraries' in ref.stderr:
            ref = run([reference, prog],
                      dict(os.environ, LD_TRACE_LOADED_OBJECTS='1'))
            by_ldd += 1
        got = run([myld, '--list', prog])
        want = masked(ref.stdout, myld, reference)
        have = masked(got.stdout, myld, reference)
        if (got.returncode, have) != (ref.returncode, want):
            failures.append(f'{prog}: exit {got.returncode}, glibc '
                            f'{ref.returncode}\n--- myld ---\n{have}'
                            f'--- glibc ---\n{want}')
    for f in failures:
        print('FAIL:', f)
    print(f'{len(progs)} programs, {len(failures)} differ; {by_ldd} '
          'compared with ldd\'s way (glibc\'s --list stops at a missing '
          'library)')
    if not progs:
        print('FAIL: no program to compare')
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
