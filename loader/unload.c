/* SPDX-License-Identifier: MIT */
/*
 * loader/unload.c - which dynamically loaded objects go, and when: the
 * reachability walk of dlclose (unload.h says what keeps an object).
 * Finalisers run here, the objects' own code, with the loader lock
 * held; objects.c, the owner of the list, removes what goes.
 */
#include "audit.h"
#include "dso.h"
#include "initfini.h"
#include "objects.h"
#include "rdebug.h"
#include "unload.h"

/* Mark D and everything it keeps alive. */
static void mark(struct dso *d)
{
	if (d->gc_mark)
		return;
	d->gc_mark = 1;
	for (size_t i = 0; i < d->ndeps; i++)
		mark(d->deps[i]);
	for (size_t i = 0; i < d->nreldeps; i++)
		mark(d->reldeps[i]);
}

/* Remove the unmarked objects of namespace NS, telling the debugger. */
static void remove_unmarked_of(long ns)
{
	struct dso *d = dso_list;

	while (d && (d->gc_mark || d->ns != ns))
		d = d->next;
	if (!d)
		return;
	rdebug_begin(ns, RDEBUG_DELETE);
	while (d) {
		struct dso *next = d->next;

		if (!d->gc_mark && d->ns == ns) {
			if (audit_count)
				audit_objclose(d);
			objects_remove(d);
		}
		d = next;
	}
	rdebug_end(ns);
}

/* Mark (gc_mark) every object something keeps alive. */
static void mark_live(void)
{
	for (struct dso *d = dso_list; d; d = d->next)
		d->gc_mark = 0;
	for (struct dso *d = dso_list; d; d = d->next)
		if (!d->dynamic || d->nodelete || d->refcount ||
		    objects_keep_loaded(d))
			mark(d);
}

/*
 * Finalisers are the objects' own code, called with the lock held: they
 * may dlopen (a new object, or one about to go) and dlclose.  So the
 * objects that go are those unreachable both before their finalisers
 * ran and after: one a finaliser opened again stays (finalised), one
 * whose last handle a finaliser closed waits for the next round, its
 * finalisers not having run.  A dlclose inside a round only drops its
 * reference and asks for another round.
 */
static int collecting, collect_again;

/* Choose the objects to unload and run their finalisers; returns
 * whether there are any. */
static int doom_unreachable(void)
{
	int any = 0;

	mark_live();
	for (struct dso *d = dso_list; d; d = d->next)
		if (!d->gc_mark) {
			d->doomed = 1;
			any = 1;
		}
	if (any)
		initfini_run_fini_of_doomed();
	return any;
}

/* One round: finalise, then unload what is still unreachable. */
static void collect_round(void)
{
	if (!doom_unreachable())
		return;
	mark_live();
	/* The auditors hear of it in the namespace of the first to go. */
	long ns_told = -1;
	unsigned losing = 0;	/* a bit for each namespace that loses one */

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->gc_mark && !d->doomed) {
			d->gc_mark = 1;		/* the next round's */
			collect_again = 1;
		}
		d->doomed = 0;
		if (!d->gc_mark) {
			if (ns_told < 0)
				ns_told = d->ns;
			losing |= 1u << d->ns;
		}
	}
	if (!losing)
		return;
	/* A survivor loaded by one that goes: its RPATH chain ends here.  A
	 * survivor whose dlopen root goes keeps a scope of its own. */
	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->gc_mark)
			continue;
		if (d->loaded_by && !d->loaded_by->gc_mark)
			d->loaded_by = NULL;
		if (d->group && !d->group->gc_mark) {
			d->group = d;
			objects_build_scope(d);
		}
	}
	if (audit_count)
		audit_activity(AUDIT_LA_ACT_DELETE, ns_told);
	for (unsigned left = losing; left; left &= left - 1)
		remove_unmarked_of(__builtin_ctz(left));	/* in order */
	if (audit_count)
		audit_activity(AUDIT_LA_ACT_CONSISTENT, ns_told);
}

void unload_unreachable(void)
{
	if (collecting) {
		collect_again = 1;
		return;
	}
	collecting = 1;
	do {
		collect_again = 0;
		collect_round();
	} while (collect_again);
	collecting = 0;
}

