/* SPDX-License-Identifier: MIT */
/*
 * loader/namespaces.c - see namespaces.h.
 */
#include "namespaces.h"
#include "diag.h"
#include "dso.h"
#include "objects.h"

#define RTLD_GLOBAL 0x00100

/* Private namespaces, a bit per id.  A bit goes stale once its
 * namespace is empty, and is cleared when the id is given again. */
static unsigned private_namespaces;

int namespace_dlmopen_args_ok(long lmid, const char *file, int mode)
{
	if (lmid == LM_ID_BASE)
		return 1;
	if (!file) {
		diag_set_dlerror("invalid namespace" EINVAL_TEXT);
		return 0;
	}
	/* glibc refuses it: another namespace's global scope is its first
	 * object's (a dlopen from code inside it may still add to it). */
	if (mode & RTLD_GLOBAL) {
		diag_set_dlerror("invalid mode" EINVAL_TEXT);
		return 0;
	}
	return 1;
}

long namespace_target(long lmid, const char *file)
{
	if (lmid == LM_ID_BASE)
		return 0;
	if (lmid == LM_ID_NEWLM) {
		long ns = objects_unused_namespace();

		if (ns < 0)
			diag_set_dlerror("%s: no more namespaces available for "
					 "dlmopen()" EINVAL_TEXT, file);
		else
			private_namespaces &= ~(1u << ns);
		return ns;
	}
	/* objects_in_namespace is 0 for an id out of range. */
	if (!objects_in_namespace(lmid) ||
	    (private_namespaces & (1u << lmid))) {
		diag_set_dlerror("%s: invalid target namespace in dlmopen()"
				 EINVAL_TEXT, file);
		return -1;
	}
	return lmid;
}

void namespace_make_private(long ns)
{
	private_namespaces |= 1u << ns;
}

int namespace_needs_loader(long ns)
{
	for (struct dso *d = dso_list; d; d = d->next) {
		if (d->ns != ns)
			continue;
		for (size_t i = 0; i < d->ndeps; i++)
			if (d->deps[i] == dso_loader)
				return 1;
	}
	return 0;
}
