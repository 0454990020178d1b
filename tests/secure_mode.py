#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Secure mode, tested for real: setuid-root copies of testbins run by an
unprivileged user.

When the kernel sets AT_SECURE (here: a setuid-root program run by another
user), myld must ignore LD_LIBRARY_PATH, LD_DEBUG, LD_DEBUG_OUTPUT and
$ORIGIN, accept in LD_PRELOAD and LD_AUDIT only names without a slash found in the
trusted directories, and put /dev/null on closed standard descriptors.

Each check runs twice as the unprivileged user: the setuid copy must
resist, and a non-setuid copy of the same file (the control) must be
affected, which shows the check can fail at all.

Needs root (to create the user and the setuid files): as another user the
test is skipped (exit 77).  It creates the user myldtest if it does not
exist (useradd --system, no home, no shell) and leaves it, and works in a
temporary directory it removes, on a file system not mounted nosuid (the
build directory, else /var/tmp, else /tmp) whose every parent directory the
user may traverse.  The allowed-LD_PRELOAD case puts a uniquely named
library in the first default library directory for the duration of the
test, and removes it.

Usage: secure_mode.py --myld MYLD --hello PROG --lib LIB --fdcheck PROG
  PROG is the hello testbin (RUNPATH $ORIGIN, needs LIB, exits 7), LIB its
  libhello_lib.so, FDCHECK testbins/hardening/fdcheck.
"""

import argparse
import os
import platform
import pwd
import re
import shutil
import subprocess
import sys
import tempfile

import lcache_entry
from timeouts import scaled

USER = 'myldtest'
GOOD = b'hello from the library'
EVIL = b'EVILX from the library'     # same length: a byte patch
PRELOAD_NAME = 'libmyld-secure-test-preload.so'
TIMEOUT = scaled(10)
GLIBC_LOADER = {'x86_64': '/lib64/ld-linux-x86-64.so.2',
                'aarch64': '/lib/ld-linux-aarch64.so.1'}.get(platform.machine())

failures = []
passed = 0


def check(ok, what, detail=''):
    global passed
    if ok:
        passed += 1
        print(f'ok   {what}')
    else:
        failures.append(what)
        print(f'FAIL {what} {detail}')


def ensure_user():
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        pass
    subprocess.run(['useradd', '--system', '--no-create-home',
                    '--home-dir', '/nonexistent',
                    '--shell', '/usr/sbin/nologin', USER], check=True)
    return pwd.getpwnam(USER)


def nosuid(path):
    r = subprocess.run(['findmnt', '-n', '-o', 'OPTIONS', '-T', path],
                       capture_output=True, text=True)
    return r.returncode != 0 or 'nosuid' in r.stdout.split(',')


def traversable(path):
    """Can everyone reach PATH (o+x on it and every parent)?"""
    path = os.path.abspath(path)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return False
        if path == '/':
            return True
        path = os.path.dirname(path)


def pick_base(candidates):
    for c in candidates:
        if c and os.path.isdir(c) and not nosuid(c) and traversable(c):
            return c
    return None


def as_user(pw, cmd, env, cwd):
    """Run CMD as the unprivileged user; returns CompletedProcess."""
    # The variables go to the program only, through env(1) run last:
    # setpriv and env are glibc programs and would obey LD_DEBUG & co.
    full = (['setpriv', f'--reuid={pw.pw_uid}', f'--regid={pw.pw_gid}',
             '--clear-groups', '--', 'env', '-i', 'PATH=/usr/bin:/bin'] +
            [f'{k}={v}' for k, v in env.items()] + cmd)
    try:
        return subprocess.run(full, env={'PATH': '/usr/bin:/bin'}, cwd=cwd,
                              capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(full, -999, b'', b'timeout')


def install(src, dst, mode, owner=None, patch=None):
    with open(src, 'rb') as f:
        data = f.read()
    if patch:
        assert patch[0] in data, f'{patch[0]!r} not in {src}'
        data = data.replace(patch[0], patch[1])
    with open(dst, 'wb') as f:
        f.write(data)
    if owner:
        os.chown(dst, owner.pw_uid, owner.pw_gid)
    os.chmod(dst, mode)


def patchelf(*args):
    subprocess.run(['patchelf'] + list(args), check=True)


# A glibc program that reports what secure mode is about, built here (cc),
# and an attacker's gconv module.  Three copies: under myld set-user-ID,
# under myld plain (the control: the attack must work there), and under
# glibc's own loader set-user-ID (the reference myld must equal).
PROBE_C = r"""
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
extern char **environ;
extern int __libc_enable_secure;
extern char _rtld_global_ro[];
static char maps[1 << 16];
/* 1 if the page holding P is writable, 0 if not, -1 if not mapped. */
static int writable(const void *p)
{
	unsigned long a = (unsigned long)p;
	int fd = open("/proc/self/maps", O_RDONLY);
	size_t n = 0;
	ssize_t k;
	while (fd >= 0 && (k = read(fd, maps + n, sizeof maps - 1 - n)) > 0)
		n += k;
	maps[n] = 0;
	for (char *l = maps; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1
						       : l + strlen(l)) {
		char *e;
		unsigned long lo = strtoul(l, &e, 16), hi = strtoul(e + 1, &e, 16);
		if (a >= lo && a < hi)
			return e[2] == 'w';
	}
	return -1;
}
int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (!strcmp(what, "env")) {
		for (char **e = environ; *e; e++)
			printf("%s\n", *e);
		printf("--child--\n");
		fflush(stdout);
		if (setuid(0) != 0)
			return 3;
		execl("/usr/bin/env", "env", (char *)0);
		return 4;
	}
	if (!strcmp(what, "iconv")) {
		iconv_t cd = iconv_open("EVILCS//", "UTF-8");
		printf("iconv_open: %s\n", cd == (iconv_t)-1 ? "failed" : "ok");
		return 0;
	}
	if (!strcmp(what, "fds")) {
		FILE *out = argc > 2 ? stderr : stdout;
		for (int fd = 0; fd < 3; fd++) {
			char p[32], t[256];
			snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
			ssize_t n = readlink(p, t, sizeof t - 1);
			int fl = fcntl(fd, F_GETFL);
			t[n > 0 ? n : 0] = 0;
			fprintf(out, "fd%d: %s %s\n", fd, n > 0 ? t : "closed",
				fl < 0 ? "-" : (fl & O_ACCMODE) == O_WRONLY ? "w"
				: (fl & O_ACCMODE) == O_RDONLY ? "r" : "rw");
		}
		return 0;
	}
	if (!strcmp(what, "relro")) {
		printf("secure %d _rtld_global_ro %d __libc_enable_secure %d\n",
		       __libc_enable_secure, writable(_rtld_global_ro),
		       writable(&__libc_enable_secure));
		return 0;
	}
	return 2;
}
"""
EVIL_C = r"""
#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void evil(void)
{
	fprintf(stderr, "EVIL code ran with euid %d\n", (int)geteuid());
}
int gconv(void) { return 0; }
int gconv_init(void *step) { (void)step; return 0; }
"""

# An rtld-audit auditor that says when it is used.
AUDITOR_C = r"""
#include <unistd.h>
unsigned la_version(unsigned v)
{
	static const char line[] = "AUDITOR in use\n";
	write(2, line, sizeof line - 1);
	return v;
}
"""
AUDITOR_NAME = 'libmyld-secure-test-auditor.so'

# Every variable of glibc 2.36's unsecure list, and the tunables' ways in.
UNSECURE = ['GCONV_PATH', 'GETCONF_DIR', 'HOSTALIASES', 'LD_AUDIT',
            'LD_DEBUG', 'LD_DEBUG_OUTPUT', 'LD_DYNAMIC_WEAK', 'LD_HWCAP_MASK',
            'LD_LIBRARY_PATH', 'LD_ORIGIN_PATH', 'LD_PRELOAD', 'LD_PROFILE',
            'LD_SHOW_AUXV', 'LOCALDOMAIN', 'LOCPATH', 'MALLOC_TRACE',
            'NIS_PATH', 'NLSPATH', 'RESOLV_HOST_CONF', 'RES_OPTIONS',
            'TMPDIR', 'TZDIR']


def mislead_entry(path):
    """Rewrite the launch-cache entry at PATH, checksum and all, so that
    every binding names the next symbol of its object: an entry myld
    would accept and that breaks the program if used."""
    data = bytearray(open(path, 'rb').read())
    at, nbindings = lcache_entry.bindings(data)
    for i in range(nbindings):
        sym, obj, check = lcache_entry.BINDING.unpack_from(data, at + 8 * i)
        if obj != lcache_entry.NO_OBJECT:
            lcache_entry.BINDING.pack_into(data, at + 8 * i, sym + 1, obj,
                                           check)
    lcache_entry.seal(data)
    open(path, 'wb').write(data)


def launch_cache(pw, tmp, prog, run):
    """PROG (set-user-ID root) run by root is not in secure mode: it
    writes an entry into root's cache directory, and reads it (a
    misleading entry changes what it does).  Run by the user, in secure
    mode, it must neither read that entry nor write one."""
    cache = os.path.join(tmp, 'lcache')
    entries = os.path.join(cache, 'myld')
    os.makedirs(entries, mode=0o700)
    os.chmod(cache, 0o755)
    env = {'XDG_CACHE_HOME': cache, 'HOME': cache, 'MYLD_LAUNCH_CACHE': '1',
           'PATH': '/usr/bin:/bin'}
    want = b'secure 1 _rtld_global_ro 0 __libc_enable_secure 0\n'

    def as_root():
        return subprocess.run([prog, 'relro'], env=env, cwd=tmp,
                              capture_output=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)

    r = as_root()
    written = os.listdir(entries)
    check(r.returncode == 0 and len(written) == 1,
          'control: run by root (not secure), the program writes a '
          'launch-cache entry', f'{r.returncode} {r.stderr!r} {written}')
    if len(written) != 1:
        return
    path = os.path.join(entries, written[0])
    mislead_entry(path)
    before = open(path, 'rb').read()
    r = as_root()
    check(r.returncode != 0 or r.stdout != want.replace(b'1', b'0', 1),
          'control: run by root, the misleading entry is used',
          f'{r.returncode} {r.stdout!r} {r.stderr!r}')
    # (A look-up the entry cannot answer makes myld remove it.)
    with open(path, 'wb') as f:
        f.write(before)
    os.chmod(path, 0o600)
    r = run('myld', ['relro'], {k: v for k, v in env.items()
                                 if k != 'PATH'})
    check(r.returncode == 0 and r.stdout == want,
          'secure mode: the launch-cache entry is not read',
          f'{r.returncode} {r.stdout!r} {r.stderr!r}')
    check(os.listdir(entries) == written and
          open(path, 'rb').read() == before,
          'secure mode: no launch-cache entry written',
          f'{os.listdir(entries)}')


def glibc_programs(pw, tmp, myld, user, libdir, cleanup):
    cc = shutil.which('cc')
    if not cc:
        print('SKIP glibc programs: no C compiler (not counted)')
        return
    src = os.path.join(tmp, 'probe.c')
    with open(src, 'w') as f:
        f.write(PROBE_C)
    built = os.path.join(tmp, 'probe.built')
    subprocess.run([cc, '-O', '-o', built, src], check=True)
    evil_src = os.path.join(tmp, 'evil.c')
    with open(evil_src, 'w') as f:
        f.write(EVIL_C)
    gconv = os.path.join(user, 'gconv')
    os.mkdir(gconv, 0o755)
    evil_so = os.path.join(gconv, 'evil.so')
    subprocess.run([cc, '-shared', '-fPIC', '-o', evil_so, evil_src],
                   check=True)
    with open(os.path.join(gconv, 'gconv-modules'), 'w') as f:
        f.write('module EVILCS// INTERNAL evil 1\n'
                'module INTERNAL EVILCS// evil 1\n')
    # Locale, message catalogue and time-zone directories of the user's.
    for d in ('locale', 'nls', 'zoneinfo'):
        os.mkdir(os.path.join(user, d), 0o755)

    progs = {}
    for name, interp, suid in (('myld', myld, True), ('plain', myld, False),
                               ('glibc', None, True)):
        p = os.path.join(tmp, 'bin', 'probe-' + name)
        install(built, p, 0o755)
        if interp:
            patchelf('--set-interpreter', interp, p)
        os.chown(p, 0, 0)
        os.chmod(p, 0o4755 if suid else 0o755)
        progs[name] = p

    def run(name, args, env=None, redir=None):
        cmd = [progs[name]] + args
        if redir:
            cmd = ['sh', '-c', f'exec "$0" "$@" {redir}'] + cmd
        return as_user(pw, cmd, env or {}, tmp)

    # 1. The environment of the program and of a child after setuid(0).
    env = {v: os.path.join(user, 'x') for v in UNSECURE}
    env.update({'GCONV_PATH': gconv, 'LOCPATH': os.path.join(user, 'locale'),
                'NLSPATH': os.path.join(user, 'nls', '%N'),
                'TZDIR': os.path.join(user, 'zoneinfo'),
                'LD_PRELOAD': evil_so, 'LD_DEBUG': 'statistics',
                'MALLOC_CHECK_': '3', 'MALLOC_ARENA_MAX': '2',
                'MALLOC_TOP_PAD_': '4096',
                'GLIBC_TUNABLES': 'glibc.malloc.check=3:glibc.malloc.'
                'arena_max=2:glibc.malloc.tcache_count=0:bogus=1:'
                'glibc.mem.tagging=0:glibc.rtld.nns=2',
                'LD_BIND_NOW': '1', 'KEEPME': 'yes', 'TZ': 'UTC'})
    r_myld = run('myld', ['env'], env)
    r_glibc = run('glibc', ['env'], env)
    # The control gets only the attacks: with the whole list set, the
    # plain program would obey LD_SHOW_AUXV, LD_DEBUG_OUTPUT & co.
    r_plain = run('plain', ['env'], {k: env[k] for k in (
        'GCONV_PATH', 'MALLOC_CHECK_', 'LD_PRELOAD', 'TZDIR')})
    out = r_myld.stdout.decode(errors='replace')
    names = {line.split('=', 1)[0] for line in out.splitlines()}
    check(r_myld.returncode == 0 and '--child--' in out and
          not names & set(UNSECURE) and 'KEEPME=yes' in out,
          'secure mode: the unsecure variables are gone, for the program '
          'and its child', f'{r_myld.returncode} {out!r} {r_myld.stderr!r}')
    check(r_myld.stdout == r_glibc.stdout and
          r_myld.returncode == r_glibc.returncode,
          'secure mode: environment of program and child equal to glibc\'s',
          f'\nmyld:  {r_myld.stdout!r}\nglibc: {r_glibc.stdout!r}')
    plain = r_plain.stdout.decode(errors='replace')
    check(b'EVIL' not in r_myld.stderr and b'EVIL' not in r_glibc.stderr,
          'secure mode: LD_PRELOAD with a slash not loaded (myld, glibc)',
          f'{r_myld.stderr!r} {r_glibc.stderr!r}')
    check('GCONV_PATH=' + gconv in plain and 'MALLOC_CHECK_=3' in plain and
          b'EVIL' in r_plain.stderr,
          'control: the variables reach the plain program and its child',
          f'{plain!r} {r_plain.stderr!r}')

    # 2. An attacker's gconv module through GCONV_PATH and iconv_open.
    genv = {'GCONV_PATH': gconv}
    results = {n: run(n, ['iconv'], genv) for n in progs}
    for n in ('myld', 'glibc'):
        r = results[n]
        check(r.returncode == 0 and b'EVIL' not in r.stderr and
              r.stdout == b'iconv_open: failed\n',
              f'GCONV_PATH module not run set-user-ID ({n})',
              f'{r.returncode} {r.stdout!r} {r.stderr!r}')
    r = results['plain']
    check(b'EVIL code ran' in r.stderr, 'control: GCONV_PATH module runs',
          f'{r.returncode} {r.stdout!r} {r.stderr!r}')

    # 3. LD_TRACE_LOADED_OBJECTS: nothing listed, exit status 5.
    tenv = {'LD_TRACE_LOADED_OBJECTS': '1'}
    rm, rg = run('myld', ['relro'], tenv), run('glibc', ['relro'], tenv)
    check((rm.returncode, rm.stdout, rm.stderr) ==
          (rg.returncode, rg.stdout, rg.stderr) == (5, b'', b''),
          'LD_TRACE_LOADED_OBJECTS set-user-ID: silent exit 5, as glibc',
          f'myld {rm.returncode} {rm.stdout!r} {rm.stderr!r} '
          f'glibc {rg.returncode} {rg.stdout!r}')
    r = run('plain', ['relro'], tenv)
    check(r.returncode == 0 and b'libc.so.6' in r.stdout,
          'control: LD_TRACE_LOADED_OBJECTS lists the libraries',
          f'{r.returncode} {r.stdout!r}')

    # 4. Closed standard descriptors, compared with glibc's.
    for redir, args in (('0<&- 2>&-', ['fds']),
                        ('1>&-', ['fds', 'stderr'])):
        rm, rg = run('myld', args, None, redir), run('glibc', args, None, redir)
        same = [re.sub(rb'pipe:\[\d+\]', b'pipe', o)
                for o in (rm.stdout + rm.stderr, rg.stdout + rg.stderr)]
        check(rm.returncode == rg.returncode == 0 and same[0] == same[1],
              f'closed fds ({redir}) reopened as glibc does',
              f'\nmyld  {rm.stdout!r} {rm.stderr!r}\nglibc {rg.stdout!r} {rg.stderr!r}')
    check(b'fd0: /dev/full w' in rm.stderr or b'fd0: /dev/full w' in
          run('myld', ['fds'], None, '0<&-').stdout,
          'fd 0 is /dev/full, write-only')

    # 5. Loader data read-only after start-up, secure or not.
    for n in progs:
        r = run(n, ['relro'])
        want = b'secure %d _rtld_global_ro 0 __libc_enable_secure 0\n' % (
            0 if n == 'plain' else 1)
        check(r.returncode == 0 and r.stdout == want,
              f'_rtld_global_ro and __libc_enable_secure read-only ({n})',
              f'{r.returncode} {r.stdout!r} {r.stderr!r}')

    # 6. Not secure mode: a preload that does not exist is ignored with
    # glibc's warning (its "ld.so" is "myld" here), the program runs.
    progs['glibc-plain'] = built
    missing = os.path.join(user, 'nonexistent', 'libmissing.so')
    menv = {'LD_PRELOAD': missing}
    rm, rg = run('plain', ['relro'], menv), run('glibc-plain', ['relro'], menv)
    check(rm.returncode == rg.returncode == 0 and rm.stdout == rg.stdout and
          rm.stderr == rg.stderr.replace(b'ld.so:', b'myld:') and
          b'cannot be preloaded' in rm.stderr,
          'missing LD_PRELOAD: warning as glibc\'s, the program runs',
          f'myld {rm.returncode} {rm.stderr!r} glibc {rg.returncode} '
          f'{rg.stderr!r}')
    rm = as_user(pw, [myld, '--preload', missing, built, 'relro'], {}, tmp)
    rg = as_user(pw, [GLIBC_LOADER, '--preload', missing, built, 'relro'],
                 {}, tmp)
    check(rm.returncode == rg.returncode == 0 and rm.stdout == rg.stdout and
          rm.stderr == rg.stderr.replace(b'ld.so:', b'myld:'),
          'missing --preload: warning as glibc\'s, the program runs',
          f'myld {rm.returncode} {rm.stderr!r} glibc {rg.returncode} '
          f'{rg.stderr!r}')

    # 8. The launch cache: never read nor written in secure mode.
    launch_cache(pw, tmp, progs['myld'], run)

    auditors(run, cc, tmp, user, libdir, cleanup)

    # 7. A plain-name preload from a trusted directory: refused without
    # the set-user-ID bit (with glibc's warning), loaded with it.
    if not libdir:
        print('SKIP trusted-directory preload: no default library directory')
        return
    dst = os.path.join(libdir, PRELOAD_NAME)
    cleanup.append(dst)
    penv = {'LD_PRELOAD': PRELOAD_NAME}
    install(evil_so, dst, 0o755)
    rm, rg = run('myld', ['relro'], penv), run('glibc', ['relro'], penv)
    warning = (f"ERROR: %s: object '{PRELOAD_NAME}' from LD_PRELOAD cannot "
               f"be preloaded (cannot open shared object file): ignored.\n")
    check(rm.returncode == 0 and rm.stderr == (warning % 'myld').encode() and
          rg.stderr == (warning % 'ld.so').encode(),
          'preload without the set-user-ID bit: refused with glibc\'s warning',
          f'myld {rm.stderr!r} glibc {rg.stderr!r}')
    os.chmod(dst, 0o4755)
    rm, rg = run('myld', ['relro'], penv), run('glibc', ['relro'], penv)
    check(rm.returncode == 0 and rm.stderr == rg.stderr ==
          b'EVIL code ran with euid 0\n',
          'preload with the set-user-ID bit: loaded, as glibc',
          f'myld {rm.stderr!r} glibc {rg.stderr!r}')
    os.remove(dst)


def auditors(run, cc, tmp, user, libdir, cleanup):
    """8. LD_AUDIT set-user-ID, against glibc: a name with a slash is
    ignored silently; a plain name is searched in the trusted
    directories only and must be a set-user-ID file (glibc's warning
    otherwise).  The control runs the auditor by its path."""
    src = os.path.join(tmp, 'auditor.c')
    with open(src, 'w') as f:
        f.write(AUDITOR_C)
    by_path = os.path.join(user, 'auditor.so')
    subprocess.run([cc, '-shared', '-fPIC', '-o', by_path, src], check=True)
    os.chmod(by_path, 0o755)
    used = b'AUDITOR in use\n'
    aenv = {'LD_AUDIT': by_path}
    rm, rg = run('myld', ['relro'], aenv), run('glibc', ['relro'], aenv)
    check(rm.returncode == rg.returncode == 0 and rm.stderr == rg.stderr
          == b'', 'LD_AUDIT with a slash: ignored silently, as glibc',
          f'myld {rm.returncode} {rm.stderr!r} glibc {rg.returncode} '
          f'{rg.stderr!r}')
    r = run('plain', ['relro'], aenv)
    check(r.returncode == 0 and r.stderr == used,
          'control: LD_AUDIT with a slash used without AT_SECURE',
          f'{r.returncode} {r.stderr!r}')
    if not libdir:
        print('SKIP trusted-directory auditor: no default library directory')
        return
    dst = os.path.join(libdir, AUDITOR_NAME)
    cleanup.append(dst)
    install(by_path, dst, 0o755)
    aenv = {'LD_AUDIT': AUDITOR_NAME}
    rm, rg = run('myld', ['relro'], aenv), run('glibc', ['relro'], aenv)
    check(rm.returncode == rg.returncode == 0 and rm.stderr ==
          rg.stderr.replace(b'ld.so:', b'myld:') and
          b'cannot be loaded as audit interface' in rm.stderr,
          'LD_AUDIT plain name without the set-user-ID bit: refused with '
          'glibc\'s warning',
          f'myld {rm.stderr!r} glibc {rg.stderr!r}')
    os.chmod(dst, 0o4755)
    rm, rg = run('myld', ['relro'], aenv), run('glibc', ['relro'], aenv)
    check(rm.returncode == rg.returncode == 0 and rm.stderr == rg.stderr ==
          used, 'LD_AUDIT plain name with the set-user-ID bit: used, as '
          'glibc', f'myld {rm.stderr!r} glibc {rg.stderr!r}')
    os.remove(dst)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--myld', required=True)
    ap.add_argument('--hello', required=True)
    ap.add_argument('--lib', required=True)
    ap.add_argument('--fdcheck', required=True)
    opts = ap.parse_args()

    if os.geteuid() != 0:
        print('SKIP: needs root to create setuid-root files and a user')
        return 77
    for tool in ('setpriv', 'patchelf', 'findmnt'):
        if not shutil.which(tool):
            print(f'SKIP: {tool} not found')
            return 77
    pw = ensure_user()
    base = pick_base([os.path.dirname(os.path.abspath(opts.myld)),
                      '/var/tmp', '/tmp'])
    if base is None:
        print('SKIP: no directory that is not nosuid and that the user can reach')
        return 77

    tmp = tempfile.mkdtemp(prefix='myld-secure-', dir=base)
    preload_dst = None
    cleanup = []
    try:
        os.chmod(tmp, 0o755)
        myld = os.path.join(tmp, 'myld')
        install(opts.myld, myld, 0o755)
        trusted = os.path.join(tmp, 'trusted')
        os.mkdir(trusted, 0o755)
        install(opts.lib, os.path.join(trusted, 'libhello_lib.so'), 0o755)
        # Everything the user controls.
        user = os.path.join(tmp, 'user')
        evil = os.path.join(user, 'evil')
        out = os.path.join(user, 'out')
        for d in (user, evil, out):
            os.mkdir(d)
            os.chown(d, pw.pw_uid, pw.pw_gid)
            os.chmod(d, 0o755)
        evil_lib = os.path.join(evil, 'libhello_lib.so')
        install(opts.lib, evil_lib, 0o755, pw, (GOOD, EVIL))
        bindir = os.path.join(tmp, 'bin')
        os.mkdir(bindir, 0o755)

        # PROG: RUNPATH the trusted directory; PROG-origin: $ORIGIN first.
        # Each as a setuid-root copy and a plain one (the control).
        progs = {}
        for name, runpath in (('hello', trusted),
                              ('hello-origin', '$ORIGIN/../user/evil:' + trusted),
                              ('hello-empty', ':' + trusted),
                              ('fdcheck', None)):
            src = opts.fdcheck if name == 'fdcheck' else opts.hello
            for suid in (True, False):
                p = os.path.join(bindir, name + ('' if suid else '-plain'))
                install(src, p, 0o755)
                patchelf('--set-interpreter', myld, p)
                if runpath:
                    patchelf('--set-rpath', runpath, p)
                os.chown(p, 0, 0)
                os.chmod(p, 0o4755 if suid else 0o755)
                progs[(name, suid)] = p

        def run(name, suid, env=None, shell_redir=None):
            cmd = [progs[(name, suid)]]
            if shell_redir:
                cmd = ['sh', '-c', f'exec "$0" {shell_redir}', cmd[0]]
            return as_user(pw, cmd, env or {}, tmp)

        # Is the setuid bit honoured here at all?
        r = run('fdcheck', True)
        if b'secure: 1' not in r.stdout:
            print(f'SKIP: the setuid copy does not get AT_SECURE here: {r.stdout!r} {r.stderr!r}')
            return 77
        r = run('fdcheck', False)
        check(b'secure: 0' in r.stdout, 'control copy runs without AT_SECURE',
              repr(r.stdout))

        # Baseline: the setuid program loads its library from RUNPATH.
        r = run('hello', True)
        check(r.returncode == 7 and GOOD in r.stdout and not r.stderr,
              'setuid hello runs', f'{r.returncode} {r.stdout!r} {r.stderr!r}')

        def pair(what, name, env, resisted, affected):
            for f in os.listdir(out):
                os.remove(os.path.join(out, f))
            r = run(name, True, env)
            check(resisted(r), f'{what}: ignored in secure mode',
                  f'status {r.returncode} out {r.stdout!r} err {r.stderr!r}')
            for f in os.listdir(out):
                os.remove(os.path.join(out, f))
            r = run(name, False, env)
            check(affected(r), f'{what}: honoured without AT_SECURE (control)',
                  f'status {r.returncode} out {r.stdout!r} err {r.stderr!r}')

        good = lambda r: r.returncode == 7 and GOOD in r.stdout and EVIL not in r.stdout
        bad = lambda r: EVIL in r.stdout

        pair('LD_LIBRARY_PATH', 'hello', {'LD_LIBRARY_PATH': evil}, good, bad)
        pair('$ORIGIN in DT_RUNPATH', 'hello-origin', {}, good, bad)
        pair('LD_PRELOAD with a slash', 'hello', {'LD_PRELOAD': evil_lib},
             good, bad)
        # An empty DT_RUNPATH element is the current directory: run from
        # the user's, the setuid copy skips it.  (glibc 2.36 searches it
        # even in secure mode: myld is stricter here, on purpose.)
        for suid, want, what in ((True, good, 'ignored in secure mode'),
                                 (False, bad, 'honoured without AT_SECURE '
                                              '(control)')):
            r = as_user(pw, [progs[('hello-empty', suid)]], {}, evil)
            check(want(r), f'empty DT_RUNPATH element: {what}',
                  f'status {r.returncode} out {r.stdout!r} err {r.stderr!r}')
        # A plain name that only LD_LIBRARY_PATH would find: not trusted.
        pair('LD_PRELOAD plain name outside the trusted directories',
             'hello', {'LD_PRELOAD': 'libhello_lib.so',
                       'LD_LIBRARY_PATH': evil},
             lambda r: EVIL not in r.stdout and r.returncode >= 0,
             bad)
        pair('LD_DEBUG', 'hello', {'LD_DEBUG': 'all'},
             lambda r: good(r) and not r.stderr,
             lambda r: r.returncode == 7 and r.stderr)
        dbg = os.path.join(out, 'dbg')
        pair('LD_DEBUG_OUTPUT', 'hello',
             {'LD_DEBUG': 'libs', 'LD_DEBUG_OUTPUT': dbg},
             lambda r: good(r) and not r.stderr and not os.listdir(out),
             lambda r: r.returncode == 7 and os.listdir(out))

        # A plain name found in a default (trusted) directory is allowed.
        multiarch = {'x86_64': 'x86_64-linux-gnu',
                     'aarch64': 'aarch64-linux-gnu'}.get(platform.machine())
        libdir = f'/usr/lib/{multiarch}' if multiarch else None
        if libdir and not os.path.isdir(libdir):
            libdir = None
        if libdir and os.path.isdir(libdir):
            preload_dst = os.path.join(libdir, PRELOAD_NAME)
            # glibc's rule: only a set-user-ID library is preloaded.
            install(opts.lib, preload_dst, 0o4755, None, (GOOD, EVIL))
            r = run('hello', True, {'LD_PRELOAD': PRELOAD_NAME})
            check(r.returncode == 7 and EVIL in r.stdout,
                  'LD_PRELOAD plain name in a trusted directory: allowed',
                  f'status {r.returncode} out {r.stdout!r} err {r.stderr!r}')
        else:
            print('SKIP LD_PRELOAD allowed case: no default library directory')

        # Closed standard descriptors: fd 0 /dev/full, fd 2 /dev/null.
        r = run('fdcheck', True, shell_redir='0<&- 2>&-')
        check(r.returncode == 0 and b'fd0: /dev/full' in r.stdout and
              b'fd2: /dev/null' in r.stdout,
              'closed fds 0 and 2 are /dev/full and /dev/null in secure mode',
              f'{r.returncode} {r.stdout!r}')
        r = run('fdcheck', False, shell_redir='0<&- 2>&-')
        check(b'fd0: closed' in r.stdout and b'fd2: closed' in r.stdout,
              'closed fds stay closed without AT_SECURE (control)',
              f'{r.returncode} {r.stdout!r}')
        r = run('fdcheck', True, shell_redir='>&- 2>/dev/null')
        check(r.returncode >= 0, 'closed fd 1 in secure mode: no crash',
              f'{r.returncode}')

        cleanup.append(preload_dst)
        glibc_programs(pw, tmp, myld, user, libdir, cleanup)
    finally:
        for f in cleanup:
            if f and os.path.exists(f):
                os.remove(f)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
