/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/link_maps.c - each object's link map in glibc's internal
 * layout, and each namespace's chain of them (GL(dl_ns)[ns]._ns_loaded,
 * _ns_nloaded, and GL(dl_nns) the ids ever used), which libc walks
 * (dl_iterate_phdr, _dl_addr, __libc_freeres) and counts on
 * (l_tls_dtor_count).
 *
 * The chains change under GL(dl_load_write_lock), libc's own mutex, so
 * that libc's dl_iterate_phdr, which holds that lock and not the loader
 * lock, never walks a map being unlinked.
 */
#include "alloc.h"
#include "dso.h"
#include "glibc-internal.h"
#include "lib.h"
#include "namespaces.h"
#include "objects.h"

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

/*
 * D's TLS module: its id and block, and where its block is in static TLS
 * (0 until it is placed there: a library loaded after the auditors gets
 * its place when it is relocated, hence glibc_link_maps_refresh_tls).
 */
static void fill_tls(void *map, const struct dso *d)
{
	if (!d->tls_modid)
		return;
	FIELD(map, GLIBC_LM_TLS_MODID, size_t) = d->tls_modid;
	/* glibc counts a variant II offset down from TP. */
	FIELD(map, GLIBC_LM_TLS_OFFSET, long) =
		d->tls_static ? -d->tls_offset : 0;
	FIELD(map, GLIBC_LM_TLS_BLOCKSIZE, size_t) = d->tls_memsz;
	FIELD(map, GLIBC_LM_TLS_ALIGN, size_t) = d->tls_align;
	FIELD(map, GLIBC_LM_TLS_INITIMAGE, const void *) = d->tls_image;
	FIELD(map, GLIBC_LM_TLS_INITIMAGE_SIZE, size_t) = d->tls_filesz;
}

void glibc_link_maps_refresh_tls(struct dso *first)
{
	for (struct dso *d = first; d; d = d->next)
		if (d->libc_map)
			fill_tls(d->libc_map, d);
}

void *glibc_link_map(struct dso *d)
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
	FIELD(map, GLIBC_LM_NS, long) = d->ns;
	FIELD(map, GLIBC_LM_NAME, const char *) =
		d == dso_program ? "" : d->lm.l_name ? d->lm.l_name : d->path;
	FIELD(map, GLIBC_LM_LD, const void *) = d->dynv;
	FIELD(map, GLIBC_LM_REAL, void *) = map;
	/* As glibc: the name the object was asked for (a DT_NEEDED entry,
	 * dlopen's argument) or an auditor's new name for it, which tools
	 * such as sotruss print. */
	FIELD(names, GLIBC_LN_NAME, const char *) =
		d->kind == DSO_LIBRARY && d->name
			? dso_listed_name(d)
			: FIELD(map, GLIBC_LM_NAME, const char *);
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

	fill_tls(map, d);

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

/* GL(dl_ns)[NS]'s member at OFF. */
#define NS_FIELD(ns, off, T) \
	GL(GLIBC_GL_NS + (ns) * GLIBC_SIZEOF_LINK_NAMESPACES + (off), T)

/* A chain being rebuilt by glibc_relink_chain. */
struct chain {
	void *head, *tail;
	unsigned count;
};

static void chain_append_map(struct chain *c, void *map)
{
	FIELD(map, GLIBC_LM_PREV, void *) = c->tail;
	FIELD(map, GLIBC_LM_NEXT, void *) = NULL;
	if (c->tail)
		FIELD(c->tail, GLIBC_LM_NEXT, void *) = map;
	else
		c->head = map;
	c->tail = map;
	c->count++;
}

static void chain_append(struct chain *c, struct dso *d)
{
	chain_append_map(c, glibc_link_map(d));
}

/*
 * myld's map stands in the base namespace's chain.  In another one that
 * needs the loader, glibc's loader puts a map of its own that refers to
 * the real one (l_real), which libc's dl_iterate_phdr reports: so does
 * myld, at the end of the chain.  It has no extent, so that libc never
 * takes an address in myld for the namespace's.
 */
static void *loader_stand_in[DSO_MAX_NAMESPACES];

static void *stand_in_for(long ns)
{
	if (!loader_stand_in[ns]) {
		void *real = glibc_link_map(dso_loader);
		void *map = mem_alloc(GLIBC_SIZEOF_LINK_MAP);

		memcpy(map, real, GLIBC_SIZEOF_LINK_MAP);
		FIELD(map, GLIBC_LM_REAL, void *) = real;
		FIELD(map, GLIBC_LM_NS, long) = ns;
		FIELD(map, GLIBC_LM_MAP_START, uintptr_t) = 0;
		FIELD(map, GLIBC_LM_MAP_END, uintptr_t) = 0;
		FIELD(map, GLIBC_LM_TEXT_END, uintptr_t) = 0;
		loader_stand_in[ns] = map;
	}
	return loader_stand_in[ns];
}

/* Namespace NS (not the base one): its objects in load order. */
static void relink_namespace(long ns)
{
	struct chain c = { NULL, NULL, 0 };

	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ns == ns && d->path)
			chain_append(&c, d);
	if (namespace_needs_loader(ns))
		chain_append_map(&c, stand_in_for(ns));
	NS_FIELD(ns, GLIBC_NS_LOADED, void *) = c.head;
	NS_FIELD(ns, GLIBC_NS_NLOADED, unsigned) = c.count;
	if (c.count && GL(GLIBC_GL_NNS, size_t) <= (size_t)ns)
		GL(GLIBC_GL_NNS, size_t) = (size_t)ns + 1;
}

/*
 * glibc's order for the base namespace: the program, the vDSO, the rest
 * in load order with myld where it was loaded (or last).  libc's
 * dl_iterate_phdr walks the chain of its caller's namespace.
 */
void glibc_relink_chain(void)
{
	struct chain c = { NULL, NULL, 0 };

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->path || d->ns)
			continue;
		chain_append(&c, d);
		if (d == dso_program && glibc_vdso)
			chain_append(&c, glibc_vdso);
	}
	if (!dso_loader->in_list)
		chain_append(&c, dso_loader);
	GL(GLIBC_GL_NS + GLIBC_NS_LOADED, void *) = c.head;
	GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned) = c.count;
	for (long ns = 1; ns < DSO_MAX_NAMESPACES; ns++)
		if (objects_in_namespace(ns) ||
		    NS_FIELD(ns, GLIBC_NS_LOADED, void *))
			relink_namespace(ns);
}

/*
 * libc's dl_iterate_phdr walks the chain under _dl_load_write_lock, a
 * mutex of libc's own kind: changes to the chain take it too, through
 * libc's functions (found once libc was relocated).
 */
static void lock_chain(void)
{
	if (glibc_libc.mutex_lock)
		glibc_libc.mutex_lock(_rtld_global + GLIBC_GL_LOAD_WRITE_LOCK);
}

static void unlock_chain(void)
{
	if (glibc_libc.mutex_unlock)
		glibc_libc.mutex_unlock(_rtld_global + GLIBC_GL_LOAD_WRITE_LOCK);
}

/*
 * Can the objects from FIRST (the end of the list) join the base
 * chain at its end, with nothing else in it moving?  Yes when each is
 * of the base namespace and none is myld (which the chain may hold
 * last, out of load order) and the chain was built.
 */
static int base_chain_can_grow(const struct dso *first)
{
	if (!GL(GLIBC_GL_NS + GLIBC_NS_LOADED, void *))
		return 0;
	for (const struct dso *d = first; d; d = d->next)
		if (d->path && (d->ns || d == dso_loader || d == dso_program))
			return 0;
	return 1;
}

/*
 * Link the maps of the objects from FIRST at the end of the base
 * chain: before myld's own when myld is not in the list (it then comes
 * last), else after the last map.  The order glibc_relink_chain gives.
 */
static void base_chain_grow(struct dso *first)
{
	void *head = GL(GLIBC_GL_NS + GLIBC_NS_LOADED, void *);
	void *before = dso_loader->in_list ? NULL : glibc_link_map(dso_loader);
	void *tail = before ? FIELD(before, GLIBC_LM_PREV, void *) : head;
	unsigned added = 0;

	while (!before && FIELD(tail, GLIBC_LM_NEXT, void *))
		tail = FIELD(tail, GLIBC_LM_NEXT, void *);
	for (struct dso *d = first; d; d = d->next) {
		if (!d->path)
			continue;
		void *map = glibc_link_map(d);

		FIELD(map, GLIBC_LM_PREV, void *) = tail;
		FIELD(map, GLIBC_LM_NEXT, void *) = before;
		if (tail)
			FIELD(tail, GLIBC_LM_NEXT, void *) = map;
		else
			GL(GLIBC_GL_NS + GLIBC_NS_LOADED, void *) = map;
		if (before)
			FIELD(before, GLIBC_LM_PREV, void *) = map;
		tail = map;
		added++;
	}
	GL(GLIBC_GL_NS + GLIBC_NS_NLOADED, unsigned) += added;
}

void glibc_link_maps_added(struct dso *first)
{
	lock_chain();
	glibc_link_maps_refresh_tls(first);
	for (struct dso *d = first; d; d = d->next)
		if (d->path)
			GL(GLIBC_GL_LOAD_ADDS, uint64_t)++;
	if (base_chain_can_grow(first))
		base_chain_grow(first);
	else
		glibc_relink_chain();
	unlock_chain();
}

void glibc_link_map_removed(struct dso *d)
{
	void *map = d->libc_map;

	if (!map)
		return;
	d->libc_map = NULL;
	lock_chain();
	/* Described for an auditor but never linked (a failed dlopen): the
	 * first map of a chain is its head, every other one has a prev. */
	if (!FIELD(map, GLIBC_LM_PREV, void *) &&
	    NS_FIELD(d->ns, GLIBC_NS_LOADED, void *) != map) {
		unlock_chain();
		mem_free(d->libc_map_memory);
		d->libc_map_memory = NULL;
		return;
	}
	void *prev = FIELD(map, GLIBC_LM_PREV, void *);
	void *next = FIELD(map, GLIBC_LM_NEXT, void *);
	if (prev)
		FIELD(prev, GLIBC_LM_NEXT, void *) = next;
	if (next)
		FIELD(next, GLIBC_LM_PREV, void *) = prev;
	if (NS_FIELD(d->ns, GLIBC_NS_LOADED, void *) == map)
		NS_FIELD(d->ns, GLIBC_NS_LOADED, void *) = next;
	NS_FIELD(d->ns, GLIBC_NS_NLOADED, unsigned)--;
	/* The last object of a namespace goes: only the stand-in is left,
	 * and the namespace is free (glibc: _ns_loaded NULL). */
	void *head = NS_FIELD(d->ns, GLIBC_NS_LOADED, void *);
	if (d->ns && head == loader_stand_in[d->ns] && head &&
	    !FIELD(head, GLIBC_LM_NEXT, void *)) {
		NS_FIELD(d->ns, GLIBC_NS_LOADED, void *) = NULL;
		NS_FIELD(d->ns, GLIBC_NS_NLOADED, unsigned) = 0;
	}
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
int glibc_tls_dtors_pending(const struct dso *d)
{
	return d->libc_map &&
	       __atomic_load_n(&FIELD(d->libc_map, GLIBC_LM_TLS_DTOR_COUNT,
				      size_t),
			       __ATOMIC_ACQUIRE) != 0;
}
