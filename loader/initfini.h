/* SPDX-License-Identifier: MIT */
/*
 * loader/initfini.h - running initialisers and finalisers.
 */
#ifndef MYLD_INITFINI_H
#define MYLD_INITFINI_H

#include "dso.h"

/*
 * Run the program's DT_PREINIT_ARRAY, then DT_INIT and DT_INIT_ARRAY of
 * every library, each after all of its dependencies: a depth-first,
 * post-order walk of DT_NEEDED, started from each object in reverse load
 * order, which breaks cycles at the first object met again.  This is the
 * order glibc's loader produces.  The program's own initialisers are left to
 * its start code, as glibc does.  Each function gets (argc, argv, envp).
 */
/* What initialisers get, for those run before initfini_run_init. */
void initfini_set_arguments(int argc, char **argv, char **envp);

void initfini_run_init(int argc, char **argv, char **envp);

/* The order initfini_run_init would use, without running anything:
 * stores up to MAX objects in OUT and returns how many there are. */
size_t initfini_plan(struct dso **out, size_t max);

/*
 * Every object from FIRST on (and any dependency of theirs), each after
 * its own dependencies, the program included (last): the order of
 * relocation, so that when a relocation runs an IFUNC resolver, the
 * resolver's object is already relocated.  Stores up to MAX objects in
 * OUT and returns how many there are.
 */
size_t initfini_dependency_order(struct dso *first, struct dso **out,
				 size_t max);

/* The same for objects dlopen loaded: FIRST and those after it that
 * have not been initialised yet. */
void initfini_run_init_from(struct dso *first);

/* Run the finalisers of the objects dlclose chose to unload (doomed),
 * newest first.  Objects a finaliser opens are not among them. */
void initfini_run_fini_of_doomed(void);

/*
 * The function handed to the program for atexit: runs DT_FINI_ARRAY (in
 * reverse) and then DT_FINI of every initialised object, in glibc's
 * order: namespace by namespace (the others first, the base one, then
 * the auditors'), and within one, each object before those it depends
 * on, the program first, and among unrelated objects the one loaded
 * first first (initfini.c says how).  Running it twice does nothing the
 * second time.  AFTER (if not NULL) is called for each object once its
 * finalisers ran (the auditors' la_objclose).
 */
void initfini_run_fini(void (*after)(struct dso *d));

#endif
