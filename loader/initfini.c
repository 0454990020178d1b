/* SPDX-License-Identifier: MIT */
/*
 * loader/initfini.c - constructor and destructor order.  See initfini.h.
 */
#include "initfini.h"
#include "alloc.h"
#include "diag.h"
#include "lib.h"
#include "lock.h"
#include "objects.h"
#include "trace.h"

typedef void (*init_fn)(int, char **, char **);
typedef void (*fini_fn)(void);

/* Initialised objects, most recent first: the order fini runs them. */
static struct dso *fini_order;

/* What initialisers receive, kept for those dlopen runs later. */
static int saved_argc;
static char **saved_argv, **saved_envp;

/* A function-pointer array from D's dynamic section, or NULL. */
static void *dyn_array(struct dso *d, int tag, int size_tag, size_t *count)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t size = di->tag[size_tag];

	*count = 0;
	if (!di->present[tag] || !size)
		return NULL;
	if (size % sizeof(void *) || !dso_has_range(d, di->tag[tag], size)) {
		diag_warn(d->path, "ignoring a bad dynamic array (tag %d)", tag);
		return NULL;
	}
	*count = size / sizeof(void *);
	return dso_addr(d, di->tag[tag]);
}

/* Does ADDR lie in one of D's executable segments? */
static int is_code_of(const struct dso *d, uintptr_t addr)
{
	return addr >= d->base &&
	       dso_range_executable(d, addr - d->base, 1);
}

/*
 * Is ADDR code that an initialiser or finaliser of D may be?  Array
 * entries are relocated pointers, so an entry may name a function of
 * another loaded object: a program built with -fsanitize=address lists
 * libasan's __asan_init in its DT_PREINIT_ARRAY.  Code of no loaded
 * object (a corrupt array, a bad DT_INIT) is skipped with a warning
 * rather than called.  An entry of 0 or -1 is a placeholder some
 * linkers leave: skipped silently.
 */
static int callable(const struct dso *d, uintptr_t addr)
{
	int found = 0;

	if (addr == 0 || addr == (uintptr_t)-1)
		return 0;
	if (is_code_of(d, addr))
		return 1;
	/* (under the lock: finalisers run while dlclose may change the
	 * list) */
	loader_lock();
	for (const struct dso *o = dso_list; o && !found; o = o->next)
		found = o->dynv && is_code_of(o, addr);
	loader_unlock();
	if (!found)
		diag_warn(d->path, "ignoring an initialiser or finaliser at "
			  "%#lx, outside any object's code",
			  (unsigned long)addr);
	return found;
}

static void run_init_of(struct dso *d, int argc, char **argv, char **envp)
{
	const struct dyn_info *di = &d->dyn;
	size_t n;

	d->init_state = 1;
	TRACE_CALL("calling init: %s", d->path);
	if (di->present[DT_INIT] &&
	    callable(d, (uintptr_t)dso_addr(d, di->tag[DT_INIT])))
		((init_fn)dso_addr(d, di->tag[DT_INIT]))(argc, argv, envp);
	init_fn *array = dyn_array(d, DT_INIT_ARRAY, DT_INIT_ARRAYSZ, &n);
	for (size_t i = 0; i < n; i++)
		if (callable(d, (uintptr_t)array[i]))
			array[i](argc, argv, envp);
	d->init_state = 2;
}

static void run_fini_of(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	size_t n;

	/* The program's link-map name is empty, and glibc shows it so. */
	TRACE_CALL("calling fini: %s [0]",
		   d->kind == DSO_PROGRAM ? "" : d->path);
	fini_fn *array = dyn_array(d, DT_FINI_ARRAY, DT_FINI_ARRAYSZ, &n);
	while (n--)
		if (callable(d, (uintptr_t)array[n]))
			array[n]();
	if (di->present[DT_FINI] &&
	    callable(d, (uintptr_t)dso_addr(d, di->tag[DT_FINI])))
		((fini_fn)dso_addr(d, di->tag[DT_FINI]))();
}

/*
 * The order itself: a depth-first walk, dependencies first, that calls
 * AT for each object after all of its dependencies.  Marks (one pass
 * number per walk) break cycles.  Starting from each object in reverse
 * load order, as glibc does: among objects that do not depend on each
 * other, the one loaded later comes first.
 */
static unsigned walk_pass;

/* What a walk does at each object, and whether the program counts: it
 * does for the relocation order, not for initialisers (its start code
 * runs its own). */
struct walk_visit {
	void (*at)(struct dso *, void *);
	void *ctx;
	int with_program;
};

static void walk(struct dso *d, const struct walk_visit *v)
{
	if (d->init_visit == walk_pass)
		return;
	d->init_visit = walk_pass;
	for (size_t i = 0; i < d->ndeps; i++)
		walk(d->deps[i], v);
	if ((d->kind != DSO_PROGRAM || v->with_program) && d->dynv)
		v->at(d, v->ctx);
}

static void walk_from(struct dso *first, const struct walk_visit *v)
{
	size_t n_objects = 0, i = 0;
	struct dso *few[32], **order = few;

	walk_pass++;
	for (struct dso *d = first; d; d = d->next)
		n_objects++;
	/* The list is singly linked: note it down to walk it backwards. */
	if (n_objects > ARRAY_SIZE(few))
		order = mem_alloc(n_objects * sizeof(*order));
	for (struct dso *d = first; d; d = d->next)
		order[i++] = d;
	while (i--)
		walk(order[i], v);
	if (order != few)
		mem_free(order);
}

static void init_one(struct dso *d, void *ctx)
{
	(void)ctx;
	if (d->init_state)
		return;
	run_init_of(d, saved_argc, saved_argv, saved_envp);
	d->init_next = fini_order;
	fini_order = d;
}

/* Initialise FIRST and the objects after it, in glibc's order. */
static void init_from(struct dso *first)
{
	const struct walk_visit v = { init_one, NULL, 0 };

	walk_from(first, &v);
}

struct plan {
	struct dso **out;
	size_t n, max;
};

static void plan_one(struct dso *d, void *ctx)
{
	struct plan *p = ctx;

	if (p->n < p->max)
		p->out[p->n] = d;
	p->n++;
}

size_t initfini_plan(struct dso **out, size_t max)
{
	struct plan p = { out, 0, max };
	const struct walk_visit v = { plan_one, &p, 0 };

	walk_from(dso_list, &v);
	return p.n;
}

size_t initfini_dependency_order(struct dso *first, struct dso **out,
				 size_t max)
{
	struct plan p = { out, 0, max };
	const struct walk_visit v = { plan_one, &p, 1 };

	walk_from(first, &v);
	return p.n;
}

void initfini_run_init_from(struct dso *first)
{
	init_from(first);
}

void initfini_run_fini_of_unmarked(void)
{
	struct dso **link = &fini_order;

	while (*link) {
		struct dso *d = *link;

		if (d->gc_mark || !d->dynamic) {
			link = &d->init_next;
			continue;
		}
		*link = d->init_next;
		run_fini_of(d);
	}
}

void initfini_set_arguments(int argc, char **argv, char **envp)
{
	saved_argc = argc;
	saved_argv = argv;
	saved_envp = envp;
}

void initfini_run_init(int argc, char **argv, char **envp)
{
	size_t n;
	init_fn *pre = dyn_array(dso_program, DT_PREINIT_ARRAY,
				 DT_PREINIT_ARRAYSZ, &n);

	if (n)
		TRACE_CALL("calling preinit: %s", dso_program->path);
	for (size_t i = 0; i < n; i++)
		if (callable(dso_program, (uintptr_t)pre[i]))
			pre[i](argc, argv, envp);

	saved_argc = argc;
	saved_argv = argv;
	saved_envp = envp;
	init_from(dso_list);

	/* The program's start code initialises it next, so it comes
	 * first in the finalisation order. */
	dso_program->init_next = fini_order;
	fini_order = dso_program;
}

/* The program's finalisers run first, before those of objects it
 * dlopened and did not close, as glibc's _dl_fini keeps the program at
 * the front of its order.  Under the loader lock. */
static void program_first(void)
{
	for (struct dso **link = &fini_order; *link;
	     link = &(*link)->init_next) {
		if (*link != dso_program)
			continue;
		*link = dso_program->init_next;
		dso_program->init_next = fini_order;
		fini_order = dso_program;
		return;
	}
}

void initfini_run_fini(void (*after)(struct dso *d))
{
	loader_lock();
	program_first();
	loader_unlock();
	for (;;) {
		/*
		 * The list is dlclose's too (another thread may be in it):
		 * the next object is taken under the loader lock, and kept
		 * (NODELETE) so that no dlclose unmaps it, or what it
		 * needs, while its finalisers run without the lock.
		 * Unlinked first: a finaliser that exits must not rerun it.
		 */
		loader_lock();
		struct dso *d = fini_order;
		if (d) {
			fini_order = d->init_next;
			d->nodelete = 1;
		}
		loader_unlock();
		if (!d)
			return;
		run_fini_of(d);
		if (after)
			after(d);
	}
}
