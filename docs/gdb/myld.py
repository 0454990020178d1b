# SPDX-License-Identifier: MIT
"""gdb commands that show myld's state, from its debug information.

Load it in gdb with

    (gdb) source docs/gdb/myld.py

and then, once myld has started (any breakpoint in myld or later):

    myld objects          every loaded object and its segments
    myld relocs           relocation counts by type, per object
    myld symbol NAME [OBJ]  where NAME is bound, and why
    myld tls              the TLS layout and the thread pointer

The commands read myld's own variables (dso_list, dso_program,
dso_loader and struct dso of loader/dso.h), so myld must have been built
with debug information (the default).  Everything else, the relocation
tables, symbol tables and hash tables, is read from the inferior's
memory, where myld mapped it.  Nothing is written.

Works for x86_64 and aarch64 (also through qemu-aarch64 -g and
gdb-multiarch).  See docs/tutorial.md for transcripts.
"""

import struct

import gdb

# ---------------------------------------------------------------------------
# ELF constants (from the ELF and psABI specifications).

PT_NAMES = {1: 'LOAD', 2: 'DYNAMIC', 3: 'INTERP', 4: 'NOTE', 6: 'PHDR',
            7: 'TLS', 0x6474e550: 'GNU_EH_FRAME', 0x6474e551: 'GNU_STACK',
            0x6474e552: 'GNU_RELRO', 0x6474e553: 'GNU_PROPERTY'}
PT_LOAD, PT_DYNAMIC, PT_TLS, PT_GNU_RELRO = 1, 2, 7, 0x6474e552
PF_X, PF_W, PF_R = 1, 2, 4

DT_PLTRELSZ, DT_RELA, DT_RELASZ = 2, 7, 8
DT_REL, DT_RELSZ, DT_PLTREL, DT_JMPREL = 17, 18, 20, 23
DT_RELRSZ, DT_RELR = 35, 36

STB_NAMES = {0: 'LOCAL', 1: 'GLOBAL', 2: 'WEAK', 10: 'UNIQUE'}
STT_NAMES = {0: 'NOTYPE', 1: 'OBJECT', 2: 'FUNC', 3: 'SECTION', 4: 'FILE',
             5: 'COMMON', 6: 'TLS', 10: 'IFUNC'}
STT_FUNC, STT_COMMON, STT_TLS, STT_GNU_IFUNC = 2, 5, 6, 10
STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE = 1, 2, 10
STV_INTERNAL, STV_HIDDEN = 1, 2
SHN_UNDEF = 0
VER_NDX_LOCAL, VER_NDX_GLOBAL = 0, 1

# Relocation types: name and what the loader does for it.
RELOCS = {
    'x86_64': {
        0: ('R_X86_64_NONE', 'nothing'),
        1: ('R_X86_64_64', 'S + A: a pointer to a symbol'),
        2: ('R_X86_64_PC32', 'S + A - P'),
        5: ('R_X86_64_COPY', 'copy the symbol\'s initial data into the '
            'program'),
        6: ('R_X86_64_GLOB_DAT', 'S: a GOT entry holding a symbol\'s '
            'address'),
        7: ('R_X86_64_JUMP_SLOT', 'S: a PLT slot (GOT entry of a called '
            'function)'),
        8: ('R_X86_64_RELATIVE', 'B + A: a pointer inside the object'),
        10: ('R_X86_64_32', 'S + A, 32 bits'),
        11: ('R_X86_64_32S', 'S + A, 32 bits signed'),
        16: ('R_X86_64_DTPMOD64', 'the TLS module id'),
        17: ('R_X86_64_DTPOFF64', 'offset in the module\'s TLS block'),
        18: ('R_X86_64_TPOFF64', 'offset from the thread pointer'),
        24: ('R_X86_64_PC64', 'S + A - P, 64 bits'),
        36: ('R_X86_64_TLSDESC', 'a TLS descriptor (function, argument)'),
        37: ('R_X86_64_IRELATIVE', 'call the resolver at B + A'),
        38: ('R_X86_64_RELATIVE64', 'B + A, 64 bits'),
    },
    'aarch64': {
        0: ('R_AARCH64_NONE', 'nothing'),
        257: ('R_AARCH64_ABS64', 'S + A: a pointer to a symbol'),
        258: ('R_AARCH64_ABS32', 'S + A, 32 bits'),
        1024: ('R_AARCH64_COPY', 'copy the symbol\'s initial data into the '
               'program'),
        1025: ('R_AARCH64_GLOB_DAT', 'S + A: a GOT entry holding a '
               'symbol\'s address'),
        1026: ('R_AARCH64_JUMP_SLOT', 'S + A: a PLT slot (GOT entry of a '
               'called function)'),
        1027: ('R_AARCH64_RELATIVE', 'B + A: a pointer inside the object'),
        1028: ('R_AARCH64_TLS_DTPMOD', 'the TLS module id'),
        1029: ('R_AARCH64_TLS_DTPREL', 'offset in the module\'s TLS block'),
        1030: ('R_AARCH64_TLS_TPREL', 'offset from the thread pointer'),
        1031: ('R_AARCH64_TLSDESC', 'a TLS descriptor (function, '
               'argument)'),
        1032: ('R_AARCH64_IRELATIVE', 'call the resolver at B + A'),
    },
}
JUMP_SLOT = {'x86_64': 7, 'aarch64': 1026}
RELATIVE = {'x86_64': 8, 'aarch64': 1027}


def cpu():
    name = gdb.selected_inferior().architecture().name()
    return 'aarch64' if 'aarch64' in name else 'x86_64'


def reloc_name(t):
    entry = RELOCS[cpu()].get(t)
    return entry[0] if entry else f'type {t}'


def reloc_meaning(t):
    entry = RELOCS[cpu()].get(t)
    return entry[1] if entry else ''


# ---------------------------------------------------------------------------
# Reading the inferior.

def read(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def u64(addr):
    return struct.unpack('<Q', read(addr, 8))[0]


def cstring(addr, limit=4096):
    if not addr:
        return None
    out = bytearray()
    while len(out) < limit:
        at = addr + len(out)
        # Never cross a page boundary: the next page may be unmapped.
        chunk = read(at, min(64, 4096 - at % 4096))
        nul = chunk.find(b'\0')
        if nul >= 0:
            out += chunk[:nul]
            break
        out += chunk
    return out.decode('utf-8', 'backslashreplace')


def myld_var(name):
    """A global or file-static variable of myld."""
    sym = gdb.lookup_global_symbol(name)
    if sym is None:
        try:
            sym = gdb.lookup_static_symbol(name)
        except AttributeError:
            sym = None
    if sym is None:
        raise gdb.GdbError(f'myld: no symbol {name}: is the process '
                           'running under myld, with myld\'s debug '
                           'information loaded?')
    return sym.value()


class Dso:
    """A struct dso, with what the commands need."""

    def __init__(self, value, index):
        self.v = value
        self.index = index
        self.addr = int(value.address)
        self.base = int(value['base'])
        self.path = cstring(int(value['path'])) if int(value['path']) \
            else None
        self.name = cstring(int(value['name'])) if int(value['name']) \
            else None
        self.kind = str(value['kind']).replace('DSO_', '').lower()
        self.dyn = value['dyn']
        st = value['symtab']
        self.syms = int(st['syms'])
        self.nsyms = int(st['nsyms'])          # hashed symbols end here
        self.nsyms_reloc = int(value['nsyms_reloc'])  # any symbol index
        self.strtab = int(st['strtab'])
        self.strsz = int(st['strsz'])
        self.gnu_hash = int(st['gnu_hash'])
        self.sysv_hash = int(st['sysv_hash'])
        self.versym = int(st['versym'])
        self.nversym = int(st['nversym'])
        self.verdefs = st['verdefs']
        self.nverdefs = int(st['nverdefs'])

    def label(self):
        return self.path or self.name or '?'

    def tag(self, t):
        if not int(self.dyn['present'][t]):
            return None
        return int(self.dyn['tag'][t])

    def phdrs(self):
        ph = self.v['phdr']
        for i in range(int(self.v['phnum'])):
            p = ph[i]
            yield {k: int(p[k]) for k in ('p_type', 'p_flags', 'p_offset',
                                          'p_vaddr', 'p_filesz', 'p_memsz',
                                          'p_align')}

    # Symbols -------------------------------------------------------------

    def sym(self, i):
        raw = read(self.syms + 24 * i, 24)
        st_name, st_info, st_other, st_shndx, st_value, st_size = \
            struct.unpack('<IBBHQQ', raw)
        return {'name': st_name, 'info': st_info, 'other': st_other,
                'shndx': st_shndx, 'value': st_value, 'size': st_size}

    def sym_name(self, off):
        if off >= self.strsz:
            return None
        return cstring(self.strtab + off)

    def versym_of(self, i):
        if not self.versym or i >= self.nversym:
            return None
        return struct.unpack('<H', read(self.versym + 2 * i, 2))[0]

    def verdef_name(self, ndx):
        if ndx >= self.nverdefs:
            return None
        p = int(self.verdefs[ndx]['name'])
        return cstring(p) if p else None

    def verneed(self, ndx):
        """(version, file) this object requires for version index NDX."""
        if ndx >= int(self.v['nverneeds']):
            return None
        vn = self.v['verneeds'][ndx]
        if not int(vn['name']):
            return None
        return cstring(int(vn['name'])), cstring(int(vn['file']))


def dso_list():
    head = myld_var('dso_list')
    out = []
    d = head
    while int(d) and len(out) < 10000:
        out.append(Dso(d.dereference(), len(out)))
        d = d['next']
    if not out:
        raise gdb.GdbError('myld: no objects yet (dso_list is empty: stop '
                           'after stage_map_program, e.g. at '
                           'stage_load_dependencies or main)')
    return out


def prot(flags):
    return (('r' if flags & PF_R else '-') + ('w' if flags & PF_W else '-') +
            ('x' if flags & PF_X else '-'))


# ---------------------------------------------------------------------------
# myld objects

def cmd_objects(arg):
    for d in dso_list():
        v = d.v
        flags = []
        for f in ('global', 'relocated', 'bind_now', 'symbolic', 'dynamic',
                  'from_kernel'):
            if int(v[f]):
                flags.append(f)
        if int(v['ns']):
            flags.append(f'namespace {int(v["ns"])}')
        init = {0: 'not initialised', 1: 'initialising',
                2: 'initialised'}.get(int(v['init_state']), '?')
        print(f'[{d.index}] {d.kind} {d.label()}')
        print(f'    base {d.base:#x}  entry {int(v["entry"]):#x}  '
              f'dynamic {int(v["dynv"]):#x}')
        if d.name and d.name != d.path:
            print(f'    asked for as {d.name}')
        print(f'    {", ".join(flags) or "-"}; {init}')
        relro = None
        for p in d.phdrs():
            if p['p_type'] == PT_GNU_RELRO:
                relro = p
            if p['p_type'] not in (PT_LOAD, PT_DYNAMIC, PT_TLS,
                                   PT_GNU_RELRO):
                continue
            start = d.base + p['p_vaddr']
            end = start + p['p_memsz']
            name = PT_NAMES.get(p['p_type'], hex(p['p_type']))
            print(f'    {name:<10} {start:#018x}-{end:#018x} '
                  f'{prot(p["p_flags"])}  offset {p["p_offset"]:#x}  '
                  f'filesz {p["p_filesz"]:#x}  memsz {p["p_memsz"]:#x}  '
                  f'align {p["p_align"]:#x}')
        if relro and int(v['relocated']):
            print('    RELRO is read-only now (after relocation)')


# ---------------------------------------------------------------------------
# myld relocs

def reloc_tables(d):
    """[(table name, address, size, rela?)] of D's relocation tables.
    A DT_RELA range that contains DT_JMPREL (some linkers do that) is
    counted without the PLT part."""
    tables = []
    jmprel, pltsz = d.tag(DT_JMPREL), d.tag(DT_PLTRELSZ) or 0
    plt_rela = d.tag(DT_PLTREL) == DT_RELA
    for name, t_addr, t_size, rela in (('DT_RELA', DT_RELA, DT_RELASZ, True),
                                       ('DT_REL', DT_REL, DT_RELSZ, False)):
        addr, size = d.tag(t_addr), d.tag(t_size) or 0
        if addr is None or not size:
            continue
        if jmprel is not None and rela == plt_rela and \
                addr <= jmprel and jmprel + pltsz <= addr + size:
            if jmprel + pltsz == addr + size:
                size -= pltsz
        tables.append((name, d.base + addr, size, rela))
    if jmprel is not None and pltsz:
        tables.append(('DT_JMPREL', d.base + jmprel, pltsz, plt_rela))
    return tables


def iter_relocs(d):
    """(table, r_offset, type, symbol index, addend or None)."""
    for name, addr, size, rela in reloc_tables(d):
        ent = 24 if rela else 16
        data = read(addr, size - size % ent)
        for off in range(0, len(data), ent):
            if rela:
                r_offset, r_info, addend = struct.unpack_from('<QQq', data,
                                                              off)
            else:
                (r_offset, r_info), addend = \
                    struct.unpack_from('<QQ', data, off), None
            yield name, r_offset, r_info & 0xffffffff, r_info >> 32, addend


def relr_count(d):
    """Relative relocations encoded in D's DT_RELR table."""
    addr, size = d.tag(DT_RELR), d.tag(DT_RELRSZ) or 0
    if addr is None or not size:
        return 0, 0
    data = read(d.base + addr, size - size % 8)
    n = 0
    words = len(data) // 8
    for (w,) in struct.iter_unpack('<Q', data):
        if w & 1 == 0:
            n += 1          # an address
        else:
            n += bin(w >> 1).count('1')   # a bitmap of the next 63 words
    return n, words


def cmd_relocs(arg):
    total = {}
    for d in dso_list():
        counts = {}
        per_table = {}
        for table, _, t, _, _ in iter_relocs(d):
            counts[t] = counts.get(t, 0) + 1
            per_table[table] = per_table.get(table, 0) + 1
        relr, words = relr_count(d)
        print(f'[{d.index}] {d.label()}')
        if not counts and not relr:
            print('    no relocations')
        for t in sorted(counts):
            print(f'    {reloc_name(t):<24} {counts[t]:6}  '
                  f'{reloc_meaning(t)}')
            total[t] = total.get(t, 0) + counts[t]
        if relr:
            print(f'    {"RELR (relative)":<24} {relr:6}  B + A, packed: '
                  f'{words} words of DT_RELR')
            total['relr'] = total.get('relr', 0) + relr
        tables = ', '.join(f'{k} {v}' for k, v in per_table.items())
        if tables:
            print(f'    tables: {tables}')
    print('total: ' + ', '.join(
        f'{reloc_name(t) if t != "relr" else "RELR"} {n}'
        for t, n in sorted(total.items(), key=lambda kv: str(kv[0]))))


# ---------------------------------------------------------------------------
# myld symbol NAME [OBJECT]

def gnu_hash(name):
    h = 5381
    for b in name.encode():
        h = (h * 33 + b) & 0xffffffff
    return h


def sysv_hash(name):
    h = 0
    for b in name.encode():
        h = ((h << 4) + b) & 0xffffffff
        h ^= (h >> 24) & 0xf0
    return h & 0x0fffffff


def candidates(d, name):
    """Symbol indexes of D that D's hash table leads NAME to, and a word
    on how it got there."""
    if d.gnu_hash:
        nbuckets, symoffset, bloom_size, bloom_shift = \
            struct.unpack('<IIII', read(d.gnu_hash, 16))
        h = gnu_hash(name)
        bloom = d.gnu_hash + 16
        word = u64(bloom + 8 * ((h // 64) & (bloom_size - 1)))
        mask = (1 << (h % 64)) | (1 << ((h >> bloom_shift) % 64))
        if word & mask != mask:
            return [], 'rejected by the Bloom filter'
        buckets = bloom + 8 * bloom_size
        chains = buckets + 4 * nbuckets
        i = struct.unpack('<I', read(buckets + 4 * (h % nbuckets), 4))[0]
        out = []
        while i and i < d.nsyms:
            c = struct.unpack('<I', read(chains + 4 * (i - symoffset), 4))[0]
            if (c | 1) == (h | 1):
                out.append(i)
            if c & 1:
                break
            i += 1
        return out, 'GNU hash'
    if d.sysv_hash:
        nbucket = struct.unpack('<I', read(d.sysv_hash, 4))[0]
        buckets = d.sysv_hash + 8
        chains = buckets + 4 * nbucket
        i = struct.unpack('<I', read(buckets + 4 * (sysv_hash(name) %
                                                    nbucket), 4))[0]
        out, steps = [], 0
        while i and i < d.nsyms and steps < d.nsyms:
            out.append(i)
            i = struct.unpack('<I', read(chains + 4 * i, 4))[0]
            steps += 1
        return out, 'SysV hash'
    return [], 'no hash table'


def check_symbol(d, i, name, want, for_plt):
    """Does symbol I of D satisfy a reference to NAME (version WANT, a
    string or None)?  Returns (verdict, detail): verdict is 'match',
    'alone' (matches if it is the only such candidate), or None."""
    s = d.sym(i)
    if d.sym_name(s['name']) != name:
        return None, None
    typ, bind = s['info'] & 0xf, s['info'] >> 4
    vis = s['other'] & 3
    if s['value'] == 0 and typ != STT_TLS:
        return None, 'undefined here'
    if s['shndx'] == SHN_UNDEF and for_plt:
        return None, 'a canonical PLT entry, not for a PLT slot'
    if bind not in (STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE):
        return None, 'local'
    if typ > STT_FUNC and typ not in (STT_COMMON, STT_TLS, STT_GNU_IFUNC):
        return None, f'type {STT_NAMES.get(typ, typ)}'
    if vis in (STV_HIDDEN, STV_INTERNAL):
        return None, 'hidden'
    vs = d.versym_of(i)
    if vs is None:
        return 'match', 'unversioned'
    ndx, hidden = vs & 0x7fff, bool(vs & 0x8000)
    vname = d.verdef_name(ndx) if ndx > VER_NDX_GLOBAL else None
    shown = (f'{vname} ({"hidden" if hidden else "default"})' if vname
             else 'base')
    if ndx == VER_NDX_LOCAL:
        return None, 'local version'
    if want is None:
        if ndx <= 2:
            return 'match', shown
        return (None, f'{shown}: hidden') if hidden else ('alone', shown)
    if ndx == VER_NDX_GLOBAL:
        return 'match', shown
    if vname == want:
        return 'match', shown
    return None, f'version {shown}, not {want}'


def search_one(d, name, want, for_plt):
    """Returns (symbol index or None, explanation)."""
    cands, how = candidates(d, name)
    if not cands:
        return None, how
    alone, notes = [], []
    for i in cands:
        verdict, detail = check_symbol(d, i, name, want, for_plt)
        if verdict == 'match':
            if detail == 'unversioned':
                return i, f'{how}: defined (no version information)'
            return i, f'{how}: defined, version {detail}'
        if verdict == 'alone':
            alone.append((i, detail))
        elif detail:
            notes.append(detail)
    if len(alone) == 1:
        return alone[0][0], (f'{how}: defined, version {alone[0][1]} (the '
                             'only candidate for an unversioned reference)')
    return None, f'{how}: ' + ('; '.join(notes) if notes else 'not defined')


def scope_of(requester, objs):
    """The objects a look-up from REQUESTER searches, in order, as
    loader/symbol.c's sym_resolve walks them."""
    order = []
    if int(requester.v['symbolic']):
        order.append((requester, 'itself first (DF_SYMBOLIC)'))
    for d in objs:
        if int(d.v['global']):
            order.append((d, 'global scope'))
    group = requester.v['group']
    if int(group):
        by_addr = {d.addr: d for d in objs}
        for i in range(int(group['nscope'])):
            a = int(group['scope'][i])
            if a in by_addr:
                order.append((by_addr[a], 'its dlopen group'))
    return order


def references(objs, name):
    """[(dso, reloc type, slot address, wanted version or None,
    required from)] for each relocation that names NAME."""
    refs = []
    for d in objs:
        for table, r_offset, t, symi, _ in iter_relocs(d):
            if not symi or symi >= max(d.nsyms_reloc, d.nsyms):
                continue
            s = d.sym(symi)
            if d.sym_name(s['name']) != name:
                continue
            want = None
            vs = d.versym_of(symi)
            if vs is not None and (vs & 0x7fff) > VER_NDX_GLOBAL:
                vn = d.verneed(vs & 0x7fff)
                if vn:
                    want = vn
            refs.append((d, t, d.base + r_offset, want))
    return refs


def describe_address(addr):
    try:
        text = gdb.execute(f'info symbol {addr:#x}', to_string=True).strip()
    except gdb.error:
        return '?'
    return 'no symbol there' if text.startswith('No symbol') else text


def cmd_symbol(arg):
    argv = gdb.string_to_argv(arg)
    if not argv or len(argv) > 2:
        raise gdb.GdbError('usage: myld symbol NAME [OBJECT]')
    name = argv[0]
    objs = dso_list()
    refs = references(objs, name)
    if len(argv) == 2:
        pick = [d for d in objs if d.label().endswith(argv[1]) or
                (d.name or '').endswith(argv[1])]
        if not pick:
            raise gdb.GdbError(f'myld: no object {argv[1]}')
        refs = [r for r in refs if r[0] is pick[0]] or \
            [(pick[0], None, None, None)]
    if not refs:
        print(f'{name}: no relocation refers to it; looking it up as the '
              'program would')
        refs = [(objs[0], None, None, None)]
    arch = cpu()
    seen = set()
    for d, t, slot, want in refs:
        version = want[0] if want else None
        for_plt = t == JUMP_SLOT[arch]
        key = (d.addr, version, for_plt)
        if key in seen and t is not None:
            # Same question, same answer: just show the slot.
            show_slot(d, t, slot, None)
            continue
        seen.add(key)
        req = f'`{name}\''
        if want:
            req += f', version {want[0]} (required from {want[1]})'
        else:
            req += ', unversioned'
        what = f' through {reloc_name(t)}' if t is not None else ''
        print(f'{d.label()} looks up {req}{what}')
        print('  searched, in order:')
        found = None
        for s, why in scope_of(d, objs):
            if not s.syms:
                print(f'    {s.label()} [{why}]: no symbol table')
                continue
            i, how = search_one(s, name, version, for_plt)
            mark = '=>' if i is not None else '  '
            print(f'  {mark} {s.label()} [{why}]: {how}')
            if i is not None:
                found = (s, i)
                break
        if found:
            s, i = found
            sym = s.sym(i)
            addr = s.base + sym['value']
            typ = STT_NAMES.get(sym['info'] & 0xf, '?')
            bind = STB_NAMES.get(sym['info'] >> 4, '?')
            print(f'  bound to {s.label()}: {typ} {bind} at {addr:#x} '
                  f'({describe_address(addr)})')
        else:
            print('  not found: a weak reference gets 0, another one is '
                  'an error')
        if t is not None:
            show_slot(d, t, slot, found)


def show_slot(d, t, slot, found):
    try:
        value = u64(slot)
    except gdb.MemoryError:
        print(f'  slot {slot:#x}: unreadable')
        return
    line = f'  {reloc_name(t)} slot {slot:#x} holds {value:#x}'
    if found:
        s, i = found
        target = s.base + s.sym(i)['value']
        if value == target:
            line += ' (the definition: bound)'
        elif t == JUMP_SLOT[cpu()]:
            line += (f' ({describe_address(value)}: not bound yet, the '
                     'first call goes through the lazy-binding trampoline)')
        else:
            line += f' ({describe_address(value)})'
    print(line)


# ---------------------------------------------------------------------------
# myld tls

def thread_pointer():
    reg = '$fs_base' if cpu() == 'x86_64' else '$tpidr'
    try:
        return int(gdb.parse_and_eval(reg)), reg
    except gdb.error:
        pass
    # qemu's gdb stub shows no TPIDR_EL0: the main thread's pointer is
    # also where myld put a static TLS block, less that block's offset
    # (loader/tls.c, tls_setup_static: dtv[modid] = tp + tls_offset).
    try:
        dtv = myld_var('initial_dtv')
        for d in dso_list():
            v = d.v
            modid = int(v['tls_modid'])
            if modid and int(v['tls_static']) and int(dtv):
                block = int(dtv[modid]['pointer']['val'])
                return block - int(v['tls_offset']), \
                    f'initial_dtv[{modid}] - tls_offset'
    except (gdb.GdbError, gdb.error):
        pass
    return None, None


def cmd_tls(arg):
    tp, src = thread_pointer()
    variant = 'II (blocks below TP)' if cpu() == 'x86_64' else \
        'I (TCB at TP, blocks above it)'
    print(f'thread pointer: {tp:#x} (from {src}); TLS variant {variant}'
          if tp is not None else 'thread pointer: unknown')
    try:
        used = int(myld_var('static_used'))
        limit = int(myld_var('static_limit'))
        print(f'static TLS area: {used:#x} bytes used of {limit:#x}')
    except gdb.GdbError:
        pass
    any_tls = False
    for d in dso_list():
        v = d.v
        modid = int(v['tls_modid'])
        if not modid:
            continue
        any_tls = True
        off = int(v['tls_offset'])
        static = int(v['tls_static'])
        print(f'module {modid}: {d.label()}')
        print(f'    size {int(v["tls_memsz"]):#x} (initialised '
              f'{int(v["tls_filesz"]):#x}), align {int(v["tls_align"]):#x}')
        if static:
            where = 'surplus of the static area (dlopen)' if \
                int(v['tls_in_surplus']) else 'static TLS'
            block = f'{tp + off:#x}' if tp is not None else '?'
            print(f'    {where}: TP{off:+#x} = {block}')
        else:
            print('    dynamic: allocated by __tls_get_addr on first use')
    if not any_tls:
        print('no object has a PT_TLS segment (or stage_setup_tls has not '
              'run yet)')


# ---------------------------------------------------------------------------

class MyldCommand(gdb.Command):
    """Show myld's state: myld objects | relocs | symbol NAME [OBJ] | tls."""

    def __init__(self):
        super().__init__('myld', gdb.COMMAND_DATA, gdb.COMPLETE_NONE, True)

    def invoke(self, arg, from_tty):
        gdb.execute('help myld')


class MyldSub(gdb.Command):
    def __init__(self, name, fn, doc):
        self.__doc__ = doc
        super().__init__('myld ' + name, gdb.COMMAND_DATA)
        self.fn = fn

    def invoke(self, arg, from_tty):
        try:
            self.fn(arg)
        except gdb.MemoryError as e:
            raise gdb.GdbError(f'myld: cannot read memory: {e}')


MyldCommand()
MyldSub('objects', cmd_objects,
        'Every object in myld\'s list, with its segments and protections.')
MyldSub('relocs', cmd_relocs,
        'Relocation counts by type for every object, from its tables.')
MyldSub('symbol', cmd_symbol,
        'myld symbol NAME [OBJECT]: where NAME is bound and why.\n'
        'Walks the lookup scope as loader/symbol.c does, for every object\n'
        'whose relocations name NAME (or only OBJECT\'s).')
MyldSub('tls', cmd_tls,
        'TLS modules: ids, offsets from the thread pointer, sizes.')
