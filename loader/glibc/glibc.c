/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc.c - the glibc personality: myld as glibc's ld.so.
 *
 * glibc's libc.so.6 is written for one loader, its own, and relies on
 * it in ways no ELF specification describes.  This module provides that
 * private interface, for exactly the glibc build it was generated from
 * (glibc-layout.h, made by gen-layout.py from the installed debug
 * information).  What libc expects, and where this file does it:
 *
 *   - the symbols of glibc's ld.so with glibc's versions: myld is that
 *     object (load.c maps the name to myld; exports-glibc-<cpu>.map);
 *   - _rtld_global_ro: page size, auxv, hwcap, the CPU features its
 *     IFUNC resolvers read (arch-<cpu>.c), TLS sizes, function pointers
 *     (fill_rtld_global_ro);
 *   - _rtld_global: the namespace's list of link maps in glibc's internal
 *     layout, recursive-mutex initialisers, the thread-stack lists
 *     (fill_rtld_global, build_link_map);
 *   - the main thread's descriptor (struct pthread) at the thread
 *     pointer: guards from AT_RANDOM, tid, robust list, rseq
 *     (init_main_thread);
 *   - functions libc calls: TLS for new threads, tunables, the dlfcn hook
 *     that routes libc's dlopen & co. to dlfcn.c, _dl_find_object for
 *     the unwinder;
 *   - the loader lock: myld's lock is GL(dl_load_lock) itself
 *     (adopt_load_lock), and the chain of link maps changes under
 *     GL(dl_load_write_lock) too; an object with thread-local
 *     destructors pending (l_tls_dtor_count, which libc counts) stays
 *     loaded (objects_observer);
 *   - __libc_early_init after relocation.
 *
 * Every offset comes from glibc-layout.h; nothing here knows a number of
 * glibc's by heart except the ELF and Linux ABI constants.
 */
#include <stdarg.h>

#include "alloc.h"
#include "diag.h"
#include "dlfcn.h"
#include "dso.h"
#include "dynamic.h"
#include "glibc-arch.h"
#include "glibc-layout.h"
#include "glibc-tunables.h"
#include "lib.h"
#include "libc_compat.h"
#include "lock.h"
#include "map.h"
#include "objects.h"
#include "symbol.h"
#include "sys.h"
#include "tls.h"

#define EXPORT __attribute__((visibility("default")))

/*
 * The data libc imports from its loader.  The two big structures are
 * opaque byte arrays of the generated sizes: every access goes through
 * an offset from glibc-layout.h.
 */
EXPORT unsigned char _rtld_global[GLIBC_SIZEOF_RTLD_GLOBAL]
	__attribute__((aligned(64)));
EXPORT _Bool __nptl_initial_report_events;	/* debuggers write it */

/*
 * What libc and programs only read, or call through, once start-up is
 * done: filled before libc's relocation, then read-only for good, as in
 * glibc, where they are RELRO data of ld.so.  They share one section of
 * myld's RELRO segment, whose pages rtld.c protects last
 * (libc_compat_ro_after_start).
 */
#define RO_AFTER_START __attribute__((section(".data.rel.ro.myld_late")))
EXPORT RO_AFTER_START unsigned char
	_rtld_global_ro[GLIBC_SIZEOF_RTLD_GLOBAL_RO]
	__attribute__((aligned(64)));
EXPORT RO_AFTER_START void *__libc_stack_end;
EXPORT RO_AFTER_START char **_dl_argv;
EXPORT RO_AFTER_START int __libc_enable_secure;
EXPORT RO_AFTER_START unsigned int __rseq_size;
EXPORT RO_AFTER_START long __rseq_offset;
EXPORT RO_AFTER_START unsigned int __rseq_flags;

/* A field of type T at byte offset OFF of the object at BASE. */
#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))
#define RO(off, T) FIELD(_rtld_global_ro, off, T)
#define GL(off, T) FIELD(_rtld_global, off, T)

/* glibc's mutex kind for its loader locks: PTHREAD_MUTEX_RECURSIVE_NP. */
#define MUTEX_RECURSIVE 1
/* The rseq registration libc expects (Linux ABI and glibc's values; the
 * signature is the CPU's, glibc_arch_rseq_signature). */
#define RSEQ_AREA_SIZE_INITIAL 32
#define RSEQ_AREA_SIZE_INITIAL_USED 20
#define RSEQ_CPU_ID_REGISTRATION_FAILED (-2)

static struct dso *libc_dso;
/* The kernel's vDSO, described (not loaded: the kernel mapped it) for
 * libc's list of objects, the unwinder, and its fast time functions. */
static struct dso *vdso;
static void *(*libc_malloc)(size_t);
static int (*libc_mutex_lock)(void *), (*libc_mutex_unlock)(void *);

/* ------------------------------------------------------------------ */
/* Recognising libc.so.6                                              */

/* The NT_GNU_BUILD_ID of D, as lowercase hex in OUT (at least 81
 * bytes); "" if it has none. */
static void build_id_of(const struct dso *d, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type != PT_NOTE || !dso_has_range(d, p->p_vaddr,
							   p->p_filesz))
			continue;
		const char *n = dso_addr(d, p->p_vaddr);
		const char *end = n + p->p_filesz;

		while (n + sizeof(Elf64_Nhdr) <= end) {
			const Elf64_Nhdr *h = (const void *)n;
			const char *name = n + sizeof(*h);
			const unsigned char *desc =
				(const void *)(name + ALIGN_UP(h->n_namesz, 4));

			if ((const char *)desc + h->n_descsz > end)
				break;
			if (h->n_type == NT_GNU_BUILD_ID && h->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4) && h->n_descsz <= 40) {
				static const char hex[] = "0123456789abcdef";

				for (size_t k = 0; k < h->n_descsz; k++) {
					out[2 * k] = hex[desc[k] >> 4];
					out[2 * k + 1] = hex[desc[k] & 15];
				}
				out[2 * h->n_descsz] = '\0';
				return;
			}
			n = (const char *)desc + ALIGN_UP(h->n_descsz, 4);
		}
	}
}

int libc_compat_adopt(void)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->soname && !strcmp(d->soname, "libc.so.6"))
			libc_dso = d;
	if (!libc_dso)
		return 0;

	char id[81];
	build_id_of(libc_dso, id);
	if (strcmp(id, GLIBC_LIBC_BUILD_ID))
		diag_die(libc_dso->path, "glibc build %s is not the one this "
			 "myld was generated for (%s, %s): rebuild myld on this "
			 "system (meson setup --reconfigure; needs libc6-dbg)",
			 *id ? id : "without build-id", GLIBC_LIBC_BUILD_ID,
			 GLIBC_LIBC_PATH);
	return 1;
}

void libc_compat_tcb_sizes(size_t *at_tp, size_t *below_tp)
{
	glibc_arch_tcb_sizes(at_tp, below_tp);
}

/* ------------------------------------------------------------------ */
/* Link maps in glibc's layout                                        */

/*
 * glibc's l_info[]: one slot per generic tag below DT_NUM, then one per
 * tag of the CPU's own range (none on x86_64, several on aarch64), then
 * fixed-size ranges that end the array in every glibc: 16 version tags,
 * 3 "extra" tags, 12 DT_VALRNG and 11 DT_ADDRRNG tags.  The generic tags
 * libc reads (DT_INIT, DT_SYMTAB, DT_HASH, ...) all lie below
 * DT_ENCODING, which every glibc's DT_NUM exceeds.
 */
#define LM_VERSYM_SLOT(tag) (GLIBC_LM_INFO_COUNT - 42 + (0x6fffffff - (tag)))
#define LM_ADDR_SLOT(tag) (GLIBC_LM_INFO_COUNT - 11 + (0x6ffffeff - (tag)))

static void set_bitfield(void *map, int bit, int width, unsigned value)
{
	unsigned char *bytes = map;

	for (int i = 0; i < width; i++) {
		int b = bit + i;

		if (value & (1u << i))
			bytes[b / 8] |= (unsigned char)(1u << (b % 8));
		else
			bytes[b / 8] &= (unsigned char)~(1u << (b % 8));
	}
}

#define SET_LM_BIT(map, name, value) \
	set_bitfield(map, GLIBC_LM_##name##_BIT, GLIBC_LM_##name##_WIDTH, value)

/* Point l_info[] at D's dynamic entries.  libc adds l_addr itself to
 * the addresses in them, because l_ld_readonly is set. */
static void fill_info(void *map, const struct dso *d)
{
	Elf64_Dyn **info = &FIELD(map, GLIBC_LM_INFO, Elf64_Dyn *);

	for (size_t i = 0; d->dynv && i < d->dyn_count; i++) {
		Elf64_Dyn *dyn = (Elf64_Dyn *)&d->dynv[i];
		int64_t tag = dyn->d_tag;

		if (tag == DT_NULL)
			break;
		if (tag >= 0 && tag < DT_ENCODING)
			info[tag] = dyn;
		else if (tag >= 0x6ffffff0 && tag <= 0x6fffffff)
			info[LM_VERSYM_SLOT(tag)] = dyn;
		else if (tag == DT_GNU_HASH)
			info[LM_ADDR_SLOT(tag)] = dyn;
	}
}

/* The hash-table fields libc's _dl_addr walks to name an address. */
static void fill_hash(void *map, const struct dso *d)
{
	const uint32_t *gnu = d->symtab.gnu_hash;
	const uint32_t *sysv = d->symtab.sysv_hash;

	if (gnu) {
		uint32_t nbuckets = gnu[0], symoffset = gnu[1];
		uint32_t bloom_size = gnu[2];
		const uint64_t *bloom = (const void *)(gnu + 4);
		const uint32_t *buckets = (const void *)(bloom + bloom_size);

		FIELD(map, GLIBC_LM_NBUCKETS, uint32_t) = nbuckets;
		FIELD(map, GLIBC_LM_GNU_BITMASK_IDXBITS, uint32_t) =
			bloom_size - 1;
		FIELD(map, GLIBC_LM_GNU_SHIFT, uint32_t) = gnu[3];
		FIELD(map, GLIBC_LM_GNU_BITMASK, const uint64_t *) = bloom;
		FIELD(map, GLIBC_LM_GNU_BUCKETS, const uint32_t *) = buckets;
		FIELD(map, GLIBC_LM_GNU_CHAIN_ZERO, const uint32_t *) =
			buckets + nbuckets - symoffset;
	} else if (sysv) {
		/* The same two fields hold DT_HASH's buckets and chains. */
		FIELD(map, GLIBC_LM_NBUCKETS, uint32_t) = sysv[0];
		FIELD(map, GLIBC_LM_GNU_BUCKETS, const uint32_t *) = sysv + 2;
		FIELD(map, GLIBC_LM_GNU_CHAIN_ZERO, const uint32_t *) =
			sysv + 2 + sysv[0];
	}
}

static void fill_extent(void *map, const struct dso *d)
{
	uintptr_t lo = UINTPTR_MAX, hi = 0, text_end = 0;

	for (size_t i = 0; i < d->phnum; i++) {
		const Elf64_Phdr *p = &d->phdr[i];

		if (p->p_type != PT_LOAD)
			continue;
		uintptr_t start = d->base + ALIGN_DOWN(p->p_vaddr, 4096);
		uintptr_t end = d->base + p->p_vaddr + p->p_memsz;

		if (start < lo)
			lo = start;
		if (end > hi)
			hi = end;
		if ((p->p_flags & PF_X) && end > text_end)
			text_end = end;
	}
	FIELD(map, GLIBC_LM_MAP_START, uintptr_t) = lo;
	FIELD(map, GLIBC_LM_MAP_END, uintptr_t) = hi;
	FIELD(map, GLIBC_LM_TEXT_END, uintptr_t) = text_end;
}

/* D's link map in glibc's layout, made now if need be. */
static void *build_link_map(struct dso *d)
{
	if (d->libc_map)
		return d->libc_map;

	/* The map, then its list of names (libc's __libc_freeres walks it;
	 * dont_free: the memory is myld's). */
	char *mem = mem_alloc(GLIBC_SIZEOF_LINK_MAP + GLIBC_SIZEOF_LIBNAME_LIST);
	void *map = d == dso_loader ? (void *)(_rtld_global + GLIBC_GL_RTLD_MAP)
				    : mem;
	void *names = mem + GLIBC_SIZEOF_LINK_MAP;
	d->libc_map = map;
	d->libc_map_memory = mem;

	FIELD(map, GLIBC_LM_ADDR, uintptr_t) = d->base;
	FIELD(map, GLIBC_LM_NAME, const char *) =
		d == dso_program ? "" : d->lm.l_name ? d->lm.l_name : d->path;
	FIELD(map, GLIBC_LM_LD, const void *) = d->dynv;
	FIELD(map, GLIBC_LM_REAL, void *) = map;
	FIELD(names, GLIBC_LN_NAME, const char *) =
		FIELD(map, GLIBC_LM_NAME, const char *);
	FIELD(names, GLIBC_LN_DONT_FREE, int) = 1;
	FIELD(map, GLIBC_LM_LIBNAME, void *) = names;
	FIELD(map, GLIBC_LM_PHDR, const void *) = d->phdr;
	FIELD(map, GLIBC_LM_PHNUM, uint16_t) = (uint16_t)d->phnum;
	FIELD(map, GLIBC_LM_LDNUM, uint16_t) = (uint16_t)d->dyn_count;
	FIELD(map, GLIBC_LM_ENTRY, uintptr_t) = d->entry;
	FIELD(map, GLIBC_LM_LOADER, void *) =
		d->loaded_by ? d->loaded_by->libc_map : NULL;
	FIELD(map, GLIBC_LM_FLAGS_1, uint32_t) = (uint32_t)d->dyn.flags_1;
	FIELD(map, GLIBC_LM_RELRO_ADDR, uintptr_t) =
		d->relro_end ? d->base + d->relro_start : 0;
	FIELD(map, GLIBC_LM_RELRO_SIZE, size_t) =
		d->relro_end - d->relro_start;
	FIELD(map, GLIBC_LM_DIRECT_OPENCOUNT, unsigned) = 1;
	fill_info(map, d);
	fill_hash(map, d);
	fill_extent(map, d);

	if (d->tls_modid) {
		FIELD(map, GLIBC_LM_TLS_MODID, size_t) = d->tls_modid;
		/* glibc counts a variant II offset down from TP. */
		FIELD(map, GLIBC_LM_TLS_OFFSET, long) =
			d->tls_static ? -d->tls_offset : 0;
		FIELD(map, GLIBC_LM_TLS_BLOCKSIZE, size_t) = d->tls_memsz;
		FIELD(map, GLIBC_LM_TLS_ALIGN, size_t) = d->tls_align;
		FIELD(map, GLIBC_LM_TLS_INITIMAGE, const void *) =
			d->tls_image;
		FIELD(map, GLIBC_LM_TLS_INITIMAGE_SIZE, size_t) =
			d->tls_filesz;
	}

	SET_LM_BIT(map, TYPE, d == dso_program ? GLIBC_LT_EXECUTABLE
			      : d->dynamic   ? GLIBC_LT_LOADED
					     : GLIBC_LT_LIBRARY);
	SET_LM_BIT(map, RELOCATED, 1);
	SET_LM_BIT(map, INIT_CALLED, 1);
	SET_LM_BIT(map, GLOBAL, d->global || !d->dynamic);
	SET_LM_BIT(map, MAIN_MAP, d == dso_program);
	SET_LM_BIT(map, CONTIGUOUS, 1);
	SET_LM_BIT(map, LD_READONLY, 1);
	return map;
}

/* The chain being rebuilt by relink_chain. */
struct chain {
	void *head, *tail;
	unsigned count;
};

static void chain_append(struct chain *c, struct dso *d)
{
	void *map = build_link_map(d);

	FIELD(map, GLIBC_LM_PREV, void *) = c->tail;
	FIELD(map, GLIBC_LM_NEXT, void *) = NULL;
	if (c->tail)
		FIELD(c->tail, GLIBC_LM_NEXT, void *) = map;
	else
		c->head = map;
	c->tail = map;
	c->count++;
}

/*
 * Rebuild the namespace's chain of link maps from dso_list, in glibc's
 * order: the program, the vDSO, the rest in load order with myld where
 * it was loaded (or last).  libc's dl_iterate_phdr walks this chain.
 */
static void relink_chain(void)
{
	struct chain c = { NULL, NULL, 0 };

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->path)
			continue;
		chain_append(&c, d);
		if (d == dso_program && vdso)
			chain_append(&c, vdso);
	}
	if (!dso_loader->in_list)
		chain_append(&c, dso_loader);
	GL(GLIBC_GL_NS + GLIBC_NS_LOADED, void *) = c.head;
	GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned) = c.count;
}

/* ------------------------------------------------------------------ */
/* The main thread                                                    */

struct list_head {
	struct list_head *next, *prev;
};

static void list_init(struct list_head *h)
{
	h->next = h->prev = h;
}

static void list_add(struct list_head *item, struct list_head *head)
{
	item->next = head->next;
	item->prev = head;
	head->next->prev = item;
	head->next = item;
}

static void init_main_thread(const struct libc_compat_startup *s)
{
	char *tp = arch_get_tp();
	char *pd = glibc_arch_thread_self(tp);
	const unsigned char *random = (const void *)s->at[AT_RANDOM];
	uint64_t stack_guard = 0, pointer_guard = 0;

	/* Both guards from AT_RANDOM, as glibc's loader derives them: the
	 * stack guard's low byte zero, so string overflows stop at it. */
	if (random) {
		memcpy(&stack_guard, random, sizeof(stack_guard));
		memcpy(&pointer_guard, random + 8, sizeof(pointer_guard));
	}
	glibc_arch_set_guards(tp, stack_guard & ~(uint64_t)0xff, pointer_guard);

	/* set_tid_address: the kernel clears tid when the thread exits. */
	FIELD(pd, GLIBC_PD_TID, int) = (int)sys_call(
		__NR_set_tid_address, (long)(pd + GLIBC_PD_TID), 0, 0, 0, 0, 0);

	/* An empty robust-mutex list, registered with the kernel. */
	char *robust = pd + GLIBC_PD_ROBUST_HEAD;
	FIELD(pd, GLIBC_PD_ROBUST_PREV, void *) = robust;
	FIELD(robust, 0, void *) = robust;
	FIELD(pd, GLIBC_PD_ROBUST_HEAD_FUTEX_OFFSET, long) =
		GLIBC_ROBUST_FUTEX_OFFSET;
	sys_call(__NR_set_robust_list, (long)robust, GLIBC_SIZEOF_ROBUST_HEAD,
		 0, 0, 0, 0);

	FIELD(pd, GLIBC_PD_SPECIFIC, void *) = pd + GLIBC_PD_SPECIFIC_1STBLOCK;
	FIELD(pd, GLIBC_PD_USER_STACK, _Bool) = 1;
	FIELD(pd, GLIBC_PD_REPORT_EVENTS, _Bool) = __nptl_initial_report_events;
	FIELD(pd, GLIBC_PD_STACKBLOCK_SIZE, size_t) = (size_t)__libc_stack_end;

	/* The lists of thread stacks, with the main thread on the list of
	 * stacks the user (here: the kernel) provided. */
	list_init(&GL(GLIBC_GL_STACK_USED, struct list_head));
	list_init(&GL(GLIBC_GL_STACK_USER, struct list_head));
	list_init(&GL(GLIBC_GL_STACK_CACHE, struct list_head));
	list_add(&FIELD(pd, GLIBC_PD_LIST, struct list_head),
		 &GL(GLIBC_GL_STACK_USER, struct list_head));

	/* Restartable sequences, registered as glibc does unless the
	 * tunable glibc.pthread.rseq says not to; libc reads __rseq_size to
	 * know whether it worked. */
	int64_t want_rseq = 1;
	glibc_tunable_int(GLIBC_TUNABLE_ID_PTHREAD_RSEQ, &want_rseq);
	long r = want_rseq ? sys_call(__NR_rseq,
				      (long)(pd + GLIBC_PD_RSEQ_AREA),
				      RSEQ_AREA_SIZE_INITIAL, 0,
				      glibc_arch_rseq_signature(), 0, 0)
			   : -ENOSYS;
	if (SYS_FAILED(r))
		FIELD(pd, GLIBC_PD_RSEQ_CPU_ID, int) =
			RSEQ_CPU_ID_REGISTRATION_FAILED;
	else
		__rseq_size = RSEQ_AREA_SIZE_INITIAL_USED;
	__rseq_offset = (pd + GLIBC_PD_RSEQ_AREA) - tp;
}

/* ------------------------------------------------------------------ */
/* Functions libc calls through _rtld_global_ro                       */

/*
 * libc's dl_iterate_phdr asks this for each map of the chain, holding
 * GL(dl_load_write_lock) and not the loader lock, which it must not
 * take here (myld takes the two in the other order).  The map is alive
 * (it leaves the chain under the write lock before it is freed), and
 * the module id in it leads to the calling thread's own DTV: no list.
 */
static void *tls_get_addr_soft(void *map)
{
	return tls_block_of_module(FIELD(map, GLIBC_LM_TLS_MODID, size_t));
}

static int contains(const struct dso *d, uintptr_t addr)
{
	return d->libc_map &&
	       addr >= FIELD(d->libc_map, GLIBC_LM_MAP_START, uintptr_t) &&
	       addr < FIELD(d->libc_map, GLIBC_LM_MAP_END, uintptr_t);
}

static struct dso *object_containing(uintptr_t addr)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (contains(d, addr))
			return d;
	if (contains(dso_loader, addr))
		return dso_loader;
	return vdso && contains(vdso, addr) ? vdso : NULL;
}

/*
 * _dl_find_object: the unwinder's question "which object holds this
 * code address, and where is its PT_GNU_EH_FRAME?", asked for every
 * frame of a C++ exception.  Under the loader lock, which a dlclose
 * holds while it frees objects (uncontended it costs no system call;
 * docs/concurrency.md says what this means for signal handlers).
 */
static int find_object(void *pc, void *result)
{
	loader_lock();
	struct dso *d = object_containing((uintptr_t)pc);

	if (!d) {
		loader_unlock();
		return -1;
	}
	const Elf64_Phdr *eh = elf_find_phdr(d->phdr, d->phnum,
					     PT_GNU_EH_FRAME);

	FIELD(result, GLIBC_DLFO_FLAGS, uint64_t) = 0;
	FIELD(result, GLIBC_DLFO_MAP_START, uintptr_t) =
		FIELD(d->libc_map, GLIBC_LM_MAP_START, uintptr_t);
	FIELD(result, GLIBC_DLFO_MAP_END, uintptr_t) =
		FIELD(d->libc_map, GLIBC_LM_MAP_END, uintptr_t);
	FIELD(result, GLIBC_DLFO_LINK_MAP, void *) = d->libc_map;
	FIELD(result, GLIBC_DLFO_EH_FRAME, void *) =
		eh ? dso_addr(d, eh->p_vaddr) : NULL;
	loader_unlock();
	return 0;
}

static void libc_freeres(void)
{
	/* myld's memory is its own: nothing for libc to free. */
}

/* ------------------------------------------------------------------ */
/* The dlfcn hook: libc's dlopen & co. go to dlfcn.c                 */

#define RTLD_MODE_MASK 0xffff	/* the public RTLD_* bits of a mode */
#define LM_ID_BASE 0

static void *hook_dlopen(const char *file, int mode, void *caller)
{
	return dlfcn_open(file, mode & RTLD_MODE_MASK, caller);
}

static void *hook_dlsym(void *handle, const char *name, void *caller)
{
	return dlfcn_sym(handle, name, NULL, caller);
}

static void *hook_dlvsym(void *handle, const char *name, const char *version,
			 void *caller)
{
	return dlfcn_sym(handle, name, version, caller);
}

static void *hook_dlmopen(long lmid, const char *file, int mode, void *caller)
{
	if (lmid != LM_ID_BASE) {
		loader_lock();
		diag_set_dlerror("dlmopen: myld has one namespace only");
		loader_unlock();
		return NULL;
	}
	return hook_dlopen(file, mode, caller);
}

/* libc's own users (iconv's gconv modules, NSS, libgcc_s for thread
 * cancellation) load as if from the program. */
static void *hook_libc_dlopen_mode(const char *name, int mode)
{
	return dlfcn_open(name, mode & RTLD_MODE_MASK, NULL);
}

static void *hook_libc_dlsym(void *handle, const char *name)
{
	return dlfcn_sym(handle, name, NULL, NULL);
}

static void *hook_libc_dlvsym(void *handle, const char *name,
			      const char *version)
{
	return dlfcn_sym(handle, name, version, NULL);
}

MYLD_EXPORTED int dlclose(void *handle);
MYLD_EXPORTED char *dlerror(void);
MYLD_EXPORTED int dladdr(const void *addr, void *info);
MYLD_EXPORTED int dladdr1(const void *addr, void *info, void **extra,
			  int flags);
MYLD_EXPORTED int dlinfo(void *handle, int request, void *arg);

static RO_AFTER_START void
	*dlfcn_hook[GLIBC_SIZEOF_DLFCN_HOOK / sizeof(void *)];

static void fill_dlfcn_hook(void)
{
#define HOOK(member, fn) \
	dlfcn_hook[GLIBC_DLFCN_HOOK_##member / sizeof(void *)] = (void *)(fn)
	HOOK(DLOPEN, hook_dlopen);
	HOOK(DLCLOSE, dlclose);
	HOOK(DLSYM, hook_dlsym);
	HOOK(DLVSYM, hook_dlvsym);
	HOOK(DLERROR, dlerror);
	HOOK(DLADDR, dladdr);
	HOOK(DLADDR1, dladdr1);
	HOOK(DLINFO, dlinfo);
	HOOK(DLMOPEN, hook_dlmopen);
	HOOK(LIBC_DLOPEN_MODE, hook_libc_dlopen_mode);
	HOOK(LIBC_DLSYM, hook_libc_dlsym);
	HOOK(LIBC_DLVSYM, hook_libc_dlvsym);
	HOOK(LIBC_DLCLOSE, dlclose);
#undef HOOK
}

/* ------------------------------------------------------------------ */
/* Filling _rtld_global_ro and _rtld_global                           */

/* A non-NULL _dl_init_all_dirs is how libc knows a loader is active
 * (it then checks stdio vtables strictly).  It is only compared, and
 * freed by __libc_freeres only if it differs from _dl_all_dirs. */
static RO_AFTER_START char all_dirs_marker[64];

static void fill_rtld_global_ro(const struct libc_compat_startup *s)
{
	const uintptr_t *at = s->at;

	RO(GLIBC_RO_PAGESIZE, size_t) = at[AT_PAGESZ] ? at[AT_PAGESZ] : 4096;
	RO(GLIBC_RO_MINSIGSTACKSIZE, size_t) =
		at[AT_MINSIGSTKSZ] ? at[AT_MINSIGSTKSZ] : 2048;
	RO(GLIBC_RO_CLKTCK, int) = (int)at[AT_CLKTCK];
	RO(GLIBC_RO_LAZY, int) = !s->bind_now;
	RO(GLIBC_RO_HWCAP, uint64_t) = at[AT_HWCAP];
	RO(GLIBC_RO_HWCAP2, uint64_t) = at[AT_HWCAP2];
	RO(GLIBC_RO_AUXV, const void *) = s->auxv;
	RO(GLIBC_RO_SYSINFO_DSO, uintptr_t) = at[AT_SYSINFO_EHDR];
	RO(GLIBC_RO_INIT_ALL_DIRS, void *) = all_dirs_marker;
	GL(GLIBC_GL_ALL_DIRS, void *) = all_dirs_marker;

	size_t size, align;
	tls_static_info(&size, &align);
	RO(GLIBC_RO_TLS_STATIC_SIZE, size_t) = size;
	RO(GLIBC_RO_TLS_STATIC_ALIGN, size_t) = align;
	RO(GLIBC_RO_TLS_STATIC_SURPLUS, size_t) = size - GLIBC_SIZEOF_PTHREAD;

	RO(GLIBC_RO_TLS_GET_ADDR_SOFT, void *) = (void *)tls_get_addr_soft;
	RO(GLIBC_RO_LIBC_FREERES, void *) = (void *)libc_freeres;
	RO(GLIBC_RO_FIND_OBJECT, void *) = (void *)find_object;
	fill_dlfcn_hook();
	RO(GLIBC_RO_DLFCN_HOOK, void *) = dlfcn_hook;

	glibc_arch_init_ro(_rtld_global_ro, at);
}

static void fill_rtld_global(void)
{
	static const int lock_offsets[] = {
		GLIBC_GL_LOAD_LOCK, GLIBC_GL_LOAD_WRITE_LOCK,
		GLIBC_GL_LOAD_TLS_LOCK,
	};
	uint32_t stack_flags = PF_R | PF_W;

	for (size_t i = 0; i < ARRAY_SIZE(lock_offsets); i++)
		GL(lock_offsets[i] + GLIBC_MUTEX_KIND, int) = MUTEX_RECURSIVE;
	GL(GLIBC_GL_NNS, size_t) = 1;
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->exec_stack)
			stack_flags |= PF_X;
	GL(GLIBC_GL_STACK_FLAGS, uint32_t) = stack_flags;
	relink_chain();
	GL(GLIBC_GL_LOAD_ADDS, uint64_t) =
		GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned);
}

/* The vDSO's function NAME (version LINUX_2.6), or NULL. */
static void *vdso_function(const char *name)
{
	struct version want = { "LINUX_2.6", 0, NULL, 0 };
	struct sym_query q;

	want.hash = sym_sysv_hash(want.name);
	sym_query_init(&q, name, &want, 0);
	const Elf64_Sym *sym = sym_find_in(&vdso->symtab, &q);

	return sym ? dso_addr(vdso, sym->st_value) : NULL;
}

/*
 * glibc's internal symbol look-up, with its 8-argument convention.  libc
 * calls it (when the dlfcn hook is set) for one purpose: its IFUNC
 * resolvers for time() and gettimeofday() ask the vDSO's link map for
 * __vdso_time and __vdso_gettimeofday with version LINUX_2.6.  That is
 * the one question answered here; for any other map there is no answer
 * (libc then makes the system call, or reports the symbol missing).
 */
static void *lookup_symbol_x(const char *name, void *map,
			     const Elf64_Sym **ref, void *scope,
			     const void *version, int type_class, int flags,
			     void *skip)
{
	(void)scope, (void)type_class, (void)flags, (void)skip;
	if (!vdso || map != vdso->libc_map || !ref) {
		if (ref)
			*ref = NULL;
		return NULL;
	}
	struct version want = { NULL, 0, NULL, 0 };
	struct sym_query q;

	if (version) {
		want.name = FIELD(version, GLIBC_RFV_NAME, const char *);
		want.hash = FIELD(version, GLIBC_RFV_HASH, uint32_t);
	}
	sym_query_init(&q, name, version ? &want : NULL, 0);
	*ref = sym_find_in(&vdso->symtab, &q);
	return *ref ? map : NULL;
}

/*
 * Describe the vDSO the kernel mapped at EHDR, as glibc's loader does:
 * an object in libc's list (dl_iterate_phdr reports linux-vdso.so.1,
 * the unwinder finds its signal-return frames), the functions libc
 * calls instead of system calls, and _dl_sysinfo_map, through which
 * libc's time() and gettimeofday() find theirs (lookup_symbol_x).
 */
static void adopt_vdso(uintptr_t ehdr)
{
	const Elf64_Ehdr *eh = (const void *)ehdr;
	char err[ELF_ERR_SIZE];

	if (!ehdr || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return;
	const Elf64_Phdr *ph = (const void *)(ehdr + eh->e_phoff);
	const Elf64_Phdr *first = elf_find_phdr(ph, eh->e_phnum, PT_LOAD);
	if (!first)
		return;
	struct dso *d = map_adopt(ph, eh->e_phnum, ehdr - first->p_vaddr);
	d->from_kernel = 1;
	d->path = d->name = "linux-vdso.so.1";
	if (dynamic_read(d, err))
		return;	/* not usable: libc makes system calls */
	vdso = d;
	RO(GLIBC_RO_SYSINFO_MAP, void *) = build_link_map(d);
	RO(GLIBC_RO_LOOKUP_SYMBOL_X, void *) = (void *)lookup_symbol_x;
	RO(GLIBC_RO_VDSO_CLOCK_GETTIME64, void *) =
		vdso_function("__vdso_clock_gettime");
	RO(GLIBC_RO_VDSO_GETTIMEOFDAY, void *) =
		vdso_function("__vdso_gettimeofday");
	if (GLIBC_HAS_RO_VDSO_TIME)
		RO(GLIBC_RO_VDSO_TIME, void *) = vdso_function("__vdso_time");
	if (GLIBC_HAS_RO_VDSO_GETCPU)
		RO(GLIBC_RO_VDSO_GETCPU, void *) =
			vdso_function("__vdso_getcpu");
	RO(GLIBC_RO_VDSO_CLOCK_GETRES_TIME64, void *) =
		vdso_function("__vdso_clock_getres");
}

static void adopt_load_lock(void);
static const struct objects_observer link_map_keeper;

void libc_compat_before_relocation(const struct libc_compat_startup *s)
{
	__libc_stack_end = s->sp;
	_dl_argv = s->argv;
	__libc_enable_secure = s->secure;
	glibc_tunables_init(s->envp, s->secure);
	fill_rtld_global_ro(s);
	adopt_vdso(s->at[AT_SYSINFO_EHDR]);
	fill_rtld_global();
	init_main_thread(s);
	adopt_load_lock();
	objects_observe(&link_map_keeper);
}

/* The bounds of the RO_AFTER_START data: every object in it. */
void libc_compat_ro_after_start(uintptr_t *start, uintptr_t *end)
{
	const struct {
		uintptr_t at;
		size_t size;
	} objects[] = {
#define OBJECT(o) { (uintptr_t)&(o), sizeof(o) }
		OBJECT(_rtld_global_ro), OBJECT(__libc_stack_end),
		OBJECT(_dl_argv), OBJECT(__libc_enable_secure),
		OBJECT(__rseq_size), OBJECT(__rseq_offset),
		OBJECT(__rseq_flags), OBJECT(dlfcn_hook),
		OBJECT(all_dirs_marker),
#undef OBJECT
	};

	*start = UINTPTR_MAX;
	*end = 0;
	for (size_t i = 0; i < ARRAY_SIZE(objects); i++) {
		if (objects[i].at < *start)
			*start = objects[i].at;
		if (objects[i].at + objects[i].size > *end)
			*end = objects[i].at + objects[i].size;
	}
}

/* The address of NAME, defined in libc.so.6, or 0. */
static uintptr_t libc_symbol(const char *name)
{
	struct sym_query q;

	sym_query_init(&q, name, NULL, 0);
	q.newest = 1;		/* the default definition, as dlsym's */
	const Elf64_Sym *s = sym_find_in(&libc_dso->symtab, &q);

	return s ? libc_dso->base + s->st_value : 0;
}

void libc_compat_after_relocation(void)
{
	/*
	 * From now on thread blocks come from libc's malloc: libc frees
	 * some of them itself (a reused thread stack's dynamic TLS).
	 */
	void *(*libc_calloc)(size_t, size_t) =
		(void *(*)(size_t, size_t))libc_symbol("calloc");
	libc_malloc = (void *(*)(size_t))libc_symbol("malloc");
	void (*libc_free)(void *) = (void (*)(void *))libc_symbol("free");
	libc_mutex_lock = (int (*)(void *))libc_symbol("pthread_mutex_lock");
	libc_mutex_unlock =
		(int (*)(void *))libc_symbol("pthread_mutex_unlock");
	if (libc_calloc && libc_free)
		tls_set_allocator(libc_calloc, libc_free);

	/* libc's own start-up that must precede every initialiser: ctype
	 * tables, the single-thread flag, default thread attributes. */
	void (*early_init)(_Bool) =
		(void (*)(_Bool))libc_symbol("__libc_early_init");
	if (!early_init)
		diag_die(libc_dso->path, "has no __libc_early_init");
	early_init(1);
}

/*
 * libc's low-level lock (0 free, 1 taken, 2 taken with waiters), which
 * guards its lists of thread stacks.
 */
static void lll_lock(int *word)
{
	int expected = 0;

	if (__atomic_compare_exchange_n(word, &expected, 1, 0,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0)
		sys_call(__NR_futex, (long)word, 128 /* WAIT_PRIVATE */, 2, 0,
			 0, 0);
}

static void lll_unlock(int *word)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		sys_call(__NR_futex, (long)word, 129 /* WAKE_PRIVATE */, 1, 0,
			 0, 0);
}

/*
 * A library dlopen put in the static TLS surplus has a block in every
 * thread's static area, at the same offset from each thread pointer.
 * tls.c initialised the calling thread's; the others are on libc's
 * lists of thread stacks (their descriptor is their thread pointer).
 */
static void init_static_tls_everywhere(const struct dso *d)
{
	static const int lists[] = { GLIBC_GL_STACK_USED, GLIBC_GL_STACK_USER };
	int *lock = &GL(GLIBC_GL_STACK_CACHE_LOCK, int);
	char *self = glibc_arch_thread_self(arch_get_tp());

	lll_lock(lock);
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		struct list_head *head = &GL(lists[i], struct list_head);

		for (struct list_head *e = head->next; e != head; e = e->next) {
			char *pd = (char *)e - GLIBC_PD_LIST;

			if (pd != self)
				tls_init_static_block(
					glibc_arch_thread_pointer(pd), d);
		}
	}
	lll_unlock(lock);
}

/*
 * libc's dl_iterate_phdr walks the chain under _dl_load_write_lock, a
 * mutex of libc's own kind: changes to the chain take it too, through
 * libc's functions (found once libc was relocated).
 */
static void lock_chain(void)
{
	if (libc_mutex_lock)
		libc_mutex_lock(_rtld_global + GLIBC_GL_LOAD_WRITE_LOCK);
}

static void unlock_chain(void)
{
	if (libc_mutex_unlock)
		libc_mutex_unlock(_rtld_global + GLIBC_GL_LOAD_WRITE_LOCK);
}

static void link_maps_added(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next)
		if (d->tls_in_surplus)
			init_static_tls_everywhere(d);
	lock_chain();
	for (struct dso *d = first; d; d = d->next)
		if (d->path)
			GL(GLIBC_GL_LOAD_ADDS, uint64_t)++;
	relink_chain();
	unlock_chain();
}

static void link_map_removed(struct dso *d)
{
	void *map = d->libc_map;

	if (!map)
		return;
	d->libc_map = NULL;
	lock_chain();
	void *prev = FIELD(map, GLIBC_LM_PREV, void *);
	void *next = FIELD(map, GLIBC_LM_NEXT, void *);
	if (prev)
		FIELD(prev, GLIBC_LM_NEXT, void *) = next;
	if (next)
		FIELD(next, GLIBC_LM_PREV, void *) = prev;
	GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned)--;
	unlock_chain();
	mem_free(d->libc_map_memory);
	d->libc_map_memory = NULL;
}

/*
 * A thread_local object with a destructor, in a dlopened library: libc
 * counts it in the library's l_tls_dtor_count (__cxa_thread_atexit_impl,
 * under GL(dl_load_lock)) and uncounts it when the destructor has run
 * (__call_tls_dtors, with no lock: hence the acquire load, which pairs
 * with libc's release decrement).  While it is not zero the library
 * stays, as under glibc's dlclose: its destructors are code in it, and
 * its finalisers and atexit handlers then run at exit.
 */
static int tls_dtors_pending(const struct dso *d)
{
	return d->libc_map &&
	       __atomic_load_n(&FIELD(d->libc_map, GLIBC_LM_TLS_DTOR_COUNT,
				      size_t),
			       __ATOMIC_ACQUIRE) != 0;
}

static const struct objects_observer link_map_keeper = {
	link_maps_added, link_map_removed, tls_dtors_pending,
};

/* lock.c's layout of the mutex is glibc's. */
_Static_assert(GLIBC_MUTEX_LOCK == 0 && GLIBC_MUTEX_COUNT == 4 &&
		       GLIBC_MUTEX_OWNER == 8 && GLIBC_MUTEX_NUSERS == 12 &&
		       GLIBC_MUTEX_KIND == 16,
	       "glibc's pthread_mutex_t is not laid out as lock.c expects");

/*
 * myld's lock becomes GL(dl_load_lock): libc takes it where it must keep
 * the loader out, and its fork re-initialises it in the child, so the
 * child of a program whose other thread was in dlopen starts with the
 * lock free.  The protocol is libc's own (lock.c), with the owner's tid
 * read from its descriptor, which init_main_thread has just filled.
 */
static void adopt_load_lock(void)
{
	char *tp = arch_get_tp();
	char *pd = glibc_arch_thread_self(tp);

	loader_lock_adopt(_rtld_global + GLIBC_GL_LOAD_LOCK,
			  (long)((pd + GLIBC_PD_TID) - tp));
}

/* ------------------------------------------------------------------ */
/* Functions libc imports from glibc's ld.so                          */

EXPORT void *_dl_allocate_tls(void *tcb)
{
	if (!tcb) {
		/* Not used by libc, which always brings its descriptor. */
		return NULL;
	}
	return tls_init_thread(tcb);
}

EXPORT void *_dl_allocate_tls_init(void *tcb, _Bool init_tls)
{
	(void)init_tls;
	tls_reinit_thread(tcb);
	return tcb;
}

EXPORT void _dl_deallocate_tls(void *tcb, _Bool dealloc_tcb)
{
	(void)dealloc_tcb;	/* never asked by libc: tcb is its memory */
	tls_free_thread(tcb);
}

EXPORT void _dl_get_tls_static_info(size_t *size, size_t *align)
{
	tls_static_info(size, align);
}

/* A thread stack must be executable (some object asked for it). */
EXPORT int __nptl_change_stack_perm(void *pd)
{
	char *stack = FIELD(pd, GLIBC_PD_STACKBLOCK, char *);
	size_t guard = FIELD(pd, GLIBC_PD_GUARDSIZE, size_t);
	size_t size = FIELD(pd, GLIBC_PD_STACKBLOCK_SIZE, size_t);
	long r = sys_mprotect(stack + guard, size - guard,
			      PROT_READ | PROT_WRITE | PROT_EXEC);

	return SYS_FAILED(r) ? (int)-r : 0;
}

/* libc's callers (__cxa_thread_atexit_impl, _dl_addr) hold the lock
 * already: it is GL(dl_load_lock). */
EXPORT void *_dl_find_dso_for_object(uintptr_t addr)
{
	loader_lock();
	struct dso *d = object_containing(addr);
	void *map = d ? d->libc_map : NULL;
	loader_unlock();
	return map;
}

/* struct dl_exception: what libc's error reporting carries. */
struct dl_exception {
	const char *objname;
	const char *errstring;
	char *message_buffer;	/* freed by libc with free() */
};

EXPORT void _dl_exception_create(struct dl_exception *e, const char *objname,
				 const char *errstring)
{
	if (!objname)
		objname = "";
	size_t olen = strlen(objname) + 1, elen = strlen(errstring) + 1;
	char *buf = libc_malloc ? libc_malloc(olen + elen) : NULL;

	if (!buf) {
		e->objname = "";
		e->errstring = "out of memory";
		e->message_buffer = NULL;
		return;
	}
	memcpy(buf, errstring, elen);
	memcpy(buf + elen, objname, olen);
	e->errstring = buf;
	e->objname = buf + elen;
	e->message_buffer = buf;
}

EXPORT void _dl_fatal_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	int n = fmt_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	sys_write(2, buf, n);
	sys_exit(DIAG_EXIT_STATUS);
}

/* dlinfo(RTLD_DI_SERINFO) goes through the hook; this is the fallback
 * libc never takes while the hook is set.  No search directories. */
EXPORT void _dl_rtld_di_serinfo(void *loader, void *si, _Bool counting)
{
	(void)loader;
	uint64_t *words = si;	/* Dl_serinfo: dls_size, dls_cnt */

	if (counting)
		words[0] = 2 * sizeof(uint64_t);
	((uint32_t *)si)[2] = 0;
}

/* LD_AUDIT is not supported: there are no auditors to call. */
EXPORT void _dl_audit_preinit(void *map)
{
	(void)map;
}

EXPORT void _dl_audit_symbind_alt(void *map, const void *ref, void **value,
				  void *result)
{
	(void)map, (void)ref, (void)value, (void)result;
}

/* Profiling (LD_PROFILE) is not supported. */
EXPORT void _dl_mcount(uintptr_t from, uintptr_t to)
{
	(void)from, (void)to;
}
