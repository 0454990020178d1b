#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Microbenchmarks of the dlfcn entry points (issue 16): CPU time per
dlsym and per dlopen/dlclose cycle, under myld and under glibc's loader.

    python3 bench/dl_micro.py [--myld build/myld] [--rounds 5]
                              [--dlsym 200000] [--cycles 5000]

Builds bench/dl_micro.c and a one-function library in /tmp/myld-dlmicro,
runs each loader ROUNDS times in turn (command mode: LOADER ./dl_micro),
and prints the median of each measure.  Not part of meson test: the
numbers depend on the machine; docs/benchmark.md records them.
"""
import argparse
import os
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = '/tmp/myld-dlmicro'


def build():
    os.makedirs(WORK, exist_ok=True)
    lib = os.path.join(WORK, 'libmicro.so')
    with open(os.path.join(WORK, 'micro.c'), 'w') as f:
        f.write('int micro_value(void) { return 7; }\n')
    subprocess.run(['cc', '-O2', '-shared', '-fPIC', '-o', lib,
                    os.path.join(WORK, 'micro.c')], check=True)
    prog = os.path.join(WORK, 'dl_micro')
    subprocess.run(['cc', '-O2', '-o', prog,
                    os.path.join(HERE, 'dl_micro.c')], check=True)
    return prog, lib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--myld', default='build/myld')
    ap.add_argument('--glibc', default='/lib64/ld-linux-x86-64.so.2')
    ap.add_argument('--rounds', type=int, default=5)
    ap.add_argument('--dlsym', type=int, default=200000)
    ap.add_argument('--cycles', type=int, default=5000)
    opts = ap.parse_args()
    prog, lib = build()
    loaders = [('glibc', opts.glibc), ('myld', os.path.abspath(opts.myld))]
    results = {name: {} for name, _ in loaders}
    for _ in range(opts.rounds):
        for name, loader in loaders:
            out = subprocess.run([loader, prog, lib, str(opts.dlsym),
                                  str(opts.cycles)], check=True,
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                what, value, _unit = line.rsplit(' ', 2)
                results[name].setdefault(what, []).append(float(value))
    print(f'{"CPU ns per operation (median of %d)" % opts.rounds:40}'
          f'{"glibc":>10}{"myld":>10}')
    for what in results['glibc']:
        print(f'{what:40}{statistics.median(results["glibc"][what]):>10.0f}'
              f'{statistics.median(results["myld"][what]):>10.0f}')


if __name__ == '__main__':
    main()
