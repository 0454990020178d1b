#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld --explain's picture against the kernel's facts.

PROGRAM (testbins/maps/maps_dump) prints its own /proc/self/maps.  It is
run under MYLD as a command, and MYLD --explain-svg draws it; addresses
differ between the two runs (ASLR), so each file's mappings are compared
relative to that file's lowest one.  Checked, from the SVG's data-
attributes (the facts each row carries) and its text:
  - every row is a mapping, in address order, without overlap; between
    two rows that do not touch there is a gap element with exactly that
    range, drawn as a broken axis exactly when it is 1 GiB or more;
  - each file (the program, its library, myld) has the same mappings,
    at the same offsets from its first one, with the same protections
    as in the program's own maps;
  - RELRO: the program's and the library's mapping that is read-only in
    the real run was writable during relocation (data-before rw-p) and
    is marked as RELRO; no other mapping changed;
  - the stack and vDSO named as the kernel names them are there, with
    their role; myld's rows say "myld itself";
  - exactly one mapping holds the thread pointer printed in the header,
    and it says so; the program break is drawn (a heap-start line, a
    [heap] row, or the anonymous row it ends).

usage: check_explain_map.py WRAPPER MYLD PROGRAM"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from timeouts import scaled

NS = '{http://www.w3.org/2000/svg}'
GIB = 1 << 30


def parse_maps(text):
    rows = []
    for line in text.splitlines():
        f = line.split(None, 5)
        start, end = (int(x, 16) for x in f[0].split('-'))
        rows.append((start, end, f[1], f[5] if len(f) > 5 else ''))
    return rows


def by_file(rows, path):
    mine = [r for r in rows if r[3] == path]
    if not mine:
        return []
    base = mine[0][0]
    return [(s - base, e - base, p) for s, e, p, _ in mine]


def extent_and_code(rows):
    if not rows:
        return rows
    return [(rows[0][0], rows[-1][1])] + [r for r in rows if 'x' in r[2]]


def main():
    wrapper, myld, prog = shlex.split(sys.argv[1]), sys.argv[2], sys.argv[3]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        real = subprocess.run(wrapper + [myld, prog], capture_output=True,
                              text=True, timeout=scaled(60), cwd=tmp)
        if real.returncode != 0:
            print(f'FAIL: {prog} under myld: {real.returncode} {real.stderr}')
            return 1
        facts = parse_maps(real.stdout)
        svg = os.path.join(tmp, 'map.svg')
        ex = subprocess.run(wrapper + [myld, '--explain-svg', svg, prog],
                            capture_output=True, text=True,
                            timeout=scaled(60), cwd=tmp)
        if ex.returncode != 0:
            print(f'FAIL: --explain-svg: {ex.returncode} {ex.stderr}')
            return 1
        root = ET.parse(svg).getroot()
    groups = [g for g in root.iter(NS + 'g')]
    rows, gaps = [], []
    for g in groups:
        cls = g.get('class', '')
        text = ' '.join(t.text or '' for t in g.iter(NS + 'text'))
        if cls == 'mapping':
            rows.append((int(g.get('data-start'), 16),
                         int(g.get('data-end'), 16), g.get('data-perms'),
                         g.get('data-name'), g.get('data-before'), text))
        elif cls.startswith('gap'):
            gaps.append((int(g.get('data-start'), 16),
                         int(g.get('data-end'), 16), 'broken' in cls))
    drawn = [(s, e, p, n) for s, e, p, n, _, _ in rows]
    print(f'{len(rows)} mappings and {len(gaps)} gaps drawn; the program '
          f'has {len(facts)} mappings when it runs')

    # Order, gaps, broken axis.
    expect_gaps = []
    for a, b in zip(rows, rows[1:]):
        if b[0] < a[1]:
            problems.append(f'rows overlap or out of order: {a[:3]} {b[:3]}')
        if b[0] > a[1]:
            expect_gaps.append((a[1], b[0], b[0] - a[1] >= GIB))
    # Gaps before the first row lead to the program break's line.
    got_gaps = [g for g in gaps if rows and g[0] >= rows[0][1]]
    joined = []      # a gap split by the program break counts as one
    for g in got_gaps:
        if joined and joined[-1][1] == g[0]:
            joined[-1] = (joined[-1][0], g[1], joined[-1][2])
        else:
            joined.append(g)
    if [(s, e) for s, e, _ in joined] != [(s, e) for s, e, _ in expect_gaps]:
        problems.append(f'the gaps drawn {joined} are not the spaces '
                        f'between rows {expect_gaps}')
    for s, e, broken in gaps:
        if broken != (e - s >= GIB):
            problems.append(f'gap 0x{s:x}-0x{e:x}: broken axis {broken}')

    # Each file's mappings, relative to its first.
    names = {os.path.realpath(prog): 'program',
             os.path.realpath(os.path.join(os.path.dirname(prog),
                                           'libmaps_lib.so')): 'library',
             os.path.realpath(myld): 'myld'}
    for path, what in names.items():
        want, got = by_file(facts, path), by_file(drawn, path)
        if what == 'myld':
            # --explain stops before the hand-off, where myld makes the
            # last of its own data read-only (rtld.c's RELRO step 1): the
            # real run has one more r--p split there.  Compare the
            # extent and the code.
            want, got = [extent_and_code(x) for x in (want, got)]
        if not want:
            problems.append(f'the {what} {path} is not in the real maps')
        elif want != got:
            problems.append(f'the {what}: drawn {got}, really {want}')
        else:
            print(f'{what}: {len(got)} mappings as in the real run')

    # RELRO.
    for path in list(names)[:2]:
        relro = [r for r in rows if r[3] == path and r[4] != r[2]]
        if (len(relro) != 1 or relro[0][4] != 'rw-p' or relro[0][2] != 'r--p'
                or 'RELRO' not in relro[0][5]):
            problems.append(f'{path}: RELRO rows {relro}')
        else:
            print(f'{names[path]}: RELRO rw-p -> r--p at '
                  f'+0x{relro[0][0] - min(r[0] for r in rows if r[3] == path):x}')
    changed = [r for r in rows if r[4] and r[4] != r[2]
               and r[3] not in names]
    if changed:
        problems.append(f'other mappings changed protections: {changed}')

    # Special mappings, myld, TLS, heap.
    special = {n for *_, n in facts if n.startswith('[') and n != '[heap]'}
    roles = {'[stack]': 'stack', '[vdso]': 'vDSO', '[vvar]': 'vDSO'}
    for n in sorted(special):
        hits = [r for r in rows if r[3] == n]
        if not hits:
            problems.append(f'{n} is not drawn')
        elif n in roles and roles[n] not in hits[0][5]:
            problems.append(f'{n} has no role text: {hits[0][5]!r}')
    if any('myld itself' not in r[5] for r in rows
           if r[3] == os.path.realpath(myld)):
        problems.append('a row of myld does not say "myld itself"')
    header = ' '.join(t.text or '' for t in root.iter(NS + 'text'))
    m = re.search(r'Thread pointer 0x([0-9a-f]+)', header)
    tls = [r for r in rows if 'thread pointer points here' in r[5]]
    if not m or len(tls) != 1 or not tls[0][0] <= int(m.group(1), 16) < tls[0][1]:
        problems.append(f'thread pointer {m and m.group(0)}: rows {tls}')
    # The break is a line of its own in a gap, or the end of the
    # anonymous mapping it ends (qemu puts it right after myld).
    if not any(g.get('class') == 'heap-start' for g in groups) and \
            not any(r[3] == '[heap]' or 'heap (brk area)' in r[5]
                    for r in rows):
        problems.append('the program break is not drawn')
    for p in problems:
        print('FAIL:', p)
    if not problems:
        print('PASS')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
