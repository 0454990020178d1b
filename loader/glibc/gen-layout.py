#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate glibc-layout.h: the private glibc layouts myld's glibc
personality writes, read from the installed glibc's debug information.

libc.so.6 reaches into its loader's data (_rtld_global, _rtld_global_ro,
struct link_map) and into the thread control block (struct pthread).
None of that is a stable ABI: any glibc build may move a field.  So no
offset in loader/glibc/ is written by hand.  This script asks gdb, which
reads the DWARF of Debian's libc6-dbg (found through the build-ids of the
installed ld.so and libc.so.6), and writes one constant per field, the
sizes of the structures, the tunables table and the two build-ids.  At
run time myld refuses a libc.so.6 whose build-id differs (startup.c).

    gen-layout.py --ld /lib64/ld-linux-x86-64.so.2 \\
                  --libc /lib/x86_64-linux-gnu/libc.so.6 --out glibc-layout.h
    gen-layout.py --check ...   exit 0 if the debug information is there,
                                else print why not and exit 1

The meson build runs --check at configure time: without the debug
information the glibc personality is simply not built.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

# Constants read from ld.so's debug information: name -> C expression
# that gdb evaluates to an integer.  Field offsets are written as
# offsetof through a null pointer, which gdb evaluates without running
# anything.
RO = "((struct rtld_global_ro *)0)"
GL = "((struct rtld_global *)0)"
LM = "((struct link_map *)0)"
CPU = RO + "->_dl_x86_cpu_features"
A64 = RO + "->_dl_aarch64_cpu_features"


def off(expr):
    return "(long)&" + expr


LD_CONSTANTS = {
    # sizes
    "SIZEOF_RTLD_GLOBAL": "sizeof(struct rtld_global)",
    "SIZEOF_RTLD_GLOBAL_RO": "sizeof(struct rtld_global_ro)",
    "SIZEOF_LINK_MAP": "sizeof(struct link_map)",
    "SIZEOF_LINK_NAMESPACES": "sizeof(struct link_namespaces)",
    "SIZEOF_DLFCN_HOOK": "sizeof(struct dlfcn_hook)",
    "SIZEOF_DL_FIND_OBJECT": "sizeof(struct dl_find_object)",
    "DL_NNS": "sizeof(" + GL + "->_dl_ns) / sizeof(struct link_namespaces)",
    "LM_INFO_COUNT": "sizeof(" + LM + "->l_info) / sizeof(void *)",
    # _rtld_global_ro
    "RO_DEBUG_MASK": off(RO + "->_dl_debug_mask"),
    "RO_PAGESIZE": off(RO + "->_dl_pagesize"),
    "RO_MINSIGSTACKSIZE": off(RO + "->_dl_minsigstacksize"),
    "RO_CLKTCK": off(RO + "->_dl_clktck"),
    "RO_LAZY": off(RO + "->_dl_lazy"),
    "RO_FPU_CONTROL": off(RO + "->_dl_fpu_control"),
    "SIZEOF_FPU_CONTROL": "sizeof(" + RO + "->_dl_fpu_control)",
    "RO_HWCAP": off(RO + "->_dl_hwcap"),
    "RO_HWCAP2": off(RO + "->_dl_hwcap2"),
    "RO_AUXV": off(RO + "->_dl_auxv"),
    "RO_PLATFORM": off(RO + "->_dl_platform"),
    "RO_PLATFORMLEN": off(RO + "->_dl_platformlen"),
    "RO_TLS_STATIC_SIZE": off(RO + "->_dl_tls_static_size"),
    "RO_TLS_STATIC_ALIGN": off(RO + "->_dl_tls_static_align"),
    "RO_TLS_STATIC_SURPLUS": off(RO + "->_dl_tls_static_surplus"),
    "RO_INIT_ALL_DIRS": off(RO + "->_dl_init_all_dirs"),
    "RO_SYSINFO_DSO": off(RO + "->_dl_sysinfo_dso"),
    "RO_SYSINFO_MAP": off(RO + "->_dl_sysinfo_map"),
    "RO_VDSO_CLOCK_GETTIME64": off(RO + "->_dl_vdso_clock_gettime64"),
    "RO_VDSO_GETTIMEOFDAY": off(RO + "->_dl_vdso_gettimeofday"),
    "RO_VDSO_CLOCK_GETRES_TIME64": off(RO + "->_dl_vdso_clock_getres_time64"),
    "RO_TLS_GET_ADDR_SOFT": off(RO + "->_dl_tls_get_addr_soft"),
    "RO_LIBC_FREERES": off(RO + "->_dl_libc_freeres"),
    "RO_FIND_OBJECT": off(RO + "->_dl_find_object"),
    "RO_DLFCN_HOOK": off(RO + "->_dl_dlfcn_hook"),
    "RO_NAUDIT": off(RO + "->_dl_naudit"),
    # _rtld_global
    "GL_NS": off(GL + "->_dl_ns"),
    "NS_LOADED": "(long)&((struct link_namespaces *)0)->_ns_loaded",
    "NS_NLOADED": "(long)&((struct link_namespaces *)0)->_ns_nloaded",
    "GL_NNS": off(GL + "->_dl_nns"),
    "GL_LOAD_LOCK": off(GL + "->_dl_load_lock"),
    "GL_LOAD_WRITE_LOCK": off(GL + "->_dl_load_write_lock"),
    "GL_LOAD_TLS_LOCK": off(GL + "->_dl_load_tls_lock"),
    "MUTEX_KIND": "(long)&((__rtld_lock_recursive_t *)0)->mutex.__data.__kind",
    "MUTEX_LOCK": "(long)&((__rtld_lock_recursive_t *)0)->mutex.__data.__lock",
    "MUTEX_COUNT": "(long)&((__rtld_lock_recursive_t *)0)->mutex.__data.__count",
    "MUTEX_OWNER": "(long)&((__rtld_lock_recursive_t *)0)->mutex.__data.__owner",
    "MUTEX_NUSERS": "(long)&((__rtld_lock_recursive_t *)0)->mutex.__data.__nusers",
    "GL_LOAD_ADDS": off(GL + "->_dl_load_adds"),
    "GL_ALL_DIRS": off(GL + "->_dl_all_dirs"),
    "GL_RTLD_MAP": off(GL + "->_dl_rtld_map"),
    "GL_STACK_FLAGS": off(GL + "->_dl_stack_flags"),
    "GL_TLS_MAX_DTV_IDX": off(GL + "->_dl_tls_max_dtv_idx"),
    "GL_TLS_STATIC_NELEM": off(GL + "->_dl_tls_static_nelem"),
    "GL_TLS_GENERATION": off(GL + "->_dl_tls_generation"),
    "GL_STACK_USED": off(GL + "->_dl_stack_used"),
    "GL_STACK_USER": off(GL + "->_dl_stack_user"),
    "GL_STACK_CACHE": off(GL + "->_dl_stack_cache"),
    "GL_STACK_CACHE_LOCK": off(GL + "->_dl_stack_cache_lock"),
    # struct link_map (the internal one)
    "LM_ADDR": off(LM + "->l_addr"),
    "LM_NAME": off(LM + "->l_name"),
    "LM_LD": off(LM + "->l_ld"),
    "LM_NEXT": off(LM + "->l_next"),
    "LM_PREV": off(LM + "->l_prev"),
    "LM_REAL": off(LM + "->l_real"),
    "LM_NS": off(LM + "->l_ns"),
    "LM_LIBNAME": off(LM + "->l_libname"),
    "SIZEOF_LIBNAME_LIST": "sizeof(struct libname_list)",
    "LN_NAME": "(long)&((struct libname_list *)0)->name",
    "LN_NEXT": "(long)&((struct libname_list *)0)->next",
    "LN_DONT_FREE": "(long)&((struct libname_list *)0)->dont_free",
    "LM_INFO": off(LM + "->l_info"),
    "LM_PHDR": off(LM + "->l_phdr"),
    "LM_ENTRY": off(LM + "->l_entry"),
    "LM_PHNUM": off(LM + "->l_phnum"),
    "LM_LDNUM": off(LM + "->l_ldnum"),
    "LM_LOADER": off(LM + "->l_loader"),
    "LM_NBUCKETS": off(LM + "->l_nbuckets"),
    "LM_GNU_BITMASK_IDXBITS": off(LM + "->l_gnu_bitmask_idxbits"),
    "LM_GNU_SHIFT": off(LM + "->l_gnu_shift"),
    "LM_GNU_BITMASK": off(LM + "->l_gnu_bitmask"),
    "LM_GNU_BUCKETS": off(LM + "->l_gnu_buckets"),
    "LM_GNU_CHAIN_ZERO": off(LM + "->l_gnu_chain_zero"),
    "LM_DIRECT_OPENCOUNT": off(LM + "->l_direct_opencount"),
    "LM_MAP_START": off(LM + "->l_map_start"),
    "LM_MAP_END": off(LM + "->l_map_end"),
    "LM_TEXT_END": off(LM + "->l_text_end"),
    "LM_TLS_INITIMAGE": off(LM + "->l_tls_initimage"),
    "LM_TLS_INITIMAGE_SIZE": off(LM + "->l_tls_initimage_size"),
    "LM_TLS_BLOCKSIZE": off(LM + "->l_tls_blocksize"),
    "LM_TLS_ALIGN": off(LM + "->l_tls_align"),
    "LM_TLS_OFFSET": off(LM + "->l_tls_offset"),
    "LM_TLS_MODID": off(LM + "->l_tls_modid"),
    "LM_TLS_DTOR_COUNT": off(LM + "->l_tls_dtor_count"),
    "LM_RELRO_ADDR": off(LM + "->l_relro_addr"),
    "LM_RELRO_SIZE": off(LM + "->l_relro_size"),
    "LM_FLAGS_1": off(LM + "->l_flags_1"),
    "LM_FLAGS": off(LM + "->l_flags"),
    "TUNABLE_TYPE_INT_32": "(int)TUNABLE_TYPE_INT_32",
    "TUNABLE_TYPE_UINT_64": "(int)TUNABLE_TYPE_UINT_64",
    "TUNABLE_TYPE_SIZE_T": "(int)TUNABLE_TYPE_SIZE_T",
    "TUNABLE_TYPE_STRING": "(int)TUNABLE_TYPE_STRING",
    "TUNABLE_SECLEVEL_SXID_ERASE": "(int)TUNABLE_SECLEVEL_SXID_ERASE",
    "TUNABLE_SECLEVEL_SXID_IGNORE": "(int)TUNABLE_SECLEVEL_SXID_IGNORE",
    "TUNABLE_SECLEVEL_NONE": "(int)TUNABLE_SECLEVEL_NONE",
    "RFV_NAME": "(long)&((struct r_found_version *)0)->name",
    "RFV_HASH": "(long)&((struct r_found_version *)0)->hash",
    "RO_LOOKUP_SYMBOL_X": off(RO + "->_dl_lookup_symbol_x"),
    "LT_EXECUTABLE": "(int)lt_executable",
    "LT_LIBRARY": "(int)lt_library",
    "LT_LOADED": "(int)lt_loaded",
    # struct dl_find_object
    "DLFO_FLAGS": "(long)&((struct dl_find_object *)0)->dlfo_flags",
    "DLFO_MAP_START": "(long)&((struct dl_find_object *)0)->dlfo_map_start",
    "DLFO_MAP_END": "(long)&((struct dl_find_object *)0)->dlfo_map_end",
    "DLFO_LINK_MAP": "(long)&((struct dl_find_object *)0)->dlfo_link_map",
    "DLFO_EH_FRAME": "(long)&((struct dl_find_object *)0)->dlfo_eh_frame",
}

# Fields only some glibc builds have: NAME gets 0 and HAS_NAME says.
LD_OPTIONAL = {
    "RO_VDSO_TIME": off(RO + "->_dl_vdso_time"),
    "RO_VDSO_GETCPU": off(RO + "->_dl_vdso_getcpu"),
}

# What each CPU's glibc has of its own (arch/<cpu>/glibc_*.c use these).
LD_ARCH = {
    "x86_64": {
    "SIZEOF_CPUID_FEATURE": "sizeof(struct cpuid_feature_internal)",
    # struct cpu_features inside _rtld_global_ro
    "RO_CPU_KIND": off(CPU + ".basic.kind"),
    "RO_CPU_MAX_CPUID": off(CPU + ".basic.max_cpuid"),
    "RO_CPU_FAMILY": off(CPU + ".basic.family"),
    "RO_CPU_MODEL": off(CPU + ".basic.model"),
    "RO_CPU_STEPPING": off(CPU + ".basic.stepping"),
    "RO_CPU_FEATURES": off(CPU + ".features"),
    "CPU_FEATURES_COUNT": "sizeof(" + CPU + ".features) / sizeof(struct cpuid_feature_internal)",
    "CPU_FEATURE_CPUID": "(long)&((struct cpuid_feature_internal *)0)->cpuid",
    "CPU_FEATURE_ACTIVE": "(long)&((struct cpuid_feature_internal *)0)->active",
    "RO_CPU_PREFERRED": off(CPU + ".preferred"),
    "RO_CPU_ISA_1": off(CPU + ".isa_1"),
    "RO_CPU_XSAVE_STATE_SIZE": off(CPU + ".xsave_state_size"),
    "RO_CPU_XSAVE_STATE_FULL_SIZE": off(CPU + ".xsave_state_full_size"),
    "RO_CPU_DATA_CACHE_SIZE": off(CPU + ".data_cache_size"),
    "RO_CPU_SHARED_CACHE_SIZE": off(CPU + ".shared_cache_size"),
    "RO_CPU_NON_TEMPORAL_THRESHOLD": off(CPU + ".non_temporal_threshold"),
    "RO_CPU_REP_MOVSB_THRESHOLD": off(CPU + ".rep_movsb_threshold"),
    "RO_CPU_REP_MOVSB_STOP_THRESHOLD": off(CPU + ".rep_movsb_stop_threshold"),
    "RO_CPU_REP_STOSB_THRESHOLD": off(CPU + ".rep_stosb_threshold"),
    "RO_CPU_LEVEL1_ICACHE_SIZE": off(CPU + ".level1_icache_size"),
    "RO_CPU_LEVEL1_ICACHE_LINESIZE": off(CPU + ".level1_icache_linesize"),
    "RO_CPU_LEVEL1_DCACHE_SIZE": off(CPU + ".level1_dcache_size"),
    "RO_CPU_LEVEL1_DCACHE_ASSOC": off(CPU + ".level1_dcache_assoc"),
    "RO_CPU_LEVEL1_DCACHE_LINESIZE": off(CPU + ".level1_dcache_linesize"),
    "RO_CPU_LEVEL2_CACHE_SIZE": off(CPU + ".level2_cache_size"),
    "RO_CPU_LEVEL2_CACHE_ASSOC": off(CPU + ".level2_cache_assoc"),
    "RO_CPU_LEVEL2_CACHE_LINESIZE": off(CPU + ".level2_cache_linesize"),
    "RO_CPU_LEVEL3_CACHE_SIZE": off(CPU + ".level3_cache_size"),
    "RO_CPU_LEVEL3_CACHE_ASSOC": off(CPU + ".level3_cache_assoc"),
    "RO_CPU_LEVEL3_CACHE_LINESIZE": off(CPU + ".level3_cache_linesize"),
    "RO_CPU_LEVEL4_CACHE_SIZE": off(CPU + ".level4_cache_size"),
    # enum values of this build
    "CPUID_INDEX_1": "(int)CPUID_INDEX_1",
    "CPUID_INDEX_7": "(int)CPUID_INDEX_7",
    "CPUID_INDEX_80000001": "(int)CPUID_INDEX_80000001",
    "CPUID_INDEX_D_ECX_1": "(int)CPUID_INDEX_D_ECX_1",
    "CPUID_INDEX_80000007": "(int)CPUID_INDEX_80000007",
    "CPUID_INDEX_80000008": "(int)CPUID_INDEX_80000008",
    "CPUID_INDEX_7_ECX_1": "(int)CPUID_INDEX_7_ECX_1",
    "CPUID_INDEX_19": "(int)CPUID_INDEX_19",
    "CPUID_INDEX_14_ECX_0": "(int)CPUID_INDEX_14_ECX_0",
    "ARCH_KIND_INTEL": "(int)arch_kind_intel",
    "ARCH_KIND_AMD": "(int)arch_kind_amd",
    "ARCH_KIND_ZHAOXIN": "(int)arch_kind_zhaoxin",
    "ARCH_KIND_OTHER": "(int)arch_kind_other",
    "PREFERRED_AVX_FAST_UNALIGNED_LOAD": "(int)bit_arch_AVX_Fast_Unaligned_Load",
    "PREFERRED_FAST_UNALIGNED_LOAD": "(int)bit_arch_Fast_Unaligned_Load",
    "PREFERRED_FAST_UNALIGNED_COPY": "(int)bit_arch_Fast_Unaligned_Copy",
    "PREFERRED_FAST_REP_STRING": "(int)bit_arch_Fast_Rep_String",
    "PREFERRED_NO_AVX512": "(int)bit_arch_Prefer_No_AVX512",
    },
    "aarch64": {
    "RO_CPU_MIDR_EL1": off(A64 + ".midr_el1"),
    "RO_CPU_ZVA_SIZE": off(A64 + ".zva_size"),
    "RO_CPU_BTI": off(A64 + ".bti"),
    "RO_CPU_MTE_STATE": off(A64 + ".mte_state"),
    "RO_CPU_SVE": off(A64 + ".sve"),
    "RO_CPU_MOPS": off(A64 + ".mops"),
    },
}

# The bit-fields of struct link_map myld sets: name -> field.
# Tunables myld itself reads, by id: GLIBC_TUNABLE_ID_<NAME> (-1 when this
# glibc has no such tunable).
TUNABLES_READ = ["glibc.pthread.rseq", "glibc.rtld.nns"]
LM_BITFIELDS = ["l_type", "l_relocated", "l_init_called", "l_global",
                "l_main_map", "l_contiguous", "l_ld_readonly"]

# struct dlfcn_hook members, in the order the header lists them.
DLFCN_HOOK_MEMBERS = ["dlopen", "dlclose", "dlsym", "dlvsym", "dlerror",
                      "dladdr", "dladdr1", "dlinfo", "dlmopen",
                      "libc_dlopen_mode", "libc_dlsym", "libc_dlvsym",
                      "libc_dlclose"]

PD = "((struct pthread *)0)"
LIBC_CONSTANTS = {
    "SIZEOF_PTHREAD": "sizeof(struct pthread)",
    "PD_LIST": off(PD + "->list"),
    "PD_TID": off(PD + "->tid"),
    "PD_ROBUST_PREV": off(PD + "->robust_prev"),
    "PD_ROBUST_HEAD": off(PD + "->robust_head"),
    "PD_ROBUST_HEAD_FUTEX_OFFSET": off(PD + "->robust_head.futex_offset"),
    "SIZEOF_ROBUST_HEAD": "sizeof(" + PD + "->robust_head)",
    "PD_SPECIFIC": off(PD + "->specific"),
    "PD_SPECIFIC_1STBLOCK": off(PD + "->specific_1stblock"),
    "PD_USER_STACK": off(PD + "->user_stack"),
    "PD_REPORT_EVENTS": off(PD + "->report_events"),
    "PD_STACKBLOCK": off(PD + "->stackblock"),
    "PD_STACKBLOCK_SIZE": off(PD + "->stackblock_size"),
    "PD_GUARDSIZE": off(PD + "->guardsize"),
    # what the kernel adds to a robust-list entry to find the futex word
    "ROBUST_FUTEX_OFFSET": "(long)&((pthread_mutex_t *)0)->__data.__lock - "
                           "(long)&((struct __pthread_mutex_s *)0)->__list.__next",
    "PD_RSEQ_AREA": off(PD + "->rseq_area"),
    "PD_RSEQ_CPU_ID": off(PD + "->rseq_area.cpu_id"),
    "SIZEOF_RSEQ_AREA": "sizeof(" + PD + "->rseq_area)",
}

LIBC_ARCH = {
    "x86_64": {
        # the TCB (tcbhead_t) is the head of struct pthread, at TP
        "TCB_POINTER_GUARD": off(PD + "->header.pointer_guard"),
    },
    "aarch64": {
        # a 16-byte tcbhead_t at TP, struct pthread just below it
        "SIZEOF_TCBHEAD": "sizeof(tcbhead_t)",
    },
}

MACHINES = {62: "x86_64", 183: "aarch64"}

# Run inside gdb: evaluate every expression of the JSON file argv names.
GDB_SCRIPT = r'''
import gdb, json, os
req = json.load(open(os.environ["MYLD_GEN_REQUEST"]))
out = {"values": {}, "bitfields": {}, "tunables": []}
for name, expr in req["constants"].items():
    try:
        out["values"][name] = int(gdb.parse_and_eval(expr))
    except gdb.error as e:
        out["values"][name] = None
        out.setdefault("errors", []).append("%s: %s: %s" % (name, expr, e))
for name, expr in req.get("optional", {}).items():
    try:
        out["values"][name] = int(gdb.parse_and_eval(expr))
        out["values"]["HAS_" + name] = 1
    except gdb.error:
        out["values"][name] = 0
        out["values"]["HAS_" + name] = 0
if req.get("bitfields"):
    lm = gdb.lookup_type("struct link_map")
    def walk(t, base):
        for f in t.fields():
            if f.name in req["bitfields"] and f.bitsize:
                out["bitfields"][f.name] = [base + f.bitpos, f.bitsize]
            elif f.name is None or f.type.strip_typedefs().code == gdb.TYPE_CODE_UNION:
                if f.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
                    walk(f.type.strip_typedefs(), base + f.bitpos)
    walk(lm, 0)
if req.get("tunables"):
    tl = gdb.parse_and_eval("tunable_list")
    n = tl.type.sizeof // tl[0].type.sizeof
    for i in range(n):
        t = tl[i]
        out["tunables"].append({
            "name": t["name"].string(),
            "type": int(t["type"]["type_code"]),
            "min": int(t["type"]["min"]),
            "max": int(t["type"]["max"]),
            "default": int(t["val"]["numval"]),
            "security": int(t["security_level"]),
            "alias": t["env_alias"].string(),
        })
print("MYLD-GEN:" + json.dumps(out))
'''


def machine(path):
    """The CPU an ELF file is for, by e_machine."""
    import struct
    with open(path, "rb") as f:
        head = f.read(20)
    e_machine, = struct.unpack_from("<H", head, 18)
    if e_machine not in MACHINES:
        raise SystemExit("%s: unsupported e_machine %d" % (path, e_machine))
    return MACHINES[e_machine]


def build_id(path):
    """The NT_GNU_BUILD_ID of an ELF file, as hex, without tools."""
    with open(path, "rb") as f:
        data = f.read()
    import struct
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise SystemExit("%s: not a 64-bit ELF file" % path)
    e_phoff, = struct.unpack_from("<Q", data, 32)
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 54)
    for i in range(e_phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", data, e_phoff + i * e_phentsize)
        if p_type != 4:		# PT_NOTE
            continue
        pos, end = p_offset, p_offset + p_filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
            name = data[pos + 12:pos + 12 + namesz]
            desc_at = pos + 12 + ((namesz + 3) & ~3)
            if ntype == 3 and name.rstrip(b"\0") == b"GNU":
                return data[desc_at:desc_at + descsz].hex()
            pos = desc_at + ((descsz + 3) & ~3)
    raise SystemExit("%s: no build-id note" % path)


def debug_file(path):
    bid = build_id(path)
    return "/usr/lib/debug/.build-id/%s/%s.debug" % (bid[:2], bid[2:]), bid


def outer_roots():
    """/proc/PID/root of the nearest ancestor process in another mount
    namespace than this one's (the one that made the namespace, or its
    parent), then of process 1: through them, paths resolve in that
    namespace, where nothing is bound over the system loader."""
    def mnt_ns(pid):
        try:
            return os.readlink("/proc/%s/ns/mnt" % pid)
        except OSError:
            return None
    own = mnt_ns("self")
    roots = []
    pid = os.getpid()
    while pid > 1:
        try:
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        ns = mnt_ns(pid)
        if ns and own and ns != own:
            roots.append("/proc/%d/root" % pid)
            break
    return roots + ["/proc/1/root"]


def glibc_loader(path):
    """The file that holds glibc's loader named PATH, with its debug file
    and build-id: (file, debug file, build-id), or (None, why) if none
    has its debug information installed.

    The file at PATH need not be glibc's: with myld bound over the system
    loader in a private mount namespace (docs/glibc.md), PATH is myld.
    glibc's own file is then still reachable through the root directory
    of a process in another mount namespace (outer_roots); it is
    recognised by its build-id, whose debug file libc6-dbg installs."""
    real = os.path.realpath(path)
    tried = []
    for cand in [path] + [root + real for root in outer_roots()]:
        try:
            dbg, bid = debug_file(cand)
        except (OSError, SystemExit):
            continue
        if os.path.exists(dbg):
            return cand, dbg, bid
        tried.append("%s has build-id %s" % (cand, bid))
    return None, ("no debug information for %s (%s): install libc6-dbg "
                  "for this exact glibc, or if that file is not glibc's "
                  "loader, make glibc's reachable" %
                  (path, "; ".join(tried) or "no build-id"))


def ask_gdb(gdb, binary, request):
    with tempfile.TemporaryDirectory() as tmp:
        req = os.path.join(tmp, "request.json")
        script = os.path.join(tmp, "script.py")
        with open(req, "w") as f:
            json.dump(request, f)
        with open(script, "w") as f:
            f.write(GDB_SCRIPT)
        env = dict(os.environ, MYLD_GEN_REQUEST=req)
        r = subprocess.run([gdb, "-batch", "-nx", "-ex", "file " + binary,
                            "-x", script], capture_output=True, text=True,
                           env=env)
    for line in r.stdout.splitlines():
        if line.startswith("MYLD-GEN:"):
            return json.loads(line[len("MYLD-GEN:"):])
    raise SystemExit("gdb could not read %s:\n%s%s" % (binary, r.stdout,
                                                        r.stderr))


def check(args):
    """Can the layouts be generated here?  Say why not."""
    for path in (args.ld, args.libc):
        if not os.path.exists(path):
            print("%s does not exist" % path)
            return 1
    found = glibc_loader(args.ld)
    if found[0] is None:
        print(found[1])
        return 1
    for path in (args.libc,):
        dbg, bid = debug_file(path)
        if not os.path.exists(dbg):
            print("no debug information for %s (build-id %s): install "
                  "libc6-dbg for this exact glibc" % (path, bid))
            return 1
    if not args.gdb or not os.path.exists(args.gdb):
        print("gdb is needed to read glibc's debug information")
        return 1
    return 0


def generate(args):
    found = glibc_loader(args.ld)
    if found[0] is None:
        raise SystemExit(found[1])
    ld_file, ld_dbg, ld_id = found
    if ld_file != args.ld:
        # gdb resolves a /proc/PID/root path to the name it has in this
        # namespace, which is the other file: give it a copy.
        copy_dir = tempfile.TemporaryDirectory()
        copy = os.path.join(copy_dir.name, os.path.basename(args.ld))
        with open(ld_file, "rb") as src, open(copy, "wb") as dst:
            dst.write(src.read())
        ld_file = copy
    libc_dbg, libc_id = debug_file(args.libc)
    arch = machine(ld_file)
    ld = ask_gdb(args.gdb, ld_file,
                 {"constants": dict(LD_CONSTANTS, **LD_ARCH[arch]),
                  "optional": LD_OPTIONAL,
                  "bitfields": LM_BITFIELDS,
                  "tunables": True})
    hook = {"DLFCN_HOOK_" + m.upper():
            "(long)&((struct dlfcn_hook *)0)->" + m
            for m in DLFCN_HOOK_MEMBERS}
    ld["values"].update(ask_gdb(args.gdb, ld_file,
                                {"constants": hook})["values"])
    libc = ask_gdb(args.gdb, args.libc,
                   {"constants": dict(LIBC_CONSTANTS, **LIBC_ARCH[arch])})
    errors = ld.get("errors", []) + libc.get("errors", [])
    missing = [b for b in LM_BITFIELDS if b not in ld["bitfields"]]
    if errors or missing:
        raise SystemExit("glibc's layout lacks what myld needs:\n  " +
                         "\n  ".join(errors + ["link_map bit-field " + m
                                               for m in missing]))

    lines = [
        "/* Generated by loader/glibc/gen-layout.py from the debug",
        " * information of the glibc installed at build time.  Do not edit:",
        " * rebuild myld after a glibc update instead. */",
        "#ifndef MYLD_GLIBC_LAYOUT_H",
        "#define MYLD_GLIBC_LAYOUT_H",
        "",
        "#define GLIBC_ARCH \"%s\"" % arch,
        "#define GLIBC_LD_PATH \"%s\"" % args.ld,
        "#define GLIBC_LIBC_PATH \"%s\"" % args.libc,
        "#define GLIBC_LD_BUILD_ID \"%s\"" % ld_id,
        "#define GLIBC_LIBC_BUILD_ID \"%s\"" % libc_id,
        "",
    ]
    for name, value in list(ld["values"].items()) + \
            list(libc["values"].items()):
        lines.append("#define GLIBC_%s %d" % (name, value))
    lines.append("")
    for name in LM_BITFIELDS:
        bitpos, bitsize = ld["bitfields"][name]
        lines.append("#define GLIBC_LM_%s_BIT %d" % (name[2:].upper(),
                                                      bitpos))
        lines.append("#define GLIBC_LM_%s_WIDTH %d" % (name[2:].upper(),
                                                        bitsize))
    lines += ["", "/* The tunables, in the order of their ids: name, type "
              "code, minimum, maximum, default, security level, the "
              "environment variable that is its alias and that "
              "alias's length. */",
              "#define GLIBC_TUNABLES_COUNT %d" % len(ld["tunables"]),
              "#define GLIBC_TUNABLE_NAME_SIZE %d" % (1 + max(
                  len(t["name"]) for t in ld["tunables"])),
              "#define GLIBC_TUNABLE_ALIAS_SIZE %d" % (1 + max(
                  len(t["alias"]) for t in ld["tunables"])),
              "#define GLIBC_TUNABLES_TABLE \\"]
    for t in ld["tunables"]:
        lines.append("\t{ \"%s\", %d, %dll, %dll, %dll, %d, \"%s\", %d }, "
                     "\\" % (t["name"], t["type"], t["min"], t["max"],
                             t["default"], t["security"], t["alias"],
                             len(t["alias"])))
    ids = {t["name"]: i for i, t in enumerate(ld["tunables"])}
    lines.append("")	# ends the table's continued lines
    for name in TUNABLES_READ:
        lines.append("#define GLIBC_TUNABLE_ID_%s %d" % (
            name.split(".", 1)[1].replace(".", "_").upper(),
            ids.get(name, -1)))
    lines += ["", "#endif", ""]
    text = "\n".join(lines)
    if not os.path.exists(args.out) or open(args.out).read() != text:
        with open(args.out, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ld", required=True)
    ap.add_argument("--libc", required=True)
    ap.add_argument("--gdb", default="/usr/bin/gdb")
    ap.add_argument("--out")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        return check(args)
    generate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
