/* SPDX-License-Identifier: MIT */
/*
 * loader/dlfcn.h - the dlfcn API (dlopen and friends) that myld exports.
 * The functions themselves have their standard names and prototypes
 * (see <dlfcn.h> and <link.h>); this header is for the rest of myld.
 */
#ifndef MYLD_DLFCN_H
#define MYLD_DLFCN_H

struct dso;

/*
 * dlopen, dlsym and dlvsym for a caller at CALLER_ADDRESS, which decides
 * $ORIGIN, RTLD_NEXT and the dlopen'ed object's requester (NULL: the
 * program).  A C library's dlfcn functions reach myld through these
 * (loader/glibc/), passing their own caller's address.
 */
void *dlfcn_open(const char *file, int mode, const void *caller_address);
/*
 * dlmopen: into namespace LMID (LM_ID_BASE, an id dlinfo gave, or
 * LM_ID_NEWLM for a new one), with glibc's checks and error texts.
 * dlopen (dlfcn_open) opens into its caller's namespace.
 */
void *dlfcn_mopen(long lmid, const char *file, int mode,
		  const void *caller_address);

/*
 * An auditor (LD_AUDIT, --audit, DT_AUDIT), as glibc loads it: NAME,
 * searched for as load.c's load_auditor says (secure mode's rules
 * included), with its dependencies, into a new namespace of its own
 * which dlmopen cannot name afterwards ("invalid target namespace", as
 * glibc's auditing namespaces), relocated now and initialised.  Returns
 * the object, or NULL with the dlerror message set (no namespace left,
 * NAME or a dependency cannot be loaded).  Takes the loader lock.
 */
struct dso *dlfcn_open_auditor(const char *name);
void *dlfcn_sym(void *handle, const char *name, const char *version,
		const void *caller_address);

/* HANDLE's object, if it is a handle dlopen gave (or myld's own), else
 * NULL.  Under the loader lock. */
struct dso *dlfcn_valid_handle(void *handle);

#endif
