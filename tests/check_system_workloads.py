#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Real workloads with myld as the whole system's loader (issue 18).

Each case runs one workload twice in the same directory: natively, and
in a private mount namespace (`unshare -m --propagation private`) in
which myld is bind-mounted over the system loader's file, so that every
program the workload starts, and every child of those, is loaded by
myld.  The two transcripts (output, exit status, and for 'cbuild' the
bytes of every product) must be identical after masking what changes
from run to run anyway (addresses, process ids).  Any difference is a
loader bug.

  pipeline    coreutils, sed and grep in pipelines (system/pipeline.sh)
  cbuild      make -j2 builds a shared library, a static one and a
              program from several C files (system/cbuild/): objects,
              libraries and program byte-identical, the program's output
  git         init/add/commit/merge/log/diff/archive with fixed names and
              dates: identical commit ids (system/git.sh)
  python      subprocess, threads, multiprocessing, ctypes, ssl, sqlite3
              (system/workload.py)
  cpython     some of CPython's own regression tests, compared test case
              by test case (system/cpython_tests.py)
  perl        perl with XS modules, fork and a pipe (system/perl.pl)
  ldd         ldd of several programs, a static one and a script
  sotruss     sotruss of a program (natively; under qemu audit/sotruss
              runs sotruss's auditor on arm64 programs instead)
  gdb         gdb -batch on the cbuild program: break in the shared
              library, run, backtrace, info sharedlibrary, finish
  valgrind    memcheck on system/leaky.c: the errors and the summaries

For the aarch64 build on an x86_64 host (--wrapper 'qemu-aarch64 -L /'),
myld is bound over the arm64 loader's file, /lib/ld-linux-aarch64.so.1
(the host's multiarch libc6:arm64, whose build the glibc personality was
made for), and the programs are Debian's arm64 ones, unpacked into a
scratch root by tests/foreign_root.py (--foreign-root names its stamp).
qemu-user cannot start a foreign program by itself (no binfmt_misc is
assumed), so each arm64 program the workloads use is a small script in
a bin directory first on PATH that starts it under qemu; the workloads
start children by name from PATH ("python3", "sort").  'cbuild' runs
the root's arm64 gcc, cc1, as, collect2, ld and ar that way (make and sh
are the host's); the gdb case's program is built by the cross compiler
and debugged through qemu's gdb stub with gdb-multiarch; valgrind cannot
run under qemu (skipped).

Exit status: 0 pass, 1 fail, 77 skip (with the reason: no unshare, the
bind mount refused, myld built without the glibc personality, a program
missing), 99 the harness is broken.
"""

import argparse
import difflib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys

from timeouts import scaled

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99
FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'system')

# The arm64 programs each workload runs (the foreign root's), by name.
FOREIGN_TOOLS = {
    'pipeline': ['seq', 'sed', 'grep', 'cut', 'sort', 'tail', 'tr', 'uniq',
                 'head', 'sha256sum', 'cat', 'wc', 'od', 'base64', 'split',
                 'ls', 'paste'],
    'git': ['git', 'seq', 'sed', 'sha256sum'],
    'python': ['python3', 'sort'],
    'cpython': ['python3'],
    'perl': ['perl', 'sort'],
    'ldd': [],
    'sotruss': [],
    'gdb': [],
    'cbuild': [],
    'valgrind': [],
}

# CPython's tests the 'cpython' case runs: loading extension modules and
# libraries, callbacks from C, threads and thread-local data; a few
# seconds natively.  Under qemu, where each of these modules takes tens
# of seconds on a loaded machine, the threading ones except
# test_threading_local are left out.
CPYTHON_TESTS = ['ctypes.test.test_loading', 'ctypes.test.test_callbacks',
                 'ctypes.test.test_funcptr', 'ctypes.test.test_cfuncs',
                 'test.test_importlib.extension', 'test.test_threading_local']
CPYTHON_NATIVE_ONLY = ['test.test_thread', 'test.test_threading.LockTests']


class Skip(Exception):
    pass


class TestError(Exception):
    """The harness or the native run is wrong, not myld."""


class System:
    """How to run a command natively and with myld as the loader."""

    def __init__(self, opts):
        self.opts = opts
        self.case = opts.case
        self.myld = os.path.abspath(opts.myld)
        # The path programs name (PT_INTERP), and the file behind it,
        # which the bind mount covers.
        self.interp = opts.reference
        self.loader = os.path.realpath(opts.reference)
        self.wrapper = shlex.split(opts.wrapper)
        self.work = os.path.abspath(opts.work)
        # each case its own home and bin: the cases run in parallel
        self.home = os.path.join(self.work, self.case + '-home')
        self.root = None
        self.bin = None

    def namespace(self, argv):
        """ARGV run in a private mount namespace with myld bound over the
        loader; the namespace's shell checks the bind before anything."""
        return ['unshare', '-m', '--propagation', 'private', 'sh', '-c',
                'mount --bind "$0" "$1" && cmp -s "$0" "$1" && shift && '
                'exec "$@"', self.myld, self.loader] + argv

    def probe(self):
        """Raises Skip if the namespace cannot be made; checks that the
        loader at the programs' path is myld in it and glibc's outside."""
        if not shutil.which('unshare'):
            raise Skip('unshare (util-linux) is not installed')
        if not os.path.exists(self.loader):
            raise Skip(f'{self.interp}: no such loader on this system')
        r = subprocess.run(self.namespace(['true']), capture_output=True,
                           text=True, timeout=scaled(120))
        if r.returncode != 0:
            raise Skip('cannot bind myld over the system loader in a '
                       'private mount namespace (unshare -m, mount '
                       f'--bind): {r.stderr.strip() or r.returncode}')
        version = self.wrapper + [self.interp, '--version']
        r = subprocess.run(self.namespace(version), capture_output=True,
                           text=True, timeout=scaled(120))
        if not r.stdout.startswith('myld '):
            raise TestError(f'in the namespace, {self.interp} --version '
                            f'is not myld\'s: {r.stdout!r} {r.stderr!r} '
                            f'(status {r.returncode})')
        n = subprocess.run(version, capture_output=True, text=True,
                           timeout=scaled(120))
        if n.stdout.startswith('myld '):
            raise TestError(f'{self.interp} is myld outside the namespace')
        print(f'namespace: {self.interp} is {r.stdout.splitlines()[0]}; '
              f'natively {(n.stdout.splitlines() or ["?"])[0]}')

    def env(self, extra=None):
        path = '/usr/bin:/bin:/usr/sbin:/sbin'
        if self.bin:
            path = self.bin + ':' + path
        env = {'PATH': path, 'HOME': self.home,
               'LC_ALL': 'C.UTF-8', 'TZ': 'UTC', 'TERM': 'dumb',
               'DEBUGINFOD_URLS': '', 'PYTHONDONTWRITEBYTECODE': '1'}
        env.update(extra or {})
        return env

    def run(self, mode, argv, cwd, timeout, env=None, stdin=None):
        """ARGV natively (MODE 'native') or under myld ('myld'): (status,
        stdout, stderr) as text."""
        cmd = argv if mode == 'native' else self.namespace(argv)
        if self.wrapper:
            timeout *= 3	# qemu
        try:
            r = subprocess.run(cmd, cwd=cwd, env=env or self.env(),
                               capture_output=True, timeout=scaled(timeout),
                               stdin=stdin or subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, f'(timed out after {scaled(timeout)} s)', ''
        return (r.returncode, r.stdout.decode('utf-8', 'replace'),
                r.stderr.decode('utf-8', 'replace'))

    def fresh(self, name):
        d = os.path.join(self.work, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        shutil.rmtree(self.home, ignore_errors=True)
        os.makedirs(self.home)
        return d


# --------------------------------------------------------------------------
# The foreign root (aarch64 under qemu)


def foreign_root(opts):
    if not opts.foreign_root:
        raise TestError('a cross build without --foreign-root')
    try:
        with open(opts.foreign_root) as f:
            status, root = f.readline().strip(), f.readline().strip()
    except OSError as e:
        raise Skip(f'{opts.foreign_root}: {e.strerror} (tests/'
                   'foreign_root.py did not run)')
    if status != 'ok':
        raise Skip(f'the {opts.machine} programs could not be fetched: '
                   f'{status}')
    return root


def foreign_env(system):
    """-E options for a program of the root: its libraries (glibc is the
    host's multiarch one, outside the root), perl's and python's files."""
    root, triplet = system.root, f'{system.opts.machine}-linux-gnu'
    env = {'LD_LIBRARY_PATH': ':'.join(os.path.join(root, d, triplet)
                                       for d in ('lib', 'usr/lib')),
           'PERL5LIB': ':'.join([
               os.path.join(root, 'usr/lib', triplet, 'perl-base'),
               os.path.join(root, 'usr/lib', triplet, 'perl/5.36'),
               os.path.join(root, 'usr/share/perl/5.36')]),
           'PYTHONHOME': os.path.join(root, 'usr')}
    opts = []
    for name, value in env.items():
        opts += ['-E', f'{name}={value}']
    return opts


def write_wrappers(system, tools):
    """A bin directory with one script per arm64 TOOL that runs the root's
    program under qemu."""
    system.bin = os.path.join(system.work, system.case + '-bin')
    shutil.rmtree(system.bin, ignore_errors=True)
    os.makedirs(system.bin)
    names = {'python3': 'python3.11'}
    for tool in tools:
        prog = None
        for d in ('usr/bin', 'bin'):
            p = os.path.join(system.root, d, names.get(tool, tool))
            if os.path.exists(p):
                prog = p
                break
        if not prog:
            raise TestError(f'{tool} is not in the foreign root '
                            f'{system.root} (tests/meson.build lists its '
                            'packages)')
        script = os.path.join(system.bin, tool)
        with open(script, 'w') as f:
            f.write('#!/bin/sh\nexec ' + shlex.join(
                system.wrapper + foreign_env(system) + [prog]) + ' "$@"\n')
        os.chmod(script, 0o755)


# --------------------------------------------------------------------------
# Workloads: each returns the transcript of one run


def transcript(status, out, err):
    return f'{out}--- stderr ---\n{err}--- status {status}\n'


def shell_workload(name):
    def run(system, mode):
        d = system.fresh(name)
        return transcript(*system.run(mode, ['sh', os.path.join(
            FILES, name + '.sh')], d, 240))
    return run


def python_workload(system, mode):
    d = system.fresh('python')
    env = system.env({'SYSTEM_WORKLOAD_EXEC': '0' if system.root else '1'})
    return transcript(*system.run(mode, [
        'python3', os.path.join(FILES, 'workload.py'),
        os.path.join(FILES, 'tls-keycert.pem')], d, 240, env))


def cpython_workload(system, mode):
    d = system.fresh('cpython')
    status, out, err = system.run(
        mode, ['python3', os.path.join(FILES, 'cpython_tests.py')] +
        CPYTHON_TESTS + ([] if system.root else CPYTHON_NATIVE_ONLY), d,
        400)
    if status != 0 or 'counts: ' not in out:
        return transcript(status, out, err)
    print(f'{mode}: ' + out.splitlines()[-1])
    # The tracebacks of failed tests (stderr) show addresses and times:
    # only printed with a difference.
    if 'FAIL' in out or 'ERROR' in out:
        print(f'--- {mode}: failing tests ---\n{err}')
    return transcript(status, out, '')


def perl_workload(system, mode):
    d = system.fresh('perl')
    return transcript(*system.run(
        mode, ['perl', os.path.join(FILES, 'perl.pl')], d, 120))


def digest_tree(d):
    lines = []
    for dirpath, dirs, files in os.walk(d):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, d)
            if os.path.islink(p):
                lines.append(f'{rel} -> {os.readlink(p)}')
            else:
                with open(p, 'rb') as fh:
                    data = fh.read()
                lines.append(f'{rel} {len(data)} bytes sha256 '
                             f'{hashlib.sha256(data).hexdigest()}')
    return lines


def foreign_compiler(system):
    """Wrappers in the case's bin directory for the root's arm64 gcc:
    gcc itself, with -B naming the bin directory, where it then finds
    cc1, as, collect2 and ld (collect2 looks for ld there too), each
    a script that runs the root's program under qemu; and ar.  The
    sysroot is the root's /usr (headers, crt files, libc.so) beside the
    host's multiarch arm64 glibc (/lib/aarch64-linux-gnu and the loader,
    which the bind mount covers), so that nothing of another glibc
    build is in the programs' library path."""
    root, triplet = system.root, f'{system.opts.machine}-linux-gnu'
    gcc_lib = os.path.join(root, 'usr/lib/gcc', triplet, '12')
    tools = {'gcc': f'usr/bin/{triplet}-gcc-12', 'cc1': f'{gcc_lib}/cc1',
             'collect2': f'{gcc_lib}/collect2', 'as': f'usr/bin/{triplet}-as',
             'ld': f'usr/bin/{triplet}-ld', 'ar': f'usr/bin/{triplet}-ar'}
    make_sysroot(system, os.path.join(system.work, 'cbuild-sysroot'))
    system.bin = os.path.join(system.work, system.case + '-bin')
    shutil.rmtree(system.bin, ignore_errors=True)
    os.makedirs(system.bin)
    for name, path in tools.items():
        prog = os.path.join(root, path)
        if not os.path.exists(prog):
            raise TestError(f'{prog} is missing from the foreign root '
                            '(tests/meson.build lists its packages)')
        # the second -B puts the sysroot's libc.so before the one gcc
        # finds next to itself (the root's, whose paths ld would not
        # prefix)
        sysroot = os.path.join(system.work, 'cbuild-sysroot')
        extra = [f'-B{system.bin}/', f'-B{sysroot}/usr/lib/{triplet}/',
                 f'--sysroot={sysroot}'] if name == 'gcc' else []
        with open(os.path.join(system.bin, name), 'w') as f:
            f.write('#!/bin/sh\nexec ' + shlex.join(
                system.wrapper + foreign_env(system) + [prog] + extra) +
                ' "$@"\n')
        os.chmod(os.path.join(system.bin, name), 0o755)


def make_sysroot(system, sysroot):
    """SYSROOT for the root's gcc: the root's headers and development
    files, the host's multiarch glibc.  ld prefixes the paths in a linker
    script (libc.so) with the sysroot only if the script's real path is
    inside it, so the scripts are copied; everything else is a link."""
    triplet = f'{system.opts.machine}-linux-gnu'
    shutil.rmtree(sysroot, ignore_errors=True)
    libdir = os.path.join(sysroot, 'usr/lib', triplet)
    os.makedirs(libdir)
    os.makedirs(os.path.join(sysroot, 'lib'))
    os.symlink(os.path.join(system.root, 'usr/include'),
               os.path.join(sysroot, 'usr/include'))
    os.symlink(f'/lib/{triplet}', os.path.join(sysroot, 'lib', triplet))
    os.symlink(system.interp, os.path.join(
        sysroot, 'lib', os.path.basename(system.interp)))
    devdir = os.path.join(system.root, 'usr/lib', triplet)
    for name in os.listdir(devdir):
        path = os.path.join(devdir, name)
        script = False
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, 'rb') as f:
                script = f.read(4) not in (b'\x7fELF', b'!<ar')
        if script:
            shutil.copy(path, os.path.join(libdir, name))
        else:
            os.symlink(path, os.path.join(libdir, name))


def cbuild_workload(system, mode):
    d = system.fresh('cbuild')
    if system.root:
        # make and sh are the host's; the compiler, assembler, linker
        # and ar are arm64 programs under qemu
        foreign_compiler(system)
        tools = ['CC=gcc', 'AR=ar']
    else:
        tools = [f'CC={" ".join(system.opts.cc)}']
    build = system.run(mode, ['make', '-s', '-j2', '-f',
                              os.path.join(FILES, 'cbuild', 'Makefile')] +
                       tools, d, 240)
    text = transcript(*build)
    if build[0] == 0:
        text += '\n'.join(digest_tree(d)) + '\n'
        text += transcript(*system.run(
            mode, system.wrapper + ['./shapes'], d, 60))
    return text


def mask_addresses(text):
    return re.sub(r'0x[0-9a-fA-F]+', 'ADDR', text)


LDD_PROGRAMS = ['/bin/ls', '/usr/bin/python3.11', '/usr/bin/git',
                '/usr/bin/perl']


def ldd_workload(system, mode):
    d = system.fresh('ldd')
    script = os.path.join(d, 'script.sh')
    with open(script, 'w') as f:
        f.write('#!/bin/sh\necho a script\n')
    if system.root:
        progs = [system.root + p for p in LDD_PROGRAMS]
        ldd = foreign_ldd(system, d)
    else:
        progs = list(LDD_PROGRAMS)
        ldd = ['ldd']
    # myld itself is static: "statically linked"; a script: "not a
    # dynamic executable" and status 1.
    runs = [progs, [system.myld], [script]]
    text = ''
    for args in runs:
        status, out, err = system.run(mode, ldd + args, d, 120)
        text += transcript(status, mask_addresses(out), err)
    return text


def foreign_ldd(system, d):
    """The root's ldd script, its loader system/rtld_under_qemu.c, which
    runs the bound loader under qemu with ldd's LD_* variables passed to
    the guest (see there)."""
    rtld = os.path.join(d, 'rtld')
    r = subprocess.run([system.opts.build_cc, '-static', '-O2', '-o', rtld,
                        os.path.join(FILES, 'rtld_under_qemu.c')],
                       capture_output=True, text=True, timeout=scaled(120))
    if r.returncode != 0:
        raise TestError(f'building rtld_under_qemu failed: {r.stderr}')
    wrapper = system.wrapper[:]
    wrapper[0] = shutil.which(wrapper[0]) or wrapper[0]
    with open(rtld + '.cmd', 'wb') as f:
        for word in wrapper + foreign_env(system) + [system.interp]:
            f.write(word.encode() + b'\0')
    with open(os.path.join(system.root, 'usr/bin/ldd')) as f:
        text = f.read()
    text, n = re.subn(r'^RTLDLIST=.*$', f'RTLDLIST="{rtld}"', text,
                      flags=re.M)
    if n != 1:
        raise TestError('the root\'s ldd has no RTLDLIST= line')
    ldd = os.path.join(d, 'ldd')
    with open(ldd, 'w') as f:
        f.write(text)
    return ['bash', ldd]


def sotruss_workload(system, mode):
    if system.root:
        raise Skip('sotruss of an arm64 program is not run under qemu '
                   'by this suite (the arm64 sotruss script and its '
                   'auditor are not in the foreign root)')
    d = system.fresh('sotruss')
    status, out, err = system.run(mode, ['sotruss', '--', 'sh', '-c',
                                         'echo hi'], d, 120)
    return transcript(status, out, mask_addresses(
        re.sub(r'^\s*\d+', 'PID', err, flags=re.M)))


def build_debuggee(system, d):
    """The cbuild program, built natively outside the namespace, for gdb
    (the cross compiler for aarch64)."""
    cc = ' '.join(system.opts.cc)
    ar = system.opts.ar
    r = subprocess.run(['make', '-s', '-f', os.path.join(
        FILES, 'cbuild', 'Makefile'), f'CC={cc}', f'AR={ar}',
        'shapes'], cwd=d, capture_output=True, text=True,
        timeout=scaled(300))
    if r.returncode != 0:
        raise TestError(f'building the debuggee failed:\n{r.stdout}'
                        f'{r.stderr}')


GDB_COMMANDS = ['set debuginfod enabled off', 'set pagination off',
                'set width 0', 'set confirm off']
GDB_SCRIPT = ['break shape_area', '@RUN@', 'backtrace',
              'info sharedlibrary', 'finish', 'delete', 'continue']


def gdb_workload(system, mode):
    d = system.fresh('gdb')
    build_debuggee(system, d)
    gdb = system.opts.gdb
    if not shutil.which(gdb):
        raise Skip(f'{gdb} is not installed')
    commands = list(GDB_COMMANDS)
    if system.root:
        # qemu's gdb stub on a Unix socket: gdb "continue"s where it
        # would "run"; the program's output goes to a file.
        sock = os.path.join(d, 'gdb.sock')
        commands += ['set sysroot /', f'target remote {sock}']
        run = 'continue'
    else:
        run = 'run'
    args = [gdb, '-nx', '-batch', '-ex', 'set breakpoint pending on']
    for c in commands:
        args += ['-iex' if c.startswith('set debuginfod') else '-ex', c]
    for c in GDB_SCRIPT:
        args += ['-ex', c.replace('@RUN@', run)]
    args.append('./shapes')
    if system.root:
        script = (shlex.join(system.wrapper + ['-g', sock, './shapes']) +
                  ' >program.out 2>&1 &\n'
                  'n=0; while [ ! -S gdb.sock ] && [ $n -lt 600 ]; do '
                  'sleep 0.1; n=$((n+1)); done\n' + shlex.join(args) +
                  '\nstatus=$?\nwait\necho "--- program"\ncat program.out\n'
                  'exit $status\n')
        argv = ['sh', '-c', script]
    else:
        argv = args
    status, out, err = system.run(mode, argv, d, 240)
    if system.root:
        # Attached to qemu's stub, gdb first shows where the program
        # stands: the loader's first instruction, with the loader's own
        # source file and line (sysdeps/aarch64/dl-start.S, or myld's
        # arch/aarch64/start.S), which differ by design.
        first = out.find('Breakpoint 1 at ')
        out = '(at the loader\'s entry)\n' + out[first:] if first >= 0 \
            else out
        err = re.sub(r'^\d+\t\S+: No such file or directory\.\n', '', err,
                     flags=re.M)
    return mask_gdb(transcript(status, out, err))


def mask_gdb(text):
    text = mask_addresses(text)
    text = re.sub(r'process \d+', 'process PID', text)
    text = re.sub(r'LWP \d+', 'LWP N', text)
    return text


def valgrind_workload(system, mode):
    if system.root:
        raise Skip('valgrind cannot run under qemu-user (it is itself a '
                   'CPU emulator and needs a real aarch64 kernel)')
    if not shutil.which('valgrind'):
        raise Skip('valgrind is not installed')
    d = system.fresh('valgrind')
    r = subprocess.run(system.opts.cc + ['-g', '-O0', '-o', 'leaky',
                                         os.path.join(FILES, 'leaky.c')],
                       cwd=d, capture_output=True, text=True,
                       timeout=scaled(120))
    if r.returncode != 0:
        raise TestError(f'building leaky failed: {r.stderr}')
    status, out, err = system.run(mode, [
        'valgrind', '--leak-check=full', '--error-exitcode=3',
        '--show-leak-kinds=definite', './leaky'], d, 240)
    # "==PID== " prefixes, and the version banner's copyright line stays
    lines = []
    for line in err.splitlines():
        line = re.sub(r'^==\d+==', '==PID==', line)
        lines.append(mask_addresses(line))
    return transcript(status, out, '\n'.join(lines) + '\n')


WORKLOADS = {
    'pipeline': shell_workload('pipeline'),
    'cbuild': cbuild_workload,
    'git': shell_workload('git'),
    'python': python_workload,
    'cpython': cpython_workload,
    'perl': perl_workload,
    'ldd': ldd_workload,
    'sotruss': sotruss_workload,
    'gdb': gdb_workload,
    'valgrind': valgrind_workload,
}


def compare(case, native, mine):
    if native == mine:
        lines = native.splitlines()
        print(f'{case}: identical under myld and natively '
              f'({len(lines)} lines):')
        print('\n'.join('  ' + l for l in lines[:60]))
        if len(lines) > 60:
            print(f'  ... ({len(lines) - 60} more)')
        return PASS
    print(f'{case}: DIFFERS under myld (---native, +++myld):')
    sys.stdout.writelines(difflib.unified_diff(
        native.splitlines(True), mine.splitlines(True), 'native', 'myld'))
    return FAIL


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--case', required=True, choices=sorted(WORKLOADS))
    ap.add_argument('--myld', required=True)
    ap.add_argument('--reference', required=True,
                    help='the system loader, as programs name it')
    ap.add_argument('--machine', default=os.uname().machine)
    ap.add_argument('--wrapper', default='',
                    help="runs the machine's programs (qemu-aarch64 -L /)")
    ap.add_argument('--foreign-root', default='',
                    help='stamp of tests/foreign_root.py (cross builds)')
    ap.add_argument('--work', required=True)
    ap.add_argument('--enabled', default='1')
    ap.add_argument('--reason', default='')
    ap.add_argument('--gdb', default='gdb')
    ap.add_argument('--ar', default='ar')
    ap.add_argument('--build-cc', default='cc',
                    help='a compiler for the build machine (static)')
    ap.add_argument('--cc', nargs='+', default=['cc'])
    opts = ap.parse_args()
    if opts.enabled != '1':
        print('SKIP: myld is built without the glibc personality '
              f'({opts.reason}): it cannot stand in for the system loader')
        return SKIP
    system = System(opts)
    try:
        os.makedirs(system.work, exist_ok=True)
        if system.wrapper:
            system.root = foreign_root(opts)
            write_wrappers(system, FOREIGN_TOOLS[opts.case])
        system.probe()
        native = WORKLOADS[opts.case](system, 'native')
        if not native.endswith('--- status 0\n') and \
                opts.case not in ('valgrind', 'ldd'):
            print(f'{opts.case}: the native run failed (the workload or '
                  f'its setup is wrong):\n{native}')
            return ERROR
        mine = WORKLOADS[opts.case](system, 'myld')
        return compare(opts.case, native, mine)
    except Skip as e:
        print(f'SKIP: {e}')
        return SKIP
    except TestError as e:
        print(f'ERROR: {e}')
        return ERROR


if __name__ == '__main__':
    sys.exit(main())
