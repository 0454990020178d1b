/* SPDX-License-Identifier: MIT */
/*
 * loader/foreign_libc.c - refusing musl's C library (foreign_libc.h).
 */
#include "foreign_libc.h"
#include "diag.h"
#include "dso.h"
#include "lib.h"

/*
 * musl's C library is libc.so (it has no soname, so programs name the
 * file they were linked with), and its loader ld-musl-<cpu>.so.1 is a
 * link to it.  An ELF file called libc.so is musl's: glibc's libc.so is
 * a linker script, which never gets this far.
 */
static int is_musl_file_name(const char *name)
{
	return !strcmp(name, "libc.so") ||
	       str_skip_prefix(name, "ld-musl-") != NULL;
}

static int is_musl_name(const char *path)
{
	const char *base = strrchr(path, '/');

	return is_musl_file_name(base ? base + 1 : path);
}

void foreign_libc_refuse_program(void)
{
	const struct dso *p = dso_program;
	int musl = 0;

	for (size_t i = 0; p->dyn.needed_count && i < p->dyn_count &&
			   p->dynv[i].d_tag != DT_NULL; i++)
		if (p->dynv[i].d_tag == DT_NEEDED &&
		    p->dynv[i].d_un.d_val < p->symtab.strsz &&
		    !strncmp(p->symtab.strtab + p->dynv[i].d_un.d_val,
			     "libc.so", p->symtab.strsz - p->dynv[i].d_un.d_val))
			musl = 1;
	if (musl)
		diag_die(dso_program->path, "linked against musl, whose "
			 "libc.so is its own dynamic loader: run it with "
			 "musl's loader instead");
}

void foreign_libc_refuse_libraries(void)
{
	for (struct dso *d = dso_list; d; d = d->next) {
		if (d->kind == DSO_PROGRAM)
			continue;
		/* A soname says who the library is; else its file name. */
		if (d->soname ? !strcmp(d->soname, "libc.so")
			      : d->file_name ? is_musl_file_name(d->file_name)
					     : d->path && is_musl_name(d->path))
			diag_die(d->path,
				 "musl's C library, which is its own dynamic "
				 "loader: run the program with musl's loader "
				 "instead");
	}
}
