#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Programs without PT_INTERP and DT_NEEDED run as a command: a static
program and a static-pie.  Neither needs a loader, and a static-pie
relocates itself, so myld hands them to the kernel with execve, as
glibc's loader does (since glibc 2.35): they start exactly as if run
directly, AT_BASE 0 and /proc/self/exe included, and --argv0 still sets
argv[0].  The references are running them directly and running them with
glibc's loader as a command.  Then musl's libc.so, which is such a
program too (run directly, it is musl's loader: with --version it prints
its usage), when musl is installed.

usage: check_static.py MYLD"""
import os
import re
import subprocess
import sys
import tempfile

from timeouts import scaled

SOURCE = r'''
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	exe[n > 0 ? n : 0] = 0;
	printf("static program, argc %d, argv[0] %s, argv[1] %s, AT_BASE %lu, "
	       "exe %s\n", argc, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1
	       : argv[0], argv[1], getauxval(AT_BASE),
	       strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe);
	return 5;
}
'''

MUSL_LIBC = '/usr/lib/x86_64-linux-musl/libc.so'
GLIBC_LOADER = '/lib64/ld-linux-x86-64.so.2'


def main():
    myld = sys.argv[1]
    failures, checks = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 's.c')
        with open(src, 'w') as f:
            f.write(SOURCE)
        runs = []
        for kind in ('-static', '-static-pie'):
            prog = os.path.join(tmp, 'prog' + kind)
            subprocess.run(['cc', kind, '-o', prog, src], check=True)
            runs.append((kind, [prog, 'x']))
        if os.path.exists(MUSL_LIBC):
            runs.append(("musl's libc.so", [MUSL_LIBC, '--version']))
        else:
            print(f'not run: {MUSL_LIBC} is not installed')
        for what, cmd in runs:
            # --argv0 as glibc's loader has it; run directly, the same
            # argv[0] comes from execve's own argument.
            for argv0 in (None, 'renamed'):
                if argv0 and not what.startswith('-'):
                    continue
                opt = ['--argv0', argv0] if argv0 else []
                direct = subprocess.run([argv0 or cmd[0]] + cmd[1:],
                                        executable=cmd[0],
                                        capture_output=True, text=True,
                                        timeout=scaled(30))
                label = what + (' --argv0' if argv0 else '')
                if what.startswith('-') and \
                        (direct.returncode, direct.stderr) != (5, ''):
                    failures.append(f'{label}: the reference run itself '
                                    f'failed: {direct.returncode} '
                                    f'{direct.stderr!r}')
                    continue
                for loader in (GLIBC_LOADER, myld):
                    got = subprocess.run([loader] + opt + cmd,
                                         capture_output=True, text=True,
                                         timeout=scaled(30))
                    checks += 1
                    if (got.returncode, got.stdout, got.stderr) != \
                            (direct.returncode, direct.stdout, direct.stderr):
                        failures.append(
                            f'{label}: {loader} gave {got.returncode} '
                            f'{got.stdout!r} {got.stderr!r}, directly '
                            f'{direct.returncode} {direct.stdout!r} '
                            f'{direct.stderr!r}')
        # No PT_INTERP but DT_NEEDED: dynamically linked all the same, as
        # glibc's loader has it (run directly, the kernel jumps to its
        # entry unrelocated, and it crashes, so glibc's loader is the
        # only reference).
        prog = os.path.join(tmp, 'needs-libc')
        subprocess.run(['cc', '-pie', '-Wl,--no-dynamic-linker', '-o', prog,
                        src], check=True)
        want = subprocess.run([GLIBC_LOADER, prog, 'y'], capture_output=True,
                              text=True, timeout=scaled(30))
        got = subprocess.run([myld, prog, 'y'], capture_output=True,
                             text=True, timeout=scaled(30))
        checks += 1
        # Where the two differ on purpose: /proc/self/exe is each loader,
        # and in command mode myld's AT_BASE names myld (docs/pipeline.md,
        # stage 3), where glibc's loader leaves the kernel's 0.
        def same(out):
            out = re.sub(r'AT_BASE \d+', 'AT_BASE N', out)
            return re.sub(r'exe (myld|ld-linux-x86-64\.so\.2)$',
                          'exe LOADER', out, flags=re.M)
        if want.returncode != 5 or 'needs-libc, argv[1] y' not in want.stdout:
            failures.append(f'DT_NEEDED without PT_INTERP: the reference '
                            f'run failed: {want.returncode} {want.stdout!r}')
        elif (got.returncode, same(got.stdout), got.stderr) != \
                (want.returncode, same(want.stdout), want.stderr):
            failures.append(f'DT_NEEDED without PT_INTERP: myld gave '
                            f'{got.returncode} {got.stdout!r} '
                            f'{got.stderr!r}, glibc\'s loader '
                            f'{want.returncode} {want.stdout!r}')
    for f in failures:
        print('FAIL:', f)
    print(f'{checks - len(failures)} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
