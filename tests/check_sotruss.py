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

usage: check_sotruss.py MYLD SYSTEM_LOADER
"""
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


def main():
    myld, system_loader = os.path.abspath(sys.argv[1]), sys.argv[2]
    loader = os.path.realpath(system_loader)
    sotruss = shutil.which('sotruss')
    if not sotruss:
        print('SKIP: sotruss is not installed (package libc-dev-bin)')
        return SKIP
    machine = subprocess.run(['file', '-L', myld], stdout=subprocess.PIPE)
    if b'x86-64' not in machine.stdout:
        print('SKIP: la_pltenter is implemented on x86_64 only, and the '
              'system\'s sotruss auditor is x86_64 (docs/audit.md)')
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
    cases = [([], c) for c in cases] + \
        [(['-e'], c) for c in cases[:3]]
    ok = True
    for opts, case in cases:
        cmd = [sotruss] + opts + ['--'] + case
        ref_rc, ref = run(cmd)
        got_rc, got = run(in_namespace(myld, loader, cmd))
        ref, got = mask(ref), mask(got)
        label = ' '.join(opts + case)
        if ref.count('\n') < 2 and case[0] != '/bin/false':
            print(f'FAIL {label}: the reference traced nothing:\n{ref}')
            ok = False
        elif (ref_rc, ref) != (got_rc, got):
            print(f'FAIL {label}: status {ref_rc} vs {got_rc}')
            diff = list(difflib.unified_diff(
                ref.splitlines(), got.splitlines(), 'glibc', 'myld',
                lineterm=''))
            print('\n'.join(diff[:40]))
            ok = False
        else:
            print(f'ok   {label}: {ref.count(chr(10))} lines, status {ref_rc}')
    shutil.rmtree(work, ignore_errors=True)
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
