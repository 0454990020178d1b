#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld --explain on a program with dependencies: the narration covers
every stage in order, names every object, shows each of its PT_LOAD
segments, and the SVG picture is well-formed XML whose mappings cover
every segment narrated.

The picture is created with mode 0644 under umask 022, a second run
replaces it (a longer file left there is truncated), and a picture that
cannot be written is one error line and exit status 127.  For each
TLS_PROGRAM (e.g. /bin/ls, whose libselinux and libc have PT_TLS) the TLS
section is checked against readelf's PT_TLS of every module (size,
initialised size, alignment; blocks below the thread pointer on x86_64
do not overlap), and myld is named by its own path, not by the
PT_INTERP it stands in for.

With interposes=SYMBOL:LIB, the narration must say that PROGRAM's SYMBOL
interposes LIB's (the README's demo: shape_count over libshapes.so).

usage: check_explain.py WRAPPER MYLD PROGRAM [interposes=SYM:LIB]
                        [TLS_PROGRAM...]
(WRAPPER is '' natively, or e.g. 'qemu-aarch64' for a cross build)"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from timeouts import scaled


def run_explain(wrapper, myld, args, cwd):
    return subprocess.run(wrapper + [myld] + args, cwd=cwd,
                          capture_output=True, text=True,
                          timeout=scaled(60))


def check_svg_file(wrapper, myld, prog, svg, tmp):
    failures = []
    mode = os.stat(svg).st_mode & 0o7777
    if mode != 0o644:
        failures.append(f'SVG created with mode {mode:o}, not 644')
    # A second run over a longer file: replaced, not appended to.
    with open(svg, 'w') as f:
        f.write('x' * 200000)
    p = run_explain(wrapper, myld, ['--explain-svg', svg, prog], tmp)
    if p.returncode != 0 or p.stderr:
        failures.append(f'second run: exit {p.returncode}, '
                        f'stderr {p.stderr!r}')
    try:
        ET.parse(svg)
    except ET.ParseError as e:
        failures.append(f'second run left a broken SVG: {e}')
    bad = os.path.join(tmp, 'no-such-dir', 'x.svg')
    p = run_explain(wrapper, myld, ['--explain-svg', bad, prog], tmp)
    want = f'myld: {bad}: cannot write the picture: ' \
           'No such file or directory\n'
    if p.returncode != 127 or p.stderr != want:
        failures.append(f'unwritable picture: exit {p.returncode}, '
                        f'stderr {p.stderr!r}, wanted 127 and {want!r}')
    return failures


def readelf_tls(path):
    """(memsz, filesz, align) of PATH's PT_TLS, or None."""
    out = subprocess.run(['readelf', '-lW', path], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == 'TLS':
            return int(f[5], 16), int(f[4], 16), int(f[-1], 16)
    return None


def check_tls(wrapper, myld, prog):
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        p = run_explain(wrapper, myld, ['--explain-svg',
                                        os.path.join(tmp, 'l.svg'), prog],
                        tmp)
    out = p.stdout
    print(out)
    if p.returncode != 0:
        return [f'{prog}: exit {p.returncode}, stderr {p.stderr!r}']
    modules = re.findall(
        r'^  module (\d+): (\S+)\n    block at TP([-+]\d+), (\d+) bytes '
        r'\((\d+) initialised from \.tdata\), aligned to (\d+)$', out, re.M)
    if not modules:
        failures.append(f'{prog}: no TLS module shown')
    blocks = []
    for modid, path, off, size, init, align in modules:
        want = readelf_tls(path)
        got = (int(size), int(init), int(align))
        if want != got:
            failures.append(f'{prog}: module {modid} {path}: (size, '
                            f'initialised, alignment) {got}, readelf {want}')
        if int(off) % int(align):
            failures.append(f'{path}: offset {off} not aligned')
        blocks.append((int(off), int(off) + int(size), path))
    blocks.sort()
    for a, b in zip(blocks, blocks[1:]):
        if a[1] > b[0]:
            failures.append(f'TLS blocks of {a[2]} and {b[2]} overlap')
    me = os.path.realpath(myld)
    m = re.search(r'^  (\S+): myld itself, standing in for (\S+) ', out,
                  re.M)
    if not m or m.group(1) != me:
        failures.append(f'{prog}: myld not named by its path {me}: '
                        f'{m and m.group(0)!r}')
    return failures


def main():
    wrapper, myld, prog = shlex.split(sys.argv[1]), sys.argv[2], sys.argv[3]
    extra = [a for a in sys.argv[4:] if not a.startswith('interposes=')]
    interposes = [a.split('=', 1)[1].split(':')
                  for a in sys.argv[4:] if a.startswith('interposes=')]
    # The picture is created as any tool creates a file: 0666 less the
    # umask, here 022.
    os.umask(0o022)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, 'layout.svg')
        p = subprocess.run(wrapper + [myld, '--explain-svg', svg,
                                      './' + os.path.basename(prog)],
                           cwd=os.path.dirname(prog), capture_output=True,
                           text=True, timeout=scaled(60))
        out = p.stdout
        print(out)
        if p.returncode != 0 or p.stderr:
            failures.append(f'exit {p.returncode}, stderr {p.stderr!r}')
        stages = [out.find(f'== Stage {n}:') for n in range(3, 9)]
        # Numbered as docs/pipeline.md numbers them (3 to 8; 0 to 2 ran
        # before), in that order.
        if -1 in stages:
            failures.append('a stage heading is missing')
        elif sorted(stages) != stages:
            failures.append('stages out of order')
        for sym, lib in interposes:
            if not re.search(rf"^    {sym}: the program's, at 0x[0-9a-f]+, "
                             rf"interposes \S*/{lib}'s", out, re.M):
                failures.append(f'interposition of {sym} over {lib} '
                                'not shown')
        bfs = ('libbfs_a.so', 'libbfs_b.so', 'libbfs_c.so', 'libbfs_d.so')
        for lib in bfs if 'needed_bfs' in prog else ():
            if lib not in out:
                failures.append(f'{lib} not mentioned')
        rows = re.findall(r'^ +0x[0-9a-f]+-0x[0-9a-f]+  [r-][w-][x-]  ',
                          out, re.M)
        # At least two PT_LOAD each: needed_bfs and four libraries, or
        # the demo and its two.
        if len(rows) < (5 if 'needed_bfs' in prog else 3) * 2:
            failures.append(f'only {len(rows)} segment rows')
        try:
            root = ET.parse(svg).getroot()
            # Every segment narrated lies in mappings the picture draws
            # (its rows are /proc/self/maps': tests/check_explain_map.py).
            maps = [(int(g.get('data-start'), 16), int(g.get('data-end'), 16))
                    for g in root.iter('{http://www.w3.org/2000/svg}g')
                    if g.get('class') == 'mapping']
            for row in re.findall(r'^ +0x([0-9a-f]+)-0x([0-9a-f]+)  ', out,
                                  re.M):
                start, end = (int(x, 16) for x in row)
                page = start & ~0xfff
                while page < end and any(a <= page < b for a, b in maps):
                    page += 0x1000
                if page < end:
                    failures.append(f'segment 0x{start:x}-0x{end:x}: '
                                    f'0x{page:x} not drawn')
        except (ET.ParseError, OSError) as e:
            failures.append(f'SVG not well-formed: {e}')
        failures += check_svg_file(wrapper, myld, prog, svg, tmp)
    for other in extra:
        failures += check_tls(wrapper, myld, other)
    for f in failures:
        print('FAIL:', f)
    print(f'{0 if failures else 1} passed, {1 if failures else 0} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
