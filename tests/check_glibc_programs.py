#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Acceptance tests of issue 8: unmodified glibc programs under myld.

    check_glibc_programs.py --case NAME --myld MYLD --enabled 0|1
        [--reason TEXT] --build-dir DIR --work DIR [--cxx 0|1]
        [--source-root DIR] [--gdb GDB] [--system-loader LD_SO]
        [--wrapper 'qemu-aarch64 -L /' [--wrapper-env-opt -E]]
        [--run-timeout SECONDS]
        [--variant NAME:PATH]... [--skip-variant NAME:REASON]...

One case per invocation (tests/meson.build registers glibc/NAME for each,
suite 'glibc').  With --enabled 0 (myld was built without the glibc
personality) every case prints "SKIP: <reason>" and exits 77.

Program cases: each runs in two modes, and each run must equal a normal
run of the same program byte for byte: stdout, stderr and exit status.

  command   MYLD PROG ARGS, against PROG ARGS.  System programs by their
            real paths (/bin/ls), the testbins by their build paths.
  patchelf  a copy of PROG (and the libraries next to it) whose PT_INTERP
            is rewritten to MYLD with patchelf, run as ./NAME ARGS in its
            own directory, against a second copy patched the same way with
            the system loader, run the same way.  Copying changes the
            program's path, so the normal run of the original would not be
            a fair reference; the reference copy differs from the tested
            one only in PT_INTERP.

  true false echo ls sort sha256sum grep iconv python3   system programs
  hello threads dlopen cxx services tls_dlopen tlsdesc deepbind dlinfo
  dlmopen dlmopen_stress
                       testbins/glibc/ (built by Meson)
  cpu_features         testbins/glibc/ too, but its output describes the
                       machine: no expected file, the normal run is the
                       only reference

Before comparing, the normal run itself is checked: its exit status, an
empty stderr and, for the testbins, the stdout in
testbins/glibc/expected/.  If that fails the TEST is wrong, not myld.

Where glibc's loader is known to be wrong (KNOWN_REFERENCE_BUGS: tlsdesc
on x86_64, glibc bug 31372, in glibc up to 2.39), the reference run may
differ from the expected file on the lines the bug affects, and only
there (and exit 1, the program's "a check failed"); the report says so.
The loader under test is then compared with the expected file, which
states the right output, not with the reference run.

Cases made of several program runs, each compared as above:

  toolchains  hello.c built by other toolchains and with other flags
            (TOOLCHAIN_VARIANTS; testbins/glibc/meson.build builds them
            and passes --variant NAME:PATH, or --skip-variant NAME:REASON
            for one this machine cannot build).  Each variant is first
            checked to be what it claims (readelf: linker, ELF type,
            flags), then run in both modes; static-pie in command mode
            only, as it has no PT_INTERP.
  env       envmain, which finds libenvlib.so only through the search
            path (ENV_SCENARIOS): LD_LIBRARY_PATH (the first directory
            that has it wins), LD_PRELOAD by path and by name (its
            env_whoami() interposes on libenvlib.so's, for the program
            and for the library, and reaches the hidden one through
            dlsym(RTLD_NEXT)), in both modes; then myld's --library-path
            and --preload, in command mode only, against the same options
            of the system loader (run as a command too).

Other checks, each first made against the system loader (the reference),
then against MYLD:

  ld_debug  LD_DEBUG=libs on hello, in both modes: stdout and status as in
            a normal run, stderr has pid-prefixed lines naming libc.so.6.
            Run as a command, LD_DEBUG=scopes:bindings names the loader by
            the file that ran (resolved), in the scope and the bindings,
            not by hello's PT_INTERP.
  list      MYLD --list PROG names the same libraries (soname and path) as
            the system loader's --list, for /bin/ls and cxx_main; the vDSO
            and the loader's own line are ignored, addresses too.
  gdb       tests/gdb/run_gdb.py with testbins/glibc/hello.gdb on a copy of
            hello patched to use MYLD: break main, run, info sharedlibrary
            lists the loader and libc.so.6 as loaded ("Yes"); expectations
            in testbins/glibc/hello.expect.

(musl programs, which myld must refuse, are covered by the 'refusals' test.)

The harness itself is validated by pointing --myld at the system loader,
with --enabled 1: every case must pass then.

Foreign programs (the aarch64 cross build, on an x86_64 machine): with
--wrapper (e.g. "qemu-aarch64 -L /") EVERY run, the reference and myld's,
in every mode, is prefixed with the wrapper: "qemu-aarch64 -L / MYLD
PROG" against "qemu-aarch64 -L / PROG", "qemu-aarch64 -L / ./COPY" for
both patchelf copies, "qemu-aarch64 -L / LD_SO --list PROG" and so on.
--system-loader names the reference loader (the PT_INTERP of the
reference copies, the loader run for --list and --library-path); for
aarch64, /lib/ld-linux-aarch64.so.1, which -L / serves from the host's
multiarch glibc (libc6:arm64), the glibc myld was generated for.  With
--wrapper-env-opt (qemu: -E) the variables the harness sets for a run
(LD_LIBRARY_PATH, LD_PRELOAD, LD_DEBUG...) go to the program through the
wrapper ("-E NAME=VALUE"), not into the wrapper's own environment, where
the host's loader of a dynamically linked qemu would act on them.

A system program whose machine is not myld's (there are no aarch64
coreutils, grep, iconv, python3 or perl on an x86_64 Debian: a program's
package is installed for one architecture only) is taken from the
foreign root instead, Debian's packages of myld's CPU unpacked by
tests/foreign_root.py (--foreign-root names its stamp): ROOT/bin/ls for
/bin/ls, every run of the case with LD_LIBRARY_PATH into ROOT (and
PERL5LIB for perl, see foreign_program_env); if the download failed, the
case is skipped with the stamp's reason.  'list' lists the root's ls
likewise (hello, without the root), and 'gdb' debugs through qemu's gdb stub (tests/gdb/run_gdb.py --qemu, with
testbins/glibc/hello-qemu.gdb and .expect; --gdb gdb-multiarch).  An
expected file NAME-<cpu>.out (services-aarch64.out) replaces NAME.out
for programs of that CPU.

Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""

import argparse
import difflib
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from timeouts import scale, scaled

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99

HERE = os.path.dirname(os.path.abspath(__file__))

PROGRAM_CASES = ['true', 'false', 'echo', 'ls', 'sort', 'sha256sum', 'grep',
                 'iconv', 'hello', 'threads', 'dlopen', 'cxx', 'python3',
                 'services', 'cpu_features', 'tls_dlopen', 'perl',
                 'tunables', 'lifetime', 'lifetime_many', 'lifetime_memory',
                 'tlsdesc', 'deepbind', 'audit', 'audit_now', 'audit_bindnow', 'audit_two', 'audit_many', 'audit_tag',
                 'audit_depaudit', 'dlinfo', 'dlmopen', 'dlmopen_stress', 'dlopen_exe',
                 'fini_dlopen', 'weak_tls']
OTHER_CASES = ['toolchains', 'env', 'ld_debug', 'list', 'gdb', 'gdb_dlmopen',
               'gdb_audit', 'audit_limit', 'audit_nolibc', 'audit_ld_debug',
               'audit_list',
               'valgrind']
ALL_CASES = PROGRAM_CASES + OTHER_CASES

# Per-run timeout, seconds: a hanging run in each mode still fits in the
# 60 s Meson gives a case, so the report says which run hung
# (--run-timeout, for a slower wrapper such as qemu).
RUN_TIMEOUT = 20

# Set by main() from --wrapper and --wrapper-env-opt: run() applies them
# to every program run.
WRAPPER = []
WRAPPER_ENV_OPT = ''

# e_machine values of the CPUs myld supports.
MACHINES = {62: 'x86_64', 183: 'aarch64'}


class Skip(Exception):
    """The case cannot run here; the message says why."""


class TestError(Exception):
    """The reference run failed: the test, not myld, is wrong."""


# --------------------------------------------------------------------------
# Running things


def base_env():
    """The environment of every run, the same for the reference and myld.

    Loader variables are removed (the harness sets the ones a check needs),
    and the locale is fixed, so that sort's order and ls's dates do not
    depend on the machine.  C.UTF-8 (glibc 2.35+, Debian's libc-bin ships
    it) also makes every program load locale data, which is libc's job
    but goes through files the loader must not disturb."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('LD_', 'MYLD_', 'LC_'))
           and k not in ('LANG', 'LANGUAGE')}
    env['LC_ALL'] = 'C.UTF-8'
    return env


class Result:
    def __init__(self, cmd, cwd, status, out, err):
        self.cmd, self.cwd = cmd, cwd
        self.status, self.out, self.err = status, out, err

    def same(self, other):
        return (self.status, self.out, self.err) == \
            (other.status, other.out, other.err)

    def describe(self):
        return f'cd {shlex.quote(self.cwd)} && ' + \
            ' '.join(map(shlex.quote, self.cmd))


def wrapped(cmd, env):
    """CMD and ENV as run under WRAPPER.  The variables the harness added
    to base_env() go to the program as WRAPPER_ENV_OPT NAME=VALUE if the
    wrapper has such an option."""
    if not WRAPPER:
        return cmd, env
    if not WRAPPER_ENV_OPT:
        return WRAPPER + cmd, env
    base = base_env()
    extra = {k: v for k, v in env.items() if base.get(k) != v}
    opts = []
    for key, value in sorted(extra.items()):
        # qemu's -E takes a comma-separated list.
        if ',' in value and WRAPPER_ENV_OPT == '-E':
            raise TestError(f'cannot pass {key}={value!r} through qemu -E: '
                            'it has a comma')
        opts += [WRAPPER_ENV_OPT, f'{key}={value}']
    return WRAPPER + opts + cmd, \
        {k: v for k, v in env.items() if k not in extra}


def run(cmd, cwd, env, timeout=None):
    """Runs CMD (under the wrapper, if any); returns a Result with stdout
    and stderr as bytes.  A timeout or an exec failure becomes a status
    the comparison shows."""
    timeout = timeout or RUN_TIMEOUT
    cmd, env = wrapped(cmd, env)
    # Show the variables the harness set (LC_ALL, LD_DEBUG, ...), so the
    # line can be pasted into a shell to reproduce the run.
    assigns = [f'{k}={shlex.quote(v)}' for k, v in sorted(env.items())
               if os.environ.get(k) != v]
    print('+ cd', shlex.quote(cwd), '&&', ' '.join(
        assigns + [shlex.quote(c) for c in cmd]))
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        return Result(cmd, cwd, p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired as e:
        return Result(cmd, cwd, f'timed out after {timeout}s',
                      e.stdout or b'', e.stderr or b'')
    except OSError as e:
        # E.g. ENOENT when the kernel cannot find PT_INTERP.
        return Result(cmd, cwd, f'cannot execute: {e}', b'', b'')


def status_text(status):
    if isinstance(status, int) and status < 0:
        return f'killed by signal {-status}'
    return str(status)


def text(data):
    return data.decode('utf-8', 'backslashreplace')


def show_stream(name, want, got):
    """Prints how stream NAME differs: a unified diff of text, or the
    first differing offset with hex context for binary data."""
    try:
        want_t, got_t = want.decode('utf-8'), got.decode('utf-8')
    except UnicodeDecodeError:
        n = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b),
                 min(len(want), len(got)))
        start = max(0, n - 16)
        print(f'{name} differs (binary): {len(want)} bytes expected, '
              f'{len(got)} got, first difference at offset {n}')
        print(f'  expected [{start}:]: {want[start:n + 32].hex(" ")}')
        print(f'  got      [{start}:]: {got[start:n + 32].hex(" ")}')
        return
    diff = list(difflib.unified_diff(
        want_t.splitlines(keepends=True), got_t.splitlines(keepends=True),
        f'expected {name}', f'got {name}'))
    print(f'{name} differs:')
    for line in diff[:300]:
        sys.stdout.write(line if line.endswith('\n') else line + '\n')
    if len(diff) > 300:
        print(f'... ({len(diff) - 300} more diff lines)')


def compare(label, ref, got):
    """Compares a run under the loader under test with its reference run;
    prints a readable account.  Returns True if they are identical."""
    if ref.same(got):
        print(f'{label}: PASS')
        return True
    print(f'{label}: FAIL: differs from the normal run')
    print(f'  expected (normal run): {ref.describe()}')
    print(f'  got:                   {got.describe()}')
    print(f'  exit status: expected {status_text(ref.status)}, '
          f'got {status_text(got.status)}')
    if ref.out != got.out:
        show_stream('stdout', ref.out, got.out)
    if ref.err != got.err:
        show_stream('stderr', ref.err, got.err)
    # The diff alone can hide an interesting stderr: show it whole.
    print('--- full stderr (got) ---')
    print(text(got.err), end='' if got.err.endswith(b'\n') else '\n')
    print('--- end ---')
    return False


# --------------------------------------------------------------------------
# Program cases


class Program:
    """A program case.

    prog      absolute path of the program (for command mode and to copy)
    args      function(prog_dir) -> argument list; prog_dir is where the
              program being run lives (its libraries are next to it)
    libs      files copied next to the program's copy in patchelf mode:
              a path (copied into the copy's directory) or a pair (path,
              name relative to that directory, e.g. 'envalt/libenvlib.so')
    status    exit status of a normal run
    expected  file with a normal run's exact stdout, or None
    env       extra environment for every run of the case: a dict, or a
              function(prog_dir) -> dict for variables naming the
              program's directory (LD_LIBRARY_PATH, LD_PRELOAD)
    volatile  the output describes the live system (ls -l /), which other
              tests running in parallel may change: see run_pair()
    mask      for a volatile case, function(stdout) -> stdout without the
              parts that change most (see run_pair()); its docstring says
              what it removes
    reference_bug  a KnownBug of glibc's loader this case meets on this
              CPU, or None (see check_normal())
    """

    def __init__(self, prog, args=None, libs=(), status=0, expected=None,
                 env=None, volatile=False, mask=None, reference_bug=None):
        self.prog = prog
        self.args = args or (lambda prog_dir: [])
        self.libs = list(libs)
        self.status = status
        self.expected = expected
        self.env = env if callable(env) else (lambda prog_dir: env or {})
        self.volatile = volatile
        self.mask = mask
        self.reference_bug = reference_bug


class KnownBug:
    """A bug of glibc's loader (the reference) that a case meets.

    what    the bug, for the report
    lines   regular expression (bytes) for the lines of stdout the bug may
            change; every other line must still be as expected
    status  the exit status of a run that shows the bug
    """

    def __init__(self, what, lines, status):
        self.what, self.lines, self.status = what, re.compile(lines), status


# Bugs of glibc 2.36's loader (Debian 12's, the reference) that myld must
# not have: case -> {cpu: KnownBug}.
KNOWN_REFERENCE_BUGS = {
    # _dl_tlsdesc_dynamic saves only the general registers around
    # __tls_get_addr, whose allocation (malloc, memcpy) uses the vector
    # registers: a thread's first access to a variable in dynamic TLS
    # through a descriptor loses them.  Fixed in glibc 2.40;
    # aarch64's resolver always saved q0-q31.
    'tlsdesc': {'x86_64': KnownBug(
        'glibc bug 31372 (the x86_64 TLS descriptor slow path does not '
        'preserve the vector registers; fixed in glibc 2.40)',
        rb'^(main|thread \d+): slow path: '
        rb'(2 \* 3 \+ big\[7\] =|8 live doubles:|vector registers:)',
        1)},
}


def write_inputs(work):
    """Deterministic input files for sort, grep, sha256sum and iconv."""
    rng = random.Random(8)      # fixed seed: the same file every time
    words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta',
             'theta', 'Äpfel', 'über', 'çà', 'ñandú', 'Øre', 'straße',
             'ελληνικά', 'кириллица', '日本語', '🙂']
    lines = []
    for i in range(400):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 6))]
        lines.append(f'{rng.randint(0, 9999):04d} ' + ' '.join(picked))
    lines_path = os.path.join(work, 'lines.txt')
    with open(lines_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    # iconv: non-ASCII from several planes, including one outside the BMP
    # (a surrogate pair in UTF-16), and a BOM-worthy first character.
    utf8_path = os.path.join(work, 'utf8.txt')
    with open(utf8_path, 'w', encoding='utf-8') as f:
        f.write('Grüße aus München! ½ € ± ß\n'
                'Ελληνικά, кириллица, 日本語のテキスト\n'
                'emoji: 🙂🚀, math: ∀x ∈ ℝ\n')
    return {'lines': lines_path, 'utf8': utf8_path}


def elf_machine(path):
    """The CPU an ELF file is for ('x86_64', 'aarch64', or 'e_machine N'),
    or None if PATH is not an ELF file."""
    with open(path, 'rb') as f:
        head = f.read(20)
    if len(head) < 20 or head[:4] != b'\x7fELF':
        return None
    machine = int.from_bytes(head[18:20],
                             'little' if head[5] == 1 else 'big')
    return MACHINES.get(machine, f'e_machine {machine}')


def expected_file(opts, name):
    """testbins/glibc/expected/NAME-<cpu>.out if there is one for myld's
    CPU (services-aarch64.out), else NAME.out."""
    d = os.path.join(opts.source_root, 'testbins', 'glibc', 'expected')
    specific = os.path.join(d, f'{name}-{opts.machine}.out')
    return specific if os.path.exists(specific) else \
        os.path.join(d, name + '.out')


# The Debian package of each system program, for the reason of a skip.
SYSTEM_PACKAGES = {'true': 'coreutils', 'false': 'coreutils',
                   'echo': 'coreutils', 'ls': 'coreutils',
                   'sort': 'coreutils', 'sha256sum': 'coreutils',
                   'grep': 'grep', 'iconv': 'libc-bin', 'python3': 'python3',
                   'perl': 'perl-base', 'tunables': 'python3'}


def foreign_program(opts, path):
    """Why PATH, a program of the system, cannot run as myld's CPU (its
    machine is another), or None if it can."""
    machine = elf_machine(os.path.realpath(path))
    if machine == opts.machine:
        return None
    return f'{path} is an {machine or "unknown"} program, not an ' \
        f'{opts.machine} one'


def program_case(case, opts, inputs):
    """The Program for CASE."""
    b = opts.build_dir
    if case == 'true':
        return Program('/bin/true')
    if case == 'false':
        return Program('/bin/false', status=1)
    if case == 'echo':
        return Program('/bin/echo', lambda d: [
            '-e', 'hello\\tfrom', 'myld:', 'ünïcödé', '€', 'a\\nb', '--'])
    if case == 'ls':
        return Program('/bin/ls', lambda d: ['-l', '/'], volatile=True,
                       mask=ls_mask)
    if case == 'sort':
        return Program('/usr/bin/sort', lambda d: [inputs['lines']])
    if case == 'sha256sum':
        return Program('/usr/bin/sha256sum',
                       lambda d: [inputs['lines'], inputs['utf8']])
    if case == 'grep':
        return Program('/bin/grep', lambda d: [
            '-n', '-E', '(alpha|über) .*[0-9]?(日本語|straße)',
            inputs['lines']])
    if case == 'iconv':
        # Its UTF-16 converter is a gconv module iconv dlopen()s.
        return Program('/usr/bin/iconv', lambda d: [
            '-f', 'UTF-8', '-t', 'UTF-16', inputs['utf8']])
    if case == 'python3':
        # _json and _ctypes are extension modules (dlopen()ed; _ctypes
        # pulls in libffi).
        return Program('/usr/bin/python3', lambda d: [
            '-c', 'import json, ctypes; '
            'print(json.dumps({"a": [1, 2]}), ctypes.sizeof(ctypes.c_long))'])
    if case == 'perl':
        # POSIX.so and List/Util.so are dlopen()ed extension modules; perl
        # itself needs libm, which a breadth-first load puts after libc
        # although its relocations run libc's IFUNC resolvers.
        return Program('/usr/bin/perl', lambda d: [
            '-e', 'use POSIX qw(floor); use List::Util qw(sum); '
            'printf("%d %d %.4f\\n", floor(3.7), sum(1..4), atan2(1, 1) * 4)'])
    if case == 'tunables':
        # GLIBC_TUNABLES reaches libc through the loader: with
        # glibc.pthread.rseq=0 the loader must not register rseq, which
        # libc reads back in __rseq_size (a loader symbol, found here by
        # dlsym through ctypes); MALLOC_CHECK_ is an old alias.
        return Program('/usr/bin/python3', lambda d: [
            '-c', 'import ctypes; libc = ctypes.CDLL(None); '
            'print(ctypes.c_uint.in_dll(libc, "__rseq_size").value)'],
            env={'GLIBC_TUNABLES': 'glibc.pthread.rseq=0:glibc.malloc.'
                 'check=3', 'MALLOC_ARENA_MAX': '1'})
    if case == 'hello':
        return Program(os.path.join(b, 'hello'),
                       expected=expected_file(opts, 'hello'))
    if case == 'threads':
        return Program(os.path.join(b, 'threads'),
                       expected=expected_file(opts, 'threads'))
    if case == 'dlopen':
        # The library by absolute path: the copy's own in patchelf mode.
        return Program(os.path.join(b, 'dlopen_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, 'libdlpeer.so')],
                       expected=expected_file(opts, 'dlopen'))
    if case == 'weak_tls':
        # A weak reference to an undefined TLS variable, from libraries
        # without TLS: the places are left alone and the libraries load.
        return Program(os.path.join(b, 'weak_tls_main'),
                       libs=[os.path.join(b, n) for n in
                             ('libwtls_ie.so', 'libwtls_gd.so',
                              'libwtls_desc.so')],
                       expected=expected_file(opts, 'weak_tls'))
    if case == 'dlopen_exe':
        # Programs are not libraries: dlopen refuses a PIE and a program
        # at a fixed address, in glibc's words; the empty name is the
        # program's own handle; dlopen's mode checks; dlsym's error names
        # the caller for RTLD_DEFAULT and RTLD_NEXT.
        return Program(os.path.join(b, 'dlopen_exe'),
                       lambda d: [os.path.join(d, 'exe_pie'),
                                  os.path.join(d, 'exe_fixed'), 'EMPTY',
                                  'MODES', 'DLSYM'],
                       libs=[os.path.join(b, n)
                             for n in ('exe_pie', 'exe_fixed')],
                       expected=expected_file(opts, 'dlopen_exe'))
    if case == 'cxx':
        if not opts.cxx:
            raise Skip('no C++ compiler was found at configure time, so '
                       'testbins/glibc/cxx_main was not built')
        # Found through its RUNPATH $ORIGIN, next to the program; so is
        # the libstdc++.so.6 the aarch64 build copies there when the
        # multiarch directories have none (testbins/glibc/meson.build).
        libs = [os.path.join(b, name) for name in
                ('libcxxthrow.so', 'libcxxunique_a.so', 'libcxxunique_b.so')]
        if os.path.exists(os.path.join(b, 'libstdc++.so.6')):
            libs.append(os.path.join(b, 'libstdc++.so.6'))
        return Program(os.path.join(b, 'cxx_main'), libs=libs,
                       expected=expected_file(opts, 'cxx'))
    if case == 'services':
        return Program(os.path.join(b, 'services'),
                       expected=expected_file(opts, 'services'))
    if case == 'cpu_features':
        # Machine-dependent: the normal run on this machine is the only
        # reference.
        return Program(os.path.join(b, 'cpu_features'))
    if case == 'fini_dlopen':
        # Finalisers at exit with dlopened libraries never closed
        # (fini_dlopen_main.c): glibc's order, not the reverse of the
        # constructors'.  The libraries' directory, the copy's own in
        # patchelf mode.
        return Program(os.path.join(b, 'fini_dlopen_main'),
                       lambda d: [d],
                       libs=[os.path.join(b, n) for n in
                             ('libfd_a.so', 'libfd_b.so', 'libfd_c.so',
                              'libfd_d.so')],
                       expected=expected_file(opts, 'fini_dlopen'))
    if case == 'deepbind':
        # RTLD_DEEPBIND (deepbind_main.c): the libraries' directory, the
        # copy's own in patchelf mode.
        return Program(os.path.join(b, 'deepbind_main'),
                       lambda d: [d],
                       libs=[os.path.join(b, n) for n in
                             ('libdbroot_a.so', 'libdbroot_b.so',
                              'libdbdep_a.so', 'libdbdep_b.so')],
                       expected=expected_file(opts, 'deepbind'))
    if case == 'audit':
        # rtld-audit (testbins/glibc/auditor.c): the auditor logs every
        # call, names and flags only, to stdout (AUDIT_LOG_FD=1), between
        # the program's own lines; the same log under both loaders.  It
        # also redirects audited_value through la_symbind64.  libdlpeer
        # is dlopened and dlclosed (la_activity around both).
        return Program(os.path.join(b, 'audit_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libdlpeer.so', 'libstartupsearch.so')],
                       env=lambda d: {'LD_AUDIT': os.path.join(
                           d, 'libauditor.so'), 'AUDIT_LOG_FD': '1'},
                       expected=expected_file(opts, 'audit'))
    if case == 'audit_two':
        # Two auditors (the same file twice: two namespaces, two copies):
        # the first hears of the second's objects as they load, and both
        # of everything after.
        return Program(os.path.join(b, 'audit_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libdlpeer.so', 'libstartupsearch.so')],
                       env=lambda d: {'LD_AUDIT': ':'.join(
                           [os.path.join(d, 'libauditor.so')] * 2),
                           'AUDIT_LOG_FD': '1'},
                       expected=expected_file(opts, 'audit_two'))
    if case == 'audit_many':
        # Twelve auditors, glibc's most (with glibc.rtld.nns at 4): twelve
        # namespaces, twelve copies of libc.so.6 in the static TLS
        # surplus; each hears of the later ones as they load.  Compared
        # with the normal run, whose log is the same on every machine
        # (918 lines).
        return Program(os.path.join(b, 'audit_main'),
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libstartupsearch.so')],
                       env=lambda d: {'LD_AUDIT': ':'.join(
                           [os.path.join(d, 'libauditor.so')] * 12),
                           'AUDIT_LOG_FD': '1'})
    if case == 'audit_now':
        # The audit case's program linked BIND_NOW: an auditor with
        # la_pltenter keeps its PLT lazy (glibc's _dl_relocate_object),
        # though the slots lie in RELRO; the same log as the audit case.
        return Program(os.path.join(b, 'audit_now_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libdlpeer.so', 'libstartupsearch.so')],
                       env=lambda d: {'LD_AUDIT': os.path.join(
                           d, 'libauditor.so'), 'AUDIT_LOG_FD': '1'},
                       expected=expected_file(opts, 'audit'))
    if case == 'audit_bindnow':
        # The audit case under LD_BIND_NOW: every PLT slot is bound at
        # relocation, after the auditor's la_objopen, so la_symbind64
        # reports it then with LA_SYMB_NOPLTENTER|NOPLTEXIT set ("bound
        # now") and no la_pltenter follows; audited_value is still
        # redirected.  glibc 2.36 does this since it runs auditors in
        # their own namespace before relocating the program.
        return Program(os.path.join(b, 'audit_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libdlpeer.so', 'libstartupsearch.so')],
                       env=lambda d: {'LD_AUDIT': os.path.join(
                           d, 'libauditor.so'), 'AUDIT_LOG_FD': '1',
                           'LD_BIND_NOW': '1'},
                       expected=expected_file(opts, 'audit_bindnow'))
    if case in ('audit_tag', 'audit_depaudit'):
        # The audit case's program naming libauditor.so in its DT_AUDIT,
        # or DT_DEPAUDIT, which glibc 2.36 reads in the program too (after
        # LD_AUDIT and --audit); no LD_AUDIT.  The auditor is found
        # through the program's RUNPATH ($ORIGIN), under both loaders.
        return Program(os.path.join(b, case + '_main'),
                       lambda d: [os.path.join(d, 'libdlpeer.so')],
                       libs=[os.path.join(b, n) for n in
                             ('libaudited.so', 'libauditor.so',
                              'libdlpeer.so', 'libstartupsearch.so')],
                       env=lambda d: {'AUDIT_LOG_FD': '1'},
                       expected=expected_file(opts, 'audit'))
    if case in ('dlmopen', 'dlmopen_stress'):
        # Namespaces (dlmopen_main.c, dlmopen_stress.c): the libraries'
        # directory, the copy's own in patchelf mode.
        return Program(os.path.join(b, case.replace('dlmopen', 'dlmopen_main')
                                    if case == 'dlmopen' else case),
                       lambda d: [d],
                       libs=[os.path.join(b, n) for n in
                             ('libdmlib.so', 'libdmplain.so', 'libdmlate.so',
                              'libdmglob.so')],
                       expected=expected_file(opts, case))
    if case == 'dlinfo':
        # Every dlinfo request (dlinfo_main.c).  The libraries' directory,
        # the copy's own in patchelf mode; LD_LIBRARY_PATH names disub/
        # twice (RTLD_DI_SERINFO lists it once) and a directory that does
        # not exist (listed all the same).
        return Program(os.path.join(b, 'dlinfo_main'),
                       lambda d: [d],
                       libs=[os.path.join(b, n) for n in
                             ('libditls.so', 'libdidyn.so', 'libdirpath.so',
                              'libdione.so', 'libditwo.so')] +
                       [(os.path.join(b, 'disub', n), os.path.join('disub', n))
                        for n in ('libdidep_a.so', 'libdidep_b.so')],
                       env=lambda d: {'LD_LIBRARY_PATH':
                                      f'{d}/disub:{d}/disub/:{d}/missing'},
                       expected=expected_file(opts, 'dlinfo'))
    if case == 'tls_dlopen':
        # The libraries' directory: the copy's own in patchelf mode.
        return Program(os.path.join(b, 'tls_dlopen_main'),
                       lambda d: [d],
                       libs=[os.path.join(b, 'libtlsie.so'),
                             os.path.join(b, 'libtlsgd.so')],
                       expected=expected_file(opts, 'tls_dlopen'))
    if case in ('lifetime', 'lifetime_many', 'lifetime_memory'):
        # Issue 16's regressions (testbins/glibc/lifetime_main.c); the
        # 5,000 objects of lifetime_many, and the 2,000 of lifetime_memory
        # (issue 22: memory given back at dlclose), take long enough for a
        # case of their own.  The program writes its copies into its
        # directory.
        names = ['libltidx_a.so', 'libltidx_b.so', 'libltfork.so'] + \
            [f'libltidx_c{n}.so' for n in range(1, 5)]
        if case == 'lifetime':
            if not opts.cxx:
                raise Skip('no C++ compiler was found at configure time, '
                           'so the C++ libraries of lifetime_main were not '
                           'built')
            names += ['libltuniq_bad.so', 'libltuniq_good.so',
                      'libltdtor.so']
            if os.path.exists(os.path.join(b, 'libstdc++.so.6')):
                names.append('libstdc++.so.6')
        extra = {'lifetime': [], 'lifetime_many': ['many'],
                 'lifetime_memory': ['memory']}[case]
        return Program(os.path.join(b, 'lifetime_main'),
                       lambda d: [d] + extra,
                       libs=[os.path.join(b, n) for n in names],
                       expected=expected_file(opts, case))
    if case == 'tlsdesc':
        # The expected file states the right output (2 * 3 + big[7] = 12
        # and every register preserved); glibc 2.36 on x86_64 is wrong.
        return Program(os.path.join(b, 'tlsdesc_main'),
                       lambda d: [d],
                       libs=[os.path.join(b, 'libtlsdescfp.so')],
                       expected=expected_file(opts, 'tlsdesc'),
                       reference_bug=KNOWN_REFERENCE_BUGS['tlsdesc'].get(
                           opts.machine))
    raise AssertionError(case)


def run_valgrind(opts, work):
    """valgrind on hello whose PT_INTERP is myld: valgrind maps the
    program and its interpreter itself and runs myld on its simulated
    CPU, and at exit calls libc's __libc_freeres, which walks the loader's
    link maps.  Output and status must be those of valgrind on the
    program under the system loader, with no error reported."""
    valgrind = shutil.which('valgrind')
    if not valgrind:
        raise Skip('valgrind is not installed')
    if WRAPPER:
        raise Skip('valgrind does not run under qemu')
    hello = os.path.join(opts.build_dir, 'hello')
    results = []
    for name, interp in (('reference', opts.system_loader),
                         ('myld', opts.myld)):
        copy = patched_copy(hello, [], os.path.join(work, name), interp,
                            opts)
        results.append(run([valgrind, '-q', '--error-exitcode=99', copy],
                           os.path.dirname(copy), base_env(),
                           timeout=scaled(120)))
    ref, got = results
    if ref.status != 0 or ref.err:
        raise TestError(f'valgrind on the reference: {ref.describe()}\n'
                        f'{text(ref.err)}')
    if got.status != 0 or got.out != ref.out or got.err:
        print(f'FAIL: valgrind on hello under myld: status '
              f'{status_text(got.status)}\n--- stdout ---\n{text(got.out)}'
              f'--- stderr ---\n{text(got.err)}')
        return FAIL
    return PASS


def known_bug_lines(bug, want, got):
    """The lines of GOT that differ from WANT, if they all match BUG's
    pattern (and the two have the same lines otherwise); else None."""
    want_lines, got_lines = want.split(b'\n'), got.split(b'\n')
    if len(want_lines) != len(got_lines):
        return None
    differing = []
    for w, g in zip(want_lines, got_lines):
        if w == g:
            continue
        if not (bug.lines.match(w) and bug.lines.match(g)):
            return None
        differing.append(g)
    return differing


def check_normal(label, prog, res):
    """The reference run must be what the case says a normal run is;
    otherwise the test is wrong (raises TestError).  Returns what the
    loader under test must produce: RES, or, where RES shows the known
    bug of glibc's loader the case names, the right output (the expected
    file)."""
    bug = prog.reference_bug
    if bug and prog.expected and not res.err:
        with open(prog.expected, 'rb') as f:
            want = f.read()
        differing = known_bug_lines(bug, want, res.out)
        if res.out == want and res.status == prog.status:
            print(f'{label}: note: the reference run does not show '
                  f'{bug.what}: this glibc has the fix')
        elif differing and res.status == bug.status:
            print(f'{label}: note: the reference run shows {bug.what}, as '
                  f'expected, on {len(differing)} lines, e.g.:')
            for line in differing[:3]:
                print('    ' + text(line))
            print(f'{label}: the loader under test must print '
                  f'{prog.expected} exactly and exit {prog.status}')
            return Result(res.cmd, res.cwd, prog.status, want, b'')
    problems = []
    if res.status != prog.status:
        problems.append(f'exit status {status_text(res.status)}, expected '
                        f'{prog.status}')
    if res.err:
        problems.append('stderr is not empty')
    if prog.expected:
        with open(prog.expected, 'rb') as f:
            want = f.read()
        if res.out != want:
            problems.append(f'stdout is not {prog.expected}')
            show_stream('stdout', want, res.out)
    if problems:
        raise TestError(f'{label}: the reference run ({res.describe()}) '
                        f'is wrong: ' + '; '.join(problems) +
                        f'\n--- its stderr ---\n{text(res.err)}')
    return res


def run_pair(label, prog, ref_run, test_run):
    """Runs the reference, then the loader under test; compares.

    A volatile case (ls -l /) describes the live system, which other
    processes change all the time, tests running in parallel included:
    the link count ls shows for /proc is the number of processes, the one
    for /tmp the number of its subdirectories.  For such a case:
     - the reference runs again after the tested run, and the tested run
       may equal either (the system changed between them);
     - failing that, it may equal either once prog.mask is applied to
       stdout (for ls: the link counts of directories), which is reported;
     - failing that too, the attempt is repeated, up to 5 times: a real
       difference (myld's) is deterministic and persists, a change of the
       system does not."""
    attempts = 5 if prog.volatile else 1
    for attempt in range(1, attempts + 1):
        ref = check_normal(label, prog, ref_run())
        got = test_run()
        if ref.same(got) or not prog.volatile:
            return compare(label, ref, got)
        again = check_normal(label, prog, ref_run())
        if again.same(got):
            # The system changed between the first reference and myld's run.
            return compare(label, again, got)
        if prog.mask:
            for r in (ref, again):
                if (r.status, prog.mask(r.out), r.err) == \
                        (got.status, prog.mask(got.out), got.err):
                    what = ' '.join(prog.mask.__doc__.split())
                    print(f'{label}: PASS, equal to the normal run once '
                          f'masked: {what}')
                    return True
        if attempt < attempts:
            print(f'{label}: note: differs from the normal run, but the case '
                  f'is volatile: attempt {attempt + 1} of {attempts}')
    if not again.same(ref):
        print(f'{label}: note: the two reference runs of the last attempt '
              'differ too: the system may be too busy for this comparison')
    return compare(label, ref, got)


def ls_mask(out):
    """the link counts of directories, which count their subdirectories
    (for /proc: the processes), and the spacing, which follows the widest
    count"""
    lines = []
    for line in out.split(b'\n'):
        fields = line.split()
        if len(fields) > 2 and fields[0].startswith(b'd'):
            fields[1] = b'#'
        lines.append(b' '.join(fields))
    return b'\n'.join(lines)


def patched_copy(src, libs, directory, interp, opts):
    """Copies SRC and LIBS into DIRECTORY (emptied first) and sets the
    copy's PT_INTERP to INTERP.  Returns the copy's path."""
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    copy = os.path.join(directory, os.path.basename(src))
    # copyfile follows symlinks (/usr/bin/python3 -> python3.11) and
    # leaves the copy writable for patchelf.
    shutil.copyfile(src, copy)
    os.chmod(copy, 0o755)
    for lib in libs:
        lib, name = lib if isinstance(lib, tuple) else \
            (lib, os.path.basename(lib))
        dest = os.path.join(directory, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(lib, dest)
    subprocess.run([opts.patchelf, '--set-interpreter', interp, copy],
                   check=True)
    got = subprocess.run([opts.patchelf, '--print-interpreter', copy],
                         check=True, capture_output=True,
                         text=True).stdout.strip()
    if got != interp:
        raise TestError(f'patchelf left PT_INTERP {got!r} in {copy}, '
                        f'not {interp!r}')
    return copy


def python_env(opts, prog, env, work):
    """python3 finds its standard library from its own location; a copy
    in the work directory may not find it.  If the reference copy cannot
    run, PYTHONHOME=<the program's prefix> is set for every run of the
    case (reference and tested alike), and the reason printed."""
    copy = patched_copy(prog.prog, [], os.path.join(work, 'probe'),
                        opts.system_loader, opts)
    res = run(['./python3'] + prog.args(work), os.path.dirname(copy), env)
    if res.status == 0 and not res.err:
        return {}
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(prog.prog)))
    print('note: a copy of python3 does not find its standard library '
          f'(exit {status_text(res.status)}, stderr {text(res.err)!r}); '
          f'using PYTHONHOME={prefix} for every run')
    return {'PYTHONHOME': prefix}


def foreign_root(opts):
    """The directory of the foreign CPU's system programs
    (tests/foreign_root.py), from the stamp --foreign-root names; raises
    Skip with the stamp's reason if they could not be fetched."""
    if not opts.foreign_root:
        raise Skip('this build has no foreign root (--foreign-root)')
    try:
        with open(opts.foreign_root) as f:
            status, root = f.readline().strip(), f.readline().strip()
    except OSError as e:
        raise Skip(f'{opts.foreign_root}: {e.strerror} (tests/'
                   f'foreign_root.py did not run)')
    if status != 'ok':
        raise Skip(f'the {opts.machine} programs could not be fetched: '
                   f'{status}')
    return root


def foreign_program_env(opts, case, root):
    """What a program of ROOT needs to find its files, for every run:
    its libraries under ROOT (glibc is the host's multiarch one, outside
    ROOT), perl its modules (Debian's perl looks in
    /usr/lib/<triplet>/perl-base, which is under ROOT), python3 its
    standard library: ROOT/usr finds itself from the program's path, but
    a patchelf copy would fall back to the compiled-in /usr, the host's
    python's (its pure-Python modules would load, its extensions not)."""
    triplet = f'{opts.machine}-linux-gnu'
    env = {'LD_LIBRARY_PATH': ':'.join(
        os.path.join(root, d, triplet) for d in ('lib', 'usr/lib'))}
    if case == 'perl':
        env['PERL5LIB'] = os.path.join(root, 'usr/lib', triplet,
                                       'perl-base')
    if SYSTEM_PACKAGES[case] == 'python3':
        env['PYTHONHOME'] = os.path.join(root, 'usr')
    return env


def check_built(prog):
    """The program and its libraries must exist: the testbins are built
    by Meson before the tests run."""
    for path in [prog.prog] + [lib[0] if isinstance(lib, tuple) else lib
                               for lib in prog.libs]:
        if not os.path.exists(path):
            raise TestError(f'{path} is missing (not built?)')


def run_program_case(case, opts, work):
    if not shutil.which(opts.patchelf):
        raise Skip(f'{opts.patchelf} not found (needed for patchelf mode)')
    inputs = write_inputs(work)
    prog = program_case(case, opts, inputs)
    extra_env = {}
    if case in SYSTEM_PACKAGES and os.path.exists(prog.prog) and \
            foreign_program(opts, prog.prog):
        # The host's program is of another CPU: run the one of myld's
        # CPU from the foreign root, by the same path under it.
        why = foreign_program(opts, prog.prog)
        try:
            root = foreign_root(opts)
        except Skip as e:
            raise Skip(f'{why}; {e} (package {SYSTEM_PACKAGES[case]})')
        prog.prog = root + prog.prog
        extra_env = foreign_program_env(opts, case, root)
        print(f'note: {why}: running {prog.prog} with '
              + ' '.join(f'{k}={v}' for k, v in sorted(extra_env.items())))
        if not os.path.exists(prog.prog) or foreign_program(opts, prog.prog):
            raise TestError(f'{prog.prog} is not an {opts.machine} program '
                            f'of package {SYSTEM_PACKAGES[case]} (see '
                            f'tests/foreign_root.py)')
    if not os.path.exists(prog.prog):
        raise Skip(f'{prog.prog} is not installed')
    check_built(prog)
    if case in ('python3', 'tunables') and 'PYTHONHOME' not in extra_env:
        extra_env.update(python_env(opts, prog,
                                    dict(base_env(), **extra_env), work))
    return PASS if run_program(prog, opts, work, extra_env=extra_env) \
        else FAIL


def run_program(prog, opts, work, label='', modes=('command', 'patchelf'),
                extra_env=None):
    """Runs PROG in MODES, each against its normal run; LABEL prefixes
    the mode in the report.  Copies go to WORK/patchelf-*.  Returns True
    if every mode passed."""
    def env_for(prog_dir):
        return dict(base_env(), **prog.env(prog_dir), **(extra_env or {}))

    os.makedirs(work, exist_ok=True)
    ok = True

    # command mode: myld PROG ARGS vs PROG ARGS, from the work directory.
    if 'command' in modes:
        prog_dir = os.path.dirname(prog.prog)
        args, env = prog.args(prog_dir), env_for(prog_dir)
        ok &= run_pair(label + 'command', prog,
                       lambda: run([prog.prog] + args, work, env),
                       lambda: run([opts.myld, prog.prog] + args, work, env))

    # patchelf mode: two copies, in directories of the same depth, that
    # differ only in PT_INTERP, each run as ./NAME from its directory, so
    # argv[0] and the program's view of itself are the same.
    if 'patchelf' in modes:
        name = os.path.basename(prog.prog)
        ref_copy = patched_copy(prog.prog, prog.libs,
                                os.path.join(work, 'patchelf-ref'),
                                opts.system_loader, opts)
        my_copy = patched_copy(prog.prog, prog.libs,
                               os.path.join(work, 'patchelf-myld'),
                               opts.myld, opts)
        ref_dir = os.path.dirname(ref_copy)
        my_dir = os.path.dirname(my_copy)
        ok &= run_pair(label + 'patchelf', prog,
                       lambda: run(['./' + name] + prog.args(ref_dir),
                                   ref_dir, env_for(ref_dir)),
                       lambda: run(['./' + name] + prog.args(my_dir),
                                   my_dir, env_for(my_dir)))
    return ok


# --------------------------------------------------------------------------
# toolchains


def readelf(args, path):
    """readelf ARGS PATH's output (-W: one line per entry)."""
    return subprocess.run(['readelf', '-W'] + args + [path], check=True,
                          capture_output=True, text=True).stdout


def linked_by_lld(path):
    # "Linker: LLD 14.0.6", or "Linker: Debian LLD 14.0.6".
    return re.search(r'Linker:.*\bLLD\b', readelf(['-p', '.comment'], path))


def linked_by_gold(path):
    return '.note.gnu.gold-version' in readelf(['-S'], path)


def elf_type(path):
    m = re.search(r'^\s*Type:\s+(\S+)', readelf(['-h'], path), re.M)
    return m.group(1) if m else None


def dynamic_tags(path):
    """The dynamic section's lines, e.g. '(FLAGS) BIND_NOW'."""
    return readelf(['-d'], path)


def has_interp(path):
    return 'INTERP' in readelf(['-l'], path).split()


def calls_through_got(path):
    """hello.c's one call, printf (as puts), has a GLOB_DAT relocation and
    no JUMP_SLOT.  On x86_64 there is no JUMP_SLOT at all; aarch64's
    crt1.o (glibc's start.S, not built with -fno-plt) still calls
    __libc_start_main and abort through the PLT."""
    relocs = [line for line in readelf(['-r'], path).splitlines()
              if re.search(r'\bputs@', line)]
    return any('_GLOB_DAT' in line for line in relocs) and \
        not any('_JUMP_SLOT' in line for line in relocs)


def bind_now(path):
    d = dynamic_tags(path)
    return 'BIND_NOW' in d or re.search(r'\(FLAGS_1\).*\bNOW\b', d)


def preinit_names_asan(path):
    """-fsanitize=address: libasan is needed, and the program's
    DT_PREINIT_ARRAY holds a pointer to its __asan_init, which the loader
    must call although it is another object's code."""
    d = dynamic_tags(path)
    relocs = readelf(['-r'], path)
    return '(PREINIT_ARRAY)' in d and 'libasan.so' in d and \
        '__asan_init' in relocs


def sysv_hash_only(path):
    d = dynamic_tags(path)
    return '(HASH)' in d and '(GNU_HASH)' not in d


# name: (what it is, check that the built file is that, modes).  The check
# makes sure a flag did take effect (a toolchain may ignore one), so that
# the variant does not silently test the default build again.
TOOLCHAIN_VARIANTS = {
    'clang-lld': ('clang -fuse-ld=lld', linked_by_lld,
                  ('command', 'patchelf')),
    'gold': ('gcc -fuse-ld=gold', linked_by_gold, ('command', 'patchelf')),
    'nopie': ('gcc -fno-pie -no-pie: ET_EXEC at its link address',
              lambda p: elf_type(p) == 'EXEC', ('command', 'patchelf')),
    'now': ('gcc -Wl,-z,now: BIND_NOW', bind_now, ('command', 'patchelf')),
    'noplt': ('gcc -fno-plt: main calls puts through the GOT, not a PLT '
              'slot', calls_through_got, ('command', 'patchelf')),
    # No PT_INTERP to patch: myld must start it directly, as a command.
    'static-pie': ('gcc -static-pie',
                   lambda p: elf_type(p) == 'DYN' and not has_interp(p),
                   ('command',)),
    'sysvhash': ('gcc -Wl,--hash-style=sysv: DT_HASH only', sysv_hash_only,
                 ('command', 'patchelf')),
    'asan': ('gcc -fsanitize=address: libasan\'s __asan_init in the '
             'program\'s DT_PREINIT_ARRAY', preinit_names_asan,
             ('command', 'patchelf')),
}


def parse_variants(opts):
    """{name: path or None} and {name: reason} from --variant and
    --skip-variant; every variant of TOOLCHAIN_VARIANTS must be one or
    the other."""
    built, skipped = {}, {}
    for arg, into in [(a, built) for a in opts.variant] + \
                     [(a, skipped) for a in opts.skip_variant]:
        name, sep, value = arg.partition(':')
        if not sep or name not in TOOLCHAIN_VARIANTS:
            raise TestError(f'bad variant argument {arg!r}: NAME:VALUE '
                            f'with NAME one of {sorted(TOOLCHAIN_VARIANTS)}')
        into[name] = value
    missing = set(TOOLCHAIN_VARIANTS) - set(built) - set(skipped)
    if missing:
        raise TestError(f'no --variant or --skip-variant for '
                        f'{sorted(missing)} (see testbins/glibc/meson.build)')
    return built, skipped


def run_toolchains(opts, work):
    if not shutil.which(opts.patchelf):
        raise Skip(f'{opts.patchelf} not found (needed for patchelf mode)')
    built, skipped = parse_variants(opts)
    can_check = shutil.which('readelf') is not None
    if not can_check:
        print('note: readelf not found: the variants are not checked to '
              'be what they claim')
    expected = expected_file(opts, 'hello')
    ok = True
    for name, (what, is_right, modes) in TOOLCHAIN_VARIANTS.items():
        if name in skipped:
            print(f'{name}: SKIP ({what}): {skipped[name]}')
            continue
        prog = Program(built[name], expected=expected)
        check_built(prog)
        if can_check and not is_right(prog.prog):
            raise TestError(f'{prog.prog} is not what variant {name} '
                            f'should be: {what}')
        print(f'=== {name}: {what}')
        ok &= run_program(prog, opts, os.path.join(work, name),
                          label=name + '/', modes=modes)
    if not built:
        raise Skip('no variant could be built')
    return PASS if ok else FAIL


# --------------------------------------------------------------------------
# env


# name: (environment, loader options, expected stdout file).  Both
# functions take the directory of the program being run (the build
# directory, or its copy's), where libenvlib.so, envalt/libenvlib.so and
# libenvpre.so are.  A scenario with loader options runs in command mode
# only (myld OPTIONS PROG against the system loader's OPTIONS PROG); the
# others in both modes, against a normal run.
ENV_SCENARIOS = {
    # A missing directory is skipped; envalt comes before the program's
    # directory, so its libenvlib.so ("alt") is the one loaded.
    'LD_LIBRARY_PATH': (
        lambda d: {'LD_LIBRARY_PATH':
                   f'{d}/nonexistent:{d}/envalt:{d}'},
        None, 'env-alt.out'),
    'LD_PRELOAD': (
        lambda d: {'LD_LIBRARY_PATH': d,
                   'LD_PRELOAD': f'{d}/libenvpre.so'},
        None, 'env-preload.out'),
    # A name without a slash is searched for like a DT_NEEDED entry.
    'LD_PRELOAD-by-name': (
        lambda d: {'LD_LIBRARY_PATH': d, 'LD_PRELOAD': 'libenvpre.so'},
        None, 'env-preload.out'),
    # ';' separates directories too, in glibc's loader.
    'LD_LIBRARY_PATH-semicolon': (
        lambda d: {'LD_LIBRARY_PATH':
                   f'{d}/nonexistent;{d}/envalt;{d}'},
        None, 'env-alt.out'),
    '--library-path': (
        lambda d: {},
        lambda d: ['--library-path', f'{d}/nonexistent:{d}/envalt:{d}'],
        'env-alt.out'),
    '--library-path-semicolon': (
        lambda d: {},
        lambda d: ['--library-path', f'{d}/nonexistent;{d}/envalt'],
        'env-alt.out'),
    '--preload': (
        lambda d: {},
        lambda d: ['--library-path', d, '--preload', f'{d}/libenvpre.so'],
        'env-preload.out'),
}


def run_env(opts, work):
    if not shutil.which(opts.patchelf):
        raise Skip(f'{opts.patchelf} not found (needed for patchelf mode)')
    b = opts.build_dir
    libs = [os.path.join(b, 'libenvlib.so'),
            (os.path.join(b, 'envalt', 'libenvlib.so'),
             os.path.join('envalt', 'libenvlib.so')),
            os.path.join(b, 'libenvpre.so')]
    ok = True
    for name, (env, loader_opts, out) in ENV_SCENARIOS.items():
        prog = Program(os.path.join(b, 'envmain'), libs=libs, env=env,
                       expected=expected_file(opts, out[:-len('.out')]))
        check_built(prog)
        print(f'=== {name}')
        if loader_opts is None:
            ok &= run_program(prog, opts, os.path.join(work, name),
                              label=name + '/')
            continue
        # The options name the build directory, as command mode's
        # variables do.
        cmd = loader_opts(b) + [prog.prog]
        ok &= run_pair(name + '/command', prog,
                       lambda: run([opts.system_loader] + cmd, work,
                                   base_env()),
                       lambda: run([opts.myld] + cmd, work, base_env()))
    # setproctitle's overwriting of the strings, then a dlopen.
    clobber = Program(os.path.join(b, 'envclobber'), libs=libs,
                      env=lambda d: {'LD_LIBRARY_PATH': f'{d}/envalt'},
                      expected=expected_file(opts, 'env-clobber'))
    check_built(clobber)
    print('=== envclobber')
    ok &= run_program(clobber, opts, os.path.join(work, 'envclobber'),
                      label='envclobber/')
    return PASS if (run_env_cwd(opts, work, libs) and ok) else FAIL


def run_env_cwd(opts, work, libs):
    """An empty element of LD_LIBRARY_PATH is the current directory,
    here envalt/: it is tried before the program's RUNPATH ($ORIGIN/, the
    main libenvlib.so), so the alternative library is the one loaded.
    The preload is searched first, and is not in envalt/: the current
    directory stays a place to try after that miss, as glibc never judges
    a relative directory missing (the current directory may change)."""
    b = opts.build_dir
    alt_dir = os.path.join(b, 'envalt')
    env = dict(base_env(), LD_LIBRARY_PATH='/nonexistent:',
               LD_PRELOAD='libenvpre.so')
    prog = Program(os.path.join(b, 'envmain'), libs=libs,
                   expected=expected_file(opts, 'env-cwd'))
    print('=== LD_LIBRARY_PATH-empty')
    ok = run_pair('LD_LIBRARY_PATH-empty/command', prog,
                  lambda: run([prog.prog], alt_dir, env),
                  lambda: run([opts.myld, prog.prog], alt_dir, env))
    copies = {}
    for who, interp in (('ref', opts.system_loader), ('myld', opts.myld)):
        copies[who] = patched_copy(prog.prog, libs,
                                   os.path.join(work, 'cwd-' + who),
                                   interp, opts)
    ok &= run_pair('LD_LIBRARY_PATH-empty/patchelf', prog,
                   lambda: run([copies['ref']], alt_dir, env),
                   lambda: run([copies['myld']], alt_dir, env))
    return ok


# --------------------------------------------------------------------------
# ld_debug


LD_DEBUG_LINE = re.compile(r'^ *\d+:')


def ld_debug_problems(res, normal):
    """What is wrong with RES, a run of hello with LD_DEBUG=libs, given
    NORMAL, a run without it."""
    problems = []
    if res.status != normal.status:
        problems.append(f'exit status {status_text(res.status)}, normally '
                        f'{normal.status}')
    if res.out != normal.out:
        problems.append('stdout differs from a normal run:')
        show_stream('stdout', normal.out, res.out)
    lines = text(res.err).splitlines()
    if not any('libc.so.6' in l for l in lines):
        problems.append('no stderr line mentions libc.so.6')
    bad = [l for l in lines if not LD_DEBUG_LINE.match(l)]
    if bad:
        problems.append(f'{len(bad)} stderr line(s) without the "PID:" '
                        f'prefix, first: {bad[0]!r}')
    return problems


def run_ld_debug(opts, work):
    hello = os.path.join(opts.build_dir, 'hello')
    env = base_env()
    debug_env = dict(env, LD_DEBUG='libs')
    ok = True
    ref_copy = patched_copy(hello, [], os.path.join(work, 'patchelf-ref'),
                            opts.system_loader, opts)
    my_copy = patched_copy(hello, [], os.path.join(work, 'patchelf-myld'),
                           opts.myld, opts)
    modes = {
        # mode: (normal run, reference with LD_DEBUG, tested with LD_DEBUG)
        'command': ([hello], [opts.system_loader, hello],
                    [opts.myld, hello]),
        'patchelf': ([ref_copy], [ref_copy], [my_copy]),
    }
    for mode, (normal_cmd, ref_cmd, my_cmd) in modes.items():
        normal = run(normal_cmd, work, env)
        with open(expected_file(opts, 'hello'), 'rb') as f:
            if normal.status != 0 or normal.out != f.read():
                raise TestError(f'{mode}: hello does not run normally: '
                                f'{normal.describe()}')
        ref = run(ref_cmd, work, debug_env)
        problems = ld_debug_problems(ref, normal)
        if problems:
            raise TestError(f'{mode}: under the system loader: ' +
                            '; '.join(problems) +
                            f'\n--- stderr ---\n{text(ref.err)}')
        got = run(my_cmd, work, debug_env)
        problems = ld_debug_problems(got, normal)
        if problems:
            print(f'{mode}: FAIL: ' + '; '.join(problems))
            print(f'--- stderr of {got.describe()} ---')
            print(text(got.err), end='')
            print('--- end ---')
            ok = False
        else:
            n = sum('libc.so.6' in l for l in text(got.err).splitlines())
            print(f'{mode}: PASS ({n} lines mention libc.so.6)')
    for name, loader in (('system loader', opts.system_loader),
                         ('myld', opts.myld)):
        problem = loader_name_problem(loader, hello, work, env)
        if problem and loader == opts.system_loader:
            raise TestError(f'command: under the {name}: {problem}')
        if problem:
            print(f'command: FAIL: {problem}')
            ok = False
        else:
            print(f'command: {name} names itself by its own file in '
                  'LD_DEBUG=scopes:bindings')
    return PASS if ok else FAIL


def loader_name_problem(loader, prog, work, env):
    """Run as a command on PROG, does LOADER name itself by its own file
    in LD_DEBUG=scopes:bindings?  The program's PT_INTERP names some
    other loader when LOADER is myld; a learner reading the trace must
    not conclude that loader ran.  Paths are compared resolved (glibc's
    is /lib64/..., a link)."""
    res = run([loader, prog], work, dict(env, LD_DEBUG='scopes:bindings'))
    own = os.path.realpath(loader)
    scopes = [l.split('scope 0:', 1)[1].split()
              for l in text(res.err).splitlines() if 'scope 0:' in l]
    if not scopes:
        return 'no "scope 0:" line'
    loaders = [p for p in scopes[0] if 'ld-linux' in p or
               os.path.realpath(p) == own]
    if [os.path.realpath(p) for p in loaders] != [own]:
        return (f'the scope names {loaders} for the loader, not {loader} '
                f'({own})')
    binds = [l for l in text(res.err).splitlines() if 'binding file' in l
             and f' to {loaders[0]} [0]' in l]
    if not binds:
        return f'no binding to {loaders[0]} (libc uses its loader)'
    return None


# --------------------------------------------------------------------------
# list


LIST_LINE = re.compile(r'^\t(\S+) => (\S+) \(0x[0-9a-f]+\)$')


def listed_libraries(res, loaders):
    """The (soname, normalised path) pairs of a --list output.  Only
    "NAME => PATH (ADDR)" lines name libraries; the vDSO and the
    interpreter have lines without "=>" in glibc's format, whose text is
    not compared.  A "=>" line for the loader itself (myld may show
    ld-linux-x86-64.so.2 => MYLD: it is that object) is dropped as well.
    So is a nameless line, "\t (ADDR)", which Debian's aarch64 glibc
    prints first under qemu-aarch64 (see list_mode in run_testbin.py).
    Any other line is returned as unexpected."""
    libs, other = set(), []
    for line in text(res.out).splitlines():
        m = LIST_LINE.match(line)
        if m:
            name, path = m.group(1), os.path.normpath(m.group(2))
            if name.startswith('ld-linux') or \
                    os.path.realpath(path) in loaders:
                continue
            libs.add((name, path))
        elif not re.match(r'^\t\S* \(0x[0-9a-f]+\)$', line):
            other.append(line)
    return libs, other


def run_list(opts, work):
    progs = [('/bin/ls', {})]
    why = foreign_program(opts, '/bin/ls')
    if why:
        # The aarch64 build on x86_64: the foreign root's ls (see the
        # system program cases), found libraries and all; without it,
        # hello, which has libc.so.6 and the loader.
        try:
            root = foreign_root(opts)
            progs = [(root + '/bin/ls',
                      foreign_program_env(opts, 'ls', root))]
            print(f'note: {why}: listing {progs[0][0]}')
        except Skip as e:
            print(f'note: {why}; {e}: listing hello instead')
            progs = [(os.path.join(opts.build_dir, 'hello'), {})]
    if opts.cxx:
        # Its own library is found through RUNPATH $ORIGIN.
        progs.append((os.path.join(opts.build_dir, 'cxx_main'), {}))
    loaders = {os.path.realpath(opts.system_loader),
               os.path.realpath(opts.myld)}
    ok = True
    for prog, extra_env in progs:
        env = dict(base_env(), **extra_env)
        ref = run([opts.system_loader, '--list', prog], work, env)
        ref_libs, ref_other = listed_libraries(ref, loaders)
        if ref.status != 0 or ref.err or ref_other or \
                not any(n == 'libc.so.6' for n, _ in ref_libs):
            raise TestError(f'the system loader\'s --list of {prog} is not '
                            f'as expected (exit {status_text(ref.status)}):'
                            f'\n{text(ref.out)}{text(ref.err)}')
        got = run([opts.myld, '--list', prog], work, env)
        libs, other = listed_libraries(got, loaders)
        problems = []
        if got.status != 0:
            problems.append(f'exit status {status_text(got.status)}')
        if got.err:
            problems.append('stderr is not empty')
        if other:
            problems.append(f'lines in no ldd format: {other}')
        if libs != ref_libs:
            problems.append('not the same libraries')
            for n, p in sorted(ref_libs - libs):
                print(f'  missing:    {n} => {p}')
            for n, p in sorted(libs - ref_libs):
                print(f'  unexpected: {n} => {p}')
        if problems:
            print(f'{prog}: FAIL: ' + '; '.join(problems))
            print(f'--- {opts.myld} --list {prog} ---\n{text(got.out)}'
                  f'--- stderr ---\n{text(got.err)}--- system loader ---\n'
                  f'{text(ref.out)}--- end ---')
            ok = False
        else:
            print(f'{prog}: PASS ({len(libs)} libraries)')
    return PASS if ok else FAIL


# --------------------------------------------------------------------------
# audit_limit


def run_audit_limit(opts, work):
    """Thirteen auditors, one more than glibc accepts: glibc's loader stops
    the program with status 127 before loading any; so must myld, with
    its own one-line message instead of glibc's (every fatal error of
    myld's is "myld: OBJECT: WHAT").  With glibc.rtld.nns=2 glibc accepts
    fourteen, and both run the program."""
    b = opts.build_dir
    prog = os.path.join(b, 'audit_main')
    auditor = os.path.join(b, 'libauditor.so')
    env = dict(base_env(), LD_AUDIT=':'.join([auditor] * 13),
               AUDIT_LOG_FD='1')
    ref = run([opts.system_loader, prog], work, env)
    if ref.status != 127 or ref.err != \
            b'Failed loading 13 audit modules, 12 are supported.\n':
        raise TestError('glibc\'s loader did not refuse 13 auditors as '
                        f'expected:\n{ref.describe()}')
    got = run([opts.myld, prog], work, env)
    want = (f'myld: {prog}: failed loading 13 audit modules, 12 are '
            'supported\n').encode()
    ok = got.status == 127 and got.err == want and got.out == b''
    print(f'13 auditors: {"PASS" if ok else "FAIL"}')
    if not ok:
        print(f'{got.describe()}\nexit {got.status}, stderr {got.err!r}, '
              f'expected exit 127, stderr {want!r}')
    tuned = dict(env, GLIBC_TUNABLES='glibc.rtld.nns=2')
    ref = run([opts.system_loader, prog], work, tuned)
    got = run([opts.myld, prog], work, tuned)
    if ref.status != 0:
        raise TestError('glibc\'s loader did not run 13 auditors with '
                        f'glibc.rtld.nns=2:\n{ref.describe()}')
    same = got.same(ref)
    print(f'13 auditors, glibc.rtld.nns=2: {"PASS" if same else "FAIL"}')
    if not same:
        print(f'{got.describe()}\nexit {got.status} (the normal run\'s '
              f'{ref.status}); stdout and stderr differ: '
              f'{len(got.out)}/{len(ref.out)} and {len(got.err)}/'
              f'{len(ref.err)} bytes')
    return PASS if ok and same else FAIL


# The line glibc 2.36's loader dies with at the exit of a program that
# does not need it, when an auditor's namespace does (audit_nolibc).
GLIBC_NOLIBC_AUDIT_ASSERTION = re.compile(
    rb'Inconsistency detected by ld\.so: dl-fini\.c: \d+: _dl_fini: '
    rb"Assertion `ns != LM_ID_BASE \|\| i == nloaded' failed!\n$")


def run_audit_nolibc(opts, work):
    """A libc-free program (testbins/hello) with a glibc auditor: the
    auditor's namespace needs libc.so.6 and the loader, the program
    neither.  Each loader runs a copy whose PT_INTERP names it.  Up to
    the program's exit both print the same (the program's lines; the
    auditor's log, in glibc's order, on stderr).  At exit glibc 2.36's
    loader then fails an assertion of its own (status 127) after
    la_activity DELETE: myld differs there on purpose, going on with
    la_objclose and CONSISTENT, and the program's own status, 7."""
    hello_dir = os.path.join(os.path.dirname(opts.build_dir), 'hello')
    prog = os.path.join(hello_dir, 'hello')
    libs = [os.path.join(hello_dir, 'libhello_lib.so'),
            os.path.join(opts.build_dir, 'libauditor.so')]
    check_built(Program(prog, libs=libs))
    results = {}
    for label, loader in [('reference', opts.system_loader),
                          ('myld', opts.myld)]:
        d = os.path.join(work, label)
        copy = patched_copy(prog, libs, d, loader, opts)
        env = dict(base_env(), LD_AUDIT=os.path.join(d, 'libauditor.so'),
                   AUDIT_LOG_FD='2')
        results[label] = run(['./hello'], d, env)
    ref, got = results['reference'], results['myld']
    m = GLIBC_NOLIBC_AUDIT_ASSERTION.search(ref.err)
    if ref.out != b'hello from the library\nanswer: 42\n' or (
            m is None and ref.status != 7):
        raise TestError('the program does not run as expected under '
                        f'glibc\'s loader: {ref.describe()}')
    before_exit = ref.err[:m.start()] if m else ref.err
    # (glibc has said la_activity DELETE before it fails.)
    at_exit = (b'audit: la_objclose <program>\n'
               b'audit: la_objclose <loader>\n'
               b'audit: la_activity CONSISTENT\n')
    if m:
        print('note: glibc\'s loader fails its _dl_fini assertion at exit, '
              'as glibc 2.36 does here; compared up to the exit')
    ok = got.status == 7 and got.out == ref.out and \
        got.err == before_exit + (at_exit if m else b'')
    print(f'libc-free program with an auditor: {"PASS" if ok else "FAIL"}')
    if not ok:
        print(f'{got.describe()}\nexit {got.status}\n--- stdout ---\n'
              f'{got.out.decode(errors="replace")}--- stderr ---\n'
              f'{got.err.decode(errors="replace")}--- glibc\'s stderr ---\n'
              f'{ref.err.decode(errors="replace")}--- end ---')
    return PASS if ok else FAIL


# LD_DEBUG=libs lines audit_ld_debug compares: a search of one of the
# test's names, and each file tried in the test's directory, but for the
# loader's own name, which glibc searches for in the auditor's namespace
# and myld does not (it is that loader: docs/audit.md).
AUDIT_DEBUG_LINE = re.compile(
    r'\s*\d+:\s+(find library=lib(audited|startupsearch|objsearch|dlpeer)'
    r'\S*|trying file=@DIR@/(?!ld-linux)\S+)$')


def run_audit_ld_debug(opts, work):
    """LD_DEBUG=libs with the test auditor (the audit case): a candidate
    is shown ("trying file=") before the auditors' la_objsearch sees it,
    whatever they answer (renamed, refused), and a name with a slash,
    which is opened without a search, shows no candidate at all; glibc's
    transcript and myld's must agree on the test's own names and
    directory, interleaved with the auditor's log as written."""
    b = opts.build_dir
    prog = os.path.join(b, 'audit_main')
    env = dict(base_env(), LD_DEBUG='libs', AUDIT_LOG_FD='2',
               LD_AUDIT=os.path.join(b, 'libauditor.so'))
    keep = []
    for loader in (opts.system_loader, opts.myld):
        r = run([loader, prog, os.path.join(b, 'libdlpeer.so')], work, env)
        if r.status != 0:
            if loader == opts.system_loader:
                raise TestError(f'the reference run fails: {r.describe()}')
            print(f'FAIL: exit {r.status}: {r.describe()}')
            return FAIL
        lines = []
        for line in r.err.decode(errors='replace').splitlines():
            line = line.replace(b + '/', '@DIR@/')
            if line.startswith('audit: la_objsearch'):
                lines.append(line)
            elif AUDIT_DEBUG_LINE.match(line):
                lines.append(re.sub(r'^\s*\d+:\s+', '', line))
        keep.append(lines)
    ref, got = keep
    if got == ref:
        print(f'PASS ({len(ref)} lines compared)')
        return PASS
    print('FAIL: the transcripts differ (--- glibc, +++ myld):')
    sys.stdout.writelines(l + '\n' for l in difflib.unified_diff(
        ref, got, lineterm='', n=2))
    return FAIL


def run_audit_list(opts, work):
    """--list (what ldd runs) with the test auditor: glibc's loader opens
    the auditors in this mode too, and lists the library that
    la_objsearch renamed (the program's libobjsearch-startup.so) under
    its new name, libstartupsearch.so, found.  The whole output, the
    auditor's log included, must be glibc's, addresses masked, but for a
    nameless line "\t (ADDR)" that Debian's aarch64 glibc prints for
    qemu-aarch64's vDSO (see listed_libraries)."""
    b = opts.build_dir
    prog = os.path.join(b, 'audit_main')
    env = dict(base_env(), AUDIT_LOG_FD='1',
               LD_AUDIT=os.path.join(b, 'libauditor.so'))
    outs = []
    for loader in (opts.system_loader, opts.myld):
        r = run([loader, '--list', prog], work, env)
        text = re.sub(r'0x[0-9a-f]+', '0x@HEX@',
                      r.out.decode(errors='replace'))
        text = re.sub(r'(?m)^\t \(0x@HEX@\)\n', '', text)
        outs.append((r.status, text.replace(opts.system_loader, '@LD@')
                     .replace(opts.myld, '@LD@'), r))
    (ref_status, ref, ref_run), (status, got, got_run) = outs
    if ref_status != 0 or 'libstartupsearch.so =>' not in ref:
        raise TestError(f'glibc\'s --list is not as expected:\n{ref}')
    if (status, got) == (ref_status, ref):
        print('PASS')
        return PASS
    print(f'FAIL: exit {status}, output (--- glibc, +++ myld):')
    sys.stdout.writelines(l + '\n' for l in difflib.unified_diff(
        ref.splitlines(), got.splitlines(), lineterm='', n=2))
    return FAIL


# --------------------------------------------------------------------------
# gdb


def run_gdb_check(opts, work, prog='hello', script='hello', libs=(),
                  guest_env=()):
    """gdb: hello.gdb on hello; gdb_dlmopen: dlmopen.gdb on dlmopen_main,
    whose every namespace's objects gdb must list (gdb 13 follows
    r_debug_extended.r_next); gdb_audit: audit.gdb on audit_main with an
    auditor.  GUEST_ENV: settings for the program's environment under
    qemu (the script sets them itself natively)."""
    gdb = shutil.which(opts.gdb)
    if not gdb:
        raise Skip(f'{opts.gdb} not found')
    run_gdb = os.path.join(HERE, 'gdb', 'run_gdb.py')
    tb_src = os.path.join(opts.source_root, 'testbins', 'glibc')
    hello = os.path.join(opts.build_dir, prog)
    # Under a wrapper (qemu-user), gdb cannot start the program itself: it
    # connects to qemu's gdb stub (run_gdb.py --qemu), and the script says
    # "continue" for "run".
    remote = []
    if WRAPPER:
        script += '-qemu'
        env_opts = []
        for setting in guest_env:
            env_opts += [WRAPPER_ENV_OPT, setting]
        remote = ['--qemu', shlex.join(WRAPPER + env_opts)]
    results = {}
    for label, loader in [('reference', opts.system_loader),
                          ('myld', opts.myld)]:
        copy = patched_copy(hello, [os.path.join(opts.build_dir, n)
                                    for n in libs],
                            os.path.join(work, label), loader, opts)
        cmd = [sys.executable, run_gdb, '--gdb', gdb, '--mode', 'interp',
               '--myld', loader, '--prog', copy,
               '--script', os.path.join(tb_src, script + '.gdb'),
               '--expect', os.path.join(tb_src, script + '.expect'),
               '--source-root', opts.source_root] + remote
        print(f'=== {label}: gdb on a copy of {prog} with PT_INTERP '
              f'{loader}')
        sys.stdout.flush()
        # run_gdb.py scales its own timeouts: it needs the variable
        # base_env() leaves out.
        env = dict(base_env(), MYLD_TEST_TIMEOUT_SCALE=str(scale()))
        p = subprocess.run(cmd, env=env, timeout=scaled(200))
        results[label] = p.returncode
        if label == 'reference' and p.returncode != PASS:
            if p.returncode == SKIP:
                raise Skip('run_gdb.py skipped the reference run')
            raise TestError(f'gdb on {prog} under the system loader does '
                            f'not meet testbins/glibc/{script}.expect')
    return PASS if results['myld'] == PASS else FAIL


# --------------------------------------------------------------------------


def main():
    global WRAPPER, WRAPPER_ENV_OPT, RUN_TIMEOUT
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--case', required=True, choices=ALL_CASES)
    ap.add_argument('--myld', required=True,
                    help='the loader under test (absolute path)')
    ap.add_argument('--enabled', required=True, choices=['0', '1'],
                    help='whether myld was built with the glibc personality')
    ap.add_argument('--reason', default='',
                    help='why it is not (printed when skipping)')
    ap.add_argument('--build-dir', required=True,
                    help='where testbins/glibc was built')
    ap.add_argument('--work', required=True, help='scratch directory')
    ap.add_argument('--cxx', choices=['0', '1'], default='1',
                    help='whether cxx_main was built')
    ap.add_argument('--source-root', default=os.path.dirname(HERE))
    ap.add_argument('--patchelf', default='patchelf')
    ap.add_argument('--gdb', default='gdb',
                    help='gdb, or gdb-multiarch with --wrapper')
    ap.add_argument('--system-loader', default='/lib64/ld-linux-x86-64.so.2',
                    help='glibc\'s loader, for the reference runs')
    ap.add_argument('--wrapper', default='',
                    help='prefix of every program run, e.g. '
                         '"qemu-aarch64 -L /"')
    ap.add_argument('--wrapper-env-opt', default='',
                    help='wrapper option that sets a variable in the '
                         'program\'s environment, e.g. "-E" for qemu')
    ap.add_argument('--foreign-root', default='',
                    help='stamp of tests/foreign_root.py: the system '
                         'programs of myld\'s CPU where the host\'s are '
                         'of another')
    ap.add_argument('--run-timeout', type=float, default=RUN_TIMEOUT,
                    help='seconds a single run may take')
    ap.add_argument('--variant', action='append', default=[],
                    metavar='NAME:PATH',
                    help='toolchains: a built variant of hello')
    ap.add_argument('--skip-variant', action='append', default=[],
                    metavar='NAME:REASON',
                    help='toolchains: a variant that could not be built')
    opts = ap.parse_args()

    if opts.enabled == '0':
        print(f'SKIP: {opts.reason or "glibc programs are not supported"}')
        return SKIP
    opts.myld = os.path.abspath(opts.myld)
    opts.build_dir = os.path.abspath(opts.build_dir)
    opts.source_root = os.path.abspath(opts.source_root)
    opts.cxx = opts.cxx == '1'
    WRAPPER = shlex.split(opts.wrapper)
    WRAPPER_ENV_OPT = opts.wrapper_env_opt
    RUN_TIMEOUT = scaled(opts.run_timeout)
    if not os.path.exists(opts.system_loader):
        print(f'SKIP: no system loader {opts.system_loader} for the '
              'reference')
        return SKIP
    # The CPU of the programs under test: myld's.
    opts.machine = elf_machine(opts.myld)

    # A fresh directory per run: the cases run in parallel, and so may
    # several runs of one case (meson test --repeat).  Kept on failure.
    os.makedirs(opts.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix=opts.case + '.',
                            dir=os.path.abspath(opts.work))

    try:
        if opts.case in PROGRAM_CASES:
            result = run_program_case(opts.case, opts, work)
        elif opts.case == 'toolchains':
            result = run_toolchains(opts, work)
        elif opts.case == 'env':
            result = run_env(opts, work)
        elif opts.case == 'ld_debug':
            result = run_ld_debug(opts, work)
        elif opts.case == 'list':
            result = run_list(opts, work)
        elif opts.case == 'valgrind':
            result = run_valgrind(opts, work)
        elif opts.case == 'audit_list':
            result = run_audit_list(opts, work)
        elif opts.case == 'audit_ld_debug':
            result = run_audit_ld_debug(opts, work)
        elif opts.case == 'audit_nolibc':
            result = run_audit_nolibc(opts, work)
        elif opts.case == 'audit_limit':
            result = run_audit_limit(opts, work)
        elif opts.case == 'gdb_audit':
            result = run_gdb_check(opts, work, 'audit_main', 'audit',
                                   ('libaudited.so', 'libauditor.so',
                                    'libstartupsearch.so'),
                                   ('LD_AUDIT=libauditor.so',))
        elif opts.case == 'gdb_dlmopen':
            result = run_gdb_check(opts, work, 'dlmopen_main', 'dlmopen',
                                   ('libdmlib.so', 'libdmplain.so',
                                    'libdmlate.so', 'libdmglob.so'))
        else:
            result = run_gdb_check(opts, work)
    except Skip as e:
        shutil.rmtree(work, ignore_errors=True)
        print(f'SKIP: {e}')
        return SKIP
    except TestError as e:
        print(f'FAIL: {e} (files kept in {work})')
        print('The reference (the system loader) fails, so the TEST ITSELF '
              'is wrong, not myld.')
        return FAIL
    if result == PASS:
        shutil.rmtree(work, ignore_errors=True)
        print('PASS')
    else:
        print(f'FAIL (files kept in {work})')
    return result


if __name__ == '__main__':
    sys.exit(main())
