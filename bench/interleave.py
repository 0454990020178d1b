#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Wall time of one workload under several loaders, run in turn.

    python3 bench/interleave.py [--rounds N] DIR PROG ARG LOADER...

Runs `LOADER ./PROG ARG` in DIR (environment RT_NO_FINI=1, stdout to
/dev/null) for each loader, one after the other, ROUNDS times, rotating
which loader goes first; ten rounds before those are not counted.  Prints
for each loader the median, 25th and 10th percentile of the wall time,
the median CPU time (user + system), the minor page faults per run and the
median against the first loader's.

Why not hyperfine alone: hyperfine runs every repetition of one command
before the next command, so a change in the machine's load during a
workload (other jobs share these 2 CPUs) lands on one loader only.  Here
every loader sees the same moments.  run.py's tables come from hyperfine;
use this to decide a close call (docs/benchmark.md, fifth round).
"""
import argparse
import os
import statistics
import sys
import time


def run_once(loader, prog, arg, env, null):
    """One run: (wall ms, cpu ms, minor faults).  posix_spawn rather than
    fork: a forked Python would copy its page tables, and the child's
    copy-on-write faults before exec would count as the loader's."""
    start = time.monotonic()
    try:
        pid = os.posix_spawn(loader, [loader, prog, arg], env,
                             file_actions=[(os.POSIX_SPAWN_DUP2, null, 1)])
    except OSError as e:
        sys.exit(f'interleave: {loader}: {e.strerror}')
    _, status, usage = os.wait4(pid, 0)
    wall = (time.monotonic() - start) * 1e3
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        sys.exit(f'interleave: {loader} {prog} {arg} failed '
                 f'(status {status:#x})')
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3, usage.ru_minflt


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[int(len(ordered) * fraction)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--rounds', type=int, default=300)
    ap.add_argument('dir')
    ap.add_argument('prog')
    ap.add_argument('arg')
    ap.add_argument('loaders', nargs='+')
    a = ap.parse_args()

    os.chdir(a.dir)
    prog = a.prog if '/' in a.prog else './' + a.prog
    env = {'RT_NO_FINI': '1'}
    null = os.open(os.devnull, os.O_WRONLY)
    n = len(a.loaders)
    runs = {ld: [] for ld in a.loaders}
    for r in range(-10, a.rounds):
        for k in range(n):
            loader = a.loaders[(r + k) % n]
            result = run_once(loader, prog, a.arg, env, null)
            if r >= 0:
                runs[loader].append(result)

    first = None
    for loader in a.loaders:
        wall = [w for w, _, _ in runs[loader]]
        cpu = [c for _, c, _ in runs[loader]]
        faults = statistics.mean(f for _, _, f in runs[loader])
        median = statistics.median(wall)
        first = first or median
        print(f'{loader:34} wall median {median:7.3f} ms  '
              f'p25 {percentile(wall, 0.25):7.3f}  '
              f'p10 {percentile(wall, 0.10):7.3f}  '
              f'cpu median {statistics.median(cpu):7.3f}  '
              f'faults {faults:6.1f}  /first {median / first:5.3f}')


if __name__ == '__main__':
    main()
