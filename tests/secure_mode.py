#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Secure mode, tested for real: setuid-root copies of testbins run by an
unprivileged user.

When the kernel sets AT_SECURE (here: a setuid-root program run by another
user), myld must ignore LD_LIBRARY_PATH, LD_DEBUG, LD_DEBUG_OUTPUT and
$ORIGIN, accept in LD_PRELOAD only names without a slash found in the
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
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled

USER = 'myldtest'
GOOD = b'hello from the library'
EVIL = b'EVILX from the library'     # same length: a byte patch
PRELOAD_NAME = 'libmyld-secure-test-preload.so'
TIMEOUT = scaled(10)

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
        if libdir and os.path.isdir(libdir):
            preload_dst = os.path.join(libdir, PRELOAD_NAME)
            install(opts.lib, preload_dst, 0o755, None, (GOOD, EVIL))
            r = run('hello', True, {'LD_PRELOAD': PRELOAD_NAME})
            check(r.returncode == 7 and EVIL in r.stdout,
                  'LD_PRELOAD plain name in a trusted directory: allowed',
                  f'status {r.returncode} out {r.stdout!r} err {r.stderr!r}')
        else:
            print('SKIP LD_PRELOAD allowed case: no default library directory')

        # Closed standard descriptors become /dev/null.
        r = run('fdcheck', True, shell_redir='0<&- 2>&-')
        check(r.returncode == 0 and b'fd0: /dev/null' in r.stdout and
              b'fd2: /dev/null' in r.stdout,
              'closed fds 0 and 2 are /dev/null in secure mode',
              f'{r.returncode} {r.stdout!r}')
        r = run('fdcheck', False, shell_redir='0<&- 2>&-')
        check(b'fd0: closed' in r.stdout and b'fd2: closed' in r.stdout,
              'closed fds stay closed without AT_SECURE (control)',
              f'{r.returncode} {r.stdout!r}')
        r = run('fdcheck', True, shell_redir='>&- 2>/dev/null')
        check(r.returncode >= 0, 'closed fd 1 in secure mode: no crash',
              f'{r.returncode}')
    finally:
        if preload_dst and os.path.exists(preload_dst):
            os.remove(preload_dst)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
