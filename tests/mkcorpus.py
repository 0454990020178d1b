#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile input for myld: a corpus of malformed objects, and its test.

The corpus is generated from valid testbins: one or more PAIRS of a program
and one of the libraries it needs (DT_NEEDED), both built in the build tree.
Every malformed object comes from one of them by a single, targeted change
(see MUTATIONS below), or is a special file (empty, a directory, a FIFO, a
file the user may not read).

Each entry is tried

  as the program   myld ./BAD                    (command mode), and
  as a library     a copy of the program's directory in which the library
                   file is replaced by BAD, run as myld ./PROG (command
                   mode) and as ./PROG (interp mode: PT_INTERP is myld).

and every run must exit with status 127 and print one line on stderr,
starting with "myld: ", within 10 seconds (times MYLD_TEST_TIMEOUT_SCALE,
see tests/timeouts.py).  The one exception is a list
of undefined symbols: myld names every one before it exits (one line
each, all "myld: ... undefined symbol: ..."), as its start-up contract
says.  A signal (negative returncode), a timeout, another status or
another stderr is a failure.
Entries derived from the library are not run as the program, except those
that break the ELF or program headers: a shared library is not a program
(its entry point is 0), so once its headers are valid there is nothing a
loader could report about running it.

Targeted cases (targeted_cases) aim at one check each and assert its
exact message, "myld: <object>: <message>", in command and interp mode:
relocation types in DT_JMPREL, IFUNC resolvers outside the executable
segments, RELATIVE places outside the writable segments, COPY sizes, PT_GNU_RELRO, the kernel-mapped program's headers
(PT_PHDR, PT_DYNAMIC, overlapping PT_LOADs), undefined symbols followed
by another error, control bytes in names.  Some are positive: an addend
on every JUMP_SLOT and GLOB_DAT (x86_64 only, where the psABI says S), a
DT_RELASZ that covers DT_JMPREL, a JUMP_SLOT among the data relocations,
and an absolute relocation against symbol index 0 (the object's base, in
glibc's reading) must leave the program's output unchanged, under myld
and under --reference.
Pairs given with --target-pair get only these.

The file without read permission is tried as an unprivileged user (uid
and gid 65534 through setpriv(1), or runuser(1)): root can read any file.
When the test is not running as root, or neither tool exists, that case is
skipped with a message.

Usage:
  mkcorpus.py --myld MYLD --pair PROG:LIB [--pair ...] [--wrapper W]
              [--keep DIR] [--filter SUBSTRING] [-v]
      generate and run; prints "N passed, N failed" (and "N skipped")
      and exits 1 when anything failed.
  mkcorpus.py --write DIR --pair PROG:LIB [--pair ...]
      only write the corpus files into DIR (seeds for the fuzzer).
"""

import argparse
import os
import shlex
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

from timeouts import scaled

TIMEOUT = scaled(10)
NOBODY = 65534

# ELF constants (the ones used here).
PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP = 0, 1, 2, 3
PF_X, PF_W, PF_R = 1, 2, 4
DT_NULL, DT_NEEDED, DT_PLTRELSZ, DT_HASH, DT_STRTAB, DT_SYMTAB = 0, 1, 2, 4, 5, 6
DT_RELA, DT_RELASZ, DT_STRSZ, DT_SONAME, DT_RPATH = 7, 8, 10, 14, 15
DT_REL, DT_RELSZ, DT_PLTREL, DT_JMPREL, DT_RUNPATH = 17, 18, 20, 23, 29
DT_RELRSZ, DT_RELR = 35, 36
DT_RELACOUNT = 0x6ffffff9
DT_GNU_HASH = 0x6ffffef5
DT_VERSYM, DT_VERDEF, DT_VERDEFNUM = 0x6ffffff0, 0x6ffffffc, 0x6ffffffd
DT_VERNEED, DT_VERNEEDNUM = 0x6ffffffe, 0x6fffffff
U64 = (1 << 64) - 1
OUTSIDE = 0x7fff0000        # an address no testbin image reaches


class Elf:
    """A 64-bit little-endian ELF file, parsed just enough to patch it."""

    def __init__(self, data):
        self.data = bytes(data)
        d = self.data
        (self.e_type, self.e_machine, _, self.e_entry, self.e_phoff, _, _,
         _, self.e_phentsize, self.e_phnum) = struct.unpack_from(
             '<HHIQQQIHHH', d, 16)
        self.ph = []
        for i in range(self.e_phnum):
            off = self.e_phoff + i * 56
            self.ph.append(list(struct.unpack_from('<IIQQQQQQ', d, off)))
        # [type, flags, offset, vaddr, paddr, filesz, memsz, align]
        self.dyn = []           # (file offset of the entry, tag, value)
        dyn = self.first(PT_DYNAMIC)
        if dyn is not None:
            p = self.ph[dyn]
            for off in range(p[2], p[2] + p[5] - 15, 16):
                tag, val = struct.unpack_from('<qQ', d, off)
                self.dyn.append((off, tag, val))
                if tag == DT_NULL:
                    break

    def first(self, ptype):
        for i, p in enumerate(self.ph):
            if p[0] == ptype:
                return i
        return None

    def loads(self):
        return [i for i, p in enumerate(self.ph) if p[0] == PT_LOAD]

    def tag(self, tag):
        for _, t, v in self.dyn:
            if t == tag:
                return v
        return None

    def tag_offsets(self, tag):
        return [off for off, t, _ in self.dyn if t == tag]

    def v2o(self, vaddr):
        """File offset of link-time address VADDR, or None."""
        for p in self.ph:
            if p[0] == PT_LOAD and p[3] <= vaddr < p[3] + p[5]:
                return vaddr - p[3] + p[2]
        return None

    def seg_file_end(self, vaddr):
        """File offset where the file part of VADDR's segment ends."""
        for p in self.ph:
            if p[0] == PT_LOAD and p[3] <= vaddr < p[3] + p[5]:
                return p[2] + p[5]
        return None

    def extent(self):
        """End of the last byte a loader must read (PT_LOAD & co.)."""
        end = self.e_phoff + self.e_phnum * 56
        for p in self.ph:
            if p[0] in (PT_LOAD, PT_DYNAMIC, PT_INTERP, 7):
                end = max(end, p[2] + p[5])
        return end

    # Patching: each returns new bytes.
    def patched(self, edits):
        b = bytearray(self.data)
        for off, fmt, val in edits:
            struct.pack_into(fmt, b, off, val)
        return bytes(b)

    def ph_edit(self, i, field, val):
        off = self.e_phoff + i * 56 + [0, 4, 8, 16, 24, 32, 40, 48][field]
        return (off, '<I' if field < 2 else '<Q', val & U64)

    def dyn_edit(self, tag, val):
        return [(off + 8, '<Q', val & U64) for off in self.tag_offsets(tag)]

    # Symbols and relocations, for the targeted cases.
    def dynsyms(self):
        """[(file offset, name, st_info, st_shndx, st_value, st_size)]
        of .dynsym (from the section headers: testbins keep them)."""
        d = self.data
        shoff, = struct.unpack_from('<Q', d, 40)
        shnum, = struct.unpack_from('<H', d, 60)
        secs = [struct.unpack_from('<IIQQQQIIQQ', d, shoff + 64 * i)
                for i in range(shnum)]
        out = []
        for sec in secs:
            if sec[1] != 11:                       # SHT_DYNSYM
                continue
            stroff = secs[sec[6]][4]
            for off in range(sec[4], sec[4] + sec[5], 24):
                st_name, info, _, shndx, value, size = struct.unpack_from(
                    '<IBBHQQ', d, off)
                end = d.index(b'\0', stroff + st_name)
                out.append((off, d[stroff + st_name:end].decode('latin-1'),
                            info, shndx, value, size))
        return out

    def sym(self, name, defined=None):
        for s in self.dynsyms():
            if s[1] == name and (defined is None or (s[3] != 0) == defined):
                return s
        return None

    def sym_index(self, name):
        for i, s in enumerate(self.dynsyms()):
            if s[1] == name:
                return i
        return None

    def relocs(self, table):
        """[(file offset, r_offset, type, sym, addend)] of DT_RELA
        ('rela') or DT_JMPREL ('jmprel')."""
        tag, sztag = (DT_RELA, DT_RELASZ) if table == 'rela' \
            else (DT_JMPREL, DT_PLTRELSZ)
        t, sz = self.tag(tag), self.tag(sztag)
        if t is None or not sz:
            return []
        o = self.v2o(t)
        out = []
        for k in range(sz // 24):
            off, info, addend = struct.unpack_from('<QQq', self.data,
                                                   o + 24 * k)
            out.append((o + 24 * k, off, info & 0xffffffff, info >> 32,
                        addend))
        return out


def header_mutations(e, src):
    """Changes to the ELF header and program headers: break it early."""
    out = []
    size = len(e.data)
    other = 183 if e.e_machine == 62 else 62
    # Truncation at many offsets, all before the end of what must be read.
    ext = e.extent()
    offs = {1, 3, 4, 5, 15, 16, 17, 18, 20, 24, 40, 52, 58, 63, 64,
            e.e_phoff + 56 - 1, e.e_phoff + e.e_phnum * 56 - 1,
            e.e_phoff + e.e_phnum * 56}
    for p in e.ph:
        if p[0] in (PT_LOAD, PT_DYNAMIC, PT_INTERP) and p[5]:
            offs |= {p[2], p[2] + 1, p[2] + p[5] - 1}
    offs |= {ext * k // 16 for k in range(1, 16)}
    for off in sorted(o for o in offs if 0 < o < ext):
        out.append((f'trunc_{off}', e.data[:off]))
    ident = lambda i, v: (i, '<B', v)
    eh = {
        'class32': [ident(4, 1)], 'class_bad': [ident(4, 7)],
        'class_none': [ident(4, 0)],
        'bigendian': [ident(5, 2)], 'data_bad': [ident(5, 0)],
        'version_bad': [ident(6, 9)], 'magic_bad': [ident(1, ord('X'))],
        'machine_other': [(18, '<H', other)],
        'machine_unknown': [(18, '<H', 0x1234)],
        'et_rel': [(16, '<H', 1)], 'et_core': [(16, '<H', 4)],
        'et_none': [(16, '<H', 0)], 'et_unknown': [(16, '<H', 0xfe00)],
        'phoff_eof': [(32, '<Q', size)],
        'phoff_last_bytes': [(32, '<Q', (size - 16) & ~7)],
        'phoff_huge': [(32, '<Q', U64 - 7)],
        'phoff_overflow': [(32, '<Q', U64 - 55 * 2 & ~7)],
        'phoff_misaligned': [(32, '<Q', e.e_phoff + 4)],
        'phnum_0': [(56, '<H', 0)],
        'phnum_ffff': [(56, '<H', 0xffff)],
        'phnum_513': [(56, '<H', 513)],
        # Only past the end of the file when the count stays within
        # myld's limit of 512 (a large aarch64 object, with its 64 KiB
        # alignment, has room for more): else it would just read real
        # bytes as headers.
        'phnum_past_eof': ([(56, '<H', (size - e.e_phoff) // 56 + 1)]
                           if (size - e.e_phoff) // 56 + 1 <= 512 else None),
        'phentsize_0': [(54, '<H', 0)], 'phentsize_32': [(54, '<H', 32)],
        'phentsize_64': [(54, '<H', 64)],
    }
    for name, edits in eh.items():
        if edits is not None:
            out.append((name, e.patched(edits)))

    loads = e.loads()
    rw = [i for i in loads if e.ph[i][1] & PF_W]
    last = loads[-1]
    seg = rw[-1] if rw else last
    p = e.ph[seg]
    ph = {}
    ph['filesz_gt_memsz'] = [e.ph_edit(seg, 5, p[6] + 0x10)]
    # Keep p_offset congruent to p_vaddr so only "past EOF" is wrong.
    past = (size + 0x1fff) & ~0xfff | (p[3] & 0xfff)
    ph['offset_past_eof'] = [e.ph_edit(seg, 2, past)]
    ph['offset_overflow'] = [e.ph_edit(seg, 2, (U64 - 0xfff) | (p[3] & 0xfff))]
    ph['filesz_past_eof'] = [e.ph_edit(seg, 5, size), e.ph_edit(seg, 6, size + p[6])]
    if len(loads) >= 2:
        a, b = e.ph[loads[0]], e.ph[loads[1]]
        ph['loads_overlap'] = [e.ph_edit(loads[0], 6, b[3] - a[3] + 0x10)]
        ph['loads_unsorted'] = [
            (e.e_phoff + loads[0] * 56 + k * 8, '<Q', 0) for k in range(7)
        ]  # placeholder, replaced below
        ph['loads_same_vaddr'] = [e.ph_edit(loads[1], 3, a[3] + (b[3] & 0xfff) - (a[3] & 0xfff)),
                                  e.ph_edit(loads[1], 4, a[3])]
    ph['vaddr_misaligned'] = [e.ph_edit(seg, 3, p[3] + 8)]
    ph['offset_misaligned'] = [e.ph_edit(seg, 2, p[2] + 8)]
    ph['memsz_1p46'] = [e.ph_edit(last, 6, 1 << 46)]
    ph['memsz_1p47'] = [e.ph_edit(last, 6, 1 << 47)]
    ph['memsz_max'] = [e.ph_edit(last, 6, U64 - 0x100)]
    ph['vaddr_huge'] = [e.ph_edit(last, 3, (U64 - 0xfff) | (e.ph[last][2] & 0xfff))]
    ph['align_not_pow2'] = [e.ph_edit(seg, 7, 0x3000)]
    ph['load_wx'] = [e.ph_edit(seg, 1, PF_R | PF_W | PF_X)]
    ph['no_load'] = [e.ph_edit(i, 0, PT_NULL) for i in loads]
    dyn = e.first(PT_DYNAMIC)
    if dyn is not None:
        d = e.ph[dyn]
        ph['dynamic_outside'] = [e.ph_edit(dyn, 3, OUTSIDE)]
        ph['dynamic_huge'] = [e.ph_edit(dyn, 6, 1 << 40)]
        ph['dynamic_overflow'] = [e.ph_edit(dyn, 3, U64 - 0x10)]
        ph['dynamic_offset_past_eof'] = [e.ph_edit(dyn, 2, size + 0x100)]
        ph['dynamic_straddles'] = [e.ph_edit(dyn, 6, e.ph[seg][3] + e.ph[seg][6] - d[3] + 0x1000)]
    interp = e.first(PT_INTERP)
    if interp is not None:
        ph['interp_empty'] = [e.ph_edit(interp, 5, 0), e.ph_edit(interp, 6, 0)]
        ph['interp_past_eof'] = [e.ph_edit(interp, 2, size + 0x10)]
    for name, edits in ph.items():
        if name == 'loads_unsorted':
            b = bytearray(e.data)
            i, j = (e.e_phoff + k * 56 for k in loads[:2])
            b[i:i + 56], b[j:j + 56] = e.data[j:j + 56], e.data[i:i + 56]
            out.append((name, bytes(b)))
        else:
            out.append((name, e.patched(edits)))
    return out


def dynamic_mutations(e, src):
    """Changes to the dynamic section and the tables it points to."""
    out = []
    if not e.dyn:
        return out
    strsz = e.tag(DT_STRSZ) or 0
    strtab = e.tag(DT_STRTAB)

    def add(name, edits):
        if edits:
            out.append((name, e.patched(edits)))

    # Tables outside the image, or at addresses that overflow.
    for tag, tname in ((DT_STRTAB, 'strtab'), (DT_SYMTAB, 'symtab'),
                       (DT_HASH, 'hash'), (DT_GNU_HASH, 'gnu_hash'),
                       (DT_VERSYM, 'versym'), (DT_VERDEF, 'verdef'),
                       (DT_VERNEED, 'verneed'), (DT_RELA, 'rela'),
                       (DT_REL, 'rel'), (DT_JMPREL, 'jmprel'),
                       (DT_RELR, 'relr')):
        if e.tag(tag) is None:
            continue
        add(f'dt_{tname}_outside', e.dyn_edit(tag, OUTSIDE))
        add(f'dt_{tname}_overflow', e.dyn_edit(tag, U64 - 7))
        if tag in (DT_SYMTAB, DT_GNU_HASH, DT_RELA, DT_JMPREL):
            add(f'dt_{tname}_misaligned', e.dyn_edit(tag, e.tag(tag) + 4))
    add('dt_strsz_huge', e.dyn_edit(DT_STRSZ, 0x7fffffff))
    for tag, tname in ((DT_RELASZ, 'relasz'), (DT_PLTRELSZ, 'pltrelsz'),
                       (DT_RELRSZ, 'relrsz')):
        if e.tag(tag):
            add(f'dt_{tname}_huge', e.dyn_edit(tag, 0x7ffffff0))
            add(f'dt_{tname}_overflow', e.dyn_edit(tag, U64 - 0xf))

    # String offsets past DT_STRSZ.
    for tag, tname in ((DT_NEEDED, 'needed'), (DT_SONAME, 'soname'),
                       (DT_RUNPATH, 'runpath'), (DT_RPATH, 'rpath')):
        if e.tag(tag) is None:
            continue
        add(f'str_{tname}_past_strsz', e.dyn_edit(tag, strsz + 0x100))
        add(f'str_{tname}_at_strsz', e.dyn_edit(tag, strsz))
        add(f'str_{tname}_huge', e.dyn_edit(tag, U64))
        # The string starts inside DT_STRSZ but its NUL lies past it.
        first = min(v for _, t, v in e.dyn if t == tag)
        add(f'str_{tname}_unterminated', e.dyn_edit(DT_STRSZ, first + 2))

    # Symbol names past DT_STRSZ: the program's references, or the
    # library's definitions.
    symtab = e.tag(DT_SYMTAB)
    if symtab is not None and strtab is not None:
        so = e.v2o(symtab)
        end = e.v2o(strtab) if strtab > symtab else e.seg_file_end(symtab)
        edits = []
        for k in range(1, (end - so) // 24):
            off = so + 24 * k
            st_name, info, other, shndx = struct.unpack_from('<IBBH', e.data, off)
            if info >> 4 == 0:
                continue            # keep STB_LOCAL (section symbols)
            wanted = (shndx == 0) if src == 'prog' else (shndx != 0)
            if wanted:
                edits.append((off, '<I', strsz + 0x40))
        add('sym_name_past_strsz', edits)
        if edits:
            add('sym_name_huge', [(o, '<I', 0xffffffff) for o, _, _ in edits])

    # DT_HASH: header, buckets and chains.
    h = e.tag(DT_HASH)
    if h is not None:
        ho = e.v2o(h)
        nb, nc = struct.unpack_from('<II', e.data, ho)
        add('hash_nbucket_0', [(ho, '<I', 0)])
        add('hash_nbucket_huge', [(ho, '<I', 0x7fffffff)])
        add('hash_nchain_huge', [(ho + 4, '<I', 0x7fffffff)])
        add('hash_nchain_0', [(ho + 4, '<I', 0)])
        add('hash_buckets_out_of_range',
            [(ho + 8 + 4 * k, '<I', nc + 5 + k) for k in range(nb)])
        add('hash_chains_out_of_range',
            [(ho + 8 + 4 * nb + 4 * k, '<I', nc + 5 + k) for k in range(nc)])
        add('hash_chains_huge',
            [(ho + 8 + 4 * nb + 4 * k, '<I', 0xffffffff) for k in range(nc)])

    # DT_GNU_HASH.
    g = e.tag(DT_GNU_HASH)
    if g is not None:
        go = e.v2o(g)
        nb, symoff, bloom, shift = struct.unpack_from('<IIII', e.data, go)
        bo = go + 16 + 8 * bloom
        add('gnu_hash_nbuckets_0', [(go, '<I', 0)])
        add('gnu_hash_nbuckets_huge', [(go, '<I', 0x7fffffff)])
        add('gnu_hash_bloom_not_pow2', [(go + 8, '<I', 3)])
        add('gnu_hash_bloom_0', [(go + 8, '<I', 0)])
        add('gnu_hash_bloom_huge', [(go + 8, '<I', 0x40000000)])
        add('gnu_hash_shift_64', [(go + 12, '<I', 64)])
        add('gnu_hash_buckets_out_of_range',
            [(bo + 4 * k, '<I', 0x0ffffff0 + k) for k in range(nb)])
        if symoff > 1:
            add('gnu_hash_bucket_below_symoffset',
                [(bo + 4 * k, '<I', symoff - 1) for k in range(nb)])
        add('gnu_hash_symoffset_huge', [(go + 4, '<I', 0xfffffff0)])
        # No chain ever ends: every word from the chains to the end of
        # the segment is even (bit 0 clear), the bss after it is zero.
        co = bo + 4 * nb
        fend = e.seg_file_end(g)
        b = bytearray(e.data)
        for off in range(co, fend - 3, 4):
            b[off] &= 0xfe
        out.append(('gnu_hash_chain_unterminated', bytes(b)))

    # Symbol versions.
    vs = e.tag(DT_VERSYM)
    symtab = e.tag(DT_SYMTAB)
    if vs is not None and symtab is not None:
        vo = e.v2o(vs)
        nsym = (e.v2o(e.tag(DT_STRTAB)) - e.v2o(symtab)) // 24 \
            if e.tag(DT_STRTAB) > symtab else 0
        nsym = nsym or 4
        edits = []
        for k in range(nsym):
            val = struct.unpack_from('<H', e.data, vo + 2 * k)[0]
            if (val & 0x7fff) >= 2:
                edits.append((vo + 2 * k, '<H', (val & 0x8000) | 0x7ff0))
        add('versym_index_out_of_range', edits)
        add('versym_index_just_past',
            [(o, '<H', 0x20) for o, _, _ in edits])
    vd = e.tag(DT_VERDEF)
    if vd is not None:
        o = e.v2o(vd)
        add('verdef_version_bad', [(o, '<H', 7)])
        add('verdef_aux_past', [(o + 12, '<I', 0x7fffffff)])
        aux = o + struct.unpack_from('<I', e.data, o + 12)[0]
        add('verdef_name_past_strsz', [(aux, '<I', strsz + 0x10)])
        add('verdef_next_past', [(o + 16, '<I', 0x7ffffff0)])
        add('verdef_next_misaligned', [(o + 16, '<I', 2)])
        add('verdefnum_huge_next_loops',
            e.dyn_edit(DT_VERDEFNUM, 0x7fffffff) + [(o + 16, '<I', 0x7ffffff0)])
    vn = e.tag(DT_VERNEED)
    if vn is not None:
        o = e.v2o(vn)
        add('verneed_version_bad', [(o, '<H', 7)])
        add('verneed_file_past_strsz', [(o + 4, '<I', strsz + 0x10)])
        add('verneed_aux_past', [(o + 8, '<I', 0x7ffffff0)])
        aux = o + struct.unpack_from('<I', e.data, o + 8)[0]
        add('verneed_name_past_strsz', [(aux + 8, '<I', strsz + 0x10)])
        add('verneed_aux_next_past', [(aux + 12, '<I', 0x7ffffff0)])
        add('verneed_cnt_huge_next_past',
            [(o + 2, '<H', 0xffff), (aux + 12, '<I', 0x7ffffff0)])
        add('verneed_next_past', [(o + 12, '<I', 0x7ffffff0)] +
            e.dyn_edit(DT_VERNEEDNUM, 2))

    # Relocations: places outside the writable segments, bad symbols.
    text = min(e.ph[i][3] for i in e.loads())
    for tag, sztag, tname in ((DT_RELA, DT_RELASZ, 'rela'),
                              (DT_JMPREL, DT_PLTRELSZ, 'jmprel')):
        t, sz = e.tag(tag), e.tag(sztag)
        if t is None or not sz:
            continue
        o = e.v2o(t)
        n = sz // 24
        at = lambda field, val: [(o + 24 * k + field, '<Q', val)
                                 for k in range(n)]
        add(f'{tname}_offset_readonly', at(0, text))
        add(f'{tname}_offset_outside', at(0, OUTSIDE))
        add(f'{tname}_offset_overflow', at(0, U64 - 3))
        infos = [struct.unpack_from('<Q', e.data, o + 24 * k + 8)[0]
                 for k in range(n)]
        add(f'{tname}_sym_out_of_range',
            [(o + 24 * k + 8, '<Q', (0xfffff << 32) | (i & 0xffffffff))
             for k, i in enumerate(infos)])
        add(f'{tname}_type_unknown',
            [(o + 24 * k + 8, '<Q', (i & ~0xffffffff) | 0xfe)
             for k, i in enumerate(infos)])
    r = e.tag(DT_RELR)
    if r is not None and e.tag(DT_RELRSZ):
        o = e.v2o(r)
        add('relr_starts_with_bitmap', [(o, '<Q', 3)])
        add('relr_address_readonly', [(o, '<Q', text)])
        add('relr_address_outside', [(o, '<Q', OUTSIDE)])
        add('relr_address_overflow', [(o, '<Q', U64 - 1)])
    return out


# Relocation types by e_machine, for the targeted cases.
RELOC_TYPES = {
    62: {'ABS': (1, 'R_X86_64_64'), 'COPY': 5, 'GLOB_DAT': 6,
         'JUMP_SLOT': 7, 'RELATIVE': 8, 'IRELATIVE': 37},
    183: {'ABS': (257, 'R_AARCH64_ABS64'), 'COPY': 1024, 'GLOB_DAT': 1025,
          'JUMP_SLOT': 1026, 'RELATIVE': 1027, 'IRELATIVE': 1032},
}
PT_PHDR, PT_GNU_RELRO = 6, 0x6474e552
MiB2 = 2 << 20


def rename_sym(e, old, new):
    """Edits giving the dynamic symbol string OLD the name NEW (as long)."""
    assert len(old) == len(new)
    strtab = e.v2o(e.tag(DT_STRTAB))
    at = e.data.index(old.encode() + b'\0', strtab)
    return [(at + i, '<B', c) for i, c in enumerate(new.encode('latin-1'))]


def swap_relocs(a, b):
    """Edits swapping the RELA entries A and B (as relocs() gives them)."""
    def put(at, r):
        return [(at, '<Q', r[1]), (at + 8, '<Q', (r[3] << 32) | r[2]),
                (at + 16, '<q', r[4])]
    return put(a[0], b) + put(b[0], a)


def add_relative_block_cases(e, src, rela, run, text, t, case, out):
    """Targeted cases for the RELATIVE blocks of E's DT_RELA, whose first
    RUN entries are RELATIVE (RUN >= 128: two blocks of 64)."""
    rw = [p for p in e.ph if p[0] == PT_LOAD and p[1] & PF_W]
    seg = [p for p in rw if p[3] <= rela[0][1] < p[3] + p[6]][0]
    seg_end = seg[3] + seg[6]
    # Refused: a place in no writable segment where only the block's own
    # checks see it (its last entry, the next block's first), or in the
    # middle, where the offsets stop increasing; one that wraps around
    # the address space once the load base is added; and one below the
    # entry before it at the first entry of a group (entries 22 and 43,
    # where aarch64 moves to the next group of 21, comparing with the
    # last offset of the group before).
    for what, k, place in (('last_past_segment', 63, seg_end),
                           ('last_wraps', 63, U64 - 7),
                           ('first_in_text', 64, text[0][3] + 16),
                           ('middle_past_segment', 32, seg_end),
                           ('group2_in_text', 22, text[0][3] + 16),
                           ('group3_in_text', 43, text[0][3] + 24)):
        case(f'{src}-relative_block_{what}',
             {src: e.patched([(rela[k][0], '<Q', place)])},
             src, f'relocation at {place:#x} lies outside the writable '
             'segments')
    # Run as before: the same relocations in another order, which only
    # the entry-by-entry path takes (offsets that go down; a place in
    # the other writable segment in the middle of a block).
    out.append({'name': f'{src}-relative_block_unsorted', 'positive': True,
                'files': {src: e.patched(swap_relocs(rela[10], rela[20]))}})
    other = [r for r in rela[:run] if not seg[3] <= r[1] < seg_end]
    if other:
        out.append({'name': f'{src}-relative_block_other_segment',
                    'positive': True,
                    'files': {src: e.patched(swap_relocs(rela[32],
                                                         other[0]))}})
    # DT_RELACOUNT larger than the RELATIVE prefix (counting the
    # entries after it; or with one of them moved into it): myld does
    # not trust the count, and runs the object as before.  glibc 2.36
    # trusts it for the type on both CPUs; on x86_64 it asserts the
    # type and refuses the object ("Inconsistency detected by ld.so"),
    # on aarch64 it applies the entry as RELATIVE, whatever follows.
    if len(rela) > run and e.tag(DT_RELACOUNT) is not None:
        glibc = ({'status': 127, 'stderr': b'Inconsistency detected by '
                  b'ld.so'} if e.e_machine == 62 else None)
        out.append({'name': f'{src}-relacount_beyond_prefix',
                    'positive': True, 'reference': glibc,
                    'files': {src: e.patched(e.dyn_edit(DT_RELACOUNT,
                                                        len(rela)))}})
        out.append({'name': f'{src}-relative_block_other_type',
                    'positive': True, 'reference': glibc,
                    'files': {src: e.patched(swap_relocs(rela[40],
                                                         rela[run]))}})


def layout_cases(src, e, t, out):
    """Positive cases: layouts and forms some links use, which glibc's
    loader accepts, and which must leave the program's output unchanged
    under both loaders."""
    rela, plt = e.relocs('rela'), e.relocs('jmprel')
    # DT_RELASZ covering DT_JMPREL, which follows DT_RELA: those entries
    # are the PLT's, applied (or left lazy) once.
    start, size = e.tag(DT_RELA), e.tag(DT_RELASZ)
    if plt and start is not None and e.tag(DT_PLTREL) == DT_RELA and \
            start + size == e.tag(DT_JMPREL):
        out.append({'name': f'{src}-rela_covers_jmprel', 'positive': True,
                    'files': {src: e.patched(
                        e.dyn_edit(DT_RELASZ, size + e.tag(DT_PLTRELSZ)))}})
    # A GLOB_DAT of a data symbol turned into a JUMP_SLOT among the data
    # relocations: it is bound at once, as any data relocation.  (Not a
    # function's: a slot's look-up skips the program's PLT entry, which
    # a GLOB_DAT takes for the function's address.)
    syms = e.dynsyms()
    for r in rela:
        if r[2] == t['GLOB_DAT'] and 0 < r[3] < len(syms) and \
                syms[r[3]][2] & 0xf == 1 and r[4] == 0:    # STT_OBJECT
            out.append({'name': f'{src}-jump_slot_among_data',
                        'positive': True,
                        'files': {src: e.patched([(
                            r[0] + 8, '<Q', (r[3] << 32) | t['JUMP_SLOT'])])}})
            break
    # The last RELATIVE of the leading run turned into an absolute
    # relocation against symbol index 0: the null symbol is the object's
    # own, at its base, so the value is the same.  (DT_RELACOUNT, which
    # glibc's loader trusts, then counts one fewer.)
    run = 0
    while run < len(rela) and rela[run][2] == t['RELATIVE'] and \
            rela[run][3] == 0:
        run += 1
    count = e.tag(DT_RELACOUNT)
    if run and (count is None or count == run):
        edits = [(rela[run - 1][0] + 8, '<Q', t['ABS'][0])]
        if count is not None:
            edits += e.dyn_edit(DT_RELACOUNT, run - 1)
        out.append({'name': f'{src}-abs_against_symbol_0', 'positive': True,
                    'files': {src: e.patched(edits)}})


def targeted_cases(prog, lib):
    """Malformed objects aimed at one check each, with the exact message
    the check prints (after "myld: <object>: ").  PROG and LIB are Elf.
    Each case: name, files ({'prog'|'lib': bytes}), object (the file the
    message names), message, modes; or, with 'positive', a change glibc's
    loader accepts and that must not change the program's output.
    A case is made only where the pair has the construct it changes."""
    out = []
    t = RELOC_TYPES[prog.e_machine]
    abs_type, abs_name = t['ABS']

    def case(name, files, obj, message, modes=('command', 'interp')):
        out.append({'name': name, 'files': files, 'object': obj,
                    'message': message, 'modes': modes})

    for src, e in (('prog', prog), ('lib', lib)):
        layout_cases(src, e, t, out)
        # DT_JMPREL holds the PLT's types only.
        plt = e.relocs('jmprel')
        if plt:
            case(f'{src}-jmprel_type_abs',
                 {src: e.patched([(plt[0][0] + 8, '<Q',
                                   (plt[0][3] << 32) | abs_type)])},
                 src, f'unexpected relocation type {abs_type} ({abs_name}) '
                 "in DT_JMPREL, the PLT's table")
            case(f'{src}-jmprel_type_glob_dat_last',
                 {src: e.patched([(plt[-1][0] + 8, '<Q',
                                   (plt[-1][3] << 32) | t['GLOB_DAT'])])},
                 src, f'unexpected relocation type {t["GLOB_DAT"]} '
                 f'({"R_X86_64_GLOB_DAT" if e.e_machine == 62 else "R_AARCH64_GLOB_DAT"}) '
                 "in DT_JMPREL, the PLT's table")
        # A lazy program's only PLT slot naming symbol index 0: its first
        # call has nothing to look up.  (One slot, so that the call that
        # fails is known: the program makes it.)
        flags, flags_1 = e.tag(30) or 0, e.tag(0x6ffffffb) or 0   # DF_BIND_NOW, DF_1_NOW
        if src == 'prog' and len(plt) == 1 and plt[0][2] == t['JUMP_SLOT'] \
                and e.tag(24) is None and not flags & 8 and not flags_1 & 1:
            case(f'{src}-lazy_slot_without_symbol',
                 {src: e.patched([(plt[0][0] + 8, '<Q', t['JUMP_SLOT'])])},
                 src, 'lazy binding of PLT slot 0, which names no symbol')
        # An IRELATIVE whose resolver is data.
        rw = [p for p in e.ph if p[0] == PT_LOAD and p[1] & PF_W]
        for r in e.relocs('rela') + plt:
            if r[2] == t['IRELATIVE'] and rw:
                case(f'{src}-irelative_resolver_in_data',
                     {src: e.patched([(r[0] + 16, '<q', rw[-1][3])])},
                     src, f'IFUNC resolver at {rw[-1][3]:#x} lies outside '
                     'its executable segments')
                break
        # A RELATIVE entry inside the leading run (which myld applies in
        # a loop of its own) whose place is in no writable segment: in
        # text, outside the image, or 8 bytes across a writable
        # segment's end.
        rela = e.relocs('rela')
        run = 0
        while run < len(rela) and rela[run][2] == t['RELATIVE'] and \
                rela[run][3] == 0:
            run += 1
        text = [p for p in e.ph if p[0] == PT_LOAD and p[1] & PF_X]
        if run >= 16 and text and rw:
            r = rela[run // 2]
            seg_end = rw[0][3] + rw[0][6]          # p_vaddr + p_memsz
            for what, place in (('in_text', text[0][3] + 16),
                                ('outside_image', OUTSIDE),
                                ('across_segment_end', seg_end - 4)):
                case(f'{src}-relative_run_place_{what}',
                     {src: e.patched([(r[0], '<Q', place)])},
                     src, f'relocation at {place:#x} lies outside the '
                     'writable segments')
        # The same run checked a block at a time (reloc.c,
        # relative_block_ok: 64 entries from the run's first, places
        # from the block's first and last entry and offsets that
        # increase, types by an OR and a sum).  Each change must be
        # refused exactly as entry by entry, or run as before.
        if run >= 128 and text and rw:
            add_relative_block_cases(e, src, rela, run, text, t, case, out)
        # PT_GNU_RELRO outside the image.
        # (Two pages at least: mprotect covers whole pages only, so a
        # RELRO shorter than a page may protect nothing, wherever it is.)
        relro = e.first(PT_GNU_RELRO)
        if relro is not None:
            case(f'{src}-relro_outside',
                 {src: e.patched([e.ph_edit(relro, 3, OUTSIDE),
                                  e.ph_edit(relro, 4, OUTSIDE),
                                  e.ph_edit(relro, 6, 0x20000)])},
                 src, 'PT_GNU_RELRO lies outside the loaded image')

    # An IFUNC symbol whose resolver is the library's data.
    rw = [p for p in lib.ph if p[0] == PT_LOAD and p[1] & PF_W]
    for s in lib.dynsyms():
        if s[2] & 0xf == 10 and s[3] and rw:          # STT_GNU_IFUNC
            case('lib-ifunc_resolver_in_data',
                 {'lib': lib.patched([(off + 8, '<Q', rw[-1][3])
                                      for off, name, *_ in lib.dynsyms()
                                      if name == s[1]])},
                 'lib', f'IFUNC resolver at {rw[-1][3]:#x} lies outside its '
                 'executable segments')
            break

    # COPY: the program's room and the library's source, each checked.
    src = None
    copies = [r for r in prog.relocs('rela') if r[2] == t['COPY']]
    if copies:
        r = copies[-1]
        name = prog.dynsyms()[r[3]][1]
        case('prog-copy_size_huge',
             {'prog': prog.patched([(off + 16, '<Q', MiB2)
                                    for off, n, *_ in prog.dynsyms()
                                    if n == name])},
             'prog', f'COPY relocation of {name}: {MiB2} bytes at '
             f'{r[1]:#x} lie outside the writable segments')
        src = lib.sym(name, defined=True)
    if copies and src:
        case('lib-copy_source_size_huge',
             {'lib': lib.patched([(off + 16, '<Q', MiB2)
                                  for off, n, *_ in lib.dynsyms()
                                  if n == name])},
             'lib', f'symbol {name}, the source of a COPY relocation: '
             f'{MiB2} bytes at {src[4]:#x} lie outside the image')
        # A size mismatch warns, but a refusal that follows is the one
        # line printed.
        plt = prog.relocs('jmprel')
        if plt and src[5] > 1:
            case('warning_then_refusal',
                 {'lib': lib.patched([(off + 16, '<Q', src[5] - 1)
                                      for off, n, *_ in lib.dynsyms()
                                      if n == name]),
                  'prog': prog.patched([(plt[0][0] + 8, '<Q',
                                         (plt[0][3] << 32) | abs_type)])},
                 'prog', f'unexpected relocation type {abs_type} '
                 f"({abs_name}) in DT_JMPREL, the PLT's table")

    # The program's headers, which the kernel maps in interp mode.
    dyn = prog.first(PT_DYNAMIC)
    if dyn is not None:
        case('prog-no_dynamic', {'prog': prog.patched([prog.ph_edit(dyn, 0,
                                                                    PT_NULL)])},
             'prog', 'has PT_INTERP but no PT_DYNAMIC')
        case('prog-dynamic_outside_loads',
             {'prog': prog.patched([prog.ph_edit(dyn, 3, OUTSIDE)])},
             'prog', 'PT_DYNAMIC lies outside the loaded image')
        # The object's name, with control bytes, is escaped.
        out.append({'name': 'prog-name_with_control_bytes',
                    'files': {'prog': prog.patched([prog.ph_edit(dyn, 0,
                                                                 PT_NULL)])},
                    'object': 'prog', 'prog_name': 'bad\nname\x1b[1m',
                    'object_shown': 'bad\\nname\\x1b[1m',
                    'message': 'has PT_INTERP but no PT_DYNAMIC',
                    'modes': ('command', 'interp')})
    phdr = prog.first(PT_PHDR)
    if phdr is not None:
        # Only the kernel-mapped program reads PT_PHDR (to find its load
        # bias): a lying one would put every address elsewhere.
        case('prog-pt_phdr_moved',
             {'prog': prog.patched([prog.ph_edit(phdr, 3,
                                                 prog.ph[phdr][3] + 0x1000)])},
             'prog', 'PT_PHDR lies in no PT_LOAD, or disagrees with it',
             modes=('interp',))
    loads = prog.loads()
    if len(loads) >= 2:
        a, b = prog.ph[loads[0]], prog.ph[loads[1]]
        # Not through PT_INTERP on aarch64: there the program is mapped
        # by qemu-user's ELF loader, which crashes on it before myld runs.
        case('prog-loads_overlap_interp',
             {'prog': prog.patched([prog.ph_edit(loads[0], 6,
                                                 b[3] - a[3] + 0x10)])},
             'prog', 'PT_LOAD segments overlap',
             modes=('command', 'interp') if prog.e_machine == 62
             else ('command',))

    # Undefined symbols: the list, and nothing after it; names escaped.
    plt = prog.relocs('jmprel')
    syms = prog.dynsyms()
    bind_now = (prog.tag(24) is not None or (prog.tag(30) or 0) & 8 or
                (prog.tag(0x6ffffffb) or 0) & 1)
    # The first slot for a symbol the program does not define.
    undef = [k for k, r in enumerate(plt)
             if syms[r[3]][3] == 0 and syms[r[3]][4] == 0]
    if len(plt) >= 2 and all(r[2] == t['JUMP_SLOT'] for r in plt) and \
            undef:
        first = plt[undef[0]]
        name = syms[first[3]][1]
        bad = 'Z' + name[1:]
        other = plt[1] if undef[0] == 0 else plt[0]
    if len(plt) >= 2 and all(r[2] == t['JUMP_SLOT'] for r in plt) and \
            bind_now and undef == [0]:
        case('prog-undefined_then_error',
             {'prog': prog.patched(rename_sym(prog, name, bad) +
                                   [(other[0] + 8, '<Q',
                                     (other[3] << 32) | abs_type)])},
             'prog', f'undefined symbol: {bad}')
    if len(plt) >= 2 and all(r[2] == t['JUMP_SLOT'] for r in plt) and \
            undef:
        if len(name) >= 4:
            ctl = name[0] + '\n' + '\x1b' + name[3:]
            shown = name[0] + '\\n\\x1b' + name[3:]
            case('prog-undefined_name_with_control_bytes',
                 {'prog': prog.patched(rename_sym(prog, name, ctl))},
                 'prog', f'undefined symbol: {shown}')
        # glibc's rule for slots: an addend is ignored on x86_64, where
        # the psABI says S; the program must behave as unchanged.  (On
        # aarch64 the psABI says S + A, so the same change breaks the
        # program under both loaders.)
        if prog.e_machine == 62:
            out.append({'name': 'prog-slot_addend_ignored', 'positive': True,
                        'files': {'prog': prog.patched(
                            [(r[0] + 16, '<q', 1) for r in plt] +
                            [(r[0] + 16, '<q', 1)
                             for r in prog.relocs('rela')
                             if r[2] == t['GLOB_DAT']])}})
    return out


def generate(pairs):
    """Returns [(pair index, name, source, data)]; data is bytes or a
    special-file kind ('dir', 'fifo', 'noread')."""
    entries = []
    for pi, (prog, lib) in enumerate(pairs):
        for src, path in (('prog', prog), ('lib', lib)):
            with open(path, 'rb') as f:
                e = Elf(f.read())
            for name, data in header_mutations(e, src):
                entries.append((pi, f'{src}-{name}', src, 'header', data))
            for name, data in dynamic_mutations(e, src):
                entries.append((pi, f'{src}-{name}', src, 'dynamic', data))
        for kind in ('empty', 'dir', 'fifo', 'noread'):
            entries.append((pi, kind, 'none', 'header',
                            b'' if kind == 'empty' else kind))
    return entries


def reachable_by_others(path):
    """Can a user other than the owner execute PATH (every directory on
    the way searchable, the file executable, by "others")?"""
    import stat
    path = os.path.abspath(path)
    parts = path.split(os.sep)
    for i in range(2, len(parts) + 1):
        mode = os.stat(os.sep.join(parts[:i]) or os.sep).st_mode
        if not mode & stat.S_IXOTH:
            return False
    return True


def run_one(cmd, cwd, user):
    """Run CMD; returns (ok, description)."""
    if user:
        cmd = user + cmd
    try:
        r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT,
                           env={'PATH': os.environ.get('PATH', '/usr/bin:/bin')})
    except subprocess.TimeoutExpired:
        return False, f'timeout after {TIMEOUT} s'
    err = r.stderr.decode('utf-8', 'replace')
    lines = err.splitlines()
    if r.returncode < 0:
        return False, f'killed by signal {-r.returncode}; stderr {err!r}'
    if r.returncode != 127:
        return False, f'exit status {r.returncode}, expected 127; stderr {err!r}'
    one_line = len(lines) == 1 and lines[0].startswith('myld: ')
    undefined_list = len(lines) > 1 and all(
        l.startswith('myld: ') and ': undefined symbol: ' in l
        for l in lines)
    if not err.endswith('\n') or not (one_line or undefined_list):
        return False, f'stderr is not one "myld: " line: {err!r}'
    # "myld: <object>: <what is wrong>", the object named once.
    first = lines[0].split(': ')
    if len(first) > 2 and first[1] == first[2]:
        return False, f'the object is named twice: {err!r}'
    return True, lines[0]


def run_targeted(c, d, pname, lname, myld, wrapper, reference, baseline):
    """Run targeted case C in the pair directory D; returns a list of
    (ok, label, what).  The directory holds the unchanged pair again
    afterwards."""
    names = {'prog': c.get('prog_name', pname), 'lib': lname}
    saved = {}
    for src, data in c['files'].items():
        path = os.path.join(d, names[src])
        saved[src] = (path, open(os.path.join(d, pname if src == 'prog'
                                              else lname), 'rb').read())
        place(path, data)
    prog = './' + names['prog']
    results = []
    try:
        if c.get('positive'):
            runs = [('command', wrapper + [myld, prog]),
                    ('interp', wrapper + [prog])]
            env = {'PATH': os.environ.get('PATH', ''), 'RT_NO_FINI': '1'}
            # glibc's loader must run it the same, unless the case says
            # what it does instead ('reference'; None: not checked).
            expect_ref = c.get('reference', 'same')
            if reference and expect_ref is not None:
                runs.append(('reference', wrapper + [reference, prog]))
            for mode, cmd in runs:
                r = subprocess.run(cmd, cwd=d, stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=TIMEOUT,
                                   env=env)
                got = (r.returncode, r.stdout, r.stderr)
                if mode == 'reference' and expect_ref != 'same':
                    ok = (r.returncode == expect_ref['status'] and
                          expect_ref['stderr'] in r.stderr)
                    results.append((ok, f'{c["name"]} (reference)',
                                    f'glibc: status {r.returncode}, '
                                    f'{r.stderr[:80]!r}'))
                    continue
                results.append((got == baseline, f'{c["name"]} ({mode})',
                                f'as expected: status {got[0]}, '
                                f'{got[1][:60]!r}' if
                                got == baseline else
                                f'got {got!r}, the unchanged program gives '
                                f'{baseline!r}'))
            return results
        obj = c.get('object_shown', names[c['object']])
        want = f': {c["message"]}'
        for mode in c['modes']:
            cmd = wrapper + ([myld, prog] if mode == 'command' else [prog])
            ok, what = run_one(cmd, d, None)
            line = what
            # An undefined symbol's line names its version, if any.
            if ok and c['message'].startswith('undefined symbol: ') and \
                    ', version ' in line:
                line = line[:line.rindex(', version ')]
            if ok:
                ok = (line.startswith('myld: ') and line.endswith(want) and
                      os.path.basename(line[6:len(line) - len(want)]) ==
                      obj)
                if not ok:
                    what = f'expected "myld: .../{obj}{want}", got {line!r}'
                else:
                    r = subprocess.run(cmd, cwd=d, stdin=subprocess.DEVNULL,
                                       capture_output=True, timeout=TIMEOUT,
                                       env={'PATH': os.environ.get('PATH', '')})
                    if r.stderr.count(b'\n') != 1:
                        ok, what = False, f'more than one line: {r.stderr!r}'
            results.append((ok, f'{c["name"]} ({mode})', what))
        return results
    finally:
        for src, (path, orig) in saved.items():
            if src == 'prog' and 'prog_name' in c:
                os.remove(path)
            else:
                place(path, orig)


def place(path, data):
    """Put entry DATA at PATH (replacing whatever is there)."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)
    if data == 'dir':
        os.mkdir(path)
    elif data == 'fifo':
        os.mkfifo(path)
    else:
        with open(path, 'wb') as f:
            f.write(b'' if data == 'noread' else data)
        # 'noread': a real program with no permission at all for anyone
        # but root; the copy keeps the original's contents so that a
        # loader that could read it would run it.
        os.chmod(path, 0o000 if data == 'noread' else 0o755)


def unprivileged_prefix():
    """A command prefix that drops root, or None."""
    if os.geteuid() != 0:
        return None
    if shutil.which('setpriv'):
        return ['setpriv', f'--reuid={NOBODY}', f'--regid={NOBODY}',
                '--clear-groups', '--']
    if shutil.which('runuser'):
        return ['runuser', '-u', 'nobody', '--']
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--myld')
    ap.add_argument('--pair', action='append', default=[],
                    help='PROG:LIB, LIB one of the libraries PROG needs')
    ap.add_argument('--target-pair', action='append', default=[],
                    help='PROG:LIB for the targeted cases only')
    ap.add_argument('--wrapper', default='')
    ap.add_argument('--reference', default='',
                    help="glibc's loader, for the targeted positive cases")
    ap.add_argument('--write', metavar='DIR')
    ap.add_argument('--write-only', default='',
                    help='with --write: SOURCE:PHASE (e.g. lib:dynamic) '
                         'to write only those entries')
    ap.add_argument('--write-max-size', type=int, default=0,
                    help='with --write: skip files larger than this')
    ap.add_argument('--keep', metavar='DIR',
                    help='work in DIR and keep it (default: a temporary one)')
    ap.add_argument('--filter', default='')
    ap.add_argument('-v', '--verbose', action='store_true')
    opts = ap.parse_args()
    if not opts.pair and not opts.target_pair:
        ap.error('give at least one --pair or --target-pair')
    pairs = [tuple(p.split(':', 1)) for p in opts.pair]
    entries = generate(pairs)
    # Pairs for the targeted cases only: the general mutations are not
    # run on them (see targeted_cases).
    targeted_from = len(pairs)
    pairs += [tuple(p.split(':', 1)) for p in opts.target_pair]

    if opts.write:
        os.makedirs(opts.write, exist_ok=True)
        n = 0
        for pi, name, src, phase, data in entries:
            if opts.write_only and opts.write_only != f'{src}:{phase}':
                continue
            if opts.write_max_size and len(data) > opts.write_max_size:
                continue
            if isinstance(data, bytes) and data:
                base = os.path.basename(pairs[pi][0])
                with open(os.path.join(opts.write, f'{base}-{name}'), 'wb') as f:
                    f.write(data)
                n += 1
        print(f'wrote {n} files to {opts.write}')
        return 0

    if not opts.myld:
        ap.error('--myld is needed to run the corpus')
    myld = os.path.abspath(opts.myld)
    # The programs' PT_INTERP names the built myld: can another user run it?
    interp_reachable = reachable_by_others(myld)
    wrapper = shlex.split(opts.wrapper)
    unpriv = unprivileged_prefix()
    work = opts.keep or tempfile.mkdtemp(prefix='myld-hostile-')
    os.makedirs(work, exist_ok=True)
    # The unprivileged user must be able to reach the copies, and myld:
    # the tree may lie in a directory only its owner can enter (a clone
    # in a mktemp -d directory), so runs use a copy of myld in WORK.
    os.chmod(work, 0o755)
    myld_copy = os.path.join(work, 'myld')
    shutil.copyfile(myld, myld_copy)
    os.chmod(myld_copy, 0o755)
    myld = myld_copy
    passed = failed = skipped = 0
    failures = []
    try:
        for pi, (prog, lib) in enumerate(pairs):
            d = os.path.join(work, f'pair{pi}')
            if os.path.exists(d):
                shutil.rmtree(d)
            os.mkdir(d)
            os.chmod(d, 0o755)
            # The program, and every library beside it (its $ORIGIN
            # RUNPATH finds them there).
            src_dir = os.path.dirname(os.path.abspath(prog))
            for f in os.listdir(src_dir):
                fp = os.path.join(src_dir, f)
                if os.path.isfile(fp) and (f.endswith('.so') or '.so.' in f
                                           and not f.endswith('.p')):
                    shutil.copy2(fp, d)
            pname = os.path.basename(prog)
            lname = os.path.basename(lib)
            shutil.copy2(prog, d)
            with open(lib, 'rb') as f:
                lib_orig = f.read()
            with open(prog, 'rb') as f:
                prog_orig = f.read()

            # The pair itself must load: otherwise every case is void.
            for mode, cmd in (('command', wrapper + [myld, './' + pname]),
                              ('interp', wrapper + ['./' + pname])):
                r = subprocess.run(cmd, cwd=d, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, timeout=TIMEOUT)
                if r.returncode in (127,) or r.returncode < 0:
                    print(f'FAIL baseline {pname} ({mode}): status '
                          f'{r.returncode}: {r.stderr!r}')
                    failed += 1

            for epi, name, src, phase, data in entries:
                if epi != pi or pi >= targeted_from or \
                        opts.filter not in name:
                    continue
                user = None
                if data == 'noread':
                    if unpriv is None:
                        print(f'SKIP {pname}/{name}: needs root and setpriv '
                              'or runuser to try as an unprivileged user')
                        skipped += 3
                        continue
                    user = unpriv
                runs = []
                if src != 'lib' or phase == 'header':
                    runs.append(('program', 'command', 'bad',
                                 [myld, './bad']))
                runs.append(('library', 'command', lname,
                             [myld, './' + pname]))
                if user and not interp_reachable:
                    print(f'SKIP {pname}/{name} as library (interp): the '
                          'programs\' PT_INTERP lies in a directory other '
                          'users cannot enter')
                    skipped += 1
                else:
                    runs.append(('library', 'interp', lname,
                                 ['./' + pname]))
                for role, mode, target, cmd in runs:
                    path = os.path.join(d, target)
                    if data == 'noread':
                        place(path, lib_orig if role == 'library' else prog_orig)
                        os.chmod(path, 0)
                    else:
                        place(path, data)
                    ok, what = run_one(wrapper + cmd, d, user)
                    label = f'{pname}/{name} as {role} ({mode})'
                    if ok:
                        passed += 1
                        if opts.verbose:
                            print(f'ok   {label}: {what}')
                    else:
                        failed += 1
                        failures.append(label)
                        print(f'FAIL {label}: {what}')
                        if opts.keep:
                            keep = os.path.join(work, 'failed')
                            os.makedirs(keep, exist_ok=True)
                            if isinstance(data, bytes):
                                with open(os.path.join(keep, f'{pname}-{name}'), 'wb') as f:
                                    f.write(data)
                # Restore the library for the next entry.
                place(os.path.join(d, lname), lib_orig)
                p = os.path.join(d, 'bad')
                if os.path.lexists(p):
                    place(p, b'')
                    os.remove(p)

            # Targeted cases: one check each, its exact message.
            r = subprocess.run(wrapper + ['./' + pname], cwd=d,
                               stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=TIMEOUT,
                               env={'PATH': os.environ.get('PATH', ''),
                                    'RT_NO_FINI': '1'})
            baseline = (r.returncode, r.stdout, r.stderr)
            for c in targeted_cases(Elf(prog_orig), Elf(lib_orig)):
                if opts.filter not in c['name']:
                    continue
                for ok, label, what in run_targeted(
                        c, d, pname, lname, myld, wrapper, opts.reference,
                        baseline):
                    label = f'{pname}/{label}'
                    if ok:
                        passed += 1
                        if opts.verbose:
                            print(f'ok   {label}: {what}')
                    else:
                        failed += 1
                        failures.append(label)
                        print(f'FAIL {label}: {what}')
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    summary = f'{passed} passed, {failed} failed'
    if skipped:
        summary += f', {skipped} skipped'
    print(summary)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
