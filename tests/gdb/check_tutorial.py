#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The gdb transcripts of a document (docs/tutorial.md, docs/aarch64.md)
run again and checked: what the page shows is what gdb says today.

A transcript is a fenced code block whose first line starts a gdb
session ("$ gdb ...", "$ cd ../DIR && gdb ...", or for qemu "$
gdb-multiarch ..."); a later block whose first line is a "(gdb) "
command continues the same session.  The session runs in
BUILD/testbins/hello (or the DIR the "cd" names) with gdb -nx -batch,
every "(gdb) " line as a command in order.  Under --qemu a session
starts with two lines, "$ qemu-aarch64 ... -g PORT PROGRAM... &" and "$
gdb-multiarch ...": the PROGRAM (./NAME, or myld and ./NAME) runs under
qemu's gdb stub (tests/gdb/run_gdb.py's run_remote, with its own socket,
sysroot and target), and the page says "continue" where natively it
would say "run".

The lines the page shows after a command must appear, in order, in gdb's
output for that command (a transcript may leave lines out, never add or
change one), once both sides are masked: addresses (0x...) and numbers
after a colon, in "line N" or of six digits or more become N, and so do frame numbers (a
transcript may leave frames out) and process ids; a source line gdb
echoes ("N<tab>text") counts only as a source line, since myld's code
changes; runs of blanks become one blank.  Paths are written on the
page as ~/myld (the source tree) and ~/myld/build or ~/myld/build-aarch64
(the build tree), which the check replaces by the real ones.  "..." lines
stand for left-out output.

usage: check_tutorial.py --doc FILE --gdb GDB --build BUILD --source SRC
                         [--qemu WRAPPER] [--show]"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
import run_gdb  # noqa: E402
from timeouts import scaled  # noqa: E402

MARK = '@@@ command '


def blocks(text):
    """The fenced code blocks of TEXT, as lists of lines."""
    out, cur = [], None
    for line in text.splitlines():
        if line.startswith('```'):
            if cur is None:
                cur = []
            else:
                out.append(cur)
                cur = None
        elif cur is not None:
            cur.append(line)
    return out


START = re.compile(r'^\$ (?:cd \.\./(\S+) && )?(gdb(?:-multiarch)?) (.*)$')
QEMU = re.compile(r'^\$ (?:cd \.\./(\S+) && )?qemu-\S+ .*-g \S+ (.*) &$')


def sessions(text):
    """[(dir, gdb args or qemu's program and arguments, [(command,
    [expected lines])])]."""
    out = []
    for b in blocks(text):
        if not b:
            continue
        m = START.match(b[0])
        q = QEMU.match(b[0])
        if q and len(b) > 1 and b[1].startswith('$ gdb-multiarch '):
            # The page's own settings for gdb (solib-search-path...) come
            # first; run_remote gives the sysroot and the target.
            gdb_args = shlex.split(b[1][len('$ gdb-multiarch '):])
            settings = [(gdb_args[i + 1], []) for i, a in
                        enumerate(gdb_args[:-1]) if a == '-ex' and
                        not gdb_args[i + 1].startswith(('target ',
                                                        'set sysroot'))]
            out.append((q.group(1) or 'hello', shlex.split(q.group(2)),
                        settings))
            body = b[2:]
        elif m:
            out.append((m.group(1) or 'hello', shlex.split(m.group(3)), []))
            body = b[1:]
        elif b[0].startswith('(gdb) ') and out:
            body = b
        else:
            continue
        for line in body:
            if line.startswith('(gdb) '):
                out[-1][2].append((line[len('(gdb) '):], []))
            elif out[-1][2] and line.strip() not in ('', '...'):
                out[-1][2][-1][1].append(line)
    return out


def mask(line):
    # A source line gdb echoes is myld's code of today: its text changes
    # as myld does, so only its being there is compared.
    if re.match(r'^\d+\t', line):
        return 'N <source line>'
    line = re.sub(r'^#\d+ ', '#N ', line)
    line = re.sub(r'0x[0-9a-f]+', 'N', line)
    line = re.sub(r'\b\d{6,}\b', 'N', line)     # an address in decimal
    line = re.sub(r'(?<=:)\d+\b', 'N', line)
    line = re.sub(r'\bline \d+', 'line N', line)
    line = re.sub(r'^\d+(?=\s)', 'N', line)
    line = re.sub(r'process \d+', 'process N', line)
    line = re.sub(r'\$\d+ =', '$N =', line)
    return ' '.join(line.split())


def run_session(opts, d, args, commands, paths, tmp):
    script = os.path.join(tmp, 'script.gdb')
    with open(script, 'w') as f:
        for prelude in run_gdb.PRELUDE:
            f.write(prelude + '\n')
        for i, (cmd, _) in enumerate(commands):
            f.write(f'echo \\n{MARK}{i}\\n\n{paths(cmd)}\n')
    prog_dir = os.path.join(opts.build, 'testbins', d)
    args = [paths(a) for a in args if a not in ('-q',)]
    if not opts.qemu:
        p = subprocess.run([opts.gdb, '-nx', '-batch', '-x', script] + args,
                           cwd=prog_dir, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=scaled(300))
        return p.stdout.decode('utf-8', 'backslashreplace')
    # What qemu runs: the program, or myld and the program.  gdb gets
    # its own sysroot and target from run_remote, not the page's.
    exe = args[0]
    command_mode = os.path.basename(exe) == 'myld'
    name = args[1] if command_mode else exe
    ropts = types.SimpleNamespace(qemu=opts.qemu, env=[],
                                  mode='command' if command_mode else
                                  'interp', timeout=scaled(300))
    status, out = run_gdb.run_remote(
        ropts, [opts.gdb, '-nx', '-batch'], script, exe, prog_dir,
        os.path.basename(name), os.environ.copy(), tmp)
    return out


def split_output(out, n):
    """Each command's output lines, by the markers."""
    parts = [[] for _ in range(n)]
    cur = None
    for line in out.splitlines():
        if line.startswith(MARK):
            cur = int(line[len(MARK):])
        elif cur is not None:
            parts[cur].append(line)
    return parts


def check_session(opts, d, args, commands, paths, tmp):
    out = run_session(opts, d, args, commands, paths, tmp)
    parts = split_output(out, len(commands))
    problems = []
    if opts.show:
        for (cmd, _), got in zip(commands, parts):
            print(f'(gdb) {paths(cmd, back=True)}')
            print('\n'.join(paths(l, back=True) for l in got))
    for (cmd, want), got in zip(commands, parts):
        got_masked = [mask(paths(l, back=True)) for l in got]
        k = 0
        for line in want:
            w = mask(line)
            while k < len(got_masked) and got_masked[k] != w:
                k += 1
            if k == len(got_masked):
                problems.append(f'(gdb) {cmd}\n  the page shows:  {line}\n'
                                f'  gdb said:\n    ' + '\n    '.join(got))
                break
            k += 1
    return problems, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--doc', required=True)
    ap.add_argument('--gdb', required=True)
    ap.add_argument('--build', required=True)
    ap.add_argument('--source', required=True)
    ap.add_argument('--qemu', default='')
    ap.add_argument('--show', action='store_true',
                    help='print every command\'s output, paths as on the '
                    'page (to write a transcript)')
    opts = ap.parse_args()
    build = os.path.abspath(opts.build)
    source = os.path.abspath(opts.source)
    page_build = '~/myld/' + os.path.basename(build)

    def paths(s, back=False):
        if back:
            return s.replace(build, page_build).replace(source, '~/myld')
        return s.replace(page_build, build).replace('~/myld', source)

    with open(opts.doc) as f:
        found = sessions(f.read())
    if not found:
        print(f'FAIL: no gdb transcript in {opts.doc}')
        return 1
    failures = 0
    for d, args, commands in found:
        with tempfile.TemporaryDirectory() as tmp:
            problems, out = check_session(opts, d, args, commands, paths,
                                          tmp)
        title = f'{d}: gdb {" ".join(args)} ({len(commands)} commands)'
        if problems:
            failures += 1
            print(f'FAIL: {title}')
            for p in problems:
                print(p)
        else:
            print(f'ok: {title}')
    print(f'{len(found)} sessions, {failures} with differences')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
