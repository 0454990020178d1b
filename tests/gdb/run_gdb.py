#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run one gdb batch script on a testbin and check its output.

    run_gdb.py --gdb GDB --mode interp|command --myld MYLD --prog PROG \
               --script S.gdb --expect S.expect [--source-root DIR]

interp   gdb ./NAME                      (the program's PT_INTERP is myld)
command  gdb --args MYLD ./NAME          (myld is gdb's executable)

gdb runs in the program's directory with -nx -batch, its output (stdout
and stderr merged, in order) is checked against the expectation file.

Expectation files: one regular expression per line, matched against a
whole output line (re.fullmatch, trailing blanks ignored).

  REGEX        some line after the previous match must match (in order)
  = REGEX      the very next line after the previous match must match
  ! REGEX      no line of the whole output may match
  [interp] ... / [command] ...   the line applies in that mode only
  # ...        a comment ("#" and a space; "#0  main" is a regex);
               blank lines are ignored

Placeholders, replaced by the escaped value: @MYLD@ (absolute path of
myld), @DIR@ (the program's directory), @PROG@ (absolute path of the
program), @SRC@ (the source root); and @HEX@, which stands for
0x[0-9a-f]+.

--break-myld runs a copy of myld (command mode only) in which the
debugger interface cannot be found: its _dl_debug_state renamed and its
SDT notes removed.  The tests registered with it are expected to FAIL;
they show that the expectations really depend on that interface.

--qemu WRAPPER (e.g. "qemu-aarch64 -L /", with --gdb gdb-multiarch)
debugs a foreign program through qemu-user's gdb stub instead of running
it under gdb: WRAPPER -g SOCKET ./NAME (interp) or WRAPPER -g SOCKET MYLD
./NAME (command) is started in the program's directory, with SOCKET a
Unix socket in a fresh temporary directory (no TCP port to pick or to
find taken), and stops before its first instruction; once the socket
exists, gdb runs with "set sysroot DIR" (DIR is the wrapper's -L, else /)
and "target remote SOCKET" before the script, so the script says
"continue" where it would say "run".  The program's stdout and stderr go
to the same file as gdb's output, in the order written (the program
writes before it exits, gdb reports the exit after).  qemu is killed if
it outlives gdb by 10 s.  See docs/aarch64.md.

Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from timeouts import scaled  # noqa: E402

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99

# Settings applied before anything else, so that scripts need not repeat
# them and no user or system configuration changes the output.
PRELUDE = [
    'set pagination off',
    'set width 0',
    'set height 0',
    'set confirm off',
    'set breakpoint pending on',
    'set print pretty off',
    'set style enabled off',
]


def parse_expect(path, mode, subst):
    """Returns [(kind, regex, source line)] for MODE."""
    rules = []
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            if not line.strip() or line == '#' or line.startswith('# '):
                continue
            m = re.match(r'^\[(interp|command)\] ?(.*)$', line)
            if m:
                if m.group(1) != mode:
                    continue
                line = m.group(2)
            kind = 'seq'
            if line.startswith('= '):
                kind, line = 'next', line[2:]
            elif line.startswith('! '):
                kind, line = 'never', line[2:]
            for key, value in subst.items():
                line = line.replace(key, value)
            try:
                rules.append((kind, re.compile(line), f'{path}:{n}'))
            except re.error as e:
                print(f'{path}:{n}: bad regex: {e}')
                sys.exit(ERROR)
    return rules


def check(rules, lines):
    """Returns a list of failure messages."""
    failures = []
    pos = -1            # index of the last matched line
    for kind, rx, where in rules:
        if kind == 'never':
            for i, l in enumerate(lines):
                if rx.fullmatch(l):
                    failures.append(f'{where}: forbidden line {i + 1} '
                                    f'matches /{rx.pattern}/: {l!r}')
            continue
        if kind == 'next':
            i = pos + 1
            if i < len(lines) and rx.fullmatch(lines[i]):
                pos = i
            else:
                got = lines[i] if i < len(lines) else '<end of output>'
                failures.append(f'{where}: line {i + 1} should match '
                                f'/{rx.pattern}/ but is {got!r}')
                return failures
            continue
        for i in range(pos + 1, len(lines)):
            if rx.fullmatch(lines[i]):
                pos = i
                break
        else:
            failures.append(f'{where}: no line after line {pos + 1} '
                            f'matches /{rx.pattern}/')
            return failures
    return failures


def broken_copy(myld, tmpdir):
    """A copy of myld whose debugger interface gdb cannot find."""
    copy = os.path.join(tmpdir, 'myld-broken')
    objcopy = shutil.which('objcopy')
    if objcopy:
        subprocess.run([objcopy, '--remove-section=.note.stapsdt', myld,
                        copy], check=True)
    else:
        shutil.copy2(myld, copy)
    with open(copy, 'rb') as f:
        data = f.read()
    # Same length, so no offset moves: "_dl_debug_state" -> "_dl_debug_st4te"
    data = data.replace(b'_dl_debug_state\0', b'_dl_debug_st4te\0')
    with open(copy, 'wb') as f:
        f.write(data)
    os.chmod(copy, 0o755)
    return copy


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--gdb', default='gdb')
    ap.add_argument('--mode', required=True, choices=['interp', 'command'])
    ap.add_argument('--myld', required=True)
    ap.add_argument('--prog', required=True)
    ap.add_argument('--script', required=True)
    ap.add_argument('--expect', required=True)
    ap.add_argument('--source-root', default='')
    ap.add_argument('--env', action='append', default=[],
                    metavar='NAME=VALUE', help='for the program')
    ap.add_argument('--break-myld', action='store_true')
    ap.add_argument('--timeout', type=float, default=90)
    ap.add_argument('--qemu', default='', metavar='WRAPPER',
                    help='debug through qemu-user\'s gdb stub, e.g. '
                         '"qemu-aarch64 -L /"')
    opts = ap.parse_args()
    opts.timeout = scaled(opts.timeout)

    gdb = shutil.which(opts.gdb)
    if not gdb:
        print(f'SKIP: {opts.gdb} not found')
        return SKIP
    prog = os.path.abspath(opts.prog)
    prog_dir, name = os.path.split(prog)
    myld = os.path.abspath(opts.myld)

    tmp = tempfile.TemporaryDirectory(prefix='myld-gdb-')
    if opts.break_myld:
        if opts.mode != 'command':
            print('--break-myld needs --mode command')
            return ERROR
        myld = broken_copy(myld, tmp.name)

    subst = {'@MYLD@': re.escape(myld), '@DIR@': re.escape(prog_dir),
             '@PROG@': re.escape(prog),
             '@SRC@': re.escape(os.path.abspath(opts.source_root or '.')),
             '@HEX@': '0x[0-9a-f]+'}
    rules = parse_expect(opts.expect, opts.mode, subst)

    # The script may name the source root as @SRC@ (e.g. to source the
    # gdb extension): write a copy with it filled in.
    with open(opts.script, encoding='utf-8') as f:
        script = f.read().replace(
            '@SRC@', os.path.abspath(opts.source_root or '.'))
    script_path = os.path.join(tmp.name, os.path.basename(opts.script))
    with open(script_path, 'w', encoding='utf-8') as f:
        f.write(script)

    cmd = [gdb, '-q', '-nx', '-batch']
    for s in PRELUDE:
        cmd += ['-iex', s]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('LD_', 'MYLD_', 'RT_', 'DEBUGINFOD_'))}
    env['HOME'] = tmp.name          # no ~/.gdbinit, no history

    if opts.qemu:
        status, out = run_remote(opts, cmd, script_path, myld, prog_dir,
                                 name, env, tmp.name)
    else:
        for item in opts.env:
            key, _, value = item.partition('=')
            env[key] = value
        cmd += ['-x', script_path]
        if opts.mode == 'interp':
            cmd += ['./' + name]
        else:
            cmd += ['--args', myld, './' + name]
        print('+ cd', prog_dir, '&&', ' '.join(cmd))
        try:
            p = subprocess.run(cmd, cwd=prog_dir, env=env,
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=opts.timeout)
            status = p.returncode
            out = p.stdout.decode('utf-8', 'backslashreplace')
        except subprocess.TimeoutExpired as e:
            status = f'timed out after {opts.timeout}s'
            out = (e.stdout or b'').decode('utf-8', 'backslashreplace')
    if not isinstance(status, int):
        print(f'FAIL: {status}; output so far:')
        print(out)
        return FAIL
    lines = [l.rstrip() for l in out.splitlines()]
    failures = check(rules, lines)
    print('--- gdb output ---')
    print(out, end='' if out.endswith('\n') else '\n')
    print('--- end of gdb output ---')
    if status != 0:
        failures.append(f'gdb exited with status {status}')
    if failures:
        for f in failures:
            print('FAIL:', f)
        return FAIL
    print('PASS')
    return PASS


def stop(proc, what):
    """Kills PROC (which this script started) if it still runs."""
    if proc.poll() is None:
        print(f'note: killing {what} (pid {proc.pid})')
        proc.kill()
        proc.wait()


def run_remote(opts, gdb_cmd, script_path, myld, prog_dir, name, env, tmp):
    """--qemu: the program under qemu's gdb stub, gdb connected to it.
    Returns (gdb's exit status or a string saying what went wrong, the
    output of gdb and the program, merged)."""
    wrapper = shlex.split(opts.qemu)
    sysroot = '/'
    for i, arg in enumerate(wrapper[:-1]):
        if arg == '-L':
            sysroot = wrapper[i + 1]
    sock = os.path.join(tmp, 'gdb.sock')
    qemu_cmd = wrapper[:]
    for item in opts.env:
        qemu_cmd += ['-E', item]
    qemu_cmd += ['-g', sock]
    qemu_cmd += ['./' + name] if opts.mode == 'interp' else \
        [myld, './' + name]
    gdb_cmd = gdb_cmd + ['-ex', f'set sysroot {sysroot}',
                         '-ex', f'target remote {sock}',
                         '-x', script_path,
                         './' + name if opts.mode == 'interp' else myld]
    out_path = os.path.join(tmp, 'output')
    deadline = time.monotonic() + opts.timeout
    with open(out_path, 'wb') as out_f:
        print('+ cd', prog_dir, '&&', ' '.join(map(shlex.quote, qemu_cmd)),
              '&')
        sys.stdout.flush()
        qemu = subprocess.Popen(qemu_cmd, cwd=prog_dir, env=env,
                                stdin=subprocess.DEVNULL, stdout=out_f,
                                stderr=out_f)
        gdb = None
        try:
            # qemu creates the socket before it runs anything.
            while not os.path.exists(sock):
                if qemu.poll() is not None:
                    return f'qemu exited with {qemu.returncode} before ' \
                        'listening', read_text(out_path)
                if time.monotonic() > deadline:
                    return f'no socket from qemu after {opts.timeout}s', \
                        read_text(out_path)
                time.sleep(0.05)
            print('+ cd', prog_dir, '&&',
                  ' '.join(map(shlex.quote, gdb_cmd)))
            sys.stdout.flush()
            gdb = subprocess.Popen(gdb_cmd, cwd=prog_dir, env=env,
                                   stdin=subprocess.DEVNULL, stdout=out_f,
                                   stderr=out_f)
            try:
                status = gdb.wait(timeout=max(1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                return f'gdb timed out after {opts.timeout}s', \
                    read_text(out_path)
            try:
                qemu.wait(timeout=scaled(10))
            except subprocess.TimeoutExpired:
                print('note: qemu still runs 10 s after gdb ended')
            return status, read_text(out_path)
        finally:
            if gdb is not None:
                stop(gdb, 'gdb')
            stop(qemu, 'qemu')


def read_text(path):
    with open(path, 'rb') as f:
        return f.read().decode('utf-8', 'backslashreplace')


if __name__ == '__main__':
    sys.exit(main())
