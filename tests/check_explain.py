#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld --explain on a program with dependencies: the narration covers
every stage in order, names every object, shows each of its PT_LOAD
segments, and the SVG picture is well-formed XML with one row per segment.

usage: check_explain.py WRAPPER MYLD PROGRAM
(WRAPPER is '' natively, or e.g. 'qemu-aarch64' for a cross build)"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from timeouts import scaled


def main():
    wrapper, myld, prog = shlex.split(sys.argv[1]), sys.argv[2], sys.argv[3]
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
        stages = [out.find(f'== Stage {n}:') for n in range(1, 7)]
        if -1 in stages:
            failures.append('a stage heading is missing')
        # Stage 3 (TLS) is told after the dependencies and before the
        # relocations, so only the headings' presence and the order of
        # 1, 2, 4, 5, 6 are fixed.
        elif sorted(stages[i] for i in (0, 1, 3, 4, 5)) != \
                [stages[i] for i in (0, 1, 3, 4, 5)]:
            failures.append('stages out of order')
        for lib in ('libbfs_a.so', 'libbfs_b.so', 'libbfs_c.so',
                    'libbfs_d.so'):
            if lib not in out:
                failures.append(f'{lib} not mentioned')
        rows = re.findall(r'^ +0x[0-9a-f]+-0x[0-9a-f]+  [r-][w-][x-]  ',
                          out, re.M)
        if len(rows) < 5 * 2:
            failures.append(f'only {len(rows)} segment rows')
        try:
            root = ET.parse(svg).getroot()
            rects = root.findall('{http://www.w3.org/2000/svg}rect')
            # The picture also shows myld's own segments.
            if len(rects) < len(rows):
                failures.append(f'{len(rects)} rects for {len(rows)} '
                                'segments')
        except (ET.ParseError, OSError) as e:
            failures.append(f'SVG not well-formed: {e}')
    for f in failures:
        print('FAIL:', f)
    print(f'{0 if failures else 1} passed, {1 if failures else 0} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
