#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""glibc 2.36 ld.so's command-line options under myld, each compared with
glibc's loader run the same way (issue 17 items 4 and 5).

    check_ldso_options.py --group options|ldd --myld MYLD --reference LD
        --prog HELLO --lib LIBHELLO [--cc CC...] [--wrapper W]

Group "options", many cases in one process: --verify's exit statuses
(ldd reads nothing else), --list-tunables, --list-diagnostics,
--inhibit-cache, --inhibit-rpath, the glibc-hwcaps subdirectories with
--glibc-hwcaps-prepend/-mask and the legacy hwcaps subdirectories (tls,
the platform, capabilities) as LD_DEBUG=libs shows them, --help.
Group "ldd": the system's ldd with myld bind-mounted over the system
loader in a private mount namespace (SKIP, with the reason, where
unshare or mount is refused, or under a wrapper).

Where myld must differ from glibc, the case says why (see DIFFERENCES).
Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_testbin  # noqa: E402
from timeouts import scaled  # noqa: E402

PASS, FAIL, SKIP = 0, 1, 77

# Lines of glibc's output myld does not reproduce, and why.
DIFFERENCES = {
    'shared-cache': "glibc.cpu.x86_shared_cache_size on Intel (leaf 4): "
                    "Debian's glibc 2.36 reports the whole L3 while its "
                    "memcpy threshold may use the per-thread share; myld "
                    "reports the share its thresholds are derived from "
                    "(the non-temporal threshold itself must be equal; "
                    "on AMD both lines are glibc's)",
    'hwcap': "dl_hwcap: glibc on x86_64 reports its own HWCAP_X86_* "
             "bits, myld the kernel's AT_HWCAP",
    'origin-dot': "$ORIGIN of a program named by a relative path in "
                  "command mode (`ld.so ./prog`, `ldd ./prog`): glibc "
                  "joins the working directory and the name's directory "
                  "as they are, so a library found there is listed as "
                  "/dir/./libx.so; myld makes the origin absolute and "
                  "clean, the same as the kernel's /proc/self/exe gives "
                  "in interp mode, and lists /dir/libx.so "
                  "(search_order.c, load_directory_of)",
}


class Checker:
    def __init__(self, opts):
        self.opts = opts
        self.failures = []
        self.checks = 0
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(run_testbin.SCRUBBED_PREFIXES)}

    def run(self, loader, args, case_env=None, cwd=None):
        cmd, env = run_testbin.wrapped(self.opts, [loader] + list(args),
                                       self.env, dict(case_env or {}))
        p = subprocess.run(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=self.opts.timeout)
        return (p.returncode, p.stdout.decode('utf-8', 'replace'),
                p.stderr.decode('utf-8', 'replace'))

    def both(self, args, case_env=None, cwd=None):
        return (self.run(self.opts.reference, args, case_env, cwd),
                self.run(self.opts.myld, args, case_env, cwd))

    def expect(self, ok, what, detail=''):
        self.checks += 1
        if not ok:
            self.failures.append(what + ('\n' + detail if detail else ''))
        print(('ok   ' if ok else 'FAIL ') + what)


def show(r):
    return f'status {r[0]}\n--- stdout\n{r[1]}--- stderr\n{r[2]}---'


def check_verify(c, work):
    """--verify: 0 for a program with an interpreter, 2 for a dynamic
    object without one, 1 for anything else; nothing printed."""
    text = os.path.join(work, 'text')
    with open(text, 'w') as f:
        f.write('not an ELF file\n')
    objects = [('program', c.opts.prog, 0), ('library', c.opts.lib, 2),
               ('text file', text, 1),
               ('missing file', os.path.join(work, 'missing'), 1),
               ('directory', work, 1)]
    for kind, path, status in objects + static_programs(c, work):
        ref, mine = c.both(['--verify', path])
        c.expect(ref[0] == status, f'--verify {kind}: glibc exits {status}',
                 show(ref))
        c.expect(mine == (ref[0], '', ''),
                 f'--verify {kind}: myld exits {ref[0]}, prints nothing',
                 show(mine))


def static_programs(c, work):
    """A static program (1) and a static-pie (2), when a compiler is given."""
    if not c.opts.cc:
        print('note: no --cc, no static programs for --verify')
        return []
    src = os.path.join(work, 's.c')
    with open(src, 'w') as f:
        f.write('int main(void) { return 0; }\n')
    out = []
    for kind, flag, status in (('static', '-static', 1),
                               ('static-pie', '-static-pie', 2)):
        exe = os.path.join(work, kind)
        p = subprocess.run(shlex.split(c.opts.cc) + [flag, '-o', exe, src],
                           capture_output=True)
        if p.returncode:
            print(f'note: cannot build a {kind} program: '
                  f'{p.stderr.decode()[:200]}')
            continue
        out.append((kind + ' program', exe, status))
    return out


def version_program(c, work):
    """A program that needs version V2 of libv.so, next to it (RUNPATH
    $ORIGIN), whose libv.so defines only V1: its listing goes on after
    the missing version (glibc's rtld.c print_missing_version), exit 0.
    None without --cc."""
    if not c.opts.cc:
        return None
    cc = shlex.split(c.opts.cc)
    files = {'lib.c': 'int foo(void) { return 1; }\n',
             'main.c': 'int foo(void);\nint main(void) { return foo() - 1; }\n',
             'v1.map': 'V1 { global: foo; local: *; };\n',
             'v2.map': 'V2 { global: foo; local: *; };\n'}
    for name, text in files.items():
        with open(os.path.join(work, name), 'w') as f:
            f.write(text)
    lib, exe = os.path.join(work, 'libv.so'), os.path.join(work, 'vmain')
    steps = [
        cc + ['-shared', '-fPIC', '-o', lib, os.path.join(work, 'lib.c'),
              '-Wl,--version-script=' + os.path.join(work, 'v2.map')],
        cc + ['-o', exe, os.path.join(work, 'main.c'), '-L' + work, '-lv',
              "-Wl,-rpath,$ORIGIN"],
        cc + ['-shared', '-fPIC', '-o', lib, os.path.join(work, 'lib.c'),
              '-Wl,--version-script=' + os.path.join(work, 'v1.map')]]
    for step in steps:
        p = subprocess.run(step, capture_output=True)
        if p.returncode:
            print(f'note: cannot build the version program: '
                  f'{p.stderr.decode()[:200]}')
            return None
    return exe


def check_trace_versions(c, work):
    """LD_TRACE_LOADED_OBJECTS (what ldd sets) with a version missing:
    one line for it on stderr, the listing on stdout, exit 0, as glibc;
    run normally, the program is refused."""
    exe = version_program(c, work)
    if not exe:
        print('note: no --cc: no missing-version listing')
        return
    addr = re.compile(r' \(0x[0-9a-f]+\)')
    ref, mine = c.both([exe], {'LD_TRACE_LOADED_OBJECTS': '1'})
    want = f"{exe}: {os.path.join(work, 'libv.so')}: version `V2' not " \
           f"found (required by {exe})\n"
    c.expect(ref[0] == 0 and ref[2] == want and 'libv.so =>' in ref[1],
             'LD_TRACE_LOADED_OBJECTS, a missing version: the reference '
             'lists and says it', show(ref))
    c.expect((mine[0], addr.sub('', mine[1]), mine[2]) ==
             (ref[0], addr.sub('', ref[1]), ref[2]),
             'LD_TRACE_LOADED_OBJECTS, a missing version: as glibc',
             f'glibc {show(ref)}\nmyld {show(mine)}')
    ref, mine = c.both([exe])
    c.expect(ref[0] != 0 and mine[0] == 127 and
             "version V2 not found (required by" in mine[2],
             'run normally, a missing version is fatal (myld exits 127, '
             'glibc 1)', f'glibc {show(ref)}\nmyld {show(mine)}')


def check_origin_dot(c, work):
    """A program named ./omain in command mode, RUNPATH $ORIGIN: the same
    listing as glibc's but for the "/./" glibc keeps (origin-dot)."""
    if not c.opts.cc:
        print('note: no --cc: no $ORIGIN listing')
        return
    cc = shlex.split(c.opts.cc)
    d = os.path.join(work, 'origin')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'o.c'), 'w') as f:
        f.write('int o(void) { return 0; }\n')
    with open(os.path.join(d, 'omain.c'), 'w') as f:
        f.write('int o(void);\nint main(void) { return o(); }\n')
    for step in (cc + ['-shared', '-fPIC', '-o', os.path.join(d, 'libo.so'),
                       os.path.join(d, 'o.c')],
                 cc + ['-o', os.path.join(d, 'omain'),
                       os.path.join(d, 'omain.c'), '-L' + d, '-lo',
                       '-Wl,-rpath,$ORIGIN']):
        p = subprocess.run(step, capture_output=True)
        if p.returncode:
            print(f'note: cannot build the $ORIGIN program: '
                  f'{p.stderr.decode()[:200]}')
            return
    addr = re.compile(r' \(0x[0-9a-f]+\)')
    ref, mine = c.both(['./omain'], {'LD_TRACE_LOADED_OBJECTS': '1'}, cwd=d)
    ref_out, mine_out = addr.sub('', ref[1]), addr.sub('', mine[1])
    c.expect(ref[0] == 0 and f'libo.so => {d}/./libo.so' in ref_out,
             '$ORIGIN, ./omain: the reference lists dir/./libo.so',
             show(ref))
    print(f'note: differs ({DIFFERENCES["origin-dot"]})')
    c.expect((mine[0], mine_out, mine[2]) ==
             (ref[0], ref_out.replace(f'{d}/./', f'{d}/'), ref[2]),
             '$ORIGIN, ./omain: as glibc but for its "/./"',
             f'glibc {show(ref)}\nmyld {show(mine)}')


def check_tunables(c, work):
    """--list-tunables: glibc's lines, values (the CPU-derived ones
    included) and bounds; with GLIBC_TUNABLES and an alias set too."""
    for env in ({}, {'GLIBC_TUNABLES': 'glibc.malloc.perturb=7:'
                     'glibc.malloc.mmap_max=0x40:glibc.rtld.nns=99',
                     'MALLOC_ARENA_MAX': '3'}):
        ref, mine = c.both(['--list-tunables'], env)
        rl, ml = ref[1].splitlines(), mine[1].splitlines()
        c.expect(ref[0] == 0 and len(rl) > 20,
                 f'glibc --list-tunables {env} lists tunables', show(ref))
        skip = re.compile(r'^glibc\.cpu\.x86_shared_cache_size: ')
        same = ([x for x in rl if not skip.match(x)] ==
                [x for x in ml if not skip.match(x)])
        c.expect(mine[0] == 0 and same and len(rl) == len(ml),
                 f'--list-tunables {env}: the same lines as glibc',
                 show(ref) + '\n' + show(mine))
        for r, m in zip(rl, ml):
            if skip.match(r) and r != m:
                print(f'note: differs ({DIFFERENCES["shared-cache"]}):\n'
                      f'  glibc {r}\n  myld  {m}')


KEY_VALUE = re.compile(r'^[a-z][a-z0-9_.]*(\[0x[0-9a-f]+\])*'
                       r'(\.[a-z_]+)?=(0x[0-9a-f]+|"([^"\\]|\\.)*")$')


def check_diagnostics(c, work):
    """--list-diagnostics: glibc's key=value syntax, and the facts both
    loaders know (the kernel's, the environment's) with glibc's values."""
    env = {'LANG': 'C', 'SECRET': 'x'}
    ref, mine = c.both(['--list-diagnostics'], env)
    bad = [x for x in mine[1].splitlines() if not KEY_VALUE.match(x)]
    c.expect(mine[0] == 0 and not bad and mine[2] == '',
             '--list-diagnostics: every line key=value in glibc\'s form',
             '\n'.join(bad[:10]) + show(mine))

    def facts(text):
        d = {}
        for line in text.splitlines():
            k, _, v = line.partition('=')
            d[k] = v
        return d
    r, m = facts(ref[1]), facts(mine[1])
    shared = ['dl_dst_lib', 'dl_hwcap2', 'dl_pagesize', 'dl_platform',
              'dl_hwcaps_subdirs', 'dl_hwcaps_subdirs_active',
              'path.sysconfdir', 'dso.ld'] + [k for k in r
                                              if k.startswith('uname.')]
    for k in shared:
        if k in r:
            c.expect(m.get(k) == r[k], f'--list-diagnostics {k} as glibc\'s',
                     f'glibc {r[k]!r}, myld {m.get(k)!r}')
    envs = lambda d: sorted((k, v) for k, v in d.items()  # noqa: E731
                            if k.startswith('env'))
    c.expect(envs(r) == envs(m),
             '--list-diagnostics: env[]/env_filtered[] as glibc\'s',
             f'glibc {envs(r)}\nmyld  {envs(m)}')
    types = lambda d: sorted(v for k, v in d.items()  # noqa: E731
                             if k.endswith('.a_type'))
    c.expect(types(r) == types(m), '--list-diagnostics: the same auxv types')
    if r.get('dl_hwcap') != m.get('dl_hwcap'):
        print(f'note: dl_hwcap differs: {DIFFERENCES["hwcap"]}')


def tries(err):
    """The search as LD_DEBUG=libs shows it, pid prefix removed: each
    "search path=" line and each file tried.  Like glibc, myld learns
    which directories are missing and leaves them out of later searches
    and of later "search path=" lines, so every line is compared."""
    out = []
    for line in err.splitlines():
        mt = re.match(r'^ *\d+:\t( search path=.*|  trying file=.*)$', line)
        if mt:
            out.append(mt.group(1))
    return out


def hwcaps_case(c, work, what, opts, present, env_dirs):
    """Copy the library into WORK/PRESENT (and create every directory of
    ENV_DIRS), run the program with LD_LIBRARY_PATH=WORK and OPTS: the
    same search (glibc-hwcaps and legacy hwcaps subdirectories), the same
    choice."""
    root = os.path.join(work, what)
    shutil.rmtree(root, ignore_errors=True)
    for d in env_dirs:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    if present:
        shutil.copy(c.opts.lib, os.path.join(root, present))
    env = {'LD_LIBRARY_PATH': root, 'LD_DEBUG': 'libs'}
    ref, mine = c.both(list(opts) + [c.opts.prog], env)
    rt, mt = tries(ref[2]), tries(mine[2])
    c.expect(ref[0] == mine[0] and ref[1] == mine[1] and rt and rt == mt,
             f'hwcaps {what} {opts}: the same search, the same result',
             'glibc: ' + '\n  '.join(rt) + '\nmyld:  ' + '\n  '.join(mt) +
             '\n' + show(ref) + show(mine))
    return ref


def legacy_name(err):
    """The last legacy subdirectory glibc tried in /nowhere before
    /nowhere itself: a capability's or the platform's name (x86_64,
    atomics)."""
    names = re.findall(r'trying file=/nowhere/([^/]+)/[^/]+$', err, re.M)
    return names[-1] if names else None


def check_hwcaps(c, work):
    ref, _ = c.both(['--list-diagnostics'])
    m = re.search(r'^dl_hwcaps_subdirs="(.*)"$', ref[1], re.M)
    act = re.search(r'^dl_hwcaps_subdirs_active=(0x[0-9a-f]+)$', ref[1], re.M)
    subdirs = m.group(1).split(':') if m and m.group(1) else []
    active = int(act.group(1), 16) if act else 0
    usable = [s for i, s in enumerate(subdirs) if active >> i & 1]
    all_dirs = ['glibc-hwcaps/' + d for d in subdirs + ['prepended']]
    print(f'glibc-hwcaps of this CPU: {usable or "none"}')
    hwcaps_case(c, work, 'none', [], None, all_dirs)
    for s in usable:
        hwcaps_case(c, work, 'in-' + s, [], 'glibc-hwcaps/' + s, all_dirs)
    hwcaps_case(c, work, 'prepend', ['--glibc-hwcaps-prepend', 'prepended'],
                'glibc-hwcaps/prepended', all_dirs)
    if usable:
        hwcaps_case(c, work, 'mask', ['--glibc-hwcaps-mask', usable[-1]],
                    'glibc-hwcaps/' + usable[0], all_dirs)
        hwcaps_case(c, work, 'mask-empty', ['--glibc-hwcaps-mask', ''],
                    'glibc-hwcaps/' + usable[0], all_dirs)
    # The legacy hwcaps subdirectories glibc 2.36 still searches: "tls"
    # is one on every CPU, and the platform (AT_PLATFORM's name, or the
    # name glibc gives an Intel CPU) another, found from glibc's own
    # search.  Each is tried only where it exists, after the first search
    # learnt which do not.
    hwcaps_case(c, work, 'legacy-tls', [], 'tls', all_dirs + ['tls'])
    probe, _ = c.both([c.opts.prog], {'LD_LIBRARY_PATH': '/nowhere',
                                      'LD_DEBUG': 'libs'})
    name = legacy_name(probe[2])
    c.expect(name is not None, 'glibc tries a legacy subdirectory '
             'named after the CPU', probe[2])
    if name:
        hwcaps_case(c, work, 'legacy-' + name, [], name,
                    all_dirs + ['tls', name])


def check_hwcaps_at_dlopen(c, work):
    """The subdirectories first needed by a dlopen: dlopen_main's
    start-up finds libc.so.6 in ld.so.cache, so the first directory
    search is its dlopen of a name that is nowhere (the default
    directories, each with its glibc-hwcaps, prepended and legacy
    subdirectories).  The same search lines as glibc's."""
    prog = os.path.join(os.path.dirname(c.opts.prog), 'dlopen_main')
    ref, mine = c.both(['--glibc-hwcaps-prepend', 'prepended', prog,
                        'libmyld-nowhere.so'], {'LD_DEBUG': 'libs'})
    rt, mt = tries(ref[2]), tries(mine[2])
    c.expect(ref[0] == mine[0] and any('prepended' in t for t in rt) and
             rt == mt, 'hwcaps first needed by dlopen: the same search',
             'glibc: ' + '\n  '.join(rt) + '\nmyld:  ' + '\n  '.join(mt) +
             '\n' + show(ref) + show(mine))


def check_inhibit(c, work):
    """--inhibit-cache: no cache look-up; --inhibit-rpath: the named
    objects' RUNPATH is ignored ("" names the program)."""
    prog = c.opts.prog
    for opts in (['--inhibit-cache'], []):
        ref, mine = c.both(opts + [prog], {'LD_DEBUG': 'libs'})
        cache = lambda r: 'search cache=' in r[2]  # noqa: E731
        c.expect(ref[0] == mine[0] and ref[1] == mine[1] and
                 cache(ref) == cache(mine) and tries(ref[2]) ==
                 tries(mine[2]), f'{opts}: the same search as glibc',
                 show(ref) + show(mine))
    # glibc 2.36: an empty name is the program's, but not after a final
    # ':' ("a:" names "a" only).
    for names, runs in (('', False), (':/nowhere/x', False),
                        ('/nowhere/x:', True),
                        ('/nowhere/x', True), (c.opts.lib, True)):
        ref, mine = c.both(['--inhibit-rpath', names, prog])
        c.expect((ref[0] == 0) == runs and (mine[0] == 0) == runs and
                 ref[1] == mine[1],
                 f'--inhibit-rpath {names!r}: program '
                 f'{"runs" if runs else "misses its library"} in both',
                 show(ref) + show(mine))
        if not runs:
            lines = mine[2].splitlines()
            c.expect(mine[0] == 127 and len(lines) == 1 and
                     lines[0].startswith('myld: '),
                     f'--inhibit-rpath {names!r}: one myld: line, status 127',
                     show(mine))


def check_help(c, work):
    mine = c.run(c.opts.myld, ['--help'])
    for opt in ('--verify', '--inhibit-cache', '--inhibit-rpath',
                '--list-tunables', '--list-diagnostics',
                '--glibc-hwcaps-prepend', '--glibc-hwcaps-mask', '--list',
                '--library-path', '--preload', '--audit', '--argv0'):
        c.expect(mine[0] == 0 and re.search(r'^  ' + re.escape(opt) +
                                            r'\b', mine[1], re.M),
                 f'--help lists {opt}')


def check_ldd(c, work):
    if c.opts.wrapper:
        print('SKIP: ldd runs the host\'s ldd script, whose loader is the '
              'host\'s: not under a cross wrapper')
        return SKIP
    system_ld = os.path.realpath(c.opts.reference)
    ldd = shutil.which('ldd')
    if not ldd or not shutil.which('unshare'):
        print('SKIP: no ldd or no unshare')
        return SKIP
    probe = subprocess.run(
        ['unshare', '-m', '--propagation', 'private', 'sh', '-c',
         f'mount --bind {shlex.quote(c.opts.myld)} {shlex.quote(system_ld)}'],
        capture_output=True, timeout=c.opts.timeout)
    if probe.returncode:
        print('SKIP: cannot bind-mount over the system loader in a private '
              f'mount namespace: {probe.stderr.decode().strip()}')
        return SKIP
    addr = re.compile(r' \(0x[0-9a-f]+\)')
    for target in ('/bin/ls', '/bin/true', '/usr/bin/python3', c.opts.prog,
                   c.opts.lib, os.path.join(work, 'static'), os.path.join(work, 'static-pie'),
                   version_program(c, work) or '/nonexistent',
                   '/etc/passwd'):
        if not os.path.exists(target):
            continue
        native = subprocess.run([ldd, target], capture_output=True,
                                env=c.env, timeout=c.opts.timeout)
        bound = subprocess.run(
            ['unshare', '-m', '--propagation', 'private', 'sh', '-c',
             f'mount --bind "$1" "$2" && exec "$3" "$4"', 'sh', c.opts.myld,
             system_ld, ldd, target], capture_output=True, env=c.env,
            timeout=c.opts.timeout)
        n = (native.returncode, addr.sub('', native.stdout.decode()),
             native.stderr.decode())
        b = (bound.returncode, addr.sub('', bound.stdout.decode()),
             bound.stderr.decode())
        c.expect(n == b, f'ldd {target}: as with glibc\'s loader',
                 f'native {n}\nmyld   {b}')
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--group', choices=('options', 'ldd'), required=True)
    ap.add_argument('--myld', required=True)
    ap.add_argument('--reference', required=True)
    ap.add_argument('--prog', required=True)
    ap.add_argument('--lib', required=True)
    ap.add_argument('--cc', default='')
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--wrapper-env-opt', default='')
    ap.add_argument('--timeout', '--run-timeout', type=float, default=60,
                    help='for each run, before scaling')
    opts = ap.parse_args()
    opts.timeout = scaled(opts.timeout)
    opts.myld = os.path.abspath(opts.myld)
    c = Checker(opts)
    with tempfile.TemporaryDirectory() as work:
        if opts.group == 'ldd':
            static_programs(c, work)
            if check_ldd(c, work) == SKIP:
                return SKIP
        else:
            for check in (check_verify, check_tunables, check_diagnostics,
                          check_hwcaps, check_hwcaps_at_dlopen,
                          check_inhibit, check_help, check_trace_versions,
                          check_origin_dot):
                check(c, work)
    print(f'{c.checks} checks, {len(c.failures)} failed')
    for f in c.failures:
        print('FAIL:', f)
    return FAIL if c.failures else PASS


if __name__ == '__main__':
    sys.exit(main())
