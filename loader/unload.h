/* SPDX-License-Identifier: MIT */
/*
 * loader/unload.h - unloading what nothing keeps alive (unload.c).
 *
 * An object loaded at start-up is never unloaded.  Every other stays as
 * long as it is reachable, through DT_NEEDED edges or through symbol
 * bindings (reldeps), from a start-up object, from an object marked
 * NODELETE, from a handle still open (its refcount), or from an object
 * the personality keeps (objects_keep_loaded).
 */
#ifndef MYLD_UNLOAD_H
#define MYLD_UNLOAD_H

/*
 * Finalise and unload every dynamically loaded object nothing keeps
 * alive, newest first, under the loader lock.  A finaliser may dlopen
 * and dlclose: a call made meanwhile only asks the running one for
 * another round.
 */
void unload_unreachable(void);

#endif
