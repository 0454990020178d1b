/* SPDX-License-Identifier: MIT */
/*
 * loader/dso.h - struct dso, the one object every stage works on.
 *
 * A dso is one loaded ELF object: the program, a library, or myld
 * itself.  The stages fill it in order: map.c sets the addresses and
 * program headers, dynamic.c the dynamic information and symbol tables,
 * load.c the dependencies, reloc.c and initfini.c the state flags.
 */
#ifndef MYLD_DSO_H
#define MYLD_DSO_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_parse.h"
#include "symbol.h"

enum dso_kind {
	DSO_PROGRAM,
	DSO_LIBRARY,
	DSO_LOADER,	/* myld itself */
};

/*
 * The public part of glibc's struct link_map, which debuggers read and
 * dlinfo(RTLD_DI_LINKMAP) returns.  It is the first member of struct
 * dso, so a dso pointer is also a link_map pointer.
 */
struct link_map_abi {
	uintptr_t l_addr;		/* load bias */
	char *l_name;			/* absolute path ("" for the program) */
	Elf64_Dyn *l_ld;		/* the dynamic section */
	struct link_map_abi *l_next, *l_prev;
};

struct lcf_binding;

#define DSO_NO_LAUNCH_INDEX UINT32_MAX

struct dso {
	struct link_map_abi lm;		/* must stay first */

	/* The global list in load order: program, preloads, dependencies. */
	struct dso *next;
	enum dso_kind kind;

	const char *name;	/* as it was asked for (DT_NEEDED, argv) */
	const char *path;	/* the file opened; used in every message */
	size_t path_len;	/* strlen(path) where load.c knew it, else 0 */
	const char *soname;	/* DT_SONAME, or NULL */
	const char *file_name;	/* the last component of name, or NULL */
	/* The name an auditor's la_objsearch gave instead of NAME (owned),
	 * or NULL.  As in glibc, it is the name the object is listed under
	 * (dso_listed_name), and both names find it again. */
	char *renamed_to;
	uint32_t name_hash, soname_hash;	/* to compare names quickly */
	size_t name_len, soname_len;		/* (paths: by length only) */
	int names_known;	/* 0, or how far: NAMES_MEASURED/HASHED (load.c) */
	const char *origin;	/* absolute directory, for $ORIGIN */
	const char *rpath;	/* DT_RPATH, only when there is no RUNPATH */
	const char *runpath;	/* DT_RUNPATH */
	int from_kernel;	/* mapped by the kernel, not by myld */

	/* Where it is.  BASE is the load bias: run-time minus link-time. */
	uintptr_t base;
	const Elf64_Phdr *phdr;
	size_t phnum;
	uint16_t e_type;
	uintptr_t entry;
	uintptr_t map_start;	/* the reservation, for munmap */
	size_t map_len;
	uint64_t dev, ino;	/* identity of the file, to load it once */
	/* The rest of what fstat said of it, which the launch cache
	 * compares (launch_cache.c); 0 for an object myld did not open. */
	uint64_t file_size;
	int64_t file_mtime_ns, file_ctime_ns;
	uint32_t launch_index;	/* position at start-up (launch_cache.c), or
				 * DSO_NO_LAUNCH_INDEX */
	/* The launch cache's answers for some lazy slots (IFUNCs), by slot
	 * index, or NULL (launch_cache.c). */
	const struct lcf_binding **launch_lazy_answers;

	const Elf64_Dyn *dynv;
	size_t dyn_count;
	struct dyn_info dyn;
	struct symtab symtab;
	size_t nsyms_reloc;	/* bound on symbol indexes in relocations */
	struct version *verneeds;	/* indexed by vna_other */
	size_t nverneeds;
	/* Its version definitions by hash, for checking others' needs: an
	 * open-addressed table of indices into symtab.verdefs (0: empty),
	 * built when first wanted (versions.c, defines_version). */
	uint16_t *verdefs_by_hash;
	uint32_t verdefs_mask;

	/* Direct dependencies (DT_NEEDED), in order. */
	struct dso **deps;
	size_t ndeps;
	/* Whose DT_NEEDED (or preload) brought it in; NULL for the program
	 * and for an object dlopen loaded itself. */
	struct dso *loaded_by;

	uint64_t relro_start, relro_end;	/* link-time, page-aligned */
	uint64_t writable_start, writable_end;	/* the last PF_W PT_LOAD */
	uint64_t exec_start, exec_end;		/* the last PF_X PT_LOAD */
	int symbolic;		/* DF_SYMBOLIC / DT_SYMBOLIC */
	int bind_now;		/* DF_BIND_NOW / DF_1_NOW */
	int textrel;		/* DT_TEXTREL / DF_TEXTREL */
	int textrel_open;	/* its text writable (not executable) now */
	int exec_stack;		/* asks for an executable stack */
	const Elf64_Phdr *tls_phdr;	/* its PT_TLS, or NULL */
	/* Its first PT_NOTE aligned to 4 or less, or NULL: where GNU ld
	 * and lld put the build-id, which the launch cache reads. */
	const Elf64_Phdr *note4_phdr;
	int plt_check;		/* has ARCH_DT_PLT_CHECK: see reloc.c */
	long plt_slots;		/* DT_JMPREL entries, counted at relocation */
	/* Where lazy PLT slots may lie, link-time (see reloc.c) */
	uint64_t lazy_slots_start, lazy_slots_size;
	/* Its PLT slots lie in RELRO and stay pointing at the PLT: a
	 * BIND_NOW object under PLT auditing (reloc_internal.h). */
	int lazy_slots_readonly;
	int dlopen_now;		/* dlopen said RTLD_NOW: binds at once */

	/* Thread-local storage (tls.c); tls_modid is 0 without PT_TLS. */
	size_t tls_modid;
	int64_t tls_offset;	/* the block is at TP + tls_offset */
	int tls_static;		/* has a block in the static TLS area */
	int tls_in_surplus;	/* placed there by dlopen */
	uint64_t tls_static_before;	/* surplus used before it came */
	const void *tls_image;	/* .tdata, tls_filesz bytes */
	uint64_t tls_filesz, tls_memsz, tls_align, tls_vaddr;

	int in_list;		/* myld itself: already in dso_list */
	int dynamic_deferred;	/* myld itself: .dynamic not read yet (dynamic.c) */
	int name_owned, phdr_owned;	/* allocated, freed with the dso */

	/* Scopes and lifetime (dlfcn.c, unload.c). */
	long ns;		/* its namespace (Lmid_t): 0 is the base one,
				 * which start-up fills; dlmopen makes others */
	/* In its namespace's global lookup scope: then ns + 1, so that
	 * the scope walk asks "in this namespace's global scope?" with one
	 * comparison (dso_join_global); 0 otherwise. */
	long global;
	int dynamic;		/* loaded by dlopen: may be unloaded */
	int published;		/* dynamic, and its dlopen succeeded */
	int nodelete;		/* RTLD_NODELETE or DF_1_NODELETE */
	size_t refcount;	/* dlopen handles still open */
	struct dso *group;	/* the dlopen root whose local scope applies */
	int deepbind;		/* that dlopen asked for RTLD_DEEPBIND: the
				 * local scope comes before the global one */
	struct dso **scope;	/* for a root: itself and its dependencies */
	size_t nscope;
	struct dso **reldeps;	/* objects it bound symbols to, outside deps */
	size_t nreldeps, reldeps_cap;
	int gc_mark;
	int used;		/* some symbol bound to it: --list-unused */
	int indexed;		/* its definitions are in sym_scope_index */
	int relocated;
	int init_state;		/* 0 not yet, 1 running, 2 done */
	int finalised;		/* its finalisers ran, or are running */
	int doomed;		/* chosen by dlclose: finalise, then unload */
	unsigned init_visit;	/* the last ordering walk that saw it */
	void *libc_map;		/* the C library's descriptor of it, kept by
				 * a personality (libc_compat.h) */
	void *libc_map_memory;	/* what the personality allocated for it */
	struct dso *init_next;	/* order in which init functions ran */
	int audit_private;	/* an auditor or loaded only for one
				 * (audit.c): never reported to them */
	void *audit;		/* each auditor's cookie and flags for it
				 * (audit.c), or NULL */
	int audit_closed;	/* la_objclose told at exit (audit.c) */
	void *audit_slots;	/* la_symbind64's answer per PLT slot, when
				 * an auditor has la_pltenter (audit.c) */
};

/*
 * The objects loaded so far, in load order, and the two special ones
 * (owned by objects.c).  One list holds every namespace's objects, each
 * tagged with its namespace (dso.ns): a namespace's own list is its
 * objects in this order.  myld itself is in the base namespace only, and
 * stands in every other one too (as glibc's loader does).
 */
extern struct dso *dso_list;
extern struct dso *dso_program;
extern struct dso *dso_loader;

/* glibc's DL_NNS: at most this many namespaces, the base one included. */
#define DSO_MAX_NAMESPACES 16

/* The object whose symbol tables T are (T is some dso's symtab). */
static inline const struct dso *dso_of_symtab(const struct symtab *t)
{
	return (const struct dso *)((const char *)t -
				    offsetof(struct dso, symtab));
}

/* A run-time address in D, from a link-time address. */
static inline void *dso_addr(const struct dso *d, uint64_t vaddr)
{
	return (void *)(d->base + vaddr);
}

/*
 * Is [VADDR, VADDR + SIZE) inside D's loaded image, where myld may read
 * it?  A segment without PF_R is mapped unreadable, so what lies there
 * (a table, a string, a TLS image) would fault when read.
 */
static inline int dso_has_range(const struct dso *d, uint64_t vaddr,
				uint64_t size)
{
	return elf_vaddr_in_load_with(d->phdr, d->phnum, vaddr, size, PF_R);
}

/* Is [VADDR, VADDR + SIZE) inside a writable PT_LOAD of D? */
int dso_range_writable(const struct dso *d, uint64_t vaddr, uint64_t size);

/* The writable PT_LOAD of D that holds [VADDR, VADDR + SIZE) whole, or
 * NULL: the one statement of where a relocation may write, for the
 * question above and for those that need the segment itself. */
const Elf64_Phdr *dso_writable_load(const struct dso *d, uint64_t vaddr,
				    uint64_t size);

/* Is [VADDR, VADDR + SIZE) inside an executable PT_LOAD of D? */
int dso_range_executable(const struct dso *d, uint64_t vaddr, uint64_t size);

/* The name glibc's link map lists first (ldd shows it, sotruss too): the
 * name asked for, or what an auditor renamed it to. */
static inline const char *dso_listed_name(const struct dso *d)
{
	return d->renamed_to ? d->renamed_to : d->name;
}

/* The value of dso.global for the members of namespace NS's global
 * scope. */
static inline long dso_global_key(long ns)
{
	return ns + 1;
}

/* D joins its namespace's global scope. */
static inline void dso_join_global(struct dso *d)
{
	d->global = dso_global_key(d->ns);
}

#endif
