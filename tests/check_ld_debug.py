#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check myld's tracing: LD_DEBUG categories, --debug, LD_DEBUG_OUTPUT,
LD_SHOW_AUXV and LD_TRACE_LOADED_OBJECTS.

    check_ld_debug.py --check NAME --myld MYLD --prog PROG [--prog2 ...]

One check per run (see CHECKS at the end).  Every program runs in its own
directory and is named "./NAME", as in run_testbin.py, whose helpers
(scrubbed environment, the qemu wrapper) this script reuses.  A trace line
is "<pid>:\\t<text>", the pid right-aligned in 10 columns as glibc prints
it; the checks match the pid exactly: the process the loader runs in is
the one we started (the kernel, or qemu-user, execs in place).

Exit status: 0 pass, 1 fail, 77 skip, 99 bad invocation.
"""

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_testbin  # noqa: E402  (shared helpers: wrapped, SCRUBBED_PREFIXES)
from timeouts import scaled  # noqa: E402

PASS, FAIL, SKIP, ERROR = 0, 1, 77, 99


class Failed(Exception):
    pass


class Run:
    """One finished run: status, stdout, stderr, pid."""

    def __init__(self, status, out, err, pid):
        self.status, self.out, self.err, self.pid = status, out, err, pid

    def show(self):
        return (f'exit status {self.status}, pid {self.pid}\n'
                f'--- stdout ---\n{self.out}--- stderr ---\n{self.err}'
                '--- end ---')


class Checker:
    def __init__(self, opts):
        self.opts = opts
        self.failures = []
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(run_testbin.SCRUBBED_PREFIXES)}

    # -- running -----------------------------------------------------------

    def run(self, prog, case_env=None, mode='interp', opts=(), args=()):
        """Run PROG (a path) under myld; MODE interp or command."""
        prog_dir, name = os.path.split(os.path.abspath(prog))
        if mode == 'interp':
            cmd = ['./' + name] + list(args)
        else:
            cmd = [self.opts.myld] + list(opts) + ['./' + name] + list(args)
        cmd, env = run_testbin.wrapped(self.opts, cmd, self.env,
                                       dict(case_env or {}))
        print('+ cd', prog_dir, '&&',
              ' '.join(f'{k}={v}' for k, v in sorted((case_env or {}).items())),
              ' '.join(cmd))
        try:
            p = subprocess.Popen(cmd, cwd=prog_dir, env=env,
                                 stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
            out, err = p.communicate(timeout=self.opts.timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            raise Failed(f'timed out after {self.opts.timeout}s')
        return Run(p.returncode, out.decode('utf-8', 'backslashreplace'),
                   err.decode('utf-8', 'backslashreplace'), p.pid)

    # -- assertions --------------------------------------------------------

    def fail(self, msg, run=None):
        self.failures.append(msg + ('\n' + run.show() if run else ''))

    def expect_status(self, run, status):
        if run.status != status:
            self.fail(f'exit status {run.status}, expected {status}', run)

    def expect_stdout(self, run, text):
        if run.out != text:
            self.fail(f'stdout is not {text!r}', run)

    def trace_lines(self, run, text=None):
        """The lines of TEXT (default: stderr) with this run's pid prefix,
        prefix removed; fails on a trace-looking line with another pid."""
        text = run.err if text is None else text
        prefix = re.compile(r'^ *(\d+):\t(.*)$')
        lines = []
        for line in text.splitlines():
            m = prefix.match(line)
            if not m:
                continue
            if int(m.group(1)) != run.pid:
                self.fail(f'trace line with pid {m.group(1)}, expected '
                          f'{run.pid}: {line!r}', run)
            elif len(line) - len(line.lstrip(' ')) + len(m.group(1)) != 10:
                self.fail(f'pid not right-aligned in 10 columns: {line!r}')
            lines.append(m.group(2))
        return lines

    def expect_lines(self, run, lines, patterns, what):
        """Each pattern (a regex, fullmatch) must match some line of LINES,
        in this order."""
        pos = 0
        for pat in patterns:
            rx = re.compile(pat)
            for i in range(pos, len(lines)):
                if rx.fullmatch(lines[i]):
                    pos = i + 1
                    break
            else:
                self.fail(f'{what}: no line (after the previous match) '
                          f'matches /{pat}/', run)
                return

    def expect_no_line(self, run, lines, pattern, what):
        rx = re.compile(pattern)
        for line in lines:
            if rx.fullmatch(line):
                self.fail(f'{what}: unexpected line {line!r}', run)

    # -- facts about the programs -----------------------------------------

    def prog(self, i=0):
        return os.path.abspath(self.opts.prog[i])

    def prog_dir(self, i=0):
        return os.path.dirname(self.prog(i))

    def name(self, i=0):
        return os.path.basename(self.prog(i))


E = re.escape


def reloc_arch_prefix(path):
    """R_X86_64 or R_AARCH64, from the ELF header's e_machine."""
    with open(path, 'rb') as f:
        hdr = f.read(64)
    machine = struct.unpack_from('<H', hdr, 18)[0]
    return {62: 'R_X86_64', 183: 'R_AARCH64'}.get(machine, r'R_\w+')


def elf_entry_and_phdr_vaddr(path):
    """(e_entry, p_vaddr of PT_PHDR or None, e_type) of an ELF64 file."""
    with open(path, 'rb') as f:
        data = f.read()
    e_type, = struct.unpack_from('<H', data, 16)
    e_entry, e_phoff = struct.unpack_from('<QQ', data, 24)
    e_phentsize, e_phnum = struct.unpack_from('<HH', data, 54)
    phdr_vaddr = None
    for i in range(e_phnum):
        off = e_phoff + i * e_phentsize
        p_type, = struct.unpack_from('<I', data, off)
        if p_type == 6:                       # PT_PHDR
            phdr_vaddr, = struct.unpack_from('<Q', data, off + 16)
    return e_entry, phdr_vaddr, e_type


# ---------------------------------------------------------------------------
# The checks.  Programs (--prog, in order) are given per check by
# tests/meson.build; the comment of each check says which it expects.

HELLO_OUT = 'hello from the library\nanswer: 42\n'


def check_libs(c):
    """hello: the search for libhello_lib.so, glibc's format."""
    d, n = c.prog_dir(), c.name()
    for mode, env, opts in (('interp', {'LD_DEBUG': 'libs'}, ()),
                            ('command', {}, ('--debug', 'libs'))):
        r = c.run(c.prog(), env, mode, opts)
        c.expect_status(r, 7)
        c.expect_stdout(r, HELLO_OUT)
        c.expect_lines(r, c.trace_lines(r), [
            E('find library=libhello_lib.so [0]; searching'),
            r' search path=\S+\t\t\(RUNPATH from file ' + E('./' + n) + r'\)',
            E('  trying file=' + d + '/libhello_lib.so'),
        ], f'libs ({mode})')


def check_reloc(c):
    """hello: one "relocation processing" line per object, in reverse
    load order (libraries before the program)."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'reloc'})
    c.expect_status(r, 7)
    c.expect_stdout(r, HELLO_OUT)
    c.expect_lines(r, c.trace_lines(r), [
        E('relocation processing: ' + d + '/libhello_lib.so') +
        r'( \(lazy\))?',
        E('relocation processing: ./' + n) + r'( \(lazy\))?',
    ], 'reloc')


def check_files(c):
    """init_order: loading, link maps, init and fini calls."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'files'})
    c.expect_status(r, 0)
    lines = c.trace_lines(r)
    x = r'0x[0-9a-f]{16}'
    c.expect_lines(r, lines, [
        E('file=libio_a.so [0];  needed by ./' + n + ' [0]'),
        E('file=libio_a.so [0];  generating link map'),
        r'  dynamic: ' + x + r'  base: ' + x + r'   size: ' + x,
        r'    entry: ' + x + r'  phdr: ' + x + r'  phnum: +\d+',
        E('file=libio_b.so [0];  needed by ' + d + '/libio_a.so [0]'),
        # Initialisers in glibc's order (see testbins/init_order).
        E('calling init: ' + d + '/libio_cyc1.so'),
        E('calling init: ' + d + '/libio_cyc2.so'),
        E('calling init: ' + d + '/libio_b.so'),
        E('calling init: ' + d + '/libio_a.so'),
        E('initialize program: ./' + n),
        E('transferring control: ./' + n),
        # glibc names the program by its link-map name, which is empty.
        E('calling fini:  [0]'),
        E('calling fini: ' + d + '/libio_a.so [0]'),
    ], 'files')


def check_symbols(c):
    """hello-now (bound at start-up): each look-up walks the scope."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'symbols'})
    c.expect_status(r, 7)
    c.expect_stdout(r, HELLO_OUT)
    lib = 'libhello_lib' + n[len('hello'):] + '.so'   # hello-now: -now
    for sym in ('hello_greeting', 'hello_answer'):
        c.expect_lines(r, c.trace_lines(r), [
            E(f'symbol={sym};  lookup in file=./{n} [0]'),
            E(f'symbol={sym};  lookup in file={d}/{lib} [0]'),
        ], f'symbols ({sym})')


def check_bindings(c):
    """versions: bindings name the version in brackets."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'bindings'})
    c.expect_status(r, 0)
    lines = c.trace_lines(r)
    for sym, ver in (('vfoo', 'V1'), ('vfoo', 'V2'), ('vbar', 'V2')):
        c.expect_lines(r, lines, [
            E(f'binding file ./{n} [0] to {d}/libver.so [0]: normal symbol '
              f'`{sym}\' [{ver}]')], 'bindings')


def check_versions(c):
    """versions: every version the program needs is checked."""
    n = c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'versions'})
    c.expect_status(r, 0)
    lines = c.trace_lines(r)
    for ver in ('V1', 'V2'):
        c.expect_lines(r, lines, [
            E(f'checking for version `{ver}\' in file libver.so [0] '
              f'required by file ./{n} [0]')], 'versions')


def check_scopes(c):
    """hello: the initial scope of every object: the global list."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'scopes'})
    c.expect_status(r, 7)
    scope = E(f' scope 0: ./{n} {d}/libhello_lib.so')
    c.expect_lines(r, c.trace_lines(r), [
        '', 'Initial object scopes',
        E(f'object=./{n} [0]'), scope,
        E(f'object={d}/libhello_lib.so [0]'), scope,
    ], 'scopes')


def check_long_lines(c):
    """hello copied into a directory whose path is over 1 KiB long: its
    scope lines, longer than any buffer of myld's, come out whole."""
    with tempfile.TemporaryDirectory() as tmp:
        d = tmp
        for i in range(8):
            d = os.path.join(d, str(i) * 180)
        os.makedirs(d)
        for f in (c.prog(), os.path.join(c.prog_dir(), 'libhello_lib.so')):
            shutil.copy2(f, d)
        n = c.name()
        r = c.run(os.path.join(d, n), {'LD_DEBUG': 'scopes'},
                  mode='command')
        c.expect_status(r, 7)
        scope = E(f' scope 0: ./{n} {d}/libhello_lib.so')
        c.expect_lines(r, c.trace_lines(r), [
            '', 'Initial object scopes',
            E(f'object=./{n} [0]'), scope,
            E(f'object={d}/libhello_lib.so [0]'), scope,
        ], 'long scope lines')


def check_statistics(c):
    """hello-now: relocation counts by type, look-ups, stage times."""
    arch = reloc_arch_prefix(c.prog())
    r = c.run(c.prog(), {'LD_DEBUG': 'statistics'})
    c.expect_status(r, 7)
    c.expect_stdout(r, HELLO_OUT)
    c.expect_lines(r, c.trace_lines(r), [
        'runtime linker statistics:',
        r'  total startup time in dynamic loader: \d+ ns',
        r' +mapping the program: \d+ ns',
        r' +loading the dependencies: \d+ ns',
        r' +setting up TLS: \d+ ns',
        r' +relocating: \d+ ns',
        r' +initialising: \d+ ns',
        r' +number of relocations: [1-9]\d*',
        r' +number of relative relocations: \d+',
        # hello_greeting and hello_answer, bound at start-up (-z now).
        r' +' + arch + r'_JUMP_SLOT: 2',
        r' +symbol look-ups: [1-9]\d*',
        r' +objects searched in total: [1-9]\d*',
    ], 'statistics')


def check_unused(c):
    """unused: the DT_NEEDED library the program takes nothing from.
    With --list (and with LD_TRACE_LOADED_OBJECTS=1, which is the same),
    as trace.c's help says.  glibc prints these lines on stdout without a
    pid ("ldd -u"); the pid prefix is accepted but not required.  Like
    glibc's loader, which the reference run below checks, myld exits 1
    when it found an unused dependency."""
    d = c.prog_dir()
    want = ['(?: *\\d+:\\t)?Unused direct dependencies:',
            '(?: *\\d+:\\t)?\\t' + E(d + '/libunused_dep.so')]
    # The scenario itself, under glibc's loader as "ldd -u" runs it.
    ref = c.opts.reference
    if ref and os.path.exists(ref) and not c.opts.wrapper:
        p = subprocess.run([ref, './' + c.name()], cwd=d,
                           env=dict(c.env, LD_TRACE_LOADED_OBJECTS='1',
                                    LD_WARN='yes', LD_BIND_NOW='yes',
                                    LD_DEBUG='unused'),
                           capture_output=True, text=True,
                           timeout=c.opts.timeout)
        print(f'reference ({ref}):\n{p.stdout}{p.stderr}')
        got = [os.path.normpath(l.strip()) for l in p.stdout.splitlines()]
        if p.returncode != 1:
            c.fail(f'the reference loader exited {p.returncode}, not 1: '
                   'the TEST ITSELF is wrong')
        if 'Unused direct dependencies:' not in got or \
           d + '/libunused_dep.so' not in got:
            c.fail('the reference loader does not call libunused_dep.so '
                   'unused: the TEST ITSELF is wrong')
    for mode, env, opts in (('command', {'LD_DEBUG': 'unused'}, ('--list',)),
                            ('interp', {'LD_DEBUG': 'unused',
                                        'LD_TRACE_LOADED_OBJECTS': '1'}, ())):
        r = c.run(c.prog(), env, mode, opts)
        c.expect_status(r, 1)
        lines = (r.out + r.err).splitlines()
        c.expect_lines(r, lines, want, f'unused ({mode})')
        # The library the program calls is not in the list.
        after = lines[next((i for i, l in enumerate(lines)
                            if 'Unused direct dependencies' in l),
                           len(lines)):]
        c.expect_no_line(r, after, '.*libunused_used\\.so.*',
                         'unused: the used library is listed as unused')


def check_all(c):
    """init_order: "all" is libs + reloc + files + symbols + bindings +
    versions + scopes, and not statistics."""
    d, n = c.prog_dir(), c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'all'})
    c.expect_status(r, 0)
    lines = c.trace_lines(r)
    for pat in (E('find library=libio_a.so [0]; searching'),
                E('file=libio_a.so [0];  needed by ./' + n + ' [0]'),
                'Initial object scopes',
                E('relocation processing: ' + d + '/libio_a.so') + '.*',
                E('symbol=io_a_touch;  lookup in file=./' + n + ' [0]'),
                E('binding file ./' + n + ' [0] to ' + d + '/libio_a.so'
                  ' [0]: normal symbol `io_a_touch\''),
                E('calling init: ' + d + '/libio_a.so')):
        c.expect_lines(r, lines, [pat], 'all')
    c.expect_no_line(r, lines, 'runtime linker statistics:', 'all')


def check_help(c):
    """hello: LD_DEBUG=help (and --debug help) lists the categories on
    stdout and exits 0 without running the program."""
    for mode, env, opts in (('interp', {'LD_DEBUG': 'help'}, ()),
                            ('command', {}, ('--debug', 'help'))):
        r = c.run(c.prog(), env, mode, opts)
        c.expect_status(r, 0)
        lines = r.out.splitlines()
        c.expect_lines(r, lines, [
            'Valid options for the LD_DEBUG environment variable are:', ''] +
            [r'  ' + cat + r' +\S.*' for cat in (
                'libs', 'reloc', 'files', 'symbols', 'bindings', 'versions',
                'scopes', 'all', 'statistics', 'unused', 'help')] +
            ['', r'To direct the debugging output into a file .*',
             r'.*LD_DEBUG_OUTPUT.*'], f'help ({mode})')
        if 'hello from the library' in r.out or r.err:
            c.fail(f'help ({mode}): the program ran, or stderr is not '
                   'empty', r)


def check_unknown(c):
    """hello: an unknown category warns on stderr (no pid: glibc's
    wording, with its quote marks tolerated either way), the others still
    apply and the program runs."""
    n = c.name()
    r = c.run(c.prog(), {'LD_DEBUG': 'bogus:libs'})
    c.expect_status(r, 7)
    c.expect_stdout(r, HELLO_OUT)
    c.expect_lines(r, r.err.splitlines(), [
        r"warning: debug option [`']bogus' unknown; try LD_DEBUG=help"],
        'unknown category')
    c.expect_lines(r, c.trace_lines(r), [
        E('find library=libhello_lib.so [0]; searching')], 'unknown+libs')


def check_output(c):
    """hello: LD_DEBUG_OUTPUT=PREFIX writes PREFIX.<pid>, not stderr."""
    with tempfile.TemporaryDirectory(prefix='myld-debug-output-') as tmp:
        prefix = os.path.join(tmp, 'trace')
        r = c.run(c.prog(), {'LD_DEBUG': 'libs:files',
                             'LD_DEBUG_OUTPUT': prefix})
        c.expect_status(r, 7)
        c.expect_stdout(r, HELLO_OUT)
        if r.err:
            c.fail('LD_DEBUG_OUTPUT: stderr is not empty', r)
        files = os.listdir(tmp)
        if files != [f'trace.{r.pid}']:
            c.fail(f'LD_DEBUG_OUTPUT: expected only trace.{r.pid}, found '
                   f'{files}', r)
            return
        with open(os.path.join(tmp, files[0]), encoding='utf-8') as f:
            text = f.read()
        print(f'--- {files[0]} ---\n{text}--- end ---')
        c.expect_lines(r, c.trace_lines(r, text), [
            E('find library=libhello_lib.so [0]; searching'),
            E('transferring control: ./' + c.name()),
        ], 'LD_DEBUG_OUTPUT file')


def check_auxv(c):
    """hello: LD_SHOW_AUXV=1 prints the auxiliary vector as the program
    gets it, in both modes: AT_ENTRY is the program's entry point."""
    entry, phdr_vaddr, e_type = elf_entry_and_phdr_vaddr(c.prog())
    for mode in ('interp', 'command'):
        r = c.run(c.prog(), {'LD_SHOW_AUXV': '1'}, mode)
        c.expect_status(r, 7)
        at = {}
        for line in r.out.splitlines():
            m = re.fullmatch(r'(AT_[A-Z0-9_]+): +(\S+)', line)
            if m:
                at[m.group(1)] = m.group(2)
            elif not re.fullmatch(r'AT_\?\?\? \(0x[0-9a-f]+\): 0x[0-9a-f]+',
                                  line) and line not in HELLO_OUT:
                c.fail(f'auxv ({mode}): unexpected line {line!r}', r)
        for name in ('AT_PHDR', 'AT_PHENT', 'AT_PHNUM', 'AT_PAGESZ',
                     'AT_ENTRY', 'AT_RANDOM', 'AT_EXECFN'):
            if name not in at:
                c.fail(f'auxv ({mode}): no {name} line', r)
        if 'AT_ENTRY' not in at or 'AT_PHDR' not in at:
            continue
        bias = 0
        if e_type == 3:                         # ET_DYN: PIE
            bias = int(at['AT_PHDR'], 16) - phdr_vaddr
        if int(at['AT_ENTRY'], 16) != bias + entry:
            c.fail(f'auxv ({mode}): AT_ENTRY {at["AT_ENTRY"]} is not the '
                   f'program\'s entry {bias + entry:#x}', r)
        if at.get('AT_EXECFN') != './' + c.name():
            c.fail(f'auxv ({mode}): AT_EXECFN {at.get("AT_EXECFN")}', r)
        if mode == 'command' and int(at.get('AT_BASE', '0'), 16) == 0:
            c.fail('auxv (command): AT_BASE should be myld\'s base', r)


def mask_list(text):
    """ldd lines with addresses masked and paths normalised (see
    run_testbin.list_mode)."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r'\(0x[0-9a-fA-F]+\)', '(ADDR)', line)
        m = re.match(r'^(\t\S+ => )(\S+)( \(ADDR\))$', line)
        if m:
            line = m.group(1) + os.path.normpath(m.group(2)) + m.group(3)
        lines.append(line)
    return lines


def check_trace(c):
    """Every --prog: LD_TRACE_LOADED_OBJECTS=1 ./prog prints exactly what
    myld --list ./prog prints (addresses masked); and, without a wrapper,
    what the system's ldd prints (glibc's loader), the interpreter's line
    included: glibc prints it as "\t<MYLD> => <its path> (ADDR)" when an
    object needs the loader and not at all otherwise, myld as
    "\t<MYLD> (ADDR)"; both are compared as "\tLOADER (ADDR)"."""
    ldd = shutil.which('ldd')
    for i in range(len(c.opts.prog)):
        r = c.run(c.prog(i), {'LD_TRACE_LOADED_OBJECTS': '1'})
        lst = c.run(c.prog(i), {}, 'command', ('--list',))
        for run in (r, lst):
            c.expect_status(run, 0)
            if run.err:
                c.fail('trace: stderr is not empty', run)
        traced, listed = mask_list(r.out), mask_list(lst.out)
        if traced != listed:
            c.fail('LD_TRACE_LOADED_OBJECTS=1 differs from --list:\n' +
                   '\n'.join(traced) + '\n---\n' + '\n'.join(listed))
        if c.opts.wrapper or not ldd:
            print('note: no comparison with ldd (wrapper, or no ldd)')
            continue
        prog_dir, name = os.path.split(c.prog(i))
        env = dict(c.env)
        print('+ cd', prog_dir, '&& ldd', './' + name)
        p = subprocess.run(['ldd', './' + name], cwd=prog_dir, env=env,
                           capture_output=True, text=True,
                           timeout=c.opts.timeout)
        if p.returncode != 0:
            c.fail(f'ldd failed (the test itself is wrong): {p.stdout}'
                   f'{p.stderr}')
            continue
        def loader_named(lines):
            return ['\tLOADER (ADDR)' if re.fullmatch(
                r'\t' + re.escape(c.opts.myld) + r'( => \S+)? \(ADDR\)', l)
                else l for l in lines]
        theirs = loader_named(l for l in mask_list(p.stdout)
                              if l != '\t (ADDR)')
        if loader_named(traced) != theirs:
            c.fail('trace: differs from the system ldd:\n' +
                   '\n'.join(traced) + '\n--- ldd:\n' + '\n'.join(theirs))


CHECKS = {name[len('check_'):]: fn for name, fn in globals().items()
          if name.startswith('check_') and callable(fn)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', required=True, choices=sorted(CHECKS))
    ap.add_argument('--myld', required=True)
    ap.add_argument('--prog', action='append', required=True)
    ap.add_argument('--reference', default='',
                    help='the reference loader (glibc\'s), for the checks '
                         'that validate their scenario with it')
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--wrapper-env-opt', default='')
    ap.add_argument('--timeout', type=float, default=30)
    opts = ap.parse_args()
    opts.timeout = scaled(opts.timeout)
    c = Checker(opts)
    try:
        CHECKS[opts.check](c)
    except Failed as e:
        c.fail(str(e))
    for f in c.failures:
        print('FAIL:', f)
    if c.failures:
        return FAIL
    print('PASS')
    return PASS


if __name__ == '__main__':
    sys.exit(main())
