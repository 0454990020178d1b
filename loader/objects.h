/* SPDX-License-Identifier: MIT */
/*
 * loader/objects.h - the set of loaded objects and everything derived
 * from it.  objects.c is its one owner: the contract (what is read
 * without the lock, and why) is at the top of that file and in
 * docs/concurrency.md.
 */
#ifndef MYLD_OBJECTS_H
#define MYLD_OBJECTS_H

#include "dso.h"
#include "lock.h"

/*
 * What a personality (libc_compat.h) keeps about the objects: told of
 * every batch added and every object removed, under the loader lock.
 * KEEPS_LOADED may veto the removal of an object nothing else keeps
 * (glibc: thread-local destructors still pending in it).  Any member
 * may be NULL.
 */
struct objects_observer {
	/* D, mapped by a dlopen, is about to be relocated: an auditor's
	 * la_objopen will see its descriptor (not yet in any list). */
	void (*describe)(struct dso *d);
	void (*added)(struct dso *first);
	void (*removed)(struct dso *d);
	int (*keeps_loaded)(const struct dso *d);
};

void objects_observe(const struct objects_observer *o);

/* Append D (not yet in the list) to the end of the list.  No limit:
 * the list is linked. */
void objects_append(struct dso *d);

/*
 * D is in a dlopen's batch, mapped and with its TLS placed, not yet
 * relocated, and an auditor is about to see it (la_objopen): the
 * personality describes it now, as glibc's loader has its link map from
 * the moment the object is mapped.
 */
void objects_describe(struct dso *d);

/*
 * A dlopen's batch, FIRST and the objects after it, is relocated and
 * initialised enough to be seen: tell the debugger (rdebug) and the
 * personality, and count it in the generation and dl_iterate_phdr's
 * adds.
 */
void objects_publish(struct dso *first);

/*
 * The one remove path.  Every cache derived from the list forgets D
 * (the scope index, the STB_GNU_UNIQUE table, the personality's link
 * maps, the debugger's list, TLS module ids, the malformed-table
 * report), D leaves the list, the generation moves on, and D is freed
 * and unmapped.  For dlclose's collection and a failed dlopen's
 * rollback alike.  myld itself only leaves the list; the program never
 * goes.
 */
void objects_remove(struct dso *d);

/*
 * The local scope of ROOT (a dlopen root or an auditor): itself and
 * every object it depends on, breadth-first, in ROOT->scope.
 */
void objects_build_scope(struct dso *root);

/*
 * Namespaces.  A namespace exists while it has objects: the last one
 * leaving frees its id.  objects_in_namespace counts NS's objects (0 for
 * an id out of range); objects_unused_namespace is the lowest free id
 * other than the base namespace's, or -1 when all DSO_MAX_NAMESPACES are
 * taken (glibc hands ids out the same way).
 */
unsigned long objects_in_namespace(long ns);
long objects_unused_namespace(void);

/* Free D, which never entered the list (its load failed early). */
void objects_free_unlisted(struct dso *d);

/* Should D stay although nothing refers to it?  (See keeps_loaded.) */
int objects_keep_loaded(const struct dso *d);

/*
 * Incremented whenever an object is published or removed: a cache built
 * at one generation is stale at another.
 */
unsigned long objects_generation(void);

/* Objects ever published and ever removed (dl_iterate_phdr's
 * dlpi_adds and dlpi_subs), and dlopened objects present now. */
unsigned long long objects_adds(void);
unsigned long long objects_subs(void);
unsigned long objects_dynamic(void);

/* Count the start-up objects as added.  Called once, at hand-off. */
void objects_count_startup(void);

#endif
