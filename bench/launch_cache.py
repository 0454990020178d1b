#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The launch cache's cost and gain (issue 19, item 3), with callgrind.

    python3 bench/launch_cache.py [--only python3,ls] [--workdir DIR]

For each program (python3 -c pass, clang-14 --version, inkscape
--version, ls -l /, true; one that is not installed is skipped with the reason),
command mode, `env -i PATH=/usr/bin:/bin` plus a cache directory of the
run's own (XDG_CACHE_HOME and HOME under WORKDIR):

  glibc  glibc's loader
  off    myld, MYLD_LAUNCH_CACHE=0
  cold   myld, the cache on and empty: records and writes the entry
  warm   myld, the cache on, the entry of an earlier (native) cold run:
         replays it

Metric: the loader object's own instructions (callgrind self cost, exec
to exit, as bench/real.py measures them), and the system calls of the
whole process (strace -f -c, one run).  Prints a Markdown table for
docs/benchmark.md.  Nothing here is part of `meson test`.
"""
import argparse
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real  # noqa: E402

MYLD = os.path.join(REPO, 'build', 'myld')
GLIBC = '/lib64/ld-linux-x86-64.so.2'
PROGRAMS = [
    ('python3', ['/usr/bin/python3', '-c', 'pass'], {'PYTHONHASHSEED': '0'}),
    ('clang', ['/usr/bin/clang-14', '--version'], {}),
    ('inkscape', ['/usr/bin/inkscape', '--version'], {}),
    ('ls', ['/bin/ls', '-l', '/'], {}),
    ('true', ['/bin/true'], {}),
]


def env_for(cache, extra, mode):
    env = {'PATH': '/usr/bin:/bin', 'XDG_CACHE_HOME': cache, 'HOME': cache}
    env.update(extra)
    if mode == 'off':
        env['MYLD_LAUNCH_CACHE'] = '0'
    return env


def reset(cache):
    shutil.rmtree(cache, ignore_errors=True)
    os.makedirs(os.path.join(cache, 'myld'), mode=0o700)


def command(mode, argv):
    return ([GLIBC] if mode == 'glibc' else [MYLD]) + argv


def loader_ir(mode, argv, env, out):
    subprocess.run([real.VALGRIND, '--tool=callgrind', '--quiet',
                    f'--callgrind-out-file={out}'] + command(mode, argv),
                   env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=3600)
    want = os.path.realpath(GLIBC if mode == 'glibc' else MYLD)
    cost = real.self_cost_by_function(out)
    return sum(v for (ob, _), v in cost.items()
               if ob and real.same_file(ob, want))


def syscalls(mode, argv, env, out):
    subprocess.run(['strace', '-f', '-c', '-o', out] + command(mode, argv),
                   env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, timeout=600)
    for line in open(out):
        if line.strip().endswith('total'):
            return int(line.split()[2 if len(line.split()) == 5 else 3])
    return None


def entries(cache):
    d = os.path.join(cache, 'myld')
    return {n: os.stat(os.path.join(d, n)).st_mtime_ns
            for n in os.listdir(d)}


def measure(name, argv, extra, work):
    """Loader Ir and system calls in each mode.  The warm run follows a
    cold run of the same tool (valgrind's CPU has other glibc-hwcaps
    levels than the real one, which the key holds)."""
    cache = os.path.join(work, name + '-cache')
    res = {}
    for tool in ('callgrind', 'strace'):
        for mode in ('glibc', 'off', 'cold', 'warm'):
            if mode != 'warm':
                reset(cache)
            env = env_for(cache, extra, mode)
            before = entries(cache)
            out = os.path.join(work, f'{name}.{mode}.cg')
            if tool == 'callgrind':
                value = loader_ir(mode, argv, env, out)
            else:
                value = syscalls(mode, argv, env, out + '.strace')
            after = entries(cache)
            if mode == 'cold' and len(after) != 1:
                sys.exit(f'{name}: the cold run wrote no entry')
            if mode == 'warm' and after != before:
                sys.exit(f'{name}: the warm run did not replay')
            res.setdefault(mode, []).append(value)
            print(f'{name:9} {mode:5} {tool:9} {value:>12,}', flush=True)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only', default='')
    ap.add_argument('--workdir', default='/tmp/myld-launch-cache')
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    rows = []
    for name, argv, extra in PROGRAMS:
        if a.only and name not in a.only.split(','):
            continue
        if not os.path.exists(argv[0]):
            print(f'{name}: skipped, {argv[0]} is not installed')
            continue
        rows.append((name, measure(name, argv, extra, a.workdir)))
    print('\n| program | glibc | myld, cache off | cold | cold / off | '
          'warm | warm / glibc | syscalls glibc / off / cold / warm |')
    print('|---|---:|---:|---:|---:|---:|---:|---|')
    for name, r in rows:
        g, o, c, w = (r[m][0] for m in ('glibc', 'off', 'cold', 'warm'))
        sc = ' / '.join(str(r[m][1]) for m in ('glibc', 'off', 'cold',
                                                 'warm'))
        print(f'| {name} | {g:,} | {o:,} | {c:,} | {c / o:.3f} | {w:,} | '
              f'{w / g:.2f} | {sc} |')


if __name__ == '__main__':
    main()
