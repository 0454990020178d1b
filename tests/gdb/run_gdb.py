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

Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

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
    opts = ap.parse_args()

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
    cmd += ['-x', script_path]
    if opts.mode == 'interp':
        cmd += ['./' + name]
    else:
        cmd += ['--args', myld, './' + name]

    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('LD_', 'MYLD_', 'RT_', 'DEBUGINFOD_'))}
    env['HOME'] = tmp.name          # no ~/.gdbinit, no history
    for item in opts.env:
        key, _, value = item.partition('=')
        env[key] = value

    print('+ cd', prog_dir, '&&', ' '.join(cmd))
    try:
        p = subprocess.run(cmd, cwd=prog_dir, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=opts.timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'backslashreplace')
        print(f'FAIL: gdb timed out after {opts.timeout}s; output so far:')
        print(out)
        return FAIL
    out = p.stdout.decode('utf-8', 'backslashreplace')
    lines = [l.rstrip() for l in out.splitlines()]
    failures = check(rules, lines)
    print('--- gdb output ---')
    print(out, end='' if out.endswith('\n') else '\n')
    print('--- end of gdb output ---')
    if p.returncode != 0:
        failures.append(f'gdb exited with status {p.returncode}')
    if failures:
        for f in failures:
            print('FAIL:', f)
        return FAIL
    print('PASS')
    return PASS


if __name__ == '__main__':
    sys.exit(main())
