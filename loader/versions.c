/* SPDX-License-Identifier: MIT */
/*
 * loader/versions.c - checking required symbol versions.  See
 * versions.h.
 *
 * This is the check glibc's loader makes before relocating anything:
 * a program built against a newer library than the one found fails
 * here, with the version it lacks named, rather than later with an
 * undefined symbol.
 */
#include "versions.h"
#include "alloc.h"
#include "diag.h"
#include "dynamic.h"
#include "lib.h"
#include "load.h"
#include "trace.h"

/*
 * Does LIB define the version NEED names?  Through a table of LIB's
 * definitions by hash, built the first time: a program asks a C library
 * for many of its versions, and a table answers each in a step or two
 * where a scan would look at every definition.
 */
static int defines_version(struct dso *lib, const struct version *need)
{
	const struct version *defs = lib->symtab.verdefs;
	size_t nv = lib->symtab.nverdefs;	/* at most 65,536: 16-bit */

	if (!lib->verdefs_by_hash) {
		size_t size = 2;

		while (size < 2 * nv)
			size *= 2;
		lib->verdefs_by_hash = mem_alloc(size * sizeof(uint16_t));
		lib->verdefs_mask = (uint32_t)(size - 1);
		/* Index 0 is never a definition, so 0 marks a free slot.
		 * (Entries with a file are needed, not defined.) */
		for (size_t v = 1; v < nv; v++) {
			if (!defs[v].name || defs[v].file)
				continue;
			uint32_t slot = defs[v].hash & lib->verdefs_mask;
			while (lib->verdefs_by_hash[slot])
				slot = (slot + 1) & lib->verdefs_mask;
			lib->verdefs_by_hash[slot] = (uint16_t)v;
		}
	}
	for (uint32_t slot = need->hash & lib->verdefs_mask;
	     lib->verdefs_by_hash[slot];
	     slot = (slot + 1) & lib->verdefs_mask) {
		const struct version *def = &defs[lib->verdefs_by_hash[slot]];

		if (def->hash == need->hash &&
		    sym_names_equal(def->name, need->name))
			return 1;
	}
	return 0;
}

/* The dependency of D that FILE (a DT_VERNEED file name) designates. */
static struct dso *dependency_named(const struct dso *d, const char *file)
{
	for (size_t k = 0; k < d->ndeps; k++) {
		struct dso *dep = d->deps[k];

		if ((dep->soname && sym_names_equal(dep->soname, file)) ||
		    (dep->name && sym_names_equal(dep->name, file)))
			return dep;
	}
	return NULL;
}

/* Does D name among the versions it needs the one called NAME, whose
 * ELF hash is HASH? */
static int needs_version_named(const struct dso *d, const char *name,
			       uint32_t hash)
{
	for (size_t i = 0; i < d->nverneeds; i++)
		if (d->verneeds[i].hash == hash && d->verneeds[i].name &&
		    d->verneeds[i].file && !strcmp(d->verneeds[i].name, name))
			return 1;
	return 0;
}

/* Does D list a C library (libc.so.<N>) in DT_NEEDED? */
static int needs_libc(const struct dso *d)
{
	for (size_t i = 0; i < d->dyn_count &&
			   d->dynv[i].d_tag != DT_NULL; i++) {
		if (d->dynv[i].d_tag != DT_NEEDED)
			continue;
		const char *name = dynamic_string(d, d->dynv[i].d_un.d_val);

		if (name && !strncmp(name, "libc.so.", 8))
			return 1;
	}
	return 0;
}

/*
 * glibc's rule for packed relative relocations: an object that needs
 * versions and a libc.so.<N>, and has DT_RELR, must also need
 * GLIBC_ABI_DT_RELR, so that a C library older than that (whose loader
 * ignores DT_RELR) is refused rather than run unrelocated.  glibc 2.36's
 * loader refuses such an object (lld --pack-dyn-relocs=relr does not
 * add the version); myld, standing in for it, refuses it alike.
 */
static void check_relr_version(const struct dso *d)
{
	/* (One line for the first object, as glibc stops there.) */
	if (!d->dynv || !d->dyn.present[DT_RELR] || !d->dyn.verneed ||
	    /* (0xfd0e42, its ELF hash, spares a strcmp per version) */
	    needs_version_named(d, "GLIBC_ABI_DT_RELR", 0xfd0e42) ||
	    !needs_libc(d) || diag_failed())
		return;
	diag_error(d->path, "DT_RELR without GLIBC_ABI_DT_RELR dependency");
}

/*
 * While listing (--list, LD_TRACE_LOADED_OBJECTS: what ldd runs), a
 * missing version is said and the listing goes on, in glibc's words and
 * form, which scripts reading ldd's output expect: the program's name,
 * the library, the version.
 */
static void say_missing_while_listing(const struct dso *lib,
				      const struct version *need,
				      const struct dso *d)
{
	diag_printf(2, "%s: %s: %sversion `%s' not found (required by %s)\n",
		    dso_program->path, lib->path,
		    need->flags & VER_FLG_WEAK ? "weak " : "", need->name,
		    d->path);
}

int versions_check(struct dso *d)
{
	/* The versions needed from one library share its name string. */
	const char *file = NULL;
	struct dso *lib = NULL;
	int warned = 0;

	check_relr_version(d);
	if (diag_failed())
		return -1;
	for (size_t i = 0; i < d->nverneeds; i++) {
		const struct version *need = &d->verneeds[i];

		/* Without a file: defined (the array may be both). */
		if (!need->name || !need->file)
			continue;
		TRACE(VERSIONS, "checking for version `%s' in file %s [0] "
		      "required by file %s [0]", need->name, need->file,
		      d->path);
		if (need->file != file) {
			file = need->file;
			lib = dependency_named(d, file);
		}
		/* A library with no version definitions at all predates
		 * versioning; glibc accepts it, and so do we. */
		if (!lib || !lib->dyn.verdef)
			continue;
		if (defines_version(lib, need))
			continue;
		if (load_config.trace) {
			say_missing_while_listing(lib, need, d);
			continue;
		}
		if (!(need->flags & VER_FLG_WEAK))
			return diag_fail(lib->path, "version %s not found "
					 "(required by %s)", need->name,
					 d->path);
		diag_warn(lib->path, "weak version %s not found "
			  "(required by %s)", need->name, d->path);
		warned = 1;
	}
	return warned;
}

int versions_check_from(struct dso *first)
{
	int warned = 0;

	for (struct dso *d = first; d; d = d->next) {
		if (d->ns != first->ns)
			continue;
		int rc = versions_check(d);

		if (rc < 0)
			return -1;
		warned |= rc;
	}
	return warned;
}
