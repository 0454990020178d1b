#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Microbenchmarks of the dlfcn entry points (issues 16 and 19): CPU time
per dlsym, dlvsym and per dlopen/dlclose, under myld and under glibc's
loader.

    python3 bench/dl_micro.py [--myld build/myld] [--rounds 5]
                              [--dlsym 200000] [--cycles 5000]

Builds bench/dl_micro.c, a one-function library (with a versioned
symbol for dlvsym) and a chain of three libraries in /tmp/myld-dlmicro,
runs the loaders in turn ROUNDS times (command mode: LOADER ./dl_micro),
and prints the median of each measure with its spread (lowest and
highest of the rounds).  Not part of meson test: the numbers depend on
the machine; docs/benchmark.md records them.
"""
import argparse
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = '/tmp/myld-dlmicro'


def compile_lib(name, source, *extra):
    c = os.path.join(WORK, name + '.c')
    with open(c, 'w') as f:
        f.write(source)
    out = os.path.join(WORK, name + '.so')
    subprocess.run(['cc', '-O2', '-shared', '-fPIC', '-o', out, c,
                    *extra], check=True)
    return out


def build():
    os.makedirs(WORK, exist_ok=True)
    version_script = os.path.join(WORK, 'micro.map')
    with open(version_script, 'w') as f:
        f.write('MICRO_1 { global: micro_value; micro_versioned; };\n'
                'MICRO_2 { global: micro_versioned; } MICRO_1;\n')
    lib = compile_lib(
        'libmicro',
        'int micro_value(void) { return 7; }\n'
        'int micro_v1(void) { return 1; }\n'
        'int micro_v2(void) { return 2; }\n'
        '__asm__(".symver micro_v1, micro_versioned@MICRO_1");\n'
        '__asm__(".symver micro_v2, micro_versioned@@MICRO_2");\n',
        '-Wl,--version-script=' + version_script)
    # libchain_a.so -> libchain_b.so -> libchain_c.so, found by RUNPATH.
    runpath = '-Wl,-rpath,' + WORK
    compile_lib('libchain_c', 'int chain_c(void) { return 3; }\n')
    compile_lib('libchain_b', 'int chain_c(void);\n'
                'int chain_b(void) { return chain_c() + 2; }\n',
                '-L' + WORK, '-lchain_c', runpath)
    chain = compile_lib('libchain_a', 'int chain_b(void);\n'
                        'int chain_a(void) { return chain_b() + 1; }\n',
                        '-L' + WORK, '-lchain_b', runpath)
    prog = os.path.join(WORK, 'dl_micro')
    subprocess.run(['cc', '-O2', '-o', prog,
                    os.path.join(HERE, 'dl_micro.c')], check=True)
    return prog, lib, chain


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--myld', default='build/myld')
    ap.add_argument('--glibc', default='/lib64/ld-linux-x86-64.so.2')
    ap.add_argument('--baseline', help='another myld (say, main\'s), '
                    'run in the same rounds: a column "before"')
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--dlsym', type=int, default=200000)
    ap.add_argument('--cycles', type=int, default=5000)
    opts = ap.parse_args()
    prog, lib, chain = build()
    loaders = [('glibc', opts.glibc), ('myld', os.path.abspath(opts.myld))]
    if opts.baseline:
        loaders.append(('before', os.path.abspath(opts.baseline)))
    results = {name: {} for name, _ in loaders}
    for r in range(opts.rounds):
        # Interleaved, and each loader first in turn.
        k = r % len(loaders)
        for name, loader in loaders[k:] + loaders[:k]:
            out = subprocess.run([loader, prog, lib, chain, str(opts.dlsym),
                                  str(opts.cycles)], check=True,
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                what, value, _unit = line.rsplit(' ', 2)
                results[name].setdefault(what, []).append(float(value))
    names = [name for name, _ in loaders]
    print(f'{"CPU ns per operation (median of %d)" % opts.rounds:40}' +
          ''.join(f'{name:>10}{"spread":>18}' for name in names))

    def spread(values):
        return f'{min(values):.0f}-{max(values):.0f}'
    for what in results['glibc']:
        print(f'{what:40}' + ''.join(
            f'{statistics.median(results[n][what]):>10.0f}'
            f'{spread(results[n][what]):>18}' for n in names))

if __name__ == '__main__':
    main()
