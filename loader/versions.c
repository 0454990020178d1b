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

int versions_check(struct dso *d)
{
	/* The versions needed from one library share its name string. */
	const char *file = NULL;
	struct dso *lib = NULL;

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
		if (need->flags & VER_FLG_WEAK)
			diag_warn(lib->path, "weak version %s not found "
				  "(required by %s)", need->name, d->path);
		else
			return diag_fail(lib->path, "version %s not found "
					 "(required by %s)", need->name,
					 d->path);
	}
	return 0;
}
