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
/* dlmopen: LM_ID_BASE, the only namespace, is dlopen's; any other
 * LMID fails with the dlerror message set. */
void *dlfcn_mopen(long lmid, const char *file, int mode,
		  const void *caller_address);
void *dlfcn_sym(void *handle, const char *name, const char *version,
		const void *caller_address);

/* HANDLE's object, if it is a handle dlopen gave (or myld's own), else
 * NULL.  Under the loader lock. */
struct dso *dlfcn_valid_handle(void *handle);

#endif
