/* SPDX-License-Identifier: MIT */
/*
 * loader/namespaces.h - which namespace a dlmopen opens into.
 *
 * A namespace (Lmid_t) is a set of objects with its own copy of every
 * library and its own global scope (dso.ns, and dlfcn.c for the
 * scopes).  Namespace 0 is the base one, which start-up fills; dlmopen
 * makes the others, at most DSO_MAX_NAMESPACES in all, as glibc.  A
 * namespace exists while it has objects (objects.c counts them): the
 * last one closed frees its id.  Everything here runs under the loader
 * lock.
 */
#ifndef MYLD_NAMESPACES_H
#define MYLD_NAMESPACES_H

#define LM_ID_BASE	0
#define LM_ID_NEWLM	(-1)

/* glibc's dlmopen errors carry errno EINVAL, which dlerror appends. */
#define EINVAL_TEXT ": Invalid argument"

/*
 * glibc's first checks of dlmopen(LMID, FILE, MODE), before the
 * binding mode's: another namespace than the base one needs a FILE and
 * refuses RTLD_GLOBAL.  Returns 1, or 0 with the dlerror message set.
 */
int namespace_dlmopen_args_ok(long lmid, const char *file, int mode);

/*
 * The namespace dlmopen(LMID, FILE) opens into: 0 for LM_ID_BASE, the
 * lowest free id for LM_ID_NEWLM, LMID itself if it names a namespace
 * (one with objects, not private); else -1 with glibc's dlerror message.
 */
long namespace_target(long lmid, const char *file);

/* NS was made for myld's own use (dlfcn_open_private): dlmopen may not
 * name it. */
void namespace_make_private(long ns);

/* Does an object of namespace NS (not the base one) depend on myld,
 * which then stands in that namespace too? */
int namespace_needs_loader(long ns);

#endif
