#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""myld standing in for glibc's loader, as the linker sees it.

When myld is the system loader (bound over glibc's ld.so file in a
private mount namespace), the linker reads myld wherever libc.so's
linker script names the loader (AS_NEEDED): its DT_SONAME goes into
programs' DT_NEEDED and its version definitions into their version
needs.  So myld must look like glibc's loader to the linker.

  --case exports  the (name, version) pairs of myld's dynamic symbols
                  are those of the system's ld.so (REFERENCE), plus the
                  intended difference only: myld's own version MYLD_0.1
                  and the dlfcn API in it, which libc-free programs link
                  against (docs/dlfcn.md).  A glibc program's dl* calls
                  bind to libc.so.6, which the linker script names first,
                  so MYLD_0.1 never reaches what the linker records (the
                  link case checks a program calling dlopen, dlmopen, dladdr
                  and dl_iterate_phdr).  The soname is ld.so's too.
  --case link     in a private mount namespace with myld bound over the
                  loader file the compiler's libc.so names, compile and
                  link a few programs and a shared library with TLS; each
                  must be byte-identical to the same build done natively.
                  SKIP (77) with the reason where unshare or mount is not
                  permitted.

  --case list     `--list` of a glibc program (PROG) whose PT_INTERP is
                  myld (a patchelf'ed copy) by myld and by glibc's loader
                  (REFERENCE): the same lines, addresses masked; the
                  interpreter's line, which glibc prints as "MYLD => REF"
                  and myld as "MYLD", is compared by its place.  glibc
                  omits that line when nothing needs the loader; the
                  libc-free programs' list mode (run_testbin.py) checks
                  that side.

Exit status: 0 pass, 1 fail, 77 skip.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The intended difference in the exports: myld's own version node, with
# the dlfcn API of loader/exports.map in it.
MYLD_VERSION = 'MYLD_0.1'


def intended(pair):
    return pair[1] == MYLD_VERSION


SOURCES = {
    'hello.c': '#include <stdio.h>\n'
               'int main(void) { puts("hello"); return 0; }\n',
    # reaches the loader's own functions through libc: must not name
    # myld's MYLD_0.1 version
    'dl.c': '#define _GNU_SOURCE\n#include <dlfcn.h>\n#include <link.h>\n'
            '#include <stdio.h>\n'
            'static int count(struct dl_phdr_info *i, size_t s, void *n)\n'
            '{ (void)i; (void)s; ++*(int *)n; return 0; }\n'
            'int main(void) { int n = 0; Dl_info info;\n'
            '  void *h = dlopen("libm.so.6", RTLD_NOW);\n'
            '  void *m = dlmopen(LM_ID_BASE, "libm.so.6", RTLD_NOW);\n'
            '  dladdr((void *)main, &info); dl_iterate_phdr(count, &n);\n'
            '  printf("%d %d %d\\n", h != 0, m != 0, n > 0); return 0; }\n',
    # __tls_get_addr: a DT_NEEDED on the loader and a version need on it
    'tls.c': '__thread int v; int *f(void) { return &v; }\n',
    # a loader variable read directly (no copy relocation: see docs)
    'stackend.c': '#include <stdio.h>\n'
                  'extern void *__libc_stack_end;\n'
                  'int main(void) { void **p = &__libc_stack_end;\n'
                  '  printf("%d\\n", *p != 0); return 0; }\n',
}
# (output, source, extra compiler arguments)
BUILDS = [('hello', 'hello.c', []),
          ('dl', 'dl.c', []),
          ('libtls.so', 'tls.c', ['-shared', '-fPIC']),
          ('stackend', 'stackend.c', ['-fPIC', '-pie'])]


def dyn_syms(readelf, path):
    """The (name, version) pairs of PATH's dynamic symbols, and its
    version definitions as (name, name)."""
    out = subprocess.run([readelf, '--dyn-syms', '-W', path],
                         capture_output=True, text=True, check=True).stdout
    pairs = set()
    for line in out.splitlines():
        f = line.split()
        if len(f) < 8 or not f[0].rstrip(':').isdigit() or f[6] == 'UND':
            continue
        name = f[7]
        if f[3] == 'OBJECT' and f[6] == 'ABS' and '@' not in name:
            pairs.add((name, name))		# a version definition
            continue
        m = re.match(r'^([^@]+)@@?(.+)$', name)
        if m:
            pairs.add((m.group(1), m.group(2)))
    return pairs


def soname(readelf, path):
    out = subprocess.run([readelf, '-d', '-W', path], capture_output=True,
                         text=True, check=True).stdout
    m = re.search(r'\(SONAME\)\s+Library soname: \[(.*)\]', out)
    return m.group(1) if m else None


def case_exports(args):
    if not os.path.exists(args.reference):
        print(f'SKIP: {args.reference} does not exist')
        return SKIP
    mine = dyn_syms(args.readelf, args.myld)
    ref = dyn_syms(args.readelf, args.reference)
    ok = True
    missing = sorted(ref - mine)
    extra = sorted(p for p in mine - ref if not intended(p))
    if missing:
        print('exported by the system loader, not by myld:')
        for n, v in missing:
            print(f'  {n}@{v}')
        ok = False
    if extra:
        print('exported by myld only (and not intended):')
        for n, v in extra:
            print(f'  {n}@{v}')
        ok = False
    own = sorted(p for p in mine - ref if intended(p))
    print(f'{len(ref)} (name, version) pairs of the system loader, all in '
          f'myld: {not missing}; myld\'s own, intended: ' +
          ', '.join(n if n == v else f'{n}@{v}' for n, v in own))
    mine_so, ref_so = soname(args.readelf, args.myld), \
        soname(args.readelf, args.reference)
    print(f'soname: myld {mine_so}, system loader {ref_so}')
    if mine_so != ref_so:
        ok = False
    return 0 if ok else 1


def linker_loader(cc):
    """The loader file the compiler's libc.so linker script names."""
    script = subprocess.run(cc + ['-print-file-name=libc.so'],
                            capture_output=True, text=True).stdout.strip()
    try:
        text = open(script, errors='replace').read()
    except OSError:
        return None
    m = re.search(r'AS_NEEDED\s*\(\s*(\S+)\s*\)', text)
    return os.path.realpath(m.group(1)) if m else None


def build_all(cc, src, out_dir, wrap=None):
    """Compile BUILDS from SRC into OUT_DIR; WRAP(cmd) runs a command
    string in the namespace.  Returns (status, output)."""
    cmds = []
    for out, source, extra in BUILDS:
        cmds.append(' '.join(cc + extra + ['-o', os.path.join(out_dir, out),
                                           os.path.join(src, source)]))
    script = ' && '.join(cmds)
    cmd = wrap(script) if wrap else ['sh', '-c', script]
    r = subprocess.run(cmd, capture_output=True, text=True,
                       timeout=args_timeout)
    return r.returncode, r.stdout + r.stderr


args_timeout = 600


def case_link(args):
    cc = args.cc
    loader = linker_loader(cc)
    if not loader or not os.path.exists(loader):
        print(f'SKIP: no loader named in {cc[0]}\'s libc.so linker script')
        return SKIP
    if soname(args.readelf, args.myld) != soname(args.readelf, loader):
        print(f'FAIL: myld\'s soname differs from {loader}\'s')
        return 1
    unshare = shutil.which('unshare')
    if not unshare:
        print('SKIP: unshare (util-linux) is not installed')
        return SKIP
    probe = subprocess.run([unshare, '-m', '--propagation', 'private', 'sh',
                            '-c', f'mount --bind "{args.myld}" "{loader}" '
                            f'&& cmp -s "{args.myld}" "{loader}"'],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        print('SKIP: cannot bind myld over the system loader in a private '
              f'mount namespace (unshare -m, mount --bind): '
              f'{probe.stderr.strip() or "status %d" % probe.returncode}')
        return SKIP

    def in_namespace(script):
        return [unshare, '-m', '--propagation', 'private', 'sh', '-c',
                f'mount --bind "{args.myld}" "{loader}" && '
                f'cmp -s "{args.myld}" "{loader}" && {script}']

    with tempfile.TemporaryDirectory(prefix='myld-system-') as tmp:
        src = os.path.join(tmp, 'src')
        os.mkdir(src)
        for name, text in SOURCES.items():
            with open(os.path.join(src, name), 'w') as f:
                f.write(text)
        native, mine = os.path.join(tmp, 'native'), os.path.join(tmp, 'myld')
        os.mkdir(native)
        os.mkdir(mine)
        status, out = build_all(cc, src, native)
        if status != 0:
            print(f'FAIL: the native build failed (the test is wrong):\n{out}')
            return 1
        status, out = build_all(cc, src, mine, in_namespace)
        if status != 0:
            print(f'FAIL: the build with myld as {loader} failed:\n{out}')
            return 1
        ok = True
        for name, _, _ in BUILDS:
            a = open(os.path.join(native, name), 'rb').read()
            b = open(os.path.join(mine, name), 'rb').read()
            same = a == b
            print(f'{name}: {"identical" if same else "DIFFERS"} '
                  f'({len(a)} bytes natively)')
            if not same:
                ok = False
                for what in (['-d'], ['-V'], ['-r']):
                    ra = subprocess.run([args.readelf, '-W'] + what +
                                        [os.path.join(native, name)],
                                        capture_output=True, text=True)
                    rb = subprocess.run([args.readelf, '-W'] + what +
                                        [os.path.join(mine, name)],
                                        capture_output=True, text=True)
                    if ra.stdout != rb.stdout:
                        print(f'  readelf {what[0]} natively:\n{ra.stdout}'
                              f'  with myld:\n{rb.stdout}')
    return 0 if ok else 1


def case_list(args):
    if not args.prog or not os.path.exists(args.prog):
        print(f'SKIP: no glibc test program ({args.prog})')
        return SKIP
    patchelf = shutil.which('patchelf')
    if not patchelf:
        print('SKIP: patchelf is not installed')
        return SKIP
    wrapper = args.wrapper.split() if args.wrapper else []

    def masked(text):
        out = []
        for line in text.splitlines():
            line = re.sub(r'\(0x[0-9a-f]+\)', '(ADDR)', line)
            if re.fullmatch(r'\t' + re.escape(args.myld) +
                            r'( => \S+)? \(ADDR\)', line):
                line = '\tLOADER (ADDR)'
            if line != '\t (ADDR)':	# see run_testbin.py's list_mode
                out.append(line)
        return out

    with tempfile.TemporaryDirectory(prefix='myld-list-') as tmp:
        copy = os.path.join(tmp, os.path.basename(args.prog))
        shutil.copy(args.prog, copy)
        subprocess.run([patchelf, '--set-interpreter', args.myld, copy],
                       check=True)
        runs = {}
        for who, loader in (('glibc', args.reference), ('myld', args.myld)):
            r = subprocess.run(wrapper + [loader, '--list', copy],
                               capture_output=True, text=True,
                               timeout=args_timeout)
            print(f'+ {loader} --list {copy}: status {r.returncode}\n'
                  f'{r.stdout}{r.stderr}', end='')
            if r.returncode != 0 or r.stderr:
                print(f'FAIL: {who} --list failed')
                return 1
            runs[who] = masked(r.stdout)
    if '\tLOADER (ADDR)' not in runs['glibc']:
        print('FAIL: glibc lists no interpreter line (the test is wrong)')
        return 1
    if runs['glibc'] != runs['myld']:
        print('FAIL: the lists differ (masked):\n' +
              '\n'.join(runs['glibc']) + '\n--- myld:\n' +
              '\n'.join(runs['myld']))
        return 1
    print('same lines, the interpreter\'s in the same place')
    return 0


def main():
    global args_timeout
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--case', required=True,
                    choices=['exports', 'link', 'list'])
    ap.add_argument('--prog', help='a glibc program (case list)')
    ap.add_argument('--wrapper', default='',
                    help='runs target programs (qemu for a cross build)')
    ap.add_argument('--myld', required=True)
    ap.add_argument('--reference', required=True,
                    help="the system's ld.so, to compare exports with")
    ap.add_argument('--enabled', default='1')
    ap.add_argument('--reason', default='')
    ap.add_argument('--readelf', default='readelf')
    ap.add_argument('--timeout', type=int, default=600)
    ap.add_argument('--cc', nargs='+', default=['cc'])
    args = ap.parse_args()
    args_timeout = args.timeout
    if args.enabled != '1':
        print(f'SKIP: myld is built without the glibc personality '
              f'({args.reason}): it is not a stand-in for glibc\'s loader')
        return SKIP
    return {'exports': case_exports, 'link': case_link,
            'list': case_list}[args.case](args)


if __name__ == '__main__':
    sys.exit(main())
