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

/* Initialised objects, most recent first: the order dlclose finalises
 * the objects it unloads in (exit has its own, fini_sort). */
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

/*
 * The object that DF_1_INITFIRST asks to initialise before all others,
 * its own dependencies and the program's preinit array included: as in
 * glibc, the last such object loaded from FIRST on that is not
 * initialised yet, or NULL.
 */
static struct dso *initfirst_from(struct dso *first)
{
	struct dso *found = NULL;

	for (struct dso *d = first; d; d = d->next)
		if (d->dynv && d->kind != DSO_PROGRAM && !d->init_state &&
		    (d->dyn.flags_1 & DF_1_INITFIRST))
			found = d;
	return found;
}

static void init_initfirst(struct dso *first)
{
	struct dso *d = initfirst_from(first);

	if (d)
		init_one(d, NULL);
}

/* Initialise FIRST and the objects after it, in glibc's order. */
static void init_from(struct dso *first)
{
	const struct walk_visit v = { init_one, NULL, 0 };

	init_initfirst(first);
	walk_from(first, &v);
}

struct plan {
	struct dso **out;
	size_t n, max;
	struct dso *initfirst;	/* listed first, and so not again */
};

static void plan_one(struct dso *d, void *ctx)
{
	struct plan *p = ctx;

	if (d == p->initfirst && p->n)
		return;
	if (p->n < p->max)
		p->out[p->n] = d;
	p->n++;
}

size_t initfini_plan(struct dso **out, size_t max)
{
	struct plan p = { out, 0, max, initfirst_from(dso_list) };
	const struct walk_visit v = { plan_one, &p, 0 };

	if (p.initfirst)
		plan_one(p.initfirst, &p);
	walk_from(dso_list, &v);
	return p.n;
}

size_t initfini_dependency_order(struct dso *first, struct dso **out,
				 size_t max)
{
	struct plan p = { out, 0, max, NULL };
	const struct walk_visit v = { plan_one, &p, 1 };

	walk_from(first, &v);
	return p.n;
}

void initfini_run_init_from(struct dso *first)
{
	init_from(first);
}

void initfini_run_fini_of_doomed(void)
{
	struct dso **link = &fini_order;

	while (*link) {
		struct dso *d = *link;

		if (!d->doomed) {
			link = &d->init_next;
			continue;
		}
		*link = d->init_next;
		if (!d->finalised) {
			d->finalised = 1;
			run_fini_of(d);
		}
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

	saved_argc = argc;
	saved_argv = argv;
	saved_envp = envp;
	init_initfirst(dso_list);
	if (n)
		TRACE_CALL("calling preinit: %s", dso_program->path);
	for (size_t i = 0; i < n; i++)
		if (callable(dso_program, (uintptr_t)pre[i]))
			pre[i](argc, argv, envp);
	init_from(dso_list);
}

/*
 * The order at exit, glibc's (_dl_fini, with its default sort): within
 * one namespace, each object before everything it depends on, found by
 * a depth-first walk from each object in reverse load order, through
 * its DT_NEEDED dependencies (in order) and then, latest first, the
 * objects its symbol bindings went to outside them (reldeps); an object
 * is placed in front of all those placed before it (reverse
 * post-order).  The program is never entered as a dependency, and so
 * comes first.  Among objects that do not depend on each other, the one
 * loaded first comes first: a library dlopen loaded and nobody closed
 * is finalised after the start-up libraries that do not need it.
 */
struct fini_sort {
	struct dso **out;	/* filled from the end */
	size_t head;
	int saw_reldeps;
};

static void fini_visit(struct dso *d, struct fini_sort *s, int reldeps)
{
	if (d->init_visit == walk_pass)
		return;
	d->init_visit = walk_pass;
	for (size_t i = 0; i < d->ndeps; i++)
		if (d->deps[i] != dso_program)
			fini_visit(d->deps[i], s, reldeps);
	if (reldeps && d->nreldeps) {
		s->saw_reldeps = 1;
		for (size_t i = d->nreldeps; i-- > 0;)
			if (d->reldeps[i] != dso_program)
				fini_visit(d->reldeps[i], s, reldeps);
	}
	s->out[--s->head] = d;
}

/*
 * Sort the N objects of OBJS (load order) into glibc's finalisation
 * order, in place; TMP has room for N.  When bindings counted, the
 * result is sorted again by DT_NEEDED alone, walking it from the back,
 * so that those links win where a binding went the other way.
 */
static void fini_sort(struct dso **objs, struct dso **tmp, size_t n)
{
	struct fini_sort s = { tmp, n, 0 };

	walk_pass++;
	for (size_t i = n; i-- > 0 && s.head;)
		fini_visit(objs[i], &s, 1);
	if (!s.saw_reldeps) {
		memcpy(objs, tmp, n * sizeof(*objs));
		return;
	}
	struct fini_sort again = { objs, n, 0 };

	walk_pass++;
	for (size_t i = n; i-- > 0 && again.head;)
		fini_visit(tmp[i], &again, 0);
}

/*
 * Finalise the objects of namespace NS that were initialised, in
 * fini_sort's order.  They are listed and kept (NODELETE) under the
 * loader lock, so that a dlclose in another thread cannot unmap them
 * while their finalisers run, without it.  Each is marked finalised
 * before its finalisers run: one that calls exit does not run them
 * twice.
 */
static void finalise_namespace(long ns, void (*after)(struct dso *d))
{
	size_t n = 0;

	loader_lock();
	for (struct dso *d = dso_list; d; d = d->next)
		n += d->ns == ns;
	/* Two arrays, not one twice as long: up to 256 objects each stays
	 * a small block (alloc.c), not a mapping of its own. */
	struct dso **objs = n ? mem_alloc(n * sizeof(*objs)) : NULL;
	size_t i = 0;
	for (struct dso *d = dso_list; d && i < n; d = d->next)
		if (d->ns == ns) {
			objs[i++] = d;
			d->nodelete = 1;
		}
	if (n) {
		struct dso **tmp = mem_alloc(n * sizeof(*tmp));

		fini_sort(objs, tmp, n);
		mem_free(tmp);
	}
	loader_unlock();

	for (i = 0; i < n; i++) {
		struct dso *d = objs[i];

		/* (The program's own start code initialised it.) */
		if ((!d->init_state && d != dso_program) || d->finalised)
			continue;
		d->finalised = 1;
		run_fini_of(d);
		if (after)
			after(d);
	}
	mem_free(objs);
}

/* Is namespace NS an auditor's own?  (Finalised after all the others.) */
static int auditor_namespace(long ns)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ns == ns)
			return d->audit_private;
	return 0;
}

void initfini_run_fini(void (*after)(struct dso *d))
{
	/* As glibc: the other namespaces before the base one, the highest
	 * id first, and the auditors' own last of all. */
	for (int auditors = 0; auditors < 2; auditors++)
		for (long ns = DSO_MAX_NAMESPACES; ns-- > 0;)
			if (objects_in_namespace(ns) &&
			    auditor_namespace(ns) == auditors)
				finalise_namespace(ns, after);
}
