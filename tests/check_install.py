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

Then the dlfcn header and pkg-config file: a libc-free program (below,
with its own _start) is built with only `pkg-config --cflags --libs
myld` (PKG_CONFIG_SYSROOT_DIR pointing into the DESTDIR) and run by the
installed myld; it must print exactly its expected lines.  And gdb's
auto-load: with DESTDIR<prefix> bind-mounted over <prefix> in a private
mount namespace, gdb loading <prefix>/bin/myld reads the stub by itself
and knows "myld objects" (said and left out where the namespace cannot
be made, under a wrapper, or for the prefix /usr, which holds gdb).

usage: check_install.py WRAPPER BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR
                        MANDIR LIBDIR PROGRAM CC..."""
import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled


DLFCN_PROGRAM = r'''
#include <myld/dlfcn.h>

static long sys3(long n, long a, long b, long c)
{
#if defined(__x86_64__)
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = n, x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b, x2 __asm__("x2") = c;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2)
			 : "memory");
	return x0;
#endif
}

#if defined(__x86_64__)
#define NR_WRITE 1
#define NR_EXIT 60
__asm__(".globl _start\n_start:\n xor %ebp, %ebp\n and $-16, %rsp\n"
	" call start_c\n hlt\n");
#elif defined(__aarch64__)
#define NR_WRITE 64
#define NR_EXIT 93
__asm__(".globl _start\n_start:\n mov x29, #0\n bl start_c\n");
#endif

static void say(const char *s, int ok)
{
	long n = 0;
	while (s[n])
		n++;
	sys3(NR_WRITE, 1, (long)s, n);
	sys3(NR_WRITE, 1, (long)(ok ? ": ok\n" : ": FAIL\n"), ok ? 5 : 7);
}

static int count(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)info;
	(void)size;
	++*(int *)data;
	return 0;
}

void start_c(void)
{
	Dl_info info;
	int objects = 0;
	void *self = dlopen(0, RTLD_NOW);

	say("dlopen(NULL)", self != 0);
	say("dlsym(RTLD_DEFAULT, dlsym) is dlsym",
	    dlsym(RTLD_DEFAULT, "dlsym") == (void *)dlsym);
	say("dlopen of a missing library fails",
	    dlopen("libmyld-no-such.so", RTLD_NOW) == 0);
	say("dlerror says why", dlerror() != 0);
	say("dladdr names the program",
	    dladdr((void *)start_c, &info) && info.dli_fname);
	dl_iterate_phdr(count, &objects);
	say("dl_iterate_phdr sees the program and myld", objects >= 2);
	sys3(NR_EXIT, 0, 0, 0);
}
'''


def check_dlfcn_program(wrapper, cc, dest, libdir, myld, problems):
    """Build a libc-free program with the installed header and pkg-config
    file alone, and run it with the installed myld."""
    env = dict(os.environ,
               PKG_CONFIG_PATH=os.path.join(dest, libdir, 'pkgconfig'),
               PKG_CONFIG_LIBDIR=os.path.join(dest, libdir, 'pkgconfig'),
               PKG_CONFIG_SYSROOT_DIR=dest)
    p = subprocess.run(['pkg-config', '--cflags', '--libs', 'myld'],
                       env=env, capture_output=True, text=True)
    if p.returncode != 0:
        problems.append(f'pkg-config --cflags --libs myld: {p.stderr}')
        return
    flags = shlex.split(p.stdout)
    print('pkg-config --cflags --libs myld:', p.stdout.strip())
    src = os.path.join(dest, 'prog.c')
    exe = os.path.join(dest, 'prog')
    with open(src, 'w') as f:
        f.write(DLFCN_PROGRAM)
    p = subprocess.run(cc + ['-O1', '-o', exe, src] + flags,
                       capture_output=True, text=True, timeout=scaled(120))
    if p.returncode != 0:
        problems.append(f'building against the installed files: '
                        f'{p.stdout}{p.stderr}')
        return
    r = subprocess.run(wrapper + [myld, exe], capture_output=True,
                       text=True, timeout=scaled(60))
    want = ''.join(f'{l}: ok\n' for l in (
        'dlopen(NULL)', 'dlsym(RTLD_DEFAULT, dlsym) is dlsym',
        'dlopen of a missing library fails', 'dlerror says why',
        'dladdr names the program',
        'dl_iterate_phdr sees the program and myld'))
    if r.returncode != 0 or r.stdout != want or r.stderr:
        problems.append(f'the program built with pkg-config: exit '
                        f'{r.returncode}, stdout {r.stdout!r}, stderr '
                        f'{r.stderr!r}')
    else:
        print('a libc-free program built with pkg-config runs under the '
              'installed myld')


def check_auto_load(wrapper, gdb, dest, prefix, bindir, datadir, problems):
    """gdb, loading the installed myld, reads the auto-load stub."""
    if wrapper or os.path.normpath(prefix) == '/usr' or \
            not os.path.isdir(prefix) or not shutil.which('unshare'):
        print(f'auto-load not tried: a wrapper, the prefix {prefix} '
              'is /usr or missing, or no unshare')
        return
    scripts = os.path.join(prefix, datadir, 'gdb', 'auto-load')
    script = (f'mount --bind {shlex.quote(os.path.join(dest, prefix.lstrip("/")))} '
              f'{shlex.quote(prefix)} && exec {shlex.quote(gdb)} -nx -batch '
              f'-iex "set auto-load safe-path /" '
              f'-iex "set auto-load scripts-directory {scripts}" '
              f'-ex "file {os.path.join(prefix, bindir, "myld")}" '
              f'-ex "help myld"')
    g = subprocess.run(['unshare', '-m', '--propagation', 'private', 'sh',
                        '-c', script], capture_output=True, text=True,
                       timeout=scaled(120))
    if 'mount' in g.stderr and g.returncode != 0 and \
            'myld' not in g.stdout:
        print(f'auto-load not tried: no private mount namespace: '
              f'{g.stderr.strip()}')
    elif 'myld objects' not in g.stdout:
        problems.append(f'gdb did not auto-load the installed extension: '
                        f'{g.stdout}{g.stderr}')
    else:
        print('gdb auto-loads the installed extension for bin/myld')


def main():
    wrapper = shlex.split(sys.argv[1])
    build, src, prefix, bindir, datadir, mandir, libdir, prog = \
        sys.argv[2:10]
    cc = sys.argv[10:]
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
        check_dlfcn_program(wrapper, cc, dest, rel(libdir), myld, problems)
        if gdb:
            check_auto_load(wrapper, gdb, dest, prefix, bindir, datadir,
                            problems)
    for pr in problems:
        print('FAIL:', pr)
    print('PASS' if not problems else '')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
