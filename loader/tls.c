/* SPDX-License-Identifier: MIT */
/*
 * loader/tls.c - see tls.h.
 *
 * Module ids are handed out from a table that reuses the ids of
 * unloaded modules, so dlopen and dlclose in a loop do not make the DTV
 * grow.  Modules loaded at start-up always get static TLS.  A module
 * loaded by dlopen goes into the static surplus (TLS_STATIC_SURPLUS bytes
 * reserved next to the start-up blocks) only when it must: when it is
 * built for initial-exec (DF_STATIC_TLS), or when a relocation needing
 * an offset from the thread pointer names its variables (reloc.c), which
 * is what lets such code be dlopened, as glibc allows.  Otherwise it is
 * dynamic: its block for a thread is allocated by __tls_get_addr on the
 * thread's first access.
 *
 * Threads.  A libc-free program has only its main thread, but a C
 * library served by a personality (libc_compat.h) creates more: it
 * allocates each thread's stack with the static TLS area and the TCB at
 * its top, and asks tls_init_thread for the rest (the DTV, the initial
 * images).  Each thread's DTV records the generation it is up to date
 * with; a thread that meets a newer generation in __tls_get_addr drops
 * the blocks of modules that changed since, under the loader lock.
 */
#include "tls.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "lock.h"
#include "map.h"
#include "sys.h"
#include "tls_layout.h"

/* Room kept in the static TLS area for modules dlopen brings later. */
#define TLS_STATIC_SURPLUS 1664

/* One DTV entry, as glibc lays it out. */
union dtv_entry {
	uint64_t counter;
	struct {
		void *val;
		void *to_free;	/* for a dynamic block: what to free */
	} pointer;
};

/* The module of each id (index 0 unused), the generation at which each
 * id last changed hands, and the generation counter, bumped whenever a
 * module comes or goes. */
static struct dso **modules;
static uint64_t *module_generation;
static size_t modules_cap;
static uint64_t generation;

/* The static TLS area: what is used and what may be. */
static uint64_t static_used, static_limit, static_align;
/* What tls_reserve_surplus added to TLS_STATIC_SURPLUS. */
static uint64_t extra_surplus;

void tls_reserve_surplus(size_t bytes)
{
	extra_surplus += bytes;
}
static size_t tcb_size = ARCH_TLS_TCB_SIZE;	/* at and above TP */
static size_t pre_tcb_size;		/* below TP, before the blocks */
static union dtv_entry *initial_dtv;

/*
 * Where DTVs and dynamic blocks come from.  myld's allocator, until a C
 * library takes over: its threads may then free them (glibc frees a
 * cached stack's dynamic blocks itself), and its malloc is thread-safe.
 */
static void *(*block_calloc)(size_t, size_t);
static void (*block_free)(void *);

static void *tls_alloc(size_t size)
{
	if (block_calloc)
		return block_calloc(1, size);
	return mem_alloc(size);
}

static void tls_free(void *p)
{
	if (!p)
		return;
	if (block_free)
		block_free(p);
	else
		mem_free(p);
}

void tls_set_allocator(void *(*calloc_fn)(size_t, size_t),
		       void (*free_fn)(void *))
{
	block_calloc = calloc_fn;
	block_free = free_fn;
}

void tls_set_tcb_size(size_t at_tp, size_t below_tp)
{
	if (at_tp > tcb_size)
		tcb_size = at_tp;
	/* Below TP there is room only in variant I (glibc's struct pthread
	 * on aarch64); in variant II the blocks are there. */
	if (ARCH_TLS_VARIANT == 1)
		pre_tcb_size = below_tp;
}

static union dtv_entry *current_dtv(void)
{
	char *tp = arch_get_tp();

	return *(union dtv_entry **)(tp + ARCH_TCB_DTV_OFFSET);
}

static void set_current_dtv(union dtv_entry *dtv)
{
	char *tp = arch_get_tp();

	*(union dtv_entry **)(tp + ARCH_TCB_DTV_OFFSET) = dtv;
}

/* A new DTV with room for modules up to SLOTS, copied from OLD. */
static union dtv_entry *new_dtv(const union dtv_entry *old, size_t slots)
{
	union dtv_entry *dtv = tls_alloc((slots + 2) * sizeof(*dtv));

	if (!dtv)
		return NULL;

	dtv[0].counter = slots;
	dtv++;
	if (old)
		memcpy(dtv, old, (old[-1].counter + 1) * sizeof(*dtv));
	return dtv;
}

/* The current thread's DTV, grown if needed to hold module MODID. */
static union dtv_entry *dtv_for(uint64_t modid)
{
	union dtv_entry *dtv = current_dtv();

	if (modid <= dtv[-1].counter)
		return dtv;
	union dtv_entry *bigger = new_dtv(dtv, modid + 8);
	if (!bigger)
		diag_die("myld", "out of memory for a thread's DTV");
	set_current_dtv(bigger);
	if (dtv != initial_dtv)
		tls_free(dtv - 1);
	return bigger;
}

/* The largest PT_TLS alignment accepted: 1 MiB, far above any a
 * compiler uses for a thread-local variable (a page at most). */
#define TLS_MAX_ALIGN ((uint64_t)1 << 20)

int tls_register(struct dso *d, char *err)
{
	const Elf64_Phdr *p = d->tls_phdr;

	if (!p || p->p_memsz == 0)
		return 0;
	if (p->p_filesz && !dso_has_range(d, p->p_vaddr, p->p_filesz)) {
		fmt_format(err, ELF_ERR_SIZE,
			   "PT_TLS image lies outside the loaded image");
		return -1;
	}
	if (p->p_align & (p->p_align - 1)) {
		fmt_format(err, ELF_ERR_SIZE,
			   "PT_TLS alignment %#lx is not a power of two",
			   (unsigned long)p->p_align);
		return -1;
	}
	/* Every thread's block is aligned so: an alignment no allocation
	 * can meet would end the process (out of memory) at the first
	 * block, even under dlopen, instead of failing the load. */
	if (p->p_align > TLS_MAX_ALIGN) {
		fmt_format(err, ELF_ERR_SIZE,
			   "PT_TLS alignment %#lx is larger than %#lx",
			   (unsigned long)p->p_align,
			   (unsigned long)TLS_MAX_ALIGN);
		return -1;
	}

	size_t id = 1;
	while (id < modules_cap && modules[id])
		id++;
	if (id >= 0xffff) {
		fmt_format(err, ELF_ERR_SIZE, "too many TLS modules");
		return -1;
	}
	if (id >= modules_cap) {
		size_t cap = modules_cap ? modules_cap * 2 : 16;
		struct dso **bigger = mem_alloc(cap * sizeof(*bigger));
		uint64_t *gens = mem_alloc(cap * sizeof(*gens));

		if (modules) {
			memcpy(bigger, modules, modules_cap * sizeof(*bigger));
			memcpy(gens, module_generation,
			       modules_cap * sizeof(*gens));
		}
		/* Other threads may be reading the old tables: they are
		 * left in place (this happens a handful of times).  The
		 * new ones are published before the capacity that says they
		 * are there (tls_block_of_module reads them without the
		 * lock). */
		modules = bigger;
		__atomic_store_n(&module_generation, gens, __ATOMIC_RELEASE);
		__atomic_store_n(&modules_cap, cap, __ATOMIC_RELEASE);
	}
	modules[id] = d;
	generation++;
	__atomic_store_n(&module_generation[id], generation,
			 __ATOMIC_RELAXED);
	d->tls_modid = id;
	d->tls_image = dso_addr(d, p->p_vaddr);
	d->tls_filesz = p->p_filesz;
	d->tls_memsz = p->p_memsz;
	d->tls_align = p->p_align ? p->p_align : 1;
	d->tls_vaddr = p->p_vaddr;
	return 0;
}

static union dtv_entry *catch_up(uint64_t modid);

static void *map_zeroed(size_t size)
{
	void *p = sys_mmap(NULL, size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (SYS_FAILED(p))
		diag_die("myld", "cannot allocate the static TLS area");
	return p;
}

static struct tls_segment segment_of(const struct dso *d)
{
	struct tls_segment seg = { d->tls_memsz, d->tls_align, d->tls_vaddr };

	return seg;
}

void tls_setup_static(const void *random)
{
	size_t n = 0, i = 0;

	for (struct dso *d = dso_list; d; d = d->next)
		if (d->tls_modid)
			n++;

	/* Most programs have a handful of TLS modules, or none. */
	struct tls_segment few_segs[8], *segs = few_segs;
	int64_t few_offsets[8], *offsets = few_offsets;
	struct tls_area area;

	if (n > ARRAY_SIZE(few_segs)) {
		segs = mem_alloc(n * sizeof(*segs));
		offsets = mem_alloc(n * sizeof(*offsets));
	}

	for (struct dso *d = dso_list; d; d = d->next)
		if (d->tls_modid)
			segs[i++] = segment_of(d);
	if (tls_layout(segs, n, ARCH_TLS_VARIANT, tcb_size, offsets,
		       &area) < 0)
		diag_die("myld", "cannot lay out static TLS");

	/*
	 * One mapping holds, in order: room to align TP, the surplus and
	 * the blocks below TP (variant II), the TCB and the blocks and the
	 * surplus above TP (variant I).
	 */
	uint64_t below = area.below_tp, above = area.above_tp;
	if (ARCH_TLS_VARIANT == 2) {
		static_used = below;
		below += TLS_STATIC_SURPLUS + extra_surplus;
		static_limit = below;
	} else {
		if (above < tcb_size)
			above = tcb_size;
		static_used = above;
		above += TLS_STATIC_SURPLUS + extra_surplus;
		static_limit = above;
		below += pre_tcb_size;
	}
	if (above < tcb_size)
		above = tcb_size;
	/* Surplus modules may not need more alignment than TP has. */
	static_align = area.max_align < 64 ? 64 : area.max_align;
	size_t size = static_align + below + above;
	char *mem = map_zeroed(ALIGN_UP(size, map_page_size));
	uintptr_t tp = ALIGN_UP((uintptr_t)mem + below, static_align);

	union dtv_entry *dtv = new_dtv(NULL, modules_cap);
	dtv[0].counter = generation;
	initial_dtv = dtv;

	i = 0;
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->tls_modid)
			continue;
		d->tls_offset = offsets[i++];
		d->tls_static = 1;
		char *block = (char *)tp + d->tls_offset;

		memcpy(block, d->tls_image, d->tls_filesz);
		/* .tbss is already zero: the mapping is fresh. */
		dtv[d->tls_modid].pointer.val = block;
	}
	if (segs != few_segs) {
		mem_free(segs);
		mem_free(offsets);
	}

	/* The stack guard, as glibc derives it: AT_RANDOM's first word
	 * with a zero low byte, so that string overflows stop at it. */
	uint64_t guard = 0;
	if (random)
		__builtin_memcpy(&guard, random, sizeof(guard));
	guard &= ~(uint64_t)0xff;

	arch_tcb_init((void *)tp, dtv, guard);
	if (SYS_FAILED(arch_set_tp((void *)tp)))
		diag_die("myld", "cannot set the thread pointer");
}

void tls_init_static_block(void *tp, const struct dso *d)
{
	char *block = (char *)tp + d->tls_offset;

	memcpy(block, d->tls_image, d->tls_filesz);
	memset(block + d->tls_filesz, 0, d->tls_memsz - d->tls_filesz);
}

void tls_init_relocated_block(const struct dso *d)
{
	if (d->tls_in_surplus)
		tls_init_static_block(arch_get_tp(), d);
}

int tls_try_static(struct dso *d)
{
	struct tls_segment seg = segment_of(d);
	uint64_t used = static_used;
	int64_t offset;

	if (d->tls_static)
		return 0;
	if (seg.align > static_align ||
	    tls_place_next(&seg, ARCH_TLS_VARIANT, &used, &offset) < 0 ||
	    used > static_limit)
		return -1;
	d->tls_offset = offset;
	d->tls_static = 1;
	d->tls_in_surplus = 1;
	d->tls_static_before = static_used;
	static_used = used;

	/* Its block in the calling thread; a C library's personality sees
	 * to its other threads (libc_compat_objects_added). */
	union dtv_entry *dtv = dtv_for(d->tls_modid);
	tls_init_static_block(arch_get_tp(), d);
	dtv[d->tls_modid].pointer.val = (char *)arch_get_tp() + offset;
	dtv[d->tls_modid].pointer.to_free = NULL;
	return 0;
}

void tls_place_dynamic(struct dso *d)
{
	if (!d->tls_modid || d->tls_static)
		return;
	/*
	 * The calling thread's DTV is brought up to date first: D's id may
	 * have belonged to a module unloaded since this thread last looked,
	 * whose block must not pass for D's.
	 */
	catch_up(d->tls_modid);
	/*
	 * Only a library built for static TLS (initial-exec, which sets
	 * DF_STATIC_TLS) goes into the surplus: it cannot work otherwise.
	 * Any other gets blocks on demand, which every thread, old or new,
	 * initialises itself.
	 */
	if (d->dyn.tag[DT_FLAGS] & DF_STATIC_TLS)
		tls_try_static(d);
}

void tls_release(struct dso *d)
{
	if (!d->tls_modid)
		return;
	union dtv_entry *dtv = current_dtv();

	if (d->tls_modid <= dtv[-1].counter) {
		tls_free(dtv[d->tls_modid].pointer.to_free);
		dtv[d->tls_modid].pointer.val = NULL;
		dtv[d->tls_modid].pointer.to_free = NULL;
	}
	/* The surplus is used like a stack: the last block placed can be
	 * given back. */
	uint64_t end = ARCH_TLS_VARIANT == 2
			       ? (uint64_t)-d->tls_offset
			       : (uint64_t)d->tls_offset + d->tls_memsz;
	if (d->tls_in_surplus && end == static_used)
		static_used = d->tls_static_before;
	modules[d->tls_modid] = NULL;
	generation++;
	__atomic_store_n(&module_generation[d->tls_modid], generation,
			 __ATOMIC_RELAXED);
	d->tls_modid = 0;
}

/* Allocate module MODID's block for the current thread. */
static void *allocate_block(union dtv_entry *dtv, uint64_t modid)
{
	struct dso *d = modid < modules_cap ? modules[modid] : NULL;

	if (!d)
		diag_die("myld", "__tls_get_addr: no TLS module %lu",
			 (unsigned long)modid);
	if (d->tls_static) {
		/* Placed in the static surplus by a dlopen after this
		 * thread started: its block is at a fixed offset. */
		void *block = (char *)arch_get_tp() + d->tls_offset;

		dtv[modid].pointer.val = block;
		return block;
	}
	/* An address congruent to p_vaddr modulo p_align, as in static
	 * TLS (tls_layout.h explains why). */
	char *mem = tls_alloc(d->tls_memsz + d->tls_align);
	if (!mem)
		diag_die("myld", "out of memory for a TLS block");
	uintptr_t residue = d->tls_vaddr & (d->tls_align - 1);
	uintptr_t block = ALIGN_DOWN((uintptr_t)mem, d->tls_align) + residue;

	if (block < (uintptr_t)mem)
		block += d->tls_align;
	memcpy((void *)block, d->tls_image, d->tls_filesz);
	dtv[modid].pointer.val = (void *)block;
	dtv[modid].pointer.to_free = mem;
	return (void *)block;
}

/*
 * The current thread's DTV was made at an older generation: forget the
 * blocks of every module id that has changed hands since, then grow it
 * to hold MODID.
 */
static union dtv_entry *catch_up(uint64_t modid)
{
	union dtv_entry *dtv = current_dtv();
	uint64_t seen = dtv[0].counter;

	for (size_t id = 1; id <= dtv[-1].counter && id < modules_cap; id++) {
		if (module_generation[id] <= seen)
			continue;
		tls_free(dtv[id].pointer.to_free);
		dtv[id].pointer.val = NULL;
		dtv[id].pointer.to_free = NULL;
	}
	dtv = dtv_for(modid);
	dtv[0].counter = generation;
	return dtv;
}

/*
 * The common case, taken without the lock by __tls_get_addr and by the
 * TLS descriptor resolvers: module MODID's block in DTV, if it exists
 * and the DTV is current; else NULL.
 */
static void *current_block(const union dtv_entry *dtv, uint64_t modid)
{
	if (dtv[0].counter == __atomic_load_n(&generation, __ATOMIC_ACQUIRE) &&
	    modid <= dtv[-1].counter)
		return dtv[modid].pointer.val;
	return NULL;
}

__attribute__((visibility("default"))) void *
__tls_get_addr(struct tls_index *ti)
{
	union dtv_entry *dtv = current_dtv();
	uint64_t modid = ti->module;

	void *ready = current_block(dtv, modid);
	if (ready)
		return (char *)ready + ti->offset;

	loader_lock();
	dtv = catch_up(modid);
	void *block = dtv[modid].pointer.val;
	if (!block)
		block = allocate_block(dtv, modid);
	loader_unlock();
	return (char *)block + ti->offset;
}

/* Copy each static module's initial image into the blocks of the thread
 * whose TCB is at TP, and record them in DTV. */
/* Module ID's static block in the thread at TP, from its image. */
static void init_static_block(char *tp, union dtv_entry *dtv, size_t id)
{
	const struct dso *d = modules[id];
	char *block = tp + d->tls_offset;

	memcpy(block, d->tls_image, d->tls_filesz);
	memset(block + d->tls_filesz, 0, d->tls_memsz - d->tls_filesz);
	dtv[id].pointer.val = block;
	dtv[id].pointer.to_free = NULL;
}

static void init_static_blocks(char *tp, union dtv_entry *dtv)
{
	for (size_t id = 1; id < modules_cap && id <= dtv[-1].counter; id++) {
		struct dso *d = modules[id];

		if (d && d->tls_static)
			init_static_block(tp, dtv, id);
	}
	dtv[0].counter = generation;
}

void tls_copy_initial_images(void)
{
	union dtv_entry *dtv = current_dtv();
	char *tp = arch_get_tp();

	/* The blocks laid out at start-up; one in the surplus belongs to an
	 * object opened meanwhile (an auditor's), whose block was set up
	 * when it was relocated and is in use since its initialisers ran. */
	for (size_t id = 1; id < modules_cap && id <= dtv[-1].counter; id++)
		if (modules[id] && modules[id]->tls_static &&
		    !modules[id]->tls_in_surplus)
			init_static_block(tp, dtv, id);
	dtv[0].counter = generation;
}

void *tls_init_thread(void *tcb)
{
	loader_lock();
	/* Room for more modules than now, so a later dlopen rarely makes
	 * every thread grow its DTV. */
	union dtv_entry *dtv = new_dtv(NULL, modules_cap + 14);
	diag_forget_thread(tcb);	/* a new thread: no dlerror yet */
	if (dtv) {
		*(union dtv_entry **)((char *)tcb + ARCH_TCB_DTV_OFFSET) = dtv;
		init_static_blocks(tcb, dtv);
	}
	loader_unlock();
	return dtv ? tcb : NULL;
}

void tls_reinit_thread(void *tcb)
{
	union dtv_entry *dtv =
		*(union dtv_entry **)((char *)tcb + ARCH_TCB_DTV_OFFSET);

	loader_lock();
	diag_forget_thread(tcb);
	for (size_t id = 1; id <= dtv[-1].counter; id++) {
		dtv[id].pointer.val = NULL;
		dtv[id].pointer.to_free = NULL;
	}
	init_static_blocks(tcb, dtv);
	loader_unlock();
}

void tls_free_thread(void *tcb)
{
	union dtv_entry *dtv =
		*(union dtv_entry **)((char *)tcb + ARCH_TCB_DTV_OFFSET);

	loader_lock();
	diag_forget_thread(tcb);
	loader_unlock();
	if (!dtv)
		return;
	for (size_t id = 1; id <= dtv[-1].counter; id++)
		tls_free(dtv[id].pointer.to_free);
	if (dtv != initial_dtv)
		tls_free(dtv - 1);
}

void tls_static_info(size_t *size, size_t *align)
{
	/* Variant II: the blocks and the surplus below TP, then the TCB.
	 * Variant I: the TCB, the blocks and the surplus above TP (what is
	 * below TP is the C library's own business). */
	if (ARCH_TLS_VARIANT == 2)
		*size = ALIGN_UP(static_limit, static_align) + tcb_size;
	else
		*size = ALIGN_UP(static_limit, static_align);
	*align = static_align;
}

/*
 * A dynamic TLS descriptor's argument packs the module id into the top
 * 16 bits and the offset into the rest, so that descriptors need no
 * memory of their own.
 */
#define DESC_MODID_SHIFT 48

void tls_fill_descriptor(const struct dso *m, uint64_t offset,
			 uint64_t *desc)
{
	if (m->tls_static) {
		desc[0] = (uintptr_t)arch_tlsdesc_static;
		desc[1] = tls_tp_offset(m, offset);
	} else {
		desc[0] = (uintptr_t)arch_tlsdesc_dynamic;
		desc[1] = ((uint64_t)m->tls_modid << DESC_MODID_SHIFT) |
			  (offset & (((uint64_t)1 << DESC_MODID_SHIFT) - 1));
	}
}

void tls_fill_undefined_weak_descriptor(int64_t addend, uint64_t *desc)
{
	desc[0] = (uintptr_t)arch_tlsdesc_undefined_weak;
	desc[1] = (uint64_t)addend;
}

static struct tls_index descriptor_index(uint64_t arg)
{
	struct tls_index ti = {
		arg >> DESC_MODID_SHIFT,
		arg & (((uint64_t)1 << DESC_MODID_SHIFT) - 1),
	};

	return ti;
}

uintptr_t tls_descriptor_ready(uint64_t arg)
{
	struct tls_index ti = descriptor_index(arg);
	char *block = current_block(current_dtv(), ti.module);

	return block ? (uintptr_t)block + ti.offset : 0;
}

uintptr_t tls_descriptor_address(uint64_t arg)
{
	struct tls_index ti = descriptor_index(arg);

	return (uintptr_t)__tls_get_addr(&ti);
}

void *tls_block_of_module(size_t modid)
{
	union dtv_entry *dtv = current_dtv();
	size_t cap = __atomic_load_n(&modules_cap, __ATOMIC_ACQUIRE);
	const uint64_t *gens = __atomic_load_n(&module_generation,
					       __ATOMIC_ACQUIRE);

	if (!modid || modid >= cap || modid > dtv[-1].counter)
		return NULL;
	/*
	 * A DTV older than the last change of hands of MODID holds nothing
	 * of the module's now: the entry is empty, or the block of a module
	 * since unloaded, which __tls_get_addr would drop (catch_up).
	 */
	if (dtv[0].counter < __atomic_load_n(&gens[modid], __ATOMIC_RELAXED))
		return NULL;
	return dtv[modid].pointer.val;
}

void *tls_block_of(const struct dso *d)
{
	return tls_block_of_module(d->tls_modid);
}
