#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Programs myld must refuse with a clear line, never a crash:
 - a musl-linked program (musl's libc.so is its own loader), run as a
   command and through a copy whose PT_INTERP names myld;
 - musl's libc.so reached another way: preloaded by its real path
   (LD_PRELOAD) and by the name of musl's loader, a link to it (--preload);
and one it must not refuse: a program that uses no C library but names
musl's loader in PT_INTERP (run under musl's loader first, as the
reference).
 - a glibc-linked program with DT_RELR but no need of the version
   GLIBC_ABI_DT_RELR (lld --pack-dyn-relocs=relr), which glibc's loader
   refuses first (the reference), then myld;
 - a glibc-linked program whose libc.so.6 myld cannot serve: with the
   glibc personality built in, a libc.so.6 of another build than the one
   the layouts were generated from (a copy of the system's with one byte
   of its build-id changed); without the personality, any libc.so.6.

usage: check_refusals.py MYLD GLIBC_COMPAT(0|1)
Exits 77 (skip) when musl-gcc is missing; CI installs musl-tools."""
import os
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled


def expect(cmd, line, failures):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=scaled(30))
    if p.returncode != 127 or p.stderr != line + '\n':
        failures.append(f'{cmd}: exit {p.returncode}, stderr '
                        f'{p.stderr!r}, expected {line!r}')


NO_LIBC_SOURCE = r'''
static long sys3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}
void _start(void)
{
	static const char msg[] = "no C library\n";
	sys3(1, 1, (long)msg, sizeof msg - 1);
	sys3(60, 7, 0, 0);
}
'''


def check_musl_reached_otherwise(myld, tmp, failures):
    """A program with musl's PT_INTERP but no C library runs; musl's
    libc.so preloaded into it is refused, naming the library."""
    musl_loader = '/lib/ld-musl-x86_64.so.1'
    musl_libc = os.path.realpath(musl_loader)
    src = os.path.join(tmp, 'nolibc.c')
    prog = os.path.join(tmp, 'nolibc')
    with open(src, 'w') as f:
        f.write(NO_LIBC_SOURCE)
    subprocess.run(['gcc', '-O2', '-nostdlib', '-fPIE', '-pie',
                    f'-Wl,--dynamic-linker={musl_loader}', '-o', prog, src],
                   check=True)
    for cmd in ([musl_loader, prog], [myld, prog]):
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=scaled(30))
        if (p.returncode, p.stdout, p.stderr) != (7, 'no C library\n', ''):
            failures.append(f'{cmd}: exit {p.returncode}, stdout '
                            f'{p.stdout!r}, stderr {p.stderr!r}')
    refusal = ("musl's C library, which is its own dynamic loader: run the "
               "program with musl's loader instead")
    env = dict(os.environ, LD_PRELOAD=musl_libc)
    p = subprocess.run([myld, prog], capture_output=True, text=True,
                       timeout=scaled(30), env=env)
    if p.returncode != 127 or p.stderr != f'myld: {musl_libc}: {refusal}\n':
        failures.append(f'LD_PRELOAD={musl_libc}: exit {p.returncode}, '
                        f'stderr {p.stderr!r}')
    # A program whose PT_INTERP names musl's loader gets myld when it
    # asks for that name, as under any loader: use a copy naming myld.
    mine = prog + '-myld'
    shutil.copy(prog, mine)
    subprocess.run(['patchelf', '--set-interpreter', myld, mine], check=True)
    expect([myld, '--preload', musl_loader, mine],
           f'myld: {musl_loader}: {refusal}', failures)


def build_id_note_offset(data):
    """File offset of the build-id bytes in an ELF64 file, or None."""
    import struct
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    for i in range(phnum):
        ptype, _, off, _, _, size = struct.unpack_from(
            '<IIQQQQ', data, phoff + i * phentsize)
        pos = off
        while ptype == 4 and pos + 12 <= off + size:
            namesz, descsz, ntype = struct.unpack_from('<III', data, pos)
            desc = pos + 12 + ((namesz + 3) & ~3)
            if ntype == 3 and data[pos + 12:pos + 15] == b'GNU':
                return desc
            pos = desc + ((descsz + 3) & ~3)
    return None


def check_glibc(myld, glibc_compat, tmp, failures):
    libc = '/lib/x86_64-linux-gnu/libc.so.6'
    if not glibc_compat:
        expect([myld, '/bin/true'], f"myld: {libc}: glibc's libc.so.6 "
               "needs glibc's private loader interface, and this myld was "
               'built without it (install libc6-dbg and rebuild myld)',
               failures)
        return
    with open(libc, 'rb') as f:
        data = bytearray(f.read())
    at = build_id_note_offset(data)
    good = data[at:at + 20].hex()
    data[at] ^= 0xff
    other = data[at:at + 20].hex()
    libdir = os.path.join(tmp, 'otherglibc')
    os.mkdir(libdir)
    with open(os.path.join(libdir, 'libc.so.6'), 'wb') as f:
        f.write(data)
    expect([myld, '--library-path', libdir, '/bin/true'],
           f'myld: {libdir}/libc.so.6: glibc build {other} is not the one '
           f'this myld was generated for ({good}, {libc}): rebuild myld '
           'on this system (meson setup --reconfigure; needs libc6-dbg)',
           failures)


def check_relr_without_version(myld, tmp, failures):
    """glibc 2.36 refuses an object that needs libc.so.6 and has DT_RELR
    without needing GLIBC_ABI_DT_RELR; myld, standing in, does too."""
    if not shutil.which('ld.lld'):
        print('note: no ld.lld, DT_RELR refusal not checked')
        return
    src = os.path.join(tmp, 'relr.c')
    prog = os.path.join(tmp, 'relr_no_version')
    with open(src, 'w') as f:
        f.write('#include <stdio.h>\nint main(void) { puts("hi"); }\n')
    subprocess.run(['gcc', '-fuse-ld=lld', '-Wl,--pack-dyn-relocs=relr',
                    '-o', prog, src], check=True)
    what = 'DT_RELR without GLIBC_ABI_DT_RELR dependency'
    p = subprocess.run([prog], capture_output=True, text=True,
                       timeout=scaled(30))
    if p.returncode != 127 or what not in p.stderr:
        failures.append(f'reference: glibc ran {prog}: exit '
                        f'{p.returncode}, stderr {p.stderr!r}')
    expect([myld, prog], f'myld: {prog}: {what}', failures)


def main():
    myld = sys.argv[1]
    glibc_compat = sys.argv[2] == '1' if len(sys.argv) > 2 else False
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
        check_glibc(myld, glibc_compat, tmp, failures)
        if glibc_compat:
            check_relr_without_version(myld, tmp, failures)
        check_musl_reached_otherwise(myld, tmp, failures)
    for f in failures:
        print('FAIL:', f)
    print(f'{len(failures)} failed' if failures else 'all passed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
