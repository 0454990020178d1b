#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The launch cache (docs/launch-cache.md), run for real.

testbins/glibc/lcache_main needs liblcfirst.so and liblcsecond.so, copied
into a work directory and found through LD_LIBRARY_PATH.  Every run uses
a cache directory of its own under the work directory (XDG_CACHE_HOME,
and HOME too, so that no real home is touched), and every myld run's
standard output and status are compared with the same program under
glibc's loader, which has no cache: the cache may change how fast a
start is, never what it does.  LD_DEBUG=files shows what the cache did,
and that is checked too: a test of a warm start that did not replay, or
of damage that was not noticed, would prove nothing.

  cold-warm    first run records, second replays; the entry is not
               rewritten by a warm start; the IFUNC resolver still runs
               on a warm start (LC_FAST changes its answer, not the key);
               --cache-info describes the entry
  lazy         the program's lazy PLT calls into its libraries, bound
               after start-up on a cold start, are written at exit and
               bound at the start of a warm one (LD_DEBUG=files says how
               many, --cache-info too); lc_fast, an IFUNC, is still
               resolved at its first call (its look-up answered from the
               entry), after the program changed the environment its
               resolver reads; a child of fork that exits normally does
               not write the entry; LD_DEBUG=bindings binds lazily
  rebuilt      liblcfirst.so rewritten in place with its second build
               (same size, same inode, modification time restored): the
               entry is stale and lc_who binds to the new definition;
               then replaced by rename: stale again
  preload      LD_PRELOAD is part of the key: another entry, another
               answer, and the first entry still replays without it
  damaged      truncated, a flipped byte, garbage, group/other-writable,
               another owner (as root only), a symbolic link, a FIFO: each
               ignored with its LD_DEBUG line, the run unchanged, the
               entry rewritten
  audit        an auditor (LD_AUDIT, testbins/glibc/auditor.c, whose
               la_symbind64 redirects a lazy and a start-up binding) turns
               the cache off: it must see every binding, so two runs in a
               row log the same as glibc's loader, neither replays and
               nothing is written
  miss         testbins/many_libs (ten libraries: myld indexes the
               scope, except on a warm start, which needs no look-up):
               an entry whose bindings match the files but one of whose
               questions is changed, then resealed, is replayed up to
               that binding and the rest is looked up (the index is built
               then); the output stays glibc's, the entry is removed
  cxx          testbins/glibc/cxx_main (C++: libstdc++.so.6 relocates
               138 places against its own STB_GNU_UNIQUE symbols, whose
               replay makes the look-up, unique.c's, and goes on
               replaying): a warm start replays every binding, with no
               miss, and prints what glibc's loader prints
  versions     testbins/glibc/lcache_ver (liblcver.so's LCVER_1, and
               LCVER_2 weakly): a warm start skips the version check;
               liblcver.so replaced (rename) by a build without LCVER_1
               fails the check, traced or not; by one without LCVER_2,
               warns at every start and writes no entry
  plt          a warm start skips the walk of liblcsecond.so's PLT
               relocations for the lowest slot; replaced (rename) by a
               copy whose DT_PLTGOT moved, it is refused, traced or not
  off          MYLD_LAUNCH_CACHE=0, --no-launch-cache, and no cache
               directory: nothing written; MYLD_LAUNCH_CACHE=1 makes the
               directory (0700) and writes

Secure mode is tested by tests/secure_mode.py (a setuid copy run by
another user must neither read nor write the cache).

Usage: check_launch_cache.py --myld MYLD --testbins DIR --system-loader LD
       --many-libs DIR/many_libs-now --many-libs-out EXPECTED
       [--wrapper 'qemu-aarch64 -L /' --wrapper-env-opt -E] --work DIR
"""

import argparse
import os
import re
import shlex
import shutil
import stat
import struct
import subprocess
import sys

import lcache_entry
from timeouts import scaled

failures = []
passed = 0
WRAPPER = []
WRAPPER_ENV_OPT = ''


def check(ok, what, detail=''):
    global passed
    if ok:
        passed += 1
        print(f'ok   {what}')
    else:
        failures.append(what)
        print(f'FAIL {what}\n{detail}')


def base_env():
    return {k: v for k, v in os.environ.items()
            if not k.startswith(('LD_', 'MYLD_', 'XDG_', 'LC_'))
            and k not in ('HOME', 'LANG', 'LANGUAGE')}


class Run:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err

    def show(self):
        return (f'  status {self.status}\n  stdout {self.out!r}\n'
                f'  stderr {self.err[-1500:]!r}')


def run(cmd, extra):
    """CMD with base_env() plus EXTRA, under the wrapper if any."""
    env = base_env()
    if WRAPPER and WRAPPER_ENV_OPT:
        opts = []
        for k, v in sorted(extra.items()):
            opts += [WRAPPER_ENV_OPT, f'{k}={v}']
        cmd = WRAPPER + opts + cmd
    else:
        env.update(extra)
        cmd = WRAPPER + cmd
    print('+', ' '.join(f'{k}={shlex.quote(v)}' for k, v in
                        sorted(extra.items())), ' '.join(map(shlex.quote,
                                                               cmd)))
    try:
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=scaled(60))
    except subprocess.TimeoutExpired:
        return Run('timed out', '', '')
    return Run(p.returncode, p.stdout.decode(errors='replace'),
               p.stderr.decode(errors='replace'))


class Case:
    """The work directory of the checks: libraries and a cache."""

    def __init__(self, opts, name):
        self.opts = opts
        self.dir = os.path.join(opts.work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.lib = os.path.join(self.dir, 'lib')
        self.cache = os.path.join(self.dir, 'cache')
        self.home = os.path.join(self.dir, 'home')
        for d in (self.lib, self.home):
            os.makedirs(d)
        os.makedirs(self.entries_dir(), mode=0o700)
        os.chmod(self.entries_dir(), 0o700)
        for lib in ('liblcfirst.so', 'liblcsecond.so', 'liblcpre.so'):
            shutil.copy(os.path.join(opts.testbins, lib), self.lib)
        self.prog = os.path.join(opts.testbins, 'lcache_main')

    def entries_dir(self):
        return os.path.join(self.cache, 'myld')

    def entries(self):
        d = self.entries_dir()
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def env(self, **more):
        env = {'LD_LIBRARY_PATH': self.lib, 'XDG_CACHE_HOME': self.cache,
               'HOME': self.home}
        env.update(more)
        return env

    def myld(self, args=(), prog_args=(), **more):
        return run([self.opts.myld] + list(args) + [self.prog] +
                   list(prog_args), self.env(**more))

    def under_glibc(self, prog_args=(), **more):
        """The program under glibc's loader, with the same variables
        (those of the cache mean nothing to it)."""
        cmd = [self.prog] if WRAPPER else [self.opts.system_loader,
                                           self.prog]
        return run(cmd + list(prog_args), self.env(**more))

    def reference(self, prog_args=(), **more):
        """under_glibc for lcache_main, which must have run as it does."""
        r = self.under_glibc(prog_args, **more)
        if r.status != 0 or 'lc_who:' not in r.out:
            print('the reference run failed: the test is wrong\n' +
                  r.show())
            sys.exit(1)
        return r


def same(what, got, ref):
    check(got.status == ref.status and got.out == ref.out, what,
          f'myld:\n{got.show()}\nglibc:\n{ref.show()}')


def says(what, r, text):
    check(text in r.err, what, f'expected {text!r} on stderr\n{r.show()}')


def check_cold_warm(opts):
    c = Case(opts, 'cold-warm')
    ref = c.reference()
    check('lc_who: second' in ref.out, 'reference binds lc_who to '
          'liblcsecond.so', ref.show())
    cold = c.myld(LD_DEBUG='files')
    same('cold start: same output as glibc', cold, ref)
    says('cold start records', cold, 'no entry yet: recording')
    says('cold start writes the entry', cold, ': written, ')
    warm = c.myld(LD_DEBUG='files')
    same('warm start: same output as glibc', warm, ref)
    says('warm start replays', warm, 'bindings to replay')
    check('recording' not in warm.err, 'warm start records nothing',
          warm.show())
    # Without LD_DEBUG (another key: tracing changes the look-ups).
    before = set(c.entries())
    same('cold start, no tracing', c.myld(), ref)
    new = set(c.entries()) - before
    check(len(new) == 1, 'one entry written for the untraced key',
          f'entries {c.entries()}')
    if len(new) == 1:
        path = os.path.join(c.entries_dir(), new.pop())
        st = os.stat(path)
        check(stat.S_IMODE(st.st_mode) == 0o600, 'entry is mode 0600',
              oct(st.st_mode))
        same('warm start, no tracing', c.myld(), ref)
        st2 = os.stat(path)
        check((st.st_ino, st.st_mtime_ns) == (st2.st_ino, st2.st_mtime_ns),
              'a warm start leaves the entry as it is')
    tuned_ref = c.reference(LC_FAST='tuned')
    check('lc_fast: tuned' in tuned_ref.out, 'reference: LC_FAST=tuned '
          'changes the IFUNC', tuned_ref.show())
    tuned = c.myld(LD_DEBUG='files', LC_FAST='tuned')
    same('warm start runs the IFUNC resolver again', tuned, tuned_ref)
    says('... and replays', tuned, 'bindings to replay')
    info = c.myld(['--cache-info'])
    check(info.status == 0 and 'state: would be used' in info.out and
          'objects: 5' in info.out and
          os.path.join(c.lib, 'liblcsecond.so') in info.out and
          'library-path=' in info.out, '--cache-info shows the entry',
          info.show())


def lazy_bound(r):
    """How many lazy slots a start bound from the entry (LD_DEBUG=files),
    or -1."""
    m = re.search(r'(\d+) lazy slots bound at start-up', r.err)
    return int(m.group(1)) if m else -1


def ifunc_known(r):
    """How many IFUNC slots' answers a start kept from the entry for
    their first call, or -1."""
    m = re.search(r"(\d+) IFUNC slots' look-ups known", r.err)
    return int(m.group(1)) if m else -1


def check_lazy(opts):
    c = Case(opts, 'lazy')
    ref = c.reference()
    cold = c.myld(LD_DEBUG='files')
    same('lazy: cold start', cold, ref)
    # lc_who, lc_first_marker and printf, the program's lazy calls
    # into the start-up objects (not lc_fast, an IFUNC).
    check(': written, ' in cold.err and cold.err.count(': written, ') == 2
          and 'lazy slots' in cold.err, 'lazy: written at start-up, '
          'then at exit with the lazy slots bound', cold.show())
    warm = c.myld(LD_DEBUG='files')
    same('lazy: warm start', warm, ref)
    check(lazy_bound(warm) >= 3, 'lazy: the warm start binds the '
          'recorded lazy slots at start-up', warm.show())
    check(': written, ' not in warm.err, 'lazy: the warm start binds '
          'no new slot and writes nothing', warm.show())
    info = c.myld(['--cache-info'], LD_DEBUG='files')
    check(f'lazy slots: {lazy_bound(warm) + ifunc_known(warm)}' in
          info.out,
          '--cache-info counts the lazy slots', info.show())
    # An IFUNC's lazy slot is never bound early: its resolver runs at
    # the first call, after the program changed the environment.
    late_ref = c.reference(prog_args=['late'])
    check('lc_fast: tuned' in late_ref.out, 'reference: the resolver '
          'runs at the first call', late_ref.show())
    for n in ('cold', 'warm'):
        late = c.myld(prog_args=['late'], LD_DEBUG='files')
        same(f'lazy: IFUNC slot resolved at its first call ({n})', late,
             late_ref)
    check(lazy_bound(late) >= 3, 'lazy: ... with the other slots bound '
          'at start-up', late.show())
    check(ifunc_known(late) >= 1, 'lazy: ... and the IFUNC\'s look-up '
          'answered from the entry at its first call', late.show())
    # A child of fork inherits the recording but does not write it:
    # only the parent's exit writes (two writes in all, not three).
    c2 = Case(opts, 'lazy-fork')
    fork_ref = c2.reference(prog_args=['fork'])
    forked = c2.myld(prog_args=['fork'], LD_DEBUG='files')
    same('lazy: a child of fork exits normally', forked, fork_ref)
    check(forked.err.count(': written, ') == 2, 'lazy: the child does '
          'not write the entry, the parent does at exit', forked.show())
    # Tracing of bindings would show them at start-up: not kept.
    traced = c.myld(LD_DEBUG='bindings')
    check(lazy_bound(traced) == -1 and 'lc_who' in traced.err,
          'lazy: LD_DEBUG=bindings binds lazily, as glibc', traced.show())


def rewrite_in_place(path, source):
    """Write SOURCE's bytes over PATH (same inode), then give PATH its
    modification time back."""
    st = os.stat(path)
    data = open(source, 'rb').read()
    with open(path, 'r+b') as f:
        f.write(data)
        f.truncate()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    st2 = os.stat(path)
    return (st.st_ino, st.st_size, st.st_mtime_ns) == \
        (st2.st_ino, st2.st_size, st2.st_mtime_ns)


def check_rebuilt(opts):
    c = Case(opts, 'rebuilt')
    first = os.path.join(c.lib, 'liblcfirst.so')
    same('before the rebuild', c.myld(LD_DEBUG='files'), c.reference())
    warm = c.myld(LD_DEBUG='files')
    says('replayed before the rebuild', warm, 'bindings to replay')
    check(lazy_bound(warm) >= 3, 'lazy slots (lc_who\'s) bound from the '
          'entry before the rebuild', warm.show())
    identical = rewrite_in_place(
        first, os.path.join(opts.testbins, 'lcache_v2', 'liblcfirst.so'))
    check(identical, 'the rebuilt library has the same inode, size and '
          'modification time (only its change time and build-id differ)')
    ref = c.reference()
    check('lc_who: first' in ref.out, 'reference binds lc_who to the '
          'rebuilt liblcfirst.so', ref.show())
    after = c.myld(LD_DEBUG='files')
    same('rebuilt in place: the new definition is used', after, ref)
    says('rebuilt in place: the entry is stale', after,
         f'stale: object 1 ({first}) is not the file recorded')
    check(lazy_bound(after) == -1, 'rebuilt in place: no lazy slot bound '
          'from the stale entry', after.show())
    again = c.myld(LD_DEBUG='files')
    same('rebuilt: the rewritten entry replays', again, ref)
    says('... and replays', again, 'bindings to replay')
    # Replaced by rename, as an install does: a new inode.
    tmp = first + '.new'
    shutil.copy(os.path.join(opts.testbins, 'liblcfirst.so'), tmp)
    os.rename(tmp, first)
    ref = c.reference()
    after = c.myld(LD_DEBUG='files')
    same('replaced by rename: the old definition again', after, ref)
    says('replaced by rename: stale', after, 'is not the file recorded')


def check_preload(opts):
    c = Case(opts, 'preload')
    pre = os.path.join(c.lib, 'liblcpre.so')
    ref = c.reference()
    same('without LD_PRELOAD', c.myld(), ref)
    one = c.entries()
    pref = c.reference(LD_PRELOAD=pre)
    check('lc_who: preload' in pref.out, 'reference: the preload '
          'interposes', pref.show())
    got = c.myld(LD_DEBUG='files', LD_PRELOAD=pre)
    same('with LD_PRELOAD: the preload interposes', got, pref)
    says('with LD_PRELOAD: another key, no entry yet', got,
         'no entry yet: recording')
    check(len(c.entries()) == len(one) + 1, 'LD_PRELOAD made another '
          'entry', f'{one} then {c.entries()}')
    c.myld()    # the untraced preload-less key again
    back = c.myld(LD_DEBUG='files')
    same('LD_PRELOAD unset again', back, ref)


def traced_entry(c):
    """Record the traced key's entry in an emptied cache; returns its
    path."""
    for name in c.entries():
        os.unlink(os.path.join(c.entries_dir(), name))
    c.myld(LD_DEBUG='files')
    entries = c.entries()
    if len(entries) != 1:
        print(f'expected one entry, found {entries}: the test is wrong')
        sys.exit(1)
    return os.path.join(c.entries_dir(), entries[0])


def damage_cases(opts):
    """(name, how to damage the entry at PATH, the LD_DEBUG text)."""
    def truncate(p):
        data = open(p, 'rb').read()
        open(p, 'wb').write(data[:len(data) // 2])

    def flip(p):
        data = bytearray(open(p, 'rb').read())
        data[len(data) // 2] ^= 0x40
        open(p, 'wb').write(data)

    def garbage(p):
        open(p, 'wb').write(bytes(range(256)) * 7)

    def writable(p):
        os.chmod(p, 0o666)

    def other_owner(p):
        os.chown(p, 65534, 65534)

    def symlink(p):
        os.rename(p, p + '.real')
        os.symlink(p + '.real', p)

    def fifo(p):
        os.unlink(p)
        os.mkfifo(p, 0o600)

    cases = [('truncated', truncate, 'ignored: truncated'),
             ('a flipped byte', flip, 'ignored: checksum mismatch'),
             ('garbage', garbage, 'ignored: not a launch-cache file'),
             ('writable by others', writable,
              'ignored: owned by another user, or writable by others'),
             ('a symbolic link', symlink, 'ignored: a symbolic link'),
             ('a FIFO', fifo, 'ignored: not a regular file')]
    if os.geteuid() == 0:
        cases.append(('owned by another user', other_owner,
                      'ignored: owned by another user'))
    else:
        print('note: not root, the other-owner case cannot be made')
    return cases


def check_damaged(opts):
    c = Case(opts, 'damaged')
    ref = c.reference()
    for name, damage, text in damage_cases(opts):
        path = traced_entry(c)
        damage(path)
        got = c.myld(LD_DEBUG='files')
        same(f'{name}: same output as glibc', got, ref)
        says(f'{name}: ignored with an LD_DEBUG line', got, text)
        says(f'{name}: the entry is written again', got, ': written, ')
        st = os.lstat(path)
        check(stat.S_ISREG(st.st_mode) and
              stat.S_IMODE(st.st_mode) == 0o600 and
              st.st_uid == os.geteuid(), f'{name}: replaced by a private '
              'regular file of the user')
    os.chmod(c.entries_dir(), 0o777)
    got = c.myld(LD_DEBUG='files')
    same('directory writable by others: same output', got, ref)
    says('directory writable by others: cache off', got,
         'only the user can write: off')
    os.chmod(c.entries_dir(), 0o700)


def check_audit(opts):
    c = Case(opts, 'audit')
    tb = opts.testbins
    auditor = {'LD_AUDIT': os.path.join(tb, 'libauditor.so'),
               'AUDIT_LOG_FD': '1'}
    # audit_main binds its calls lazily, audit_now_main at start-up.
    for prog in ('audit_main', 'audit_now_main'):
        cmd = [os.path.join(tb, prog), os.path.join(tb, 'libdlpeer.so')]
        ref = run(cmd if WRAPPER else [opts.system_loader] + cmd,
                  c.env(**auditor))
        if ref.status != 0 or 'la_symbind64 audited_value' not in ref.out:
            print('the reference run failed: the test is wrong\n' +
                  ref.show())
            sys.exit(1)
        for n in ('first', 'second'):
            got = run([opts.myld] + cmd, c.env(LD_DEBUG='files', **auditor))
            same(f'{prog} audited, {n} run: same log as glibc', got, ref)
            says(f'{prog} audited, {n} run: cache off', got,
                 'off: an auditor is in use')
            check('to replay' not in got.err and 'recording' not in
                  got.err, f'{prog} audited, {n} run: nothing replayed '
                  'nor recorded', got.show())
        check(c.entries() == [], f'{prog} audited: nothing written',
              f'{c.entries()}')


def change_one_question(path):
    """Change the check of the middle binding of the entry at PATH and
    seal it again: the entry still parses and matches the files, but
    stops answering there.  Returns that binding's number."""
    data = bytearray(open(path, 'rb').read())
    at, nbindings = lcache_entry.bindings(data)
    n = nbindings // 2
    at += n * lcache_entry.BINDING.size
    sym, obj, check = lcache_entry.BINDING.unpack_from(data, at)
    lcache_entry.BINDING.pack_into(data, at, sym, obj, check ^ 0x5555)
    lcache_entry.seal(data)
    open(path, 'wb').write(data)
    return n


def check_miss(opts):
    c = Case(opts, 'miss')
    c.prog = opts.many_libs
    # The program has no C library, and glibc 2.36's loader fails an
    # assertion in _dl_fini at its exit (status 127) after printing the
    # same lines: the reference is the expected output the integration
    # test many_libs-now compares both loaders' with.
    ref = Run(0, open(opts.many_libs_out).read(), '')
    cold = c.myld(LD_DEBUG='files')
    same('cold start: same output as glibc', cold, ref)
    says('cold start writes the entry', cold, ': written, ')
    path = traced_entry(c)
    n = change_one_question(path)
    got = c.myld(LD_DEBUG='files')
    same('changed question: same output as glibc', got, ref)
    says('changed question: replayed up to it', got,
         f'launch cache: look-up {n} (')
    says('... and looked up from there', got, 'looking up from here on')
    says('... then removed', got, f'answered {n} of ')
    got = c.myld(LD_DEBUG='files')
    same('after the removal: same output as glibc', got, ref)
    says('after the removal: recorded again', got, 'no entry yet')
    got = c.myld(LD_DEBUG='files')
    same('warm start: same output as glibc', got, ref)
    says('warm start replays', got, 'bindings to replay')


def check_cxx(opts):
    c = Case(opts, 'cxx')
    c.prog = os.path.join(opts.testbins, 'cxx_main')
    if not os.path.exists(c.prog):
        print('cxx_main was not built: nothing to check')
        return
    ref = c.under_glibc()
    check(ref.status == 0 and 'caught' in ref.out, 'reference run',
          ref.show())
    cold = c.myld(LD_DEBUG='files')
    same('cold start: same output as glibc', cold, ref)
    says('cold start writes the entry', cold, ': written, ')
    warm = c.myld(LD_DEBUG='files')
    same('warm start: same output as glibc', warm, ref)
    says('warm start replays', warm, 'bindings to replay')
    check('looking up from here on' not in warm.err and
          'removed' not in warm.err,
          'warm start: every binding answered, the entry kept', warm.show())


def check_versions(opts):
    """A warm start skips the version check, which the entry proves: a
    library replaced under the same path by one that lacks a version
    must still fail the check, and one that lacks a weak version must
    still warn, each time (no entry is written after a warning)."""
    c = Case(opts, 'versions')
    lib = os.path.join(c.lib, 'liblcver.so')
    shutil.copy(os.path.join(opts.testbins, 'liblcver.so'), lib)
    c.prog = os.path.join(opts.testbins, 'lcache_ver')

    def replace_lib(build):
        tmp = lib + '.new'
        shutil.copy(os.path.join(opts.testbins, build, 'liblcver.so'), tmp)
        os.rename(tmp, lib)

    ref = c.under_glibc()
    check(ref.status == 0 and 'lcver_two: present' in ref.out,
          'versions: reference run', ref.show())
    cold = c.myld(LD_DEBUG='files')
    same('versions: cold start', cold, ref)
    says('versions: cold start writes the entry', cold, ': written, ')
    warm = c.myld(LD_DEBUG='files')
    same('versions: warm start', warm, ref)
    says('versions: warm start replays', warm, 'bindings to replay')
    # Without LD_DEBUG too (another key), then the library without
    # LCVER_1: the version check must fail, not be skipped.
    c.myld()
    warm = c.myld(LD_DEBUG='files')
    says('versions: the untraced key replays too', warm,
         'bindings to replay')
    replace_lib('lcache_v3')
    for traced in ({}, {'LD_DEBUG': 'files'}):
        got = c.myld(**traced)
        check(got.status == 127 and
              'version LCVER_1 not found (required by' in got.err and
              'lcver_one' not in got.out,
              f'versions: a library without LCVER_1 fails the check '
              f'{traced}', got.show())
    # The library without LCVER_2 (needed weakly): a warning on each
    # start, and no entry a later start could skip the check with.
    replace_lib('lcache_v2')
    ref = c.under_glibc()
    check(ref.status == 0 and 'lcver_two: absent' in ref.out,
          'versions: reference run without LCVER_2', ref.show())
    for n in ('first', 'second'):
        got = c.myld(LD_DEBUG='files')
        same(f'versions: without LCVER_2 ({n} start)', got, ref)
        says(f'versions: the weak version\'s warning ({n} start)', got,
             'weak version LCVER_2 not found (required by')
        says(f'versions: not written after a warning ({n} start)', got,
             'the version check warned: not written')


def moved_pltgot(src, dst):
    """Copy the ELF64 little-endian object SRC to DST with its DT_PLTGOT
    8 bytes further: its lowest PLT slot is then not right after the
    three reserved words, which myld refuses."""
    data = bytearray(open(src, 'rb').read())
    phoff, = struct.unpack_from('<Q', data, 0x20)
    phentsize, phnum = struct.unpack_from('<HH', data, 0x36)
    for i in range(phnum):
        ptype, _, off, _, _, filesz = struct.unpack_from(
            '<IIQQQQ', data, phoff + i * phentsize)
        if ptype != 2:         # PT_DYNAMIC
            continue
        for at in range(off, off + filesz, 16):
            tag, val = struct.unpack_from('<qQ', data, at)
            if tag == 3:       # DT_PLTGOT
                struct.pack_into('<Q', data, at + 8, val + 8)
                open(dst, 'wb').write(data)
                return True
    return False


def check_plt(opts):
    """A warm start skips the walk of a start-up library's PLT
    relocations for the lowest slot, which the entry proves: the same
    library replaced by one whose DT_PLTGOT disagrees with them must
    still be refused."""
    c = Case(opts, 'plt')
    ref = c.reference()
    same('plt: cold start', c.myld(LD_DEBUG='files'), ref)
    warm = c.myld(LD_DEBUG='files')
    same('plt: warm start', warm, ref)
    says('plt: warm start replays', warm, 'bindings to replay')
    lib = os.path.join(c.lib, 'liblcsecond.so')
    check(moved_pltgot(lib, lib + '.new'), 'plt: liblcsecond.so has a '
          'DT_PLTGOT to move')
    os.rename(lib + '.new', lib)
    for traced in ({'LD_DEBUG': 'files'}, {}):
        got = c.myld(**traced)
        check(got.status == 127 and 'DT_PLTGOT' in got.err and
              'disagree' in got.err,
              f'plt: a library whose DT_PLTGOT moved is refused {traced}',
              got.show())


def check_off(opts):
    c = Case(opts, 'off')
    ref = c.reference()
    same('MYLD_LAUNCH_CACHE=0', c.myld(MYLD_LAUNCH_CACHE='0'), ref)
    same('--no-launch-cache', c.myld(['--no-launch-cache']), ref)
    check(c.entries() == [], 'nothing written when turned off',
          f'{c.entries()}')
    shutil.rmtree(c.cache)
    got = c.myld(LD_DEBUG='files')
    same('no cache directory', got, ref)
    check('launch cache' not in got.err, 'no cache directory: LD_DEBUG '
          'says nothing of the cache', got.show())
    check(not os.path.exists(c.cache) and os.listdir(c.home) == [],
          'no cache directory: nothing created')
    same('MYLD_LAUNCH_CACHE=1', c.myld(MYLD_LAUNCH_CACHE='1'), ref)
    ok = os.path.isdir(c.entries_dir()) and len(c.entries()) == 1
    check(ok and stat.S_IMODE(os.stat(c.entries_dir()).st_mode) == 0o700,
          'MYLD_LAUNCH_CACHE=1 makes the directory, 0700, and an entry',
          f'{c.entries()}')
    got = c.myld(LD_DEBUG='files', MYLD_LAUNCH_CACHE='1')
    says('MYLD_LAUNCH_CACHE=1: records the traced key', got, 'recording')


def main():
    global WRAPPER, WRAPPER_ENV_OPT
    ap = argparse.ArgumentParser()
    ap.add_argument('--myld', required=True)
    ap.add_argument('--testbins', required=True)
    ap.add_argument('--system-loader', required=True)
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--wrapper-env-opt', default='')
    ap.add_argument('--work', required=True)
    ap.add_argument('--many-libs', required=True)
    ap.add_argument('--many-libs-out', required=True)
    opts = ap.parse_args()
    WRAPPER = shlex.split(opts.wrapper)
    WRAPPER_ENV_OPT = opts.wrapper_env_opt
    if not os.path.exists(os.path.join(opts.testbins, 'lcache_main')):
        print('skip: testbins/glibc was not built (no glibc personality)')
        sys.exit(77)
    os.makedirs(opts.work, exist_ok=True)
    for case in (check_cold_warm, check_lazy, check_rebuilt, check_preload,
                 check_damaged, check_audit, check_miss, check_cxx,
                 check_versions, check_plt, check_off):
        print(f'---- {case.__name__[6:]}')
        case(opts)
    print(f'{passed} passed, {len(failures)} failed')
    for f in failures:
        print('FAILED:', f)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
