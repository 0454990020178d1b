#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the start-up benchmark workloads for myld (see docs/benchmark.md).

Writes C sources and a Makefile into a work directory outside the repo,
then (unless --no-build) runs make.  Everything but the glibc group is
libc-free: programs link the testbin runtime, compiled straight from
testbins/rt/ (not copied), and libraries link nothing at all.  The result is
described in workloads.json, which bench/run.py reads; --only regenerates
some groups and keeps the other groups' entries.

    python3 bench/gen.py [--arch x86_64|aarch64] [--workdir DIR] [-j N]

Workloads (each program takes one argument: "0" = return from main at once,
i.e. start-up alone; "1" = call every function once, check a checksum, and
exit 0 if it matches, 1 if not):

  static      the runtime alone, linked -static: exec -> exit floor
  empty       a PIE with no DT_NEEDED (GNU ld would link a libc-free
              non-PIE without libraries statically, so "empty" is a PIE)
  nm-NxM-{now,lazy}-{gnu,sysv}
              the program calls M exported functions in each of N
              libraries through the PLT (N*M JUMP_SLOT relocations in the
              program); libraries and program built with
              --hash-style=gnu or --hash-style=sysv, program -z now or
              -z lazy
  large-{now,lazy}
              the large-application shape: 170 libraries modelled on a big
              Android system service (JUMP_SLOT, R_X86_64_64 data tables,
              GLOB_DAT, RELATIVE tables), GNU hash
  relative-{start,call}
              a PIE with no DT_NEEDED whose data holds RELATIVE_COUNT
              pointers to its own data (as many RELATIVE relocations, no
              RELR): the per-entry cost of the commonest relocation
  glibc-hello a hello world built by gcc against glibc (an ordinary
              program: libc.so.6, its own start files); measured from exec
              to exit, libc's start-up included, under myld and glibc's
              loader only
  python3-c-pass
              /usr/bin/python3 -c pass, likewise (x86_64 only)
"""
import argparse
import json
import os
import random
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RT = os.path.join(REPO, 'testbins', 'rt')

NM_SIZES = [(1, 100), (10, 1000), (100, 100), (100, 1000)]
BINDS = ['now', 'lazy']
HASHES = ['gnu', 'sysv']

# Large-application shape (targets, per the issue): ~170 libraries,
# ~36k JUMP_SLOT, ~82k R_X86_64_64, ~5k GLOB_DAT, ~76k RELATIVE.
LARGE_LIBS = 170
LARGE_TOP = 24           # libraries the program needs directly
LARGE_BASE = 6           # "base" libraries everybody uses (libc++, liblog..)
LARGE_FUNCS = 140        # exported functions per library
LARGE_DATA = 24          # exported data objects per library
LARGE_JUMP = 36000
LARGE_ABS = 82000
LARGE_GLOB = 5000
LARGE_REL = 76000
# The RELATIVE workload: one pointer-table entry per relocation.
RELATIVE_COUNT = 100000

LARGE_SELF_ABS = 0.25    # share of R_X86_64_64 that name the library's own
                         # exported symbols (vtables of its own classes)


def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def fconst(i, j):
    return (i * 7 + j * 13) % 251 + 1


# --------------------------------------------------------------------------
# N libraries x M functions

def gen_nm(wd, n, m, mk):
    d = f'nm-{n}x{m}'
    base = os.path.join(wd, d)
    objs = []
    for i in range(n):
        src = [f'/* library {i}: {m} exported leaf functions */']
        for j in range(m):
            src.append(f'unsigned f{i}_{j}(unsigned x) '
                       f'{{ return x + {fconst(i, j)}u; }}')
        w(os.path.join(base, 'src', f'l{i}.c'), '\n'.join(src) + '\n')
    # One caller file per library keeps each compile unit small.
    total = 0
    for i in range(n):
        src = [f'unsigned f{i}_{j}(unsigned);' for j in range(m)]
        src.append(f'unsigned call{i}(unsigned s)\n{{')
        for j in range(m):
            src.append(f'\ts = f{i}_{j}(s);')
            total += fconst(i, j)
        src.append('\treturn s;\n}')
        w(os.path.join(base, 'src', f'call{i}.c'), '\n'.join(src) + '\n')
    expect = total & 0xffffffff
    main = ['#include "rt.h"']
    main += [f'unsigned call{i}(unsigned);' for i in range(n)]
    main.append('int main(int argc, char **argv)\n{\n\tunsigned s = 0;')
    main.append("\tif (argc < 2 || argv[1][0] == '0')\n\t\treturn 0;")
    main += [f'\ts = call{i}(s);' for i in range(n)]
    main.append(f'\treturn s == {expect}u ? 0 : 1;\n}}')
    w(os.path.join(base, 'src', 'main.c'), '\n'.join(main) + '\n')

    mk.append(f'# ---- {d}')
    lib_objs = []
    for i in range(n):
        o = f'{d}/obj/l{i}.o'
        mk.append(f'{o}: {d}/src/l{i}.c\n\t$(CC) $(LIBCFLAGS) -c $< -o $@')
        lib_objs.append(o)
    call_objs = []
    for i in range(n):
        o = f'{d}/obj/call{i}.o'
        mk.append(f'{o}: {d}/src/call{i}.c\n\t$(CC) $(EXECFLAGS) -c $< -o $@')
        call_objs.append(o)
    mk.append(f'{d}/obj/main.o: {d}/src/main.c\n'
              f'\t$(CC) $(EXECFLAGS) -c $< -o $@')
    progs = []
    for h in HASHES:
        libs = []
        for i in range(n):
            so = f'{d}/lib-{h}/libl{i}.so'
            mk.append(f'{so}: {d}/obj/l{i}.o\n\t$(CC) $(LIBLDFLAGS) '
                      f'-Wl,--hash-style={h} -Wl,-soname,libl{i}.so $< -o $@')
            libs.append(so)
        for b in BINDS:
            p = f'{d}/prog-{b}-{h}'
            rpath = os.path.join(wd, d, f'lib-{h}')
            mk.append(f'{p}: {d}/obj/main.o {" ".join(call_objs)} '
                      f'{" ".join(libs)} $(RTOBJS)\n'
                      f'\t$(CC) $(EXELDFLAGS) -Wl,--hash-style={h} '
                      f'-Wl,-z,{b} -Wl,-rpath,{rpath} $(RTOBJS) '
                      f'{d}/obj/main.o {" ".join(call_objs)} '
                      f'-L{d}/lib-{h} '
                      + ' '.join(f'-ll{i}' for i in range(n)) + ' -o $@')
            progs.append(p)
            for mode in ('0', '1'):
                WORKLOADS.append({
                    'name': f'{n}x{m}-{b}-{h}-' +
                            ('start' if mode == '0' else 'call'),
                    'group': f'{n}x{m}', 'bind': b, 'hash': h,
                    'mode': 'start-up' if mode == '0' else
                            'start-up + call all',
                    'dir': os.path.join(wd, d), 'prog': f'./prog-{b}-{h}',
                    'args': [mode], 'libs': n, 'jump_slots': n * m})
    TARGETS.extend(progs)


# --------------------------------------------------------------------------
# RELATIVE relocations alone

def gen_relative(wd, mk):
    """A table of RELATIVE_COUNT pointers into a local array: as many
    RELATIVE relocations in DT_RELA.  Linked -z nopack-relative-relocs so
    that the loader's RELA loop, not its RELR decoder, does the work (a
    linker that packs by default would otherwise hide it)."""
    d = 'relative'
    n = RELATIVE_COUNT
    src = ['#include "rt.h"',
           f'static unsigned cells[{n}];',
           f'unsigned *const table[{n}] = {{']
    src += [f'\t&cells[{i}],' for i in range(n)]
    src.append('};')
    # call all: walk the table, so a wrong relocation shows as a bad sum
    src.append('int main(int argc, char **argv)\n{\n\tunsigned long s = 0;')
    src.append("\tif (argc < 2 || argv[1][0] == '0')\n\t\treturn 0;")
    src.append(f'\tfor (unsigned i = 0; i < {n}; i++)\n'
               '\t\ts += (unsigned long)(table[i] - cells);')
    src.append(f'\treturn s == {n * (n - 1) // 2}ul ? 0 : 1;\n}}')
    w(os.path.join(wd, d, 'src', 'main.c'), '\n'.join(src) + '\n')
    mk.append(f'# ---- {d}')
    mk.append(f'{d}/obj/main.o: {d}/src/main.c\n'
              f'\t$(CC) $(EXECFLAGS) -c $< -o $@')
    mk.append(f'{d}/prog: {d}/obj/main.o $(RTOBJS)\n'
              f'\t$(CC) $(EXELDFLAGS) -Wl,-z,nopack-relative-relocs '
              f'$(RTOBJS) {d}/obj/main.o -o $@')
    TARGETS.append(f'{d}/prog')
    for mode in ('0', '1'):
        WORKLOADS.append({
            'name': 'relative-' + ('start' if mode == '0' else 'call'),
            'group': 'relative',
            'mode': 'start-up' if mode == '0' else 'start-up + call all',
            'dir': os.path.join(wd, d), 'prog': './prog', 'args': [mode],
            'libs': 0, 'relative': n})


# --------------------------------------------------------------------------
# The large-application shape

def sym_fn(k, j):
    return f'android_svc_lib{k:03d}_Component{j // 8}_method{j}'


def sym_data(k, j):
    return f'android_svc_lib{k:03d}_kVtableFor_Type{j}'


def gen_large(wd, mk):
    rnd = random.Random(20241126)
    d = 'large'
    L = LARGE_LIBS
    base_libs = list(range(L - LARGE_BASE, L))
    # Dependencies: library k needs the base libraries and a few libraries
    # of "lower" layers (higher index); the program needs 0..LARGE_TOP-1.
    deps = {}
    for k in range(L):
        cand = list(range(k + 1, L - LARGE_BASE))
        pick = set(rnd.sample(cand, min(len(cand), rnd.randint(4, 12))))
        # nearby layers are likelier
        near = [c for c in cand if c <= k + 12]
        if near:
            pick.add(rnd.choice(near))
        pick |= {b for b in base_libs if b > k}
        deps[k] = sorted(pick)
    needed_by = {k: 0 for k in range(L)}
    for k in range(L):
        for x in deps[k]:
            needed_by[x] += 1
    # every library is reachable from the program
    for k in range(LARGE_TOP, L):
        if needed_by[k] == 0:
            p = rnd.randrange(0, min(k, LARGE_TOP + 20))
            deps[p].append(k)
            deps[p].sort()
            needed_by[k] += 1

    # Symbol popularity: a few symbols of each library, and the base
    # libraries above all, are used from many places (the repeated names
    # that a look-up cache helps with).
    def weights(x, count):
        scale = 6.0 if x in base_libs else 1.0
        return [scale / (j + 1) ** 0.9 for j in range(count)]

    fpool_w = {x: weights(x, LARGE_FUNCS) for x in range(L)}
    dpool_w = {x: weights(x, LARGE_DATA) for x in range(L)}

    active = [k for k in range(L) if deps[k]]
    per_jump = LARGE_JUMP // len(active) + 1
    per_glob = LARGE_GLOB // len(active) + 1
    per_abs = LARGE_ABS // L + 1
    per_rel = LARGE_REL // L + 1

    def draw(k, pools, count, mk_name):
        cands = []
        wts = []
        for x in deps[k]:
            for j, wt in enumerate(pools[x]):
                cands.append((x, j))
                wts.append(wt)
        return [mk_name(*c) for c in rnd.choices(cands, wts, k=count)]

    for k in range(L):
        src = [f'/* large shape, library {k}; needs '
               f'{", ".join(map(str, deps[k])) or "nothing"} */']
        # exported functions and data
        for j in range(LARGE_FUNCS):
            src.append(f'int {sym_fn(k, j)}(int x) {{ return x + {j}; }}')
        for j in range(LARGE_DATA):
            src.append(f'int {sym_data(k, j)}[4] = {{ {j} }};')
        jump = glob = []
        if deps[k]:
            # distinct callees: one JUMP_SLOT each
            jump = []
            seen = set()
            tries = 0
            while len(jump) < per_jump and tries < per_jump * 20:
                s = draw(k, fpool_w, 1, sym_fn)[0]
                tries += 1
                if s not in seen:
                    seen.add(s)
                    jump.append(s)
            glob = []
            seen = set()
            tries = 0
            while len(glob) < per_glob and tries < per_glob * 20:
                s = draw(k, dpool_w, 1, sym_data)[0]
                tries += 1
                if s not in seen:
                    seen.add(s)
                    glob.append(s)
        # R_X86_64_64: tables of pointers to other libraries' (and own)
        # exported symbols; names repeat, within and across libraries.
        n_self = int(per_abs * LARGE_SELF_ABS) if deps[k] else per_abs
        absrefs = []
        for _ in range(n_self):
            if rnd.random() < 0.8:
                absrefs.append(('f', sym_fn(k, rnd.randrange(LARGE_FUNCS))))
            else:
                absrefs.append(('d', sym_data(k, rnd.randrange(LARGE_DATA))))
        if deps[k]:
            nf = (per_abs - n_self) * 8 // 10
            absrefs += [('f', s) for s in draw(k, fpool_w, nf, sym_fn)]
            absrefs += [('d', s) for s in
                        draw(k, dpool_w, per_abs - n_self - nf, sym_data)]
        rnd.shuffle(absrefs)
        own = {sym_fn(k, j) for j in range(LARGE_FUNCS)} | \
              {sym_data(k, j) for j in range(LARGE_DATA)}
        ext_f = sorted({s for t, s in absrefs if t == 'f' and s not in own}
                       | set(jump))
        ext_d = sorted({s for t, s in absrefs if t == 'd' and s not in own}
                       | set(glob))
        src += [f'extern int {s}(int);' for s in ext_f]
        src += [f'extern int {s}[4];' for s in ext_d]
        # JUMP_SLOT: calls through the PLT
        src.append(f'int lib{k}_run(int x)\n{{')
        src += [f'\tx = {s}(x);' for s in jump]
        src.append('\treturn x;\n}')
        # GLOB_DAT: loads of external data through the GOT
        src.append(f'int lib{k}_sum(void)\n{{\n\tint s = 0;')
        src += [f'\ts += {s}[0];' for s in glob]
        src.append('\treturn s;\n}')
        # R_X86_64_64, in RELRO (like vtables) and in writable data
        half = len(absrefs) // 2
        src.append(f'void *const lib{k}_vtables[] = {{')
        src += [f'\t(void *)&{s},' for t, s in absrefs[:half]]
        src.append('};')
        src.append(f'void *lib{k}_registry[] = {{')
        src += [f'\t(void *)&{s},' for t, s in absrefs[half:]]
        src.append('};')
        # RELATIVE: pointer tables to local data
        src.append(f'static int lib{k}_local[256];')
        src.append(f'static const char lib{k}_str[] = "local string table";')
        src.append(f'static void *const lib{k}_rel_ro[] = {{')
        src += [f'\t(void *)&lib{k}_local[{rnd.randrange(256)}],'
                for _ in range(per_rel // 2)]
        src.append('};')
        src.append(f'static const void *lib{k}_rel_rw[] = {{')
        src += [f'\t&lib{k}_str[{rnd.randrange(18)}],'
                for _ in range(per_rel - per_rel // 2)]
        src.append('};')
        src.append(f'void *lib{k}_tables(int i)\n{{\n\treturn i ? '
                   f'(void *)lib{k}_rel_ro : (void *)lib{k}_rel_rw;\n}}')
        w(os.path.join(wd, d, 'src', f'l{k}.c'), '\n'.join(src) + '\n')

    main = ['#include "rt.h"']
    main += [f'int lib{k}_run(int);' for k in range(LARGE_TOP)]
    main.append('int main(int argc, char **argv)\n{\n\tint s = 0;')
    main.append("\tif (argc < 2 || argv[1][0] == '0')\n\t\treturn 0;")
    main += [f'\ts += lib{k}_run(s) & 1;' for k in range(LARGE_TOP)]
    main.append('\treturn s < 0;\n}')
    w(os.path.join(wd, d, 'src', 'main.c'), '\n'.join(main) + '\n')

    mk.append(f'# ---- {d}')
    for k in range(L):
        mk.append(f'{d}/obj/l{k}.o: {d}/src/l{k}.c\n'
                  f'\t$(CC) $(LIBCFLAGS) -c $< -o $@')
    mk.append(f'{d}/obj/main.o: {d}/src/main.c\n'
              f'\t$(CC) $(EXECFLAGS) -c $< -o $@')
    for b in BINDS:
        ld = f'{d}/lib-{b}'
        for k in range(L):
            dl = ' '.join(f'{ld}/libl{x}.so' for x in deps[k])
            mk.append(f'{ld}/libl{k}.so: {d}/obj/l{k}.o {dl}\n'
                      f'\t$(CC) $(LIBLDFLAGS) -Wl,--hash-style=gnu '
                      f'-Wl,-z,{b} -Wl,-soname,libl{k}.so $< -L{ld} '
                      + ' '.join(f'-ll{x}' for x in deps[k]) +
                      f' -Wl,-rpath,{os.path.join(wd, ld)} -o $@')
        p = f'{d}/prog-{b}'
        top = ' '.join(f'{ld}/libl{x}.so' for x in range(LARGE_TOP))
        mk.append(f'{p}: {d}/obj/main.o $(RTOBJS) {top}\n'
                  f'\t$(CC) $(EXELDFLAGS) -Wl,--hash-style=gnu -Wl,-z,{b} '
                  f'-Wl,-rpath,{os.path.join(wd, ld)} $(RTOBJS) '
                  f'{d}/obj/main.o -L{ld} '
                  + ' '.join(f'-ll{x}' for x in range(LARGE_TOP)) +
                  ' -o $@')
        TARGETS.append(p)
        WORKLOADS.append({'name': f'large-{b}-start', 'group': 'large',
                          'bind': b, 'hash': 'gnu', 'mode': 'start-up',
                          'dir': os.path.join(wd, d), 'prog': f'./prog-{b}',
                          'args': ['0'], 'libs': L})


# --------------------------------------------------------------------------
# glibc programs: the system's own toolchain and libc

PYTHON = '/usr/bin/python3'


def gen_glibc(wd, mk, cc, arch):
    d = 'glibc'
    w(os.path.join(wd, d, 'src', 'hello.c'),
      '#include <stdio.h>\n\nint main(void)\n{\n'
      '\tputs("hello, world");\n\treturn 0;\n}\n')
    # A plain gcc build, as any glibc program is: PIE, libc.so.6, crt1.o.
    mk.append(f'{d}/hello: {d}/src/hello.c\n\t{cc} -O2 $< -o $@')
    TARGETS.append(f'{d}/hello')
    common = {'group': 'glibc', 'mode': 'whole process',
              'dir': os.path.join(wd, d), 'loaders': ['myld', 'glibc'],
              'glibc': True}
    WORKLOADS.append(dict(common, name='glibc-hello', prog='./hello',
                          args=[], libs=1))
    if arch == 'x86_64' and os.path.exists(PYTHON):
        # A fixed hash seed: otherwise each run executes differently.
        WORKLOADS.append(dict(common, name='python3-c-pass', prog=PYTHON,
                              args=['-c', 'pass'], libs=4,
                              env={'PYTHONHASHSEED': '0'}))


WORKLOADS = []
TARGETS = []


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--arch', default='x86_64', choices=['x86_64', 'aarch64'])
    ap.add_argument('--workdir', default=None,
                    help='default: /tmp/myld-bench (-aarch64)')
    ap.add_argument('-j', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--no-build', action='store_true')
    ap.add_argument('--only', default=None,
                    help='comma-separated groups: static,empty,relative,'
                         '1x100,10x1000,100x100,100x1000,large,glibc')
    a = ap.parse_args()
    wd = os.path.abspath(a.workdir or ('/tmp/myld-bench' if a.arch ==
                                       'x86_64' else '/tmp/myld-bench-aarch64'))
    os.makedirs(wd, exist_ok=True)
    only = set(a.only.split(',')) if a.only else None
    cc = 'gcc' if a.arch == 'x86_64' else 'aarch64-linux-gnu-gcc'
    loader = os.path.join(REPO, 'build' if a.arch == 'x86_64'
                          else 'build-aarch64', 'myld')

    mk = [
        '# Generated by bench/gen.py; do not edit.',
        f'CC = {cc}',
        f'RT = {RT}',
        'COMMON = -O2 -ffreestanding -fno-builtin -fno-stack-protector '
        '-fno-tree-loop-distribute-patterns',
        'EXECFLAGS = $(COMMON) -fPIE -I$(RT) -I$(RT)/' + a.arch,
        'LIBCFLAGS = $(COMMON) -fPIC',
        # the runtime helpers are hidden, as in testbins/meson.build
        'RTFLAGS = $(EXECFLAGS) -fvisibility=hidden',
        'LIBLDFLAGS = -shared -nostdlib -Wl,--no-as-needed',
        f'EXELDFLAGS = -pie -nostdlib -nostartfiles -Wl,--no-as-needed '
        f'-Wl,--dynamic-linker={loader}',
        'RTOBJS = rt/crt.o rt/start.o rt/rt.o',
        '',
        'all: targets',
        'rt/crt.o: $(RT)/crt.c\n\t@mkdir -p rt\n\t$(CC) $(RTFLAGS) -c $< -o $@',
        f'rt/start.o: $(RT)/{a.arch}/start.S\n\t@mkdir -p rt\n'
        '\t$(CC) $(RTFLAGS) -c $< -o $@',
        'rt/rt.o: $(RT)/rt.c\n\t@mkdir -p rt\n\t$(CC) $(RTFLAGS) -c $< -o $@',
    ]
    # static floor and empty dynamic program
    w(os.path.join(wd, 'empty', 'src', 'main.c'),
      'int main(void)\n{\n\treturn 0;\n}\n')
    mk.append('empty/obj/main.o: empty/src/main.c\n'
              '\t$(CC) $(EXECFLAGS) -c $< -o $@')
    if not only or 'static' in only:
        mk.append('empty/static: empty/obj/main.o $(RTOBJS)\n'
                  '\t$(CC) -static -nostdlib -nostartfiles $(RTOBJS) '
                  'empty/obj/main.o -o $@')
        TARGETS.append('empty/static')
        WORKLOADS.append({'name': 'static', 'group': 'static',
                          'mode': 'start-up', 'dir': os.path.join(wd, 'empty'),
                          'prog': './static', 'args': ['0'], 'libs': 0,
                          'static': True})
    if not only or 'empty' in only:
        if True:
            mk.append('empty/prog: empty/obj/main.o $(RTOBJS)\n'
                      '\t$(CC) $(EXELDFLAGS) $(RTOBJS) empty/obj/main.o '
                      '-o $@')
        TARGETS.append('empty/prog')
        WORKLOADS.append({'name': 'empty', 'group': 'empty',
                          'mode': 'start-up', 'dir': os.path.join(wd, 'empty'),
                          'prog': './prog', 'args': ['0'], 'libs': 0})
    if not only or 'relative' in only:
        gen_relative(wd, mk)
    for n, m in NM_SIZES:
        if not only or f'{n}x{m}' in only:
            gen_nm(wd, n, m, mk)
    if not only or 'large' in only:
        gen_large(wd, mk)
    if not only or 'glibc' in only:
        gen_glibc(wd, mk, cc, a.arch)

    mk.append('targets: ' + ' '.join(TARGETS))
    # every rule's directory is created here, before make runs
    dirs = set()
    for line in mk:
        if ':' in line and not line.startswith('\t') and '/' in \
                line.split(':')[0]:
            dirs.add(os.path.dirname(line.split(':')[0]))
    mk.append('.PHONY: all targets')
    w(os.path.join(wd, 'Makefile'), '\n'.join(mk) + '\n')
    for d in sorted(dirs):
        os.makedirs(os.path.join(wd, d), exist_ok=True)
    wls = WORKLOADS
    spec = os.path.join(wd, 'workloads.json')
    if only and os.path.exists(spec):
        # Regenerating some groups keeps the others' entries.
        old = json.load(open(spec))
        if old.get('arch') == a.arch:
            wls = [x for x in old['workloads'] if x['group'] not in only]
            wls += WORKLOADS
            order = ['static', 'empty', 'relative'] + [f'{n}x{m}' for n, m in
                                           NM_SIZES] + ['large', 'glibc']
            wls.sort(key=lambda x: order.index(x['group'])
                     if x['group'] in order else len(order))
    with open(spec, 'w') as f:
        json.dump({'arch': a.arch, 'workdir': wd, 'workloads': wls},
                  f, indent=1)
    print(f'gen.py: {len(WORKLOADS)} workloads in {wd}')
    if not a.no_build:
        r = subprocess.run(['make', '-s', '-C', wd, f'-j{a.j}'])
        if r.returncode:
            sys.exit(r.returncode)
        print('gen.py: built')


if __name__ == '__main__':
    main()
