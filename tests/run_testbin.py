#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run one testbin case in each of its modes and check its behaviour exactly.

Compares stdout, stderr and the exit status with the expected values and
prints a unified diff on mismatch.  One process runs every mode of the
case (--mode, repeated), the reference first: starting Python costs more
than running myld, so tests/meson.build registers one test per case, not
per mode.  Each mode's result is printed as "MODE: PASS", "MODE: FAIL" or
"MODE: SKIP (why)", a failed run followed by its diff, then a summary line.
--only MODE (repeated) keeps only those modes, e.g.
`meson test -C build hello --test-args=--only=patchelf`.

Exit status: 0 when every mode passed, 1 when any failed, 77 (Meson's skip
code) when none failed but some could not run, 99 for a broken invocation
of this script.

Modes (every command runs with cwd = the program's directory and names the
program "./NAME", so argv[0] == AT_EXECFN == "./NAME" in every mode):

  interp     execute ./NAME directly; its PT_INTERP is myld.
  patchelf   copy the program and the *.so next to it to a temporary
             directory, patchelf --set-interpreter MYLD the copy, run that.
             Checks a PT_INTERP written after linking (different .interp
             layout) and that nothing depends on the build directory.
  command    MYLD [OPTS] ./NAME ARGS   (explicit invocation, AT_BASE == 0).
  reference  REF [OPTS] ./NAME ARGS with RT_NO_FINI=1 in the environment:
             validates the scenario itself against glibc's ld.so.
             RT_NO_FINI=1 because glibc 2.36's _dl_fini, which its ld.so
             passes to _start in %rdx, aborts when called from these
             libc-free programs: "Inconsistency detected by ld.so:
             dl-fini.c: 87: _dl_fini: Assertion `ns != LM_ID_BASE ||
             i == nloaded' failed!", exit 127 (seen both as PT_INTERP and
             in command mode).  So the reference never runs destructors,
             and destructor output is checked only under myld.
  list       MYLD --list ./NAME against REF --list ./NAME (see list_mode).

Under a wrapper (--wrapper, e.g. qemu-aarch64 for an aarch64 build on an
x86_64 machine) every command above is prefixed with the wrapper.  With
--wrapper-env-opt=OPT (qemu: -E) the scenario's own variables (--env,
RT_NO_FINI) go to the program as "OPT NAME=VALUE" wrapper arguments rather
than into the wrapper's environment: a dynamically linked qemu would
otherwise hand LD_PRELOAD and LD_LIBRARY_PATH to the host's loader, which
then complains on stderr that it cannot preload an aarch64 library.

Placeholders in expected files: @PROG@ (the program as named on the command
line, "./NAME"), @DIR@ (absolute directory the program runs from), @MYLD@.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from timeouts import scaled

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99

# The order the modes run in, whatever the command line's: the reference
# first, since a failing reference means the test, not myld, is wrong.
MODE_ORDER = ['reference', 'interp', 'patchelf', 'command', 'list']


class RunFailed(Exception):
    """A run could not complete (timeout, exec failure): the mode fails."""


class Skipped(Exception):
    """The mode cannot run on this machine; the message says why."""

# Variables from the caller's environment that would change what the
# loader does; the scenario sets the ones it needs explicitly.
SCRUBBED_PREFIXES = ('LD_', 'MYLD_', 'RT_')


_expected_text = {}


def read_expected(path, subst):
    if not path:
        return ''
    if path not in _expected_text:
        with open(path, encoding='utf-8') as f:
            _expected_text[path] = f.read()
    text = _expected_text[path]
    for key, value in subst.items():
        text = text.replace(key, value)
    return text


def show_diff(what, expected, actual):
    diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                actual.splitlines(keepends=True),
                                'expected ' + what, 'actual ' + what)
    sys.stdout.writelines(line if line.endswith('\n') else line + '\n'
                          for line in diff)


def run(cmd, env, cwd, timeout):
    """Run CMD; returns (status, stdout, stderr) with text decoded leniently."""
    print('+ cd', shlex.quote(cwd), '&&', ' '.join(map(shlex.quote, cmd)))
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RunFailed(f'timed out after {timeout}s')
    except OSError as e:
        # E.g. ENOENT when the kernel cannot find PT_INTERP (myld unbuilt).
        raise RunFailed(f'cannot execute: {e}')
    out = p.stdout.decode('utf-8', 'backslashreplace')
    err = p.stderr.decode('utf-8', 'backslashreplace')
    status = p.returncode
    if status < 0:
        print(f'note: killed by signal {-status}')
    return status, out, err


def check(opts, mode, status, out, err, subst):
    """Compare one run with the expectations; returns PASS or FAIL."""
    ok = True
    want_out = read_expected(opts.stdout, subst)
    want_err = read_expected(opts.stderr, subst)
    if out != want_out:
        print('stdout differs:')
        show_diff('stdout', want_out, out)
        ok = False
    if err != want_err:
        print('stderr differs:')
        show_diff('stderr', want_err, err)
        ok = False
    if status != opts.status:
        print(f'exit status: expected {opts.status}, got {status}')
        ok = False
    if ok:
        return PASS
    if mode == 'reference':
        print('FAIL: the reference loader does not produce the expected '
              'result, so the TEST ITSELF is wrong (testbin or expected '
              'file), not myld.')
    else:
        # Show everything: the diff alone can hide an interesting stderr.
        print('--- full stdout ---\n' + out + '--- full stderr ---\n' + err)
    return FAIL


def wrapped(opts, cmd, env, case_env):
    """The command line and environment for CMD, which gets CASE_ENV."""
    wrapper = shlex.split(opts.wrapper)
    env = dict(env)
    if wrapper and opts.wrapper_env_opt:
        for key, value in sorted(case_env.items()):
            # qemu's -E takes a comma-separated list.
            if ',' in value and opts.wrapper_env_opt == '-E':
                print(f'cannot pass {key}={value!r} through qemu -E: comma')
                sys.exit(ERROR)
            wrapper += [opts.wrapper_env_opt, f'{key}={value}']
    else:
        env.update(case_env)
    return wrapper + cmd, env


def list_mode(opts, prog_dir, name, env, case_env):
    """Compare `myld --list` with the reference loader's `--list`.

    Rule: (1) every "(0x<hex>)" becomes "(ADDR)"; (2) the path after "=> "
    is normalised with os.path.normpath, because glibc builds $ORIGIN from
    getcwd() + dirname("./NAME") and prints ".../dir/./libx.so"; (3) the
    interpreter's line (PT_INTERP is <MYLD>): glibc prints it only when
    some object needs the loader (DT_NEEDED on its soname or path), as
    "\t<MYLD> => <REF> (ADDR)", myld as "\t<MYLD> (ADDR)"; both become
    "\tLOADER (ADDR)", so that its presence and place are compared.  A
    nameless line, "\t (ADDR)", is dropped from the reference: Debian's
    aarch64 glibc 2.36 (libc6-arm64-cross) prints one first under
    qemu-aarch64, at the program's own load address, for `--list` only
    (LD_TRACE_LOADED_OBJECTS=1 has none), for libc-free and libc programs
    alike; glibc's x86_64 loader under qemu-x86_64 does not.  Dropping it
    loses nothing: it names no object.  The remaining lines, including
    "\tlinux-vdso.so.1 (ADDR)" when a vDSO exists, must be equal and in
    the same order.  Both must exit 0.
    """
    def normalise(text):
        lines = []
        for line in text.splitlines():
            line = re.sub(r'\(0x[0-9a-fA-F]+\)', '(ADDR)', line)
            m = re.match(r'^(\t\S+ => )(\S+)( \(ADDR\))$', line)
            if m:
                line = m.group(1) + os.path.normpath(m.group(2)) + m.group(3)
            if re.fullmatch(r'\t' + re.escape(opts.myld) +
                            r'( => \S+)? \(ADDR\)', line):
                line = '\tLOADER (ADDR)'
            lines.append(line)
        return lines

    status, out, err = run(*wrapped(opts, [opts.myld, '--list', './' + name],
                                    env, case_env),
                           prog_dir, opts.timeout)
    rstatus, rout, rerr = run(*wrapped(opts, [opts.reference, '--list',
                                              './' + name], env, case_env),
                              prog_dir, opts.timeout)
    if rstatus != 0:
        print(f'FAIL: reference --list exited {rstatus} (the test itself is '
              f'wrong):\n{rout}{rerr}')
        return FAIL
    mine, ref = normalise(out), normalise(rout)
    ok = True
    if status != 0 or err:
        print(f'myld --list exited {status}, stderr:\n{err}')
        ok = False
    ref = [l for l in ref if l != '\t (ADDR)']
    if mine != ref:
        print('--list output differs from the reference (after masking):')
        show_diff('(reference --list)', '\n'.join(ref) + '\n',
                  '\n'.join(mine) + '\n')
        ok = False
    if not ok:
        print('raw myld output:\n' + out)
    return PASS if ok else FAIL


def patchelf_copy(opts, prog_dir, name, tmp):
    """Copy the program and the *.so next to it into TMP and make the
    copy's PT_INTERP MYLD."""
    if not shutil.which(opts.patchelf):
        raise Skipped('patchelf not found')
    copy = os.path.join(tmp, name)
    shutil.copy2(os.path.join(prog_dir, name), copy)
    for f in os.listdir(prog_dir):
        if f.endswith('.so'):
            shutil.copy2(os.path.join(prog_dir, f), tmp)
    # The copy must have a PT_INTERP to rewrite, and must end up with ours.
    # On aarch64 patchelf 0.14 puts the longer PT_INTERP in a new PT_LOAD
    # aligned to 64 KiB, its default page size for EM_AARCH64, and the
    # same max-page-size GNU ld and lld use there.  That is deliberate:
    # the result runs on 4, 16 and 64 KiB page kernels alike (qemu-user
    # uses 4 KiB) and checks that myld copes with p_align > page size.
    # --page-size 4096 could give a segment whose offset and address
    # disagree modulo 64 KiB, which a 64 KiB page kernel cannot map.
    subprocess.run([opts.patchelf, '--print-interpreter', copy],
                   check=True, capture_output=True)
    subprocess.run([opts.patchelf, '--set-interpreter', opts.myld, copy],
                   check=True)
    got = subprocess.run([opts.patchelf, '--print-interpreter', copy],
                         check=True, capture_output=True,
                         text=True).stdout.strip()
    if got != opts.myld:
        raise RunFailed(f'patchelf left PT_INTERP {got!r}')


def run_mode(opts, mode, prog_dir, name, env, case_env):
    """Run the case in MODE; returns PASS or FAIL, or raises Skipped."""
    case_env = dict(case_env)
    if mode in ('reference', 'list') and not os.path.exists(opts.reference):
        raise Skipped(f'reference loader {opts.reference} not found')
    if mode == 'list':
        return list_mode(opts, prog_dir, name, env, case_env)
    if mode == 'patchelf':
        with tempfile.TemporaryDirectory(prefix='myld-patchelf-') as tmp:
            try:
                patchelf_copy(opts, prog_dir, name, tmp)
            except subprocess.CalledProcessError as e:
                raise RunFailed(f'{e}; stderr: {e.stderr!r}')
            return run_prog(opts, mode, tmp, name, env, case_env)
    return run_prog(opts, mode, prog_dir, name, env, case_env)


def run_prog(opts, mode, prog_dir, name, env, case_env):
    """Run ./NAME in PROG_DIR as MODE says and check the result."""
    target = './' + name
    if mode in ('interp', 'patchelf'):
        cmd = [target] + opts.arg
    elif mode == 'command':
        cmd = [opts.myld] + opts.opt + [target] + opts.arg
    else:
        cmd = [opts.reference] + opts.opt + [target] + opts.arg
        case_env['RT_NO_FINI'] = '1'
    subst = {'@PROG@': target, '@DIR@': prog_dir, '@MYLD@': opts.myld}
    status, out, err = run(*wrapped(opts, cmd, env, case_env), prog_dir,
                           opts.timeout)
    return check(opts, mode, status, out, err, subst)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--mode', action='append', required=True,
                    choices=MODE_ORDER,
                    help='a mode to run the case in (repeat for several)')
    ap.add_argument('--only', action='append', choices=MODE_ORDER,
                    help='run only this one of the given modes (repeatable)')
    ap.add_argument('--name', default='',
                    help='the case\'s name, for the report')
    ap.add_argument('--prog', required=True,
                    help='absolute path of the program (need not exist '
                         'for negative tests)')
    ap.add_argument('--myld', required=True)
    ap.add_argument('--reference', default='/lib64/ld-linux-x86-64.so.2')
    ap.add_argument('--patchelf', default='patchelf')
    ap.add_argument('--stdout', help='file with the expected stdout')
    ap.add_argument('--stderr', help='file with the expected stderr')
    ap.add_argument('--status', type=int, default=0)
    ap.add_argument('--env', action='append', default=[],
                    metavar='NAME=VALUE')
    ap.add_argument('--opt', action='append', default=[],
                    help='loader option (use --opt=--preload form)')
    ap.add_argument('--arg', action='append', default=[],
                    help='program argument (use --arg=VALUE form)')
    ap.add_argument('--wrapper', default='',
                    help='command prefixed to every run, e.g. '
                         '"qemu-aarch64 -L /usr/aarch64-linux-gnu"')
    ap.add_argument('--wrapper-env-opt', default='',
                    help='wrapper option that sets a variable in the '
                         'program\'s environment, e.g. "-E" for qemu')
    ap.add_argument('--timeout', type=float, default=30,
                    help='seconds per run, before MYLD_TEST_TIMEOUT_SCALE')
    opts = ap.parse_args()
    opts.timeout = scaled(opts.timeout)

    prog_dir, name = os.path.split(os.path.abspath(opts.prog))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(SCRUBBED_PREFIXES)}
    case_env = {}
    for item in opts.env:
        key, sep, value = item.partition('=')
        if not sep:
            print(f'bad --env {item!r}: expected NAME=VALUE')
            return ERROR
        case_env[key] = value
    modes = [m for m in MODE_ORDER if m in opts.mode
             and (not opts.only or m in opts.only)]
    if not modes:
        print(f'--only {opts.only} names none of the modes {opts.mode}')
        return ERROR

    results = {}
    for mode in modes:
        print(f'=== {opts.name or name} / {mode}')
        try:
            result = run_mode(opts, mode, prog_dir, name, env, case_env)
            results[mode] = 'PASS' if result == PASS else 'FAIL'
        except RunFailed as e:
            print(f'FAIL: {e}')
            results[mode] = 'FAIL'
        except Skipped as e:
            results[mode] = f'SKIP ({e})'
        print(f'{mode}: {results[mode]}')
    print(f'{opts.name or name}: ' +
          ', '.join(f'{m} {r}' for m, r in results.items()))
    if any(r == 'FAIL' for r in results.values()):
        return FAIL
    if any(r.startswith('SKIP') for r in results.values()):
        return SKIP
    return PASS


if __name__ == '__main__':
    sys.exit(main())
