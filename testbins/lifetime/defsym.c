/* SPDX-License-Identifier: MIT */
/* libdefsym.so, for dlsym_default.c: looks a name up in its own scope,
 * as its code would bind it. */
#define _GNU_SOURCE
#include <dlfcn.h>

void *defsym_find(const char *name)
{
	void *p = dlsym(RTLD_DEFAULT, name);

	/* Not a tail call: dlsym's caller must be this library. */
	__asm__ volatile("" ::: "memory");
	return p;
}
