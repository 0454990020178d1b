/* SPDX-License-Identifier: MIT */
/*
 * loader/objects.c - the one owner of the set of loaded objects.
 *
 * It holds the list (dso_list), the loader lock's contract, a
 * generation counter, and the one add path and the one remove path.
 * Everything derived from the list is updated or forgotten here, when
 * an object comes or goes: the scope index (symbol.h), the
 * STB_GNU_UNIQUE table (unique.c), the debugger's list (rdebug.c), TLS
 * module ids (tls.c), the report of a malformed hash table, and through
 * an observer the personality's link maps (loader/glibc/).  Nothing
 * else frees an object.  The modules it calls call nothing above them;
 * unload.c and dlfcn.c decide which objects go and call here.
 *
 * Concurrency contract (docs/concurrency.md says it at more length).
 *
 *  1. One recursive lock (lock.c) serialises every change to the list
 *     and to each cache above, and every walk of the list after
 *     start-up: dlopen, dlclose, dlsym, dladdr, dlinfo, the lazy
 *     binder, the slow path of __tls_get_addr, thread set-up and
 *     tear-down (_dl_allocate_tls & co.), _dl_find_object,
 *     _dl_find_dso_for_object, myld's dl_iterate_phdr, the
 *     STB_GNU_UNIQUE table, and the exit-time finalisers (while they
 *     pick the next object; each one runs unlocked, and is marked
 *     NODELETE first so that no dlclose unmaps it meanwhile).  In a
 *     glibc program the lock is glibc's GL(dl_load_lock) itself, so
 *     libc's own users of it (__cxa_thread_atexit_impl, _dl_addr, its
 *     dlsym wrappers) exclude the loader, and libc's fork resets it in
 *     the child.
 *  2. Read without the lock:
 *     - before hand-off, everything: there is one thread;
 *     - the objects loaded at start-up and their tables: they are
 *       never removed, so a pointer to one stays valid for good;
 *     - __tls_get_addr's fast path reads only the calling thread's own
 *       DTV and the TLS generation (an acquire load, which pairs with
 *       the release of the lock by the dlopen that changed it);
 *     - the personality's tls_get_addr_soft reads the calling thread's
 *       DTV by the module id its link map holds: libc calls it from its
 *       dl_iterate_phdr under GL(dl_load_write_lock), which every change
 *       of the link-map chain holds, so the map is alive.
 *     A new object is linked into the list with a release store after
 *     its fields are filled; every reader after start-up holds the
 *     lock anyway, so publication needs nothing more.
 *  3. Lock order: myld's lock (GL(dl_load_lock)) before
 *     GL(dl_load_write_lock) and before libc's stack-cache lock; libc
 *     takes GL(dl_load_write_lock) alone in dl_iterate_phdr, and the
 *     callback it runs may take the loader lock: glibc's own order is
 *     the same (see docs/concurrency.md for the case it cannot help).
 *  4. fork: a glibc program's forking thread takes the lock in a libc
 *     atfork handler (glibc/threads.c), so the child starts between two
 *     loader operations, and with the lock free (libc re-initialises
 *     GL(dl_load_lock) in the child).  A libc-free program has one
 *     thread (myld creates none), so no other thread can hold the lock
 *     at fork.
 */
#include "objects.h"
#include "alloc.h"
#include "lib.h"
#include "map.h"
#include "rdebug.h"
#include "symbol.h"
#include "tls.h"
#include "unique.h"

struct dso *dso_list;
struct dso *dso_program;
struct dso *dso_loader;
static struct dso *dso_tail;

static unsigned long generation;
static unsigned long long adds, subs;
static unsigned long dynamic_present;
/* Objects in the list per namespace: a namespace with none is free. */
static unsigned long in_namespace[DSO_MAX_NAMESPACES];

static const struct objects_observer *observer;

void objects_observe(const struct objects_observer *o)
{
	observer = o;
}

void objects_append(struct dso *d)
{
	d->next = NULL;
	/* Not (yet) one of the start-up's objects: the launch cache
	 * numbers those, and records bindings to them only. */
	d->launch_index = DSO_NO_LAUNCH_INDEX;
	/* Filled first, linked last (see the contract, 2). */
	if (dso_tail)
		__atomic_store_n(&dso_tail->next, d, __ATOMIC_RELEASE);
	else
		__atomic_store_n(&dso_list, d, __ATOMIC_RELEASE);
	dso_tail = d;
	in_namespace[d->ns]++;
}

unsigned long objects_in_namespace(long ns)
{
	return ns >= 0 && ns < DSO_MAX_NAMESPACES ? in_namespace[ns] : 0;
}

long objects_unused_namespace(void)
{
	for (long ns = 1; ns < DSO_MAX_NAMESPACES; ns++)
		if (!in_namespace[ns])
			return ns;
	return -1;
}

void objects_describe(struct dso *d)
{
	if (observer && observer->describe)
		observer->describe(d);
}

void objects_publish(struct dso *first)
{
	rdebug_publish_from(first);
	for (struct dso *d = first; d; d = d->next) {
		if (!d->dynamic || d->published)
			continue;
		d->published = 1;
		adds++;
		dynamic_present++;
	}
	if (observer && observer->added)
		observer->added(first);
	generation++;
}

/* The scope index names objects by position: it cannot lose one, so it
 * goes, and the lazy binder builds another (reloc.c). */
static void forget_scope_index(void)
{
	struct scope_index *ix = (struct scope_index *)sym_scope_index;

	if (!ix)
		return;
	__atomic_store_n(&sym_scope_index, NULL, __ATOMIC_RELEASE);
	for (size_t i = 0; i < ix->nobjects; i++)
		ix->objects[i]->indexed = 0;
	mem_free(ix->entries);
	mem_free(ix);
}

static void unlink_object(struct dso *d)
{
	struct dso **link = &dso_list, *prev = NULL;

	while (*link && *link != d) {
		prev = *link;
		link = &(*link)->next;
	}
	if (!*link)
		return;
	*link = d->next;
	if (dso_tail == d)
		dso_tail = prev;
	in_namespace[d->ns]--;
	d->next = NULL;
	if (d == dso_loader)
		d->in_list = 0;
}

void objects_remove(struct dso *d)
{
	if (d == dso_program)
		return;
	if (d == dso_loader) {
		/* dlopen of myld's own name put it in the list once more. */
		unlink_object(d);
		generation++;
		return;
	}
	if (observer && observer->removed)
		observer->removed(d);
	rdebug_remove(d);
	tls_release(d);
	unique_forget(d);
	if (d->indexed)
		forget_scope_index();
	if (sym_bad_sysv_table == &d->symtab)
		sym_bad_sysv_table = NULL;
	unlink_object(d);
	if (d->published) {
		subs++;
		dynamic_present--;
	}
	generation++;
	objects_free_unlisted(d);
}

void objects_free_unlisted(struct dso *d)
{
	if (d == dso_loader || d == dso_program)
		return;
	map_unmap(d);
	if (d->phdr_owned)
		mem_free((void *)d->phdr);
	/* The debugger's name is the dso's own path when that is absolute,
	 * and the path may be the name: read it before either is freed. */
	if (d->lm.l_name && *d->lm.l_name && d->lm.l_name != d->path)
		mem_free(d->lm.l_name);
	if (d->name_owned)
		mem_free((void *)d->name);
	mem_free(d->renamed_to);
	/* The path is the name itself when the name lasts (load_named). */
	if (d->path != d->name)
		mem_free((void *)d->path);
	mem_free((void *)d->origin);
	/* One array when no version index is both defined and needed. */
	if (d->verneeds != d->symtab.verdefs)
		mem_free(d->verneeds);
	mem_free((void *)d->symtab.verdefs);
	mem_free(d->verdefs_by_hash);
	mem_free(d->deps);
	mem_free(d->reldeps);
	mem_free(d->scope);
	mem_free(d);
}

int objects_keep_loaded(const struct dso *d)
{
	return observer && observer->keeps_loaded && observer->keeps_loaded(d);
}

unsigned long objects_generation(void)
{
	return generation;
}

unsigned long long objects_adds(void)
{
	return adds;
}

unsigned long long objects_subs(void)
{
	return subs;
}

unsigned long objects_dynamic(void)
{
	return dynamic_present;
}

void objects_count_startup(void)
{
	for (struct dso *d = dso_list; d; d = d->next)
		adds++;
	adds += !dso_loader->in_list;
}

static int contains(struct dso **list, size_t n, const struct dso *d)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == d)
			return 1;
	return 0;
}

/*
 * The local scope of ROOT: itself and every object it depends on,
 * breadth-first.  Computed once per root.
 */
void objects_build_scope(struct dso *root)
{
	size_t cap = 8, n = 0;
	struct dso **list = mem_alloc(cap * sizeof(*list));

	list[n++] = root;
	for (size_t i = 0; i < n; i++) {
		struct dso *d = list[i];

		for (size_t k = 0; k < d->ndeps; k++) {
			if (contains(list, n, d->deps[k]))
				continue;
			if (n == cap) {
				struct dso **bigger =
					mem_alloc(2 * cap * sizeof(*bigger));
				memcpy(bigger, list, n * sizeof(*list));
				mem_free(list);
				list = bigger;
				cap *= 2;
			}
			list[n++] = d->deps[k];
		}
	}
	mem_free(root->scope);
	root->scope = list;
	root->nscope = n;
}
