#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sotruss (glibc's rtld-audit tracer, libc-dev-bin) under myld and under
glibc's loader: the same trace for several system programs, with and
without -e (la_pltexit: the return values).

myld is bound over the system loader in a private mount namespace, as a
user would try it (issue 17):

    unshare -m --propagation private sh -c \\
        'mount --bind MYLD SYSTEM_LOADER && exec sotruss -- PROG ARGS'

so that sotruss's shell and the traced program are both loaded by myld.
The reference is the same sotruss command run normally.  Hexadecimal
numbers (sotruss prints the first three integer argument registers, most
of them addresses, which ASLR changes from run to run) and pids are
masked; everything else must be equal, exit status included.

SKIP (status 77, with the reason) where sotruss is missing, the
programs are not this CPU's, or unshare/mount is not permitted.

For a foreign CPU (an aarch64 myld on an x86_64 host; --wrapper and
--foreign-root given), what sotruss does is done by hand: the foreign
root (tests/foreign_root.py) holds that CPU's programs and sotruss's
auditor, sotruss-lib.so, which both loaders get through LD_AUDIT under
qemu (SOTRUSS_EXIT=1 for -e), myld and the system loader each run as a
command.  SKIP when the foreign root could not be fetched.

usage: check_sotruss.py MYLD SYSTEM_LOADER [--wrapper W --foreign-root STAMP]
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
TIMEOUT = 120


def mask(text):
    text = re.sub(r'0x[0-9a-f]+', '0x#', text)
    return re.sub(r'(?m)^ *[0-9]+: ?', 'PID: ', text)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=TIMEOUT)
    return p.returncode, p.stdout.decode('utf-8', 'replace')


def in_namespace(myld, loader, cmd):
    return ['unshare', '-m', '--propagation', 'private', 'sh', '-c',
            'mount --bind "$0" "$1" && shift && exec "$@"',
            myld, loader] + cmd


def compare(label, ref_rc, ref, got_rc, got):
    """Prints the verdict on one case; returns whether the traces match."""
    ref, got = mask(ref), mask(got)
    if ref.count('\n') < 2 and 'false' not in label:
        print(f'FAIL {label}: the reference traced nothing:\n{ref}')
        return False
    if (ref_rc, ref) != (got_rc, got):
        print(f'FAIL {label}: status {ref_rc} vs {got_rc}')
        diff = list(difflib.unified_diff(
            ref.splitlines(), got.splitlines(), 'glibc', 'myld',
            lineterm=''))
        print('\n'.join(diff[:40]))
        return False
    print(f'ok   {label}: {ref.count(chr(10))} lines, status {ref_rc}')
    return True


def foreign(myld, loader, wrapper, stamp):
    """The foreign CPU's programs and sotruss-lib.so, under qemu."""
    try:
        with open(stamp) as f:
            status, root = f.readline().strip(), f.readline().strip()
    except OSError as e:
        print(f'SKIP: {stamp}: {e.strerror} (tests/foreign_root.py did '
              'not run)')
        return SKIP
    if status != 'ok':
        print(f'SKIP: the foreign programs could not be fetched: {status}')
        return SKIP
    machine = subprocess.run(['file', '-L', myld], stdout=subprocess.PIPE)
    triplet = 'aarch64-linux-gnu' if b'aarch64' in machine.stdout \
        else 'x86_64-linux-gnu'
    auditor = os.path.join(root, 'usr/lib', triplet, 'audit',
                           'sotruss-lib.so')
    if not os.path.exists(auditor):
        print(f'FAIL: {auditor} is not in the foreign root (package '
              'libc6-dev)')
        return 1
    libpath = ':'.join(os.path.join(root, d, triplet)
                       for d in ('lib', 'usr/lib'))
    work = tempfile.mkdtemp(prefix='sotruss.')
    lines = os.path.join(work, 'lines')
    with open(lines, 'w') as f:
        f.write('pear\napple\nfig\n')
    cases = [['bin/echo', 'hi'], ['usr/bin/sort', lines],
             ['bin/ls', '-d', '/'], ['usr/bin/sha256sum', lines],
             ['bin/cat', lines], ['bin/false']]
    cases = [([], c) for c in cases] + [(['-e'], c) for c in cases[:3]] + \
        [(['LD_BIND_NOW=1'], c) for c in cases[:2]]
    # The host's LD_* variables would reach the guest through qemu.
    env = {k: v for k, v in os.environ.items() if not k.startswith('LD_')}
    ok = True
    for opts, (prog, *args) in cases:
        guest_env = ['-E', f'LD_AUDIT={auditor}']
        if '-e' in opts:
            guest_env += ['-E', 'SOTRUSS_EXIT=1']
        if 'LD_BIND_NOW=1' in opts:
            guest_env += ['-E', 'LD_BIND_NOW=1']
        results = []
        for ld in (loader, myld):
            cmd = wrapper.split() + guest_env + \
                [ld, '--library-path', libpath, os.path.join(root, prog)] + \
                args
            p = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env,
                               timeout=TIMEOUT)
            results.append((p.returncode,
                            p.stdout.decode('utf-8', 'replace')))
        label = ' '.join(opts + [prog] + args)
        ok &= compare(label, *results[0], *results[1])
    shutil.rmtree(work, ignore_errors=True)
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('myld')
    ap.add_argument('system_loader')
    ap.add_argument('--wrapper')
    ap.add_argument('--foreign-root')
    a = ap.parse_args()
    myld, system_loader = os.path.abspath(a.myld), a.system_loader
    if a.wrapper and a.foreign_root:
        return foreign(myld, system_loader, a.wrapper, a.foreign_root)
    loader = os.path.realpath(system_loader)
    sotruss = shutil.which('sotruss')
    if not sotruss:
        print('SKIP: sotruss is not installed (package libc-dev-bin)')
        return SKIP
    machine = subprocess.run(['file', '-L', myld], stdout=subprocess.PIPE)
    if b'x86-64' not in machine.stdout:
        print('SKIP: myld is not this machine\'s CPU, and no foreign root '
              'was given (--wrapper, --foreign-root)')
        return SKIP
    rc, out = run(in_namespace(myld, loader, ['/bin/true']))
    if rc != 0:
        print(f'SKIP: cannot bind myld over {loader} in a private mount '
              f'namespace (unshare/mount not permitted?): {out.strip()}')
        return SKIP
    # The system's loader there is myld: it answers --version as myld.
    rc, out = run(in_namespace(myld, loader, [loader, '--version']))
    if rc != 0 or not out.startswith('myld '):
        print(f'FAIL: {loader} is not myld in the namespace: {out!r}')
        return 1

    work = tempfile.mkdtemp(prefix='sotruss.')
    lines = os.path.join(work, 'lines')
    with open(lines, 'w') as f:
        f.write('pear\napple\nfig\n')
    cases = [['/bin/echo', 'hi'], ['/usr/bin/sort', lines],
             ['/bin/ls', '-d', '/'], ['/usr/bin/sha256sum', lines],
             ['/bin/cat', lines], ['/bin/false']]
    # -e: la_pltexit too (sotruss asks for it through la_pltenter's
    # frame size), with the return values.
    # LD_BIND_NOW: every slot is bound at relocation and reported by
    # la_symbind64 with LA_SYMB_NOPLTENTER, so sotruss says "cannot trace
    # PLT enter (bind-now enabled)" for each.
    cases = [([], c) for c in cases] + \
        [(['-e'], c) for c in cases[:3]] + \
        [(['LD_BIND_NOW=1'], c) for c in cases[:2]]
    ok = True
    for opts, case in cases:
        if opts == ['LD_BIND_NOW=1']:
            cmd = ['env', 'LD_BIND_NOW=1', sotruss, '--'] + case
        else:
            cmd = [sotruss] + opts + ['--'] + case
        ref_rc, ref = run(cmd)
        got_rc, got = run(in_namespace(myld, loader, cmd))
        ok &= compare(' '.join(opts + case), ref_rc, ref, got_rc, got)
    shutil.rmtree(work, ignore_errors=True)
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
