/* SPDX-License-Identifier: MIT */
/*
 * loader/tls.c - see tls.h.
 *
 * Module ids are handed out from a table that reuses the ids of
 * unloaded modules, so dlopen and dlclose in a loop do not make the DTV
 * grow.  Modules loaded at start-up always get static TLS.  A module
 * loaded by dlopen goes into the static surplus (TLS_STATIC_SURPLUS bytes
 * reserved next to the start-up blocks) if it fits, which is what lets a
 * library built for initial-exec be dlopened, as glibc allows; otherwise
 * it is dynamic: its block for a thread is allocated by __tls_get_addr on
 * the thread's first access.
 *
 * The thread here is the main thread: libc-free programs have no other.
 * TODO(issue#8): per-thread DTVs and blocks once libc creates threads.
 */
#include "tls.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
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

/* The module of each id (index 0 unused), and the generation counter,
 * bumped whenever a module comes or goes. */
static struct dso **modules;
static size_t modules_cap;
static uint64_t generation;

/* The static TLS area: what is used and what may be. */
static uintptr_t static_tp;
static uint64_t static_used, static_limit, static_align;

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
	union dtv_entry *dtv = mem_alloc((slots + 2) * sizeof(*dtv));

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
	set_current_dtv(bigger);
	mem_free(dtv - 1);
	return bigger;
}

int tls_register(struct dso *d, char *err)
{
	const Elf64_Phdr *p = elf_find_phdr(d->phdr, d->phnum, PT_TLS);

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

		if (modules)
			memcpy(bigger, modules, modules_cap * sizeof(*bigger));
		mem_free(modules);
		modules = bigger;
		modules_cap = cap;
	}
	modules[id] = d;
	generation++;
	d->tls_modid = id;
	d->tls_image = dso_addr(d, p->p_vaddr);
	d->tls_filesz = p->p_filesz;
	d->tls_memsz = p->p_memsz;
	d->tls_align = p->p_align ? p->p_align : 1;
	d->tls_vaddr = p->p_vaddr;
	return 0;
}

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

	struct tls_segment *segs = mem_alloc((n + 1) * sizeof(*segs));
	int64_t *offsets = mem_alloc((n + 1) * sizeof(*offsets));
	struct tls_area area;

	for (struct dso *d = dso_list; d; d = d->next)
		if (d->tls_modid)
			segs[i++] = segment_of(d);
	if (tls_layout(segs, n, ARCH_TLS_VARIANT, ARCH_TLS_TCB_SIZE, offsets,
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
		below += TLS_STATIC_SURPLUS;
		static_limit = below;
	} else {
		if (above < ARCH_TLS_TCB_SIZE)
			above = ARCH_TLS_TCB_SIZE;
		static_used = above;
		above += TLS_STATIC_SURPLUS;
		static_limit = above;
	}
	if (above < ARCH_TLS_TCB_SIZE)
		above = ARCH_TLS_TCB_SIZE;
	/* Surplus modules may not need more alignment than TP has. */
	static_align = area.max_align < 64 ? 64 : area.max_align;
	size_t size = static_align + below + above;
	char *mem = map_zeroed(ALIGN_UP(size, map_page_size));
	uintptr_t tp = ALIGN_UP((uintptr_t)mem + below, static_align);
	static_tp = tp;

	union dtv_entry *dtv = new_dtv(NULL, modules_cap);
	dtv[0].counter = generation;

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
	mem_free(segs);
	mem_free(offsets);

	/* The stack guard, as glibc derives it: AT_RANDOM's first word
	 * with a zero low byte, so that string overflows stop at it. */
	uint64_t guard = 0;
	if (random)
		memcpy(&guard, random, sizeof(guard));
	guard &= ~(uint64_t)0xff;

	arch_tcb_init((void *)tp, dtv, guard);
	if (SYS_FAILED(arch_set_tp((void *)tp)))
		diag_die("myld", "cannot set the thread pointer");
}

void tls_place_dynamic(struct dso *d)
{
	struct tls_segment seg = segment_of(d);
	uint64_t used = static_used;
	int64_t offset;

	if (!d->tls_modid || d->tls_static)
		return;
	if (seg.align <= static_align &&
	    tls_place_next(&seg, ARCH_TLS_VARIANT, &used, &offset) == 0 &&
	    used <= static_limit) {
		/* Static after all: initialise the block for this thread. */
		char *block = (char *)static_tp + offset;

		memset(block, 0, d->tls_memsz);
		memcpy(block, d->tls_image, d->tls_filesz);
		d->tls_offset = offset;
		d->tls_static = 1;
		d->tls_in_surplus = 1;
		d->tls_static_before = static_used;
		static_used = used;
		union dtv_entry *dtv = dtv_for(d->tls_modid);
		dtv[d->tls_modid].pointer.val = block;
		dtv[d->tls_modid].pointer.to_free = NULL;
	}
	current_dtv()[0].counter = generation;
}

void tls_release(struct dso *d)
{
	if (!d->tls_modid)
		return;
	union dtv_entry *dtv = current_dtv();

	if (d->tls_modid <= dtv[-1].counter) {
		mem_free(dtv[d->tls_modid].pointer.to_free);
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
	d->tls_modid = 0;
}

/* Allocate module MODID's block for the current thread. */
static void *allocate_block(union dtv_entry *dtv, uint64_t modid)
{
	struct dso *d = modid < modules_cap ? modules[modid] : NULL;

	if (!d)
		diag_die("myld", "__tls_get_addr: no TLS module %lu",
			 (unsigned long)modid);
	/* An address congruent to p_vaddr modulo p_align, as in static
	 * TLS (tls_layout.h explains why). */
	char *mem = mem_alloc(d->tls_memsz + d->tls_align);
	uintptr_t residue = d->tls_vaddr & (d->tls_align - 1);
	uintptr_t block = ALIGN_DOWN((uintptr_t)mem, d->tls_align) + residue;

	if (block < (uintptr_t)mem)
		block += d->tls_align;
	memcpy((void *)block, d->tls_image, d->tls_filesz);
	dtv[modid].pointer.val = (void *)block;
	dtv[modid].pointer.to_free = mem;
	return (void *)block;
}

__attribute__((visibility("default"))) void *
__tls_get_addr(struct tls_index *ti)
{
	union dtv_entry *dtv = dtv_for(ti->module);
	void *block = dtv[ti->module].pointer.val;

	if (!block)
		block = allocate_block(dtv, ti->module);
	return (char *)block + ti->offset;
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

uintptr_t tls_descriptor_address(uint64_t arg)
{
	struct tls_index ti = {
		arg >> DESC_MODID_SHIFT,
		arg & (((uint64_t)1 << DESC_MODID_SHIFT) - 1),
	};

	return (uintptr_t)__tls_get_addr(&ti);
}

void *tls_block_of(const struct dso *d)
{
	union dtv_entry *dtv = current_dtv();

	if (!d->tls_modid || d->tls_modid > dtv[-1].counter)
		return NULL;
	return dtv[d->tls_modid].pointer.val;
}
