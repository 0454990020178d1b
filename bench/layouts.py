#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Libc-free programs linked by each linker, under myld, glibc's and musl's
loaders (issue 19): the relocation mode's cost with each linker's layout of
the writable segments, not only GNU ld's that bench/gen.py builds.

    ninja -C build myld
    python3 bench/layouts.py [--myld PATH] [--workdir DIR] [--only NAMES]

Workloads, each linked with GNU ld (bfd), gold and lld:

  rel20k-LINKER   a PIE with no DT_NEEDED whose const table holds 20,000
                  pointers to its own data: 20,000 RELATIVE relocations,
                  all in RELRO (DT_RELA, no RELR).  lld gives RELRO a
                  writable PT_LOAD of its own before .data's.
  nm-LINKER       10 libraries x 1,000 functions, all called by the program
                  through the PLT; program linked -z now with RELRO, its
                  RUNPATH $ORIGIN/lib (the libraries next to it), libraries
                  GNU hash.

Each runs in command mode (`LOADER ./prog 1`) and in PT_INTERP mode (a
copy of the program per loader, linked with --dynamic-linker=LOADER, run
directly).  The argument 1 makes the program check its pointers or call
every function and exit 0 only if all is right; every run's status is
checked before it is measured.  Metric: callgrind's total instructions
(valgrind.bin), exec to exit, environment RT_NO_FINI=1 only (see
docs/benchmark.md).  Prints a Markdown table; nothing is written to docs/.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RT = os.path.join(REPO, 'testbins', 'rt')
VALGRIND = shutil.which('valgrind.bin') or '/usr/bin/valgrind.bin'
LINKERS = ['bfd', 'gold', 'lld']
COMMON = ['-O2', '-ffreestanding', '-fno-builtin', '-fno-stack-protector',
          '-fno-tree-loop-distribute-patterns']
N_REL = 20000
NM = (10, 1000)


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def build_rt(wd):
    out = []
    for src in ['crt.c', 'rt.c', 'x86_64/start.S']:
        o = os.path.join(wd, 'rt', os.path.basename(src) + '.o')
        os.makedirs(os.path.dirname(o), exist_ok=True)
        sh(['gcc'] + COMMON + ['-fPIE', '-fvisibility=hidden', '-I' + RT,
                               '-I' + RT + '/x86_64', '-c',
                               os.path.join(RT, src), '-o', o])
        out.append(o)
    return out


def link_exe(objs, out, linker, interp, extra=()):
    sh(['gcc', '-pie', '-nostdlib', '-nostartfiles', '-fuse-ld=' + linker,
        '-Wl,--no-as-needed', '-Wl,--dynamic-linker=' + interp] +
       list(extra) + objs + ['-o', out])


def gen_rel(wd, rt, loaders):
    src = os.path.join(wd, 'rel', 'main.c')
    lines = ['#include "rt.h"', f'static unsigned cells[{N_REL}];',
             f'unsigned *const table[{N_REL}] = {{']
    lines += [f'\t&cells[{i}],' for i in range(N_REL)]
    lines += ['};', 'int main(int argc, char **argv)', '{',
              '\tunsigned long s = 0;',
              "\tif (argc < 2 || argv[1][0] == '0')", '\t\treturn 0;',
              f'\tfor (unsigned i = 0; i < {N_REL}; i++)',
              '\t\ts += (unsigned long)(table[i] - cells);',
              f'\treturn s == {N_REL * (N_REL - 1) // 2}ul ? 0 : 1;', '}']
    write(src, '\n'.join(lines) + '\n')
    obj = src[:-2] + '.o'
    sh(['gcc'] + COMMON + ['-fPIE', '-I' + RT, '-I' + RT + '/x86_64', '-c',
                           src, '-o', obj])
    out = []
    for lk in LINKERS:
        # Only GNU ld may pack them (gold and lld 14 know no such -z).
        extra = ['-Wl,-z,nopack-relative-relocs'] if lk == 'bfd' else []
        d = os.path.join(wd, f'rel20k-{lk}')
        os.makedirs(d, exist_ok=True)
        progs = {}
        for name, path in loaders.items():
            p = os.path.join(d, f'prog-{name}')
            link_exe(rt + [obj], p, lk, path, extra)
            progs[name] = p
        out.append((f'rel20k-{lk}', d, progs))
    return out


def gen_nm(wd, rt, loaders):
    n, m = NM
    base = os.path.join(wd, 'nm-src')
    for i in range(n):
        write(os.path.join(base, f'l{i}.c'), '\n'.join(
            f'unsigned f{i}_{j}(unsigned x) {{ return x + {(i * 7 + j * 13) % 251 + 1}u; }}'
            for j in range(m)) + '\n')
    calls = ['#include "rt.h"']
    total = 0
    for i in range(n):
        calls += [f'unsigned f{i}_{j}(unsigned);' for j in range(m)]
    calls += ['int main(int argc, char **argv)', '{', '\tunsigned s = 0;',
              "\tif (argc < 2 || argv[1][0] == '0')", '\t\treturn 0;']
    for i in range(n):
        for j in range(m):
            calls.append(f'\ts = f{i}_{j}(s);')
            total += (i * 7 + j * 13) % 251 + 1
    calls += [f'\treturn s == {total & 0xffffffff}u ? 0 : 1;', '}']
    write(os.path.join(base, 'main.c'), '\n'.join(calls) + '\n')
    sh(['gcc'] + COMMON + ['-fPIE', '-I' + RT, '-I' + RT + '/x86_64', '-c',
                           os.path.join(base, 'main.c'), '-o',
                           os.path.join(base, 'main.o')])
    for i in range(n):
        sh(['gcc'] + COMMON + ['-fPIC', '-c', os.path.join(base, f'l{i}.c'),
                               '-o', os.path.join(base, f'l{i}.o')])
    out = []
    for lk in LINKERS:
        d = os.path.join(wd, f'nm-{lk}')
        os.makedirs(os.path.join(d, 'lib'), exist_ok=True)
        for i in range(n):
            sh(['gcc', '-shared', '-nostdlib', '-fuse-ld=' + lk,
                '-Wl,--hash-style=gnu', f'-Wl,-soname,libl{i}.so',
                os.path.join(base, f'l{i}.o'), '-o',
                os.path.join(d, 'lib', f'libl{i}.so')])
        progs = {}
        for name, path in loaders.items():
            p = os.path.join(d, f'prog-{name}')
            link_exe(rt + [os.path.join(base, 'main.o')], p, lk, path,
                     ['-Wl,-z,now', '-Wl,-z,relro', '-Wl,--hash-style=gnu',
                      '-Wl,--enable-new-dtags', "-Wl,-rpath,$ORIGIN/lib",
                      '-L' + os.path.join(d, 'lib')] +
                     [f'-ll{i}' for i in range(n)])
            progs[name] = p
        out.append((f'nm-{lk}', d, progs))
    return out


def callgrind(cmd, cwd, wd):
    env = {'RT_NO_FINI': '1'}
    r = subprocess.run(cmd + ['1'], cwd=cwd, env=env, capture_output=True)
    if r.returncode != 0:
        return f'exit {r.returncode}'
    cg = os.path.join(wd, 'cg.out')
    r = subprocess.run([VALGRIND, '--tool=callgrind', '--callgrind-out-file='
                        + cg] + cmd + ['1'], cwd=cwd, env=env,
                       capture_output=True, text=True)
    m = re.search(r'Collected : (\d+)', r.stderr)
    return int(m.group(1)) if m else 'no count'


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--myld', default=os.path.join(REPO, 'build', 'myld'))
    ap.add_argument('--workdir', default='/tmp/myld-layouts')
    ap.add_argument('--only', default=None, help='rel20k,nm')
    a = ap.parse_args()
    loaders = {'myld': os.path.abspath(a.myld),
               'glibc': '/lib64/ld-linux-x86-64.so.2',
               'musl': '/lib/ld-musl-x86_64.so.1'}
    loaders = {k: v for k, v in loaders.items() if os.path.exists(v)}
    wd = os.path.abspath(a.workdir)
    os.makedirs(wd, exist_ok=True)
    rt = build_rt(wd)
    only = set(a.only.split(',')) if a.only else {'rel20k', 'nm'}
    work = []
    if 'rel20k' in only:
        work += gen_rel(wd, rt, loaders)
    if 'nm' in only:
        work += gen_nm(wd, rt, loaders)
    names = list(loaders)
    print('| workload | mode | ' + ' | '.join(f'{n} Ir' for n in names) +
          ' | myld/glibc | myld/musl |')
    print('|---|---|' + '---:|' * (len(names) + 2))
    for wname, d, progs in work:
        for mode in ('command', 'interp'):
            row = {}
            for n, path in loaders.items():
                cmd = [path, progs['myld']] if mode == 'command' \
                    else [progs[n]]
                row[n] = callgrind(cmd, d, wd)

            def ratio(x, y):
                return (f'{row[x] / row[y]:.2f}' if y in row and
                        isinstance(row[x], int) and isinstance(row[y], int)
                        else '')
            cells = [f'{row[n]:,}' if isinstance(row[n], int) else row[n]
                     for n in names]
            print(f'| {wname} | {mode} | ' + ' | '.join(cells) +
                  f' | {ratio("myld", "glibc")} | {ratio("myld", "musl")} |')
            sys.stdout.flush()


if __name__ == '__main__':
    main()
