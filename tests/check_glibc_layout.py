#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The glibc layouts myld was built with, checked against independent
sources, and the generator's refusal when debug information is missing.

usage: check_glibc_layout.py GEN_LAYOUT HEADER MYLD LD LIBC ENABLED REASON

 - the sizes of _rtld_global and _rtld_global_ro in the generated header
   (from DWARF) equal the st_size of those symbols in glibc's ld.so's
   dynamic symbol table (from the linker), and myld exports both with
   those sizes: libc indexes into them, so a short one is memory
   corruption;
 - the build-ids in the header are those of the installed ld.so and
   libc.so.6;
 - gen-layout.py --check fails, naming the reason, for a libc.so.6 whose
   debug information is not installed (a copy with another build-id).

Exits 77 (skip) with the reason when myld was built without the glibc
personality."""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def dynsym_sizes(path, names):
    out = subprocess.run(['readelf', '--dyn-syms', '-W', path],
                         capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[7].split('@')[0] in names:
            sizes[f[7].split('@')[0]] = int(f[2], 0)
    return sizes


def build_id(path):
    out = subprocess.run(['readelf', '-n', path], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r'Build ID: ([0-9a-f]+)', out)
    return m.group(1) if m else None


def main():
    gen, header, myld, ld, libc, enabled, reason = sys.argv[1:8]
    if enabled != '1':
        print('SKIP:', reason)
        return 77
    defines = {}
    with open(header) as f:
        for line in f:
            m = re.match(r'#define (GLIBC_\w+) (.*)$', line)
            if m:
                defines[m.group(1)] = m.group(2).strip().strip('"')
    failures = []
    names = ['_rtld_global', '_rtld_global_ro']
    want = {'_rtld_global': int(defines['GLIBC_SIZEOF_RTLD_GLOBAL']),
            '_rtld_global_ro': int(defines['GLIBC_SIZEOF_RTLD_GLOBAL_RO'])}
    for who, path in (("glibc's ld.so", ld), ('myld', myld)):
        got = dynsym_sizes(path, names)
        for n in names:
            if got.get(n) != want[n]:
                failures.append(f'{who}: {n} has size {got.get(n)}, the '
                                f'header says {want[n]}')
    for what, path, key in (('ld.so', ld, 'GLIBC_LD_BUILD_ID'),
                            ('libc.so.6', libc, 'GLIBC_LIBC_BUILD_ID')):
        if build_id(path) != defines.get(key):
            failures.append(f'{what} build-id {build_id(path)} != header '
                            f'{defines.get(key)}')
    with tempfile.TemporaryDirectory() as tmp:
        fake = os.path.join(tmp, 'libc.so.6')
        shutil.copy(libc, fake)
        with open(fake, 'r+b') as f:
            data = bytearray(f.read())
            bid = bytes.fromhex(build_id(libc))
            at = data.find(bid)
            data[at] ^= 0xff
            f.seek(0)
            f.write(data)
        p = subprocess.run([sys.executable, gen, '--ld', ld, '--libc', fake,
                            '--check'], capture_output=True, text=True)
        if p.returncode == 0 or 'no debug information for ' + fake \
                not in p.stdout:
            failures.append(f'--check on a libc without debug information: '
                            f'status {p.returncode}, said {p.stdout!r}')
    for f in failures:
        print('FAIL:', f)
    print(f'{len(failures)} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
