#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The lifetime suite (issue 16): object lifetime and concurrency.

    check_lifetime.py --myld MYLD --reference LD_SO --build-dir DIR
        --work DIR --source-root DIR [--wrapper 'qemu-aarch64 -L /']
        [--run-timeout S] [--cxx 0|1]
        [--enabled 0|1 [--reason TEXT]] --case NAME|all [--case NAME]...

Runs the stress programs of testbins/lifetime/ (its meson.build lists
them), one or many per invocation: the suite registers one test per
program, and `--case all` runs every one in this single process.  Each
program runs three times:

  reference  PROG DIR, a normal run: glibc's loader (its PT_INTERP)
  command    MYLD PROG DIR
  interp     ./PROG DIR, a copy of PROG (with all the libraries of DIR next
             to it) whose PT_INTERP patchelf set to MYLD

DIR is the directory of the program being run (the copy's own, in interp
mode).  The cases of CACHE_CASES, which bind lazily between start-up
objects from many threads (and forks), run twice more as commands with
the launch cache on, in a directory of their own: cold (recording, the
lazy slots written at exit) then warm (the entry's slots bound at
start-up, its look-ups replayed).  Every run must exit 0 with an empty stderr and print exactly
testbins/lifetime/expected/NAME.out: the programs print only counts that
do not depend on scheduling.  The reference run checks the test itself: if
it fails, the TEST is wrong, unless the case says the reference is known
to be wrong on this CPU (KNOWN_WRONG_REFERENCE), in which case its result
is shown and not counted, and myld must still print the expected output.
Each program arms an alarm of its own (testbins/lifetime/common.h), so a
deadlock ends as SIGALRM, reported as such; --run-timeout is a last
resort.

With --wrapper (the aarch64 cross build: "qemu-aarch64 -L /") every run,
the reference too, goes through it, and maps_flat is told not to compare
its RSS, which under qemu is qemu's own (expected/maps_flat-emulated.out).

Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""

import argparse
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99

# name: needs C++
CASES = {
    'storm': False,
    'churn_cxx': True,
    'fork_churn': False,
    'fork_thread': False,
    'dlclose_index': False,
    'unique_fail': True,
    'tls_threads': False,
    'dlerror_threads': False,
    'dlclose_pending': True,
    'tlsdesc_fp': False,
    'maps_flat': False,
    'dlclose_reentry': False,
    'dlclose_revive': False,
    'dlsym_default': False,
}

REVIVE_REASON = (
    "glibc 2.36's dlclose unloads an object a finaliser dlopened while it "
    "was being unloaded (libreent_e.so's destructor opens its own "
    'dependency libreent_f.so): the handle dangles, and the program sees '
    'libreent_f.so gone; myld keeps it for the handle')

# Cases run again with the launch cache on, cold then warm (see above).
CACHE_CASES = {'storm', 'fork_churn', 'fork_thread', 'tls_threads',
               'dlclose_reentry'}

FORK_THREAD_REASON = (
    "glibc 2.36 does not keep GL(dl_load_lock) across fork: a child forked "
    'while another thread is in dlopen or dlclose inherits their half-made '
    'changes, and its own dlopen asserts (r_state), faults, or waits for '
    'GL(dl_load_write_lock); myld holds its lock across fork')

# Cases whose reference run is wrong on a CPU, and why.  myld must print
# the expected output there all the same.
KNOWN_WRONG_REFERENCE = {
    ('dlclose_revive', 'x86_64'): REVIVE_REASON,
    ('dlclose_revive', 'aarch64'): REVIVE_REASON,
    ('fork_thread', 'x86_64'): FORK_THREAD_REASON,
    ('fork_thread', 'aarch64'): FORK_THREAD_REASON,
    ('tlsdesc_fp', 'x86_64'):
        "glibc 2.36's x86_64 _dl_tlsdesc_dynamic calls __tls_get_addr, "
        'which allocates the thread\'s block with malloc, without saving '
        'the vector registers a TLS descriptor call must preserve: the '
        'first access in a thread loses a * b and prints 6, not 12 (glibc '
        'bug 31372, fixed in 2.40)',
}

MACHINES = {62: 'x86_64', 183: 'aarch64'}


def elf_machine(path):
    with open(path, 'rb') as f:
        head = f.read(20)
    return MACHINES.get(int.from_bytes(head[18:20], 'little'), 'unknown')


class Run:
    def __init__(self, label, cmd, cwd, status, out, err):
        self.label, self.cmd, self.cwd = label, cmd, cwd
        self.status, self.out, self.err = status, out, err

    def describe(self):
        return f'cd {shlex.quote(self.cwd)} && ' + \
            ' '.join(map(shlex.quote, self.cmd))


def base_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('LD_', 'MYLD_', 'GLIBC_'))}
    env['LC_ALL'] = 'C'
    return env


def run(opts, label, cmd, cwd, extra_env=None):
    cmd = opts.wrapper + cmd
    env = base_env()
    env.update(extra_env or {})
    print('+', label + ':', f'cd {shlex.quote(cwd)} &&',
          ' '.join(map(shlex.quote, cmd)), flush=True)
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=opts.run_timeout)
        return Run(label, cmd, cwd, p.returncode, p.stdout, p.stderr)
    except subprocess.TimeoutExpired as e:
        return Run(label, cmd, cwd, f'timed out after {opts.run_timeout}s',
                   e.stdout or b'', e.stderr or b'')


def status_text(status):
    if isinstance(status, int) and status < 0:
        return f'killed by signal {-status}'
    return str(status)


def problems(res, want):
    """What is wrong with RES, a run that should print WANT and exit 0."""
    found = []
    if res.status != 0:
        found.append(f'exit status {status_text(res.status)}, expected 0')
    if res.err:
        found.append('stderr is not empty')
    if res.out != want:
        found.append('stdout differs from the expected output')
    return found


def report(res, want, found):
    print(f'{res.label}: FAIL: ' + '; '.join(found))
    print(f'  {res.describe()}')
    if res.out != want:
        diff = difflib.unified_diff(
            want.decode(errors='replace').splitlines(keepends=True),
            res.out.decode(errors='replace').splitlines(keepends=True),
            'expected stdout', 'got stdout')
        sys.stdout.writelines(line if line.endswith('\n') else line + '\n'
                              for line in diff)
    if res.err:
        print('--- stderr ---')
        print(res.err.decode(errors='replace').rstrip('\n'))
        print('--- end ---')


def patched_copy(opts, name, directory):
    """DIRECTORY gets a copy of program NAME and every library of the build
    directory (libstdc++.so.6 too, when the build put one there), its
    PT_INTERP set to MYLD.  Returns the copy's path."""
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for f in os.listdir(opts.build_dir):
        if f.endswith('.so') or f.endswith('.so.6'):
            shutil.copyfile(os.path.join(opts.build_dir, f),
                            os.path.join(directory, f))
    copy = os.path.join(directory, name)
    shutil.copyfile(os.path.join(opts.build_dir, name), copy)
    os.chmod(copy, 0o755)
    subprocess.run([opts.patchelf, '--set-interpreter', opts.myld, copy],
                   check=True)
    got = subprocess.run([opts.patchelf, '--print-interpreter', copy],
                         check=True, capture_output=True,
                         text=True).stdout.strip()
    if got != opts.myld:
        raise RuntimeError(f'patchelf left PT_INTERP {got!r} in {copy}')
    return copy


def run_case(opts, name, work):
    """Runs case NAME; returns PASS, FAIL or SKIP."""
    print(f'=== {name}')
    if CASES[name] and not opts.cxx:
        print(f'{name}: SKIP: no C++ compiler, the program was not built')
        return SKIP
    prog = os.path.join(opts.build_dir, name)
    extra = ['no-rss'] if name == 'maps_flat' and opts.wrapper else []
    expected = os.path.join(
        opts.source_root, 'testbins', 'lifetime', 'expected',
        name + ('-emulated' if extra else '') + '.out')
    with open(expected, 'rb') as f:
        want = f.read()

    ok = True
    ref = run(opts, 'reference', [prog, opts.build_dir] + extra,
              opts.build_dir)
    found = problems(ref, want)
    known = KNOWN_WRONG_REFERENCE.get((name, opts.machine))
    if found and known:
        print(f'reference: known to be wrong here ({known}); as expected '
              f'it differs: {"; ".join(found)}; not counted')
    elif known:
        print('reference: note: known to be wrong here, but it passed '
              '(a fixed glibc?)')
    elif found:
        report(ref, want, found)
        print(f'{name}: the reference run (glibc\'s loader) fails: the '
              'TEST is wrong, not myld')
        ok = False
    else:
        print('reference: PASS')

    command = [opts.myld, prog, opts.build_dir] + extra
    runs = [('command', command, opts.build_dir, None)]
    copy_dir = os.path.join(work, name + '-interp')
    patched_copy(opts, name, copy_dir)
    runs.append(('interp', ['./' + name, copy_dir] + extra, copy_dir, None))
    if name in CACHE_CASES:
        cache = {'MYLD_LAUNCH_CACHE': '1',
                 'XDG_CACHE_HOME': os.path.join(work, name + '-xdg')}
        runs += [(f'command, launch cache {when}', command, opts.build_dir,
                  cache) for when in ('cold', 'warm')]
    for label, cmd, cwd, env in runs:
        res = run(opts, label, cmd, cwd, env)
        found = problems(res, want)
        if found:
            report(res, want, found)
            ok = False
        else:
            print(f'{label}: PASS')
            if label == 'interp':
                shutil.rmtree(copy_dir, ignore_errors=True)
    print(f'{name}: {"PASS" if ok else "FAIL"}', flush=True)
    return PASS if ok else FAIL


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--case', action='append', required=True,
                    choices=list(CASES) + ['all'])
    ap.add_argument('--myld', required=True)
    ap.add_argument('--reference', default='',
                    help='glibc\'s loader (the programs\' PT_INTERP); '
                         'only checked to exist')
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--source-root',
                    default=os.path.dirname(os.path.dirname(
                        os.path.abspath(__file__))))
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--run-timeout', type=float, default=180)
    ap.add_argument('--patchelf', default='patchelf')
    ap.add_argument('--cxx', choices=['0', '1'], default='1')
    ap.add_argument('--enabled', choices=['0', '1'], default='1')
    ap.add_argument('--reason', default='')
    opts = ap.parse_args()
    if opts.enabled == '0':
        print(f'SKIP: {opts.reason or "glibc programs are not supported"}')
        return SKIP
    if not shutil.which(opts.patchelf):
        print(f'SKIP: {opts.patchelf} not found (needed for interp mode)')
        return SKIP
    opts.myld = os.path.abspath(opts.myld)
    opts.build_dir = os.path.abspath(opts.build_dir)
    opts.cxx = opts.cxx == '1'
    opts.wrapper = shlex.split(opts.wrapper)
    opts.machine = elf_machine(opts.myld)
    names = list(CASES) if 'all' in opts.case else opts.case
    os.makedirs(opts.work, exist_ok=True)
    work = tempfile.mkdtemp(prefix='lifetime.', dir=os.path.abspath(
        opts.work))
    results = {name: run_case(opts, name, work) for name in names}
    if len(names) > 1:
        print('summary: ' + ', '.join(
            f'{n} {["PASS", "FAIL"][r] if r in (PASS, FAIL) else "SKIP"}'
            for n, r in results.items()))
    if any(r == FAIL for r in results.values()):
        print(f'FAIL (files kept in {work})')
        return FAIL
    shutil.rmtree(work, ignore_errors=True)
    if all(r == SKIP for r in results.values()):
        return SKIP
    print('PASS')
    return PASS


if __name__ == '__main__':
    sys.exit(main())
