/* SPDX-License-Identifier: MIT */
/*
 * loader/libc_compat_none.c - no C library personality: myld built
 * without loader/glibc/.  glibc's libc.so.6 is refused with the reason.
 */
#include "diag.h"
#include "lib.h"
#include "libc_compat.h"

int libc_compat_adopt(void)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->soname && !strcmp(d->soname, "libc.so.6"))
			diag_die(d->path, "glibc's libc.so.6 needs glibc's "
				 "private loader interface, and this myld was "
				 "built without it (install libc6-dbg and "
				 "rebuild myld)");
	return 0;
}

void libc_compat_tcb_sizes(size_t *at_tp, size_t *below_tp)
{
	*at_tp = *below_tp = 0;
}

void libc_compat_before_relocation(const struct libc_compat_startup *s)
{
	(void)s;
}

void libc_compat_startup_loaded(void)
{
}

size_t libc_compat_audit_limit(void)
{
	return 0;
}

struct dso *libc_compat_vdso(void)
{
	return NULL;
}

void libc_compat_after_relocation(void)
{
}

void libc_compat_secure_environment(char **envp, int suid_debug)
{
	(void)envp;
	(void)suid_debug;
}

void libc_compat_ro_after_start(uintptr_t *start, uintptr_t *end)
{
	*start = *end = 0;
}

void libc_compat_print_tunables(char **envp, const uintptr_t *at,
				int secure)
{
	(void)envp;
	(void)at;
	(void)secure;
}
