/* SPDX-License-Identifier: MIT */
/*
 * loader/list.c - --list and LD_TRACE_LOADED_OBJECTS, which ldd runs:
 * the objects loaded for a program, in glibc's format and order.  rtld.c
 * calls it after the dependency stage, and for "ldd -u" after
 * relocation too; nothing here loads or binds.
 */
#include "list.h"
#include "diag.h"
#include "lib.h"
#include "objects.h"
#include "sys.h"

void list_unused_and_exit(void)
{
	int any = 0;

	for (size_t i = 0; i < dso_program->ndeps; i++) {
		const struct dso *d = dso_program->deps[i];

		if (d->used || d == dso_loader)
			continue;
		if (!any)
			diag_printf(1, "Unused direct dependencies:\n");
		diag_printf(1, "\t%s\n", d->path);
		any = 1;
	}
	diag_flush_warnings();
	sys_exit(any);
}

void list_objects_and_exit(uintptr_t vdso)
{
	diag_flush_warnings();
	/* glibc's words for a program that needs no library, preloads
	 * or not: ldd shows them for a static-pie too. */
	if (!dso_program->dyn.needed_count) {
		diag_printf(1, "\tstatically linked\n");
		sys_exit(0);
	}
	/*
	 * The program is not listed.  myld is, where an object first named
	 * it (it is in the list only then), under the name the program's
	 * PT_INTERP gives it: glibc's --list does the same for its own
	 * loader, and leaves it out when nothing needs it.  glibc puts its
	 * loader after the object before it in the search order, which is
	 * before the vDSO when the program's first DT_NEEDED names it.
	 */
	int loader_first = dso_program->next == dso_loader;

	if (loader_first)
		diag_printf(1, "\t%s (0x%016lx)\n", dso_loader->path,
			    (unsigned long)dso_loader->base);
	if (vdso)
		diag_printf(1, "\tlinux-vdso.so.1 (0x%016lx)\n",
			    (unsigned long)vdso);
	/* (The base namespace's: an auditor's are its own.) */
	for (struct dso *d = dso_list; d; d = d->next) {
		if ((d->kind != DSO_LIBRARY && d != dso_loader) || d->ns)
			continue;
		if (d == dso_loader) {
			if (!loader_first)
				diag_printf(1, "\t%s (0x%016lx)\n", d->path,
					    (unsigned long)d->base);
		} else if (!d->path)
			diag_printf(1, "\t%s => not found\n", d->name);
		else if (!strcmp(dso_listed_name(d), d->path))
			diag_printf(1, "\t%s (0x%016lx)\n", d->path,
				    (unsigned long)d->base);
		else
			diag_printf(1, "\t%s => %s (0x%016lx)\n",
				    dso_listed_name(d), d->path,
				    (unsigned long)d->base);
	}
	sys_exit(0);
}
