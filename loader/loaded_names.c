/* SPDX-License-Identifier: MIT */
/*
 * loader/loaded_names.c - which loaded object a name, or a file, already
 * designates (loaded_names.h).
 */
#include "loaded_names.h"
#include "lib.h"
#include "symbol.h"

/*
 * Is the object NAME (as written in a DT_NEEDED) already loaded?  Each
 * object keeps the lengths and hashes of its names, so that a program
 * with hundreds of libraries does not compare every name with every
 * other one.  A path (IS_PATH) is told apart by its length alone: its
 * length is known already, and hashing a long path that is nearly
 * always new would cost more than the comparisons it could save.
 *
 * Each is worked out when first needed: a program whose only path is a
 * preload (valgrind's, say) has its objects' names measured, never
 * hashed.  d->names_known says how far it went; loaded_names_forget
 * resets it when a name changes (myld's, load.c load_self).
 */
enum { NAMES_MEASURED = 1, NAMES_HASHED = 2 };

static void measure_names(struct dso *d)
{
	d->name_len = d->name ? strlen(d->name) : 0;
	d->soname_len = d->soname ? strlen(d->soname) : 0;
	d->names_known = NAMES_MEASURED;
}

static void hash_names(struct dso *d)
{
	if (d->names_known < NAMES_MEASURED)
		measure_names(d);
	d->name_hash = d->name ? sym_gnu_hash(d->name) : 0;
	d->soname_hash = d->soname ? sym_gnu_hash(d->soname) : 0;
	d->names_known = NAMES_HASHED;
}

/* Each namespace loads its own copy of a file: look in NS only. */
struct dso *loaded_by_name(const char *name, size_t len,
				       int is_path, long ns)
{
	/* The empty name is the program's, as glibc's loader names it (its
	 * link map for the program is called ""): a DT_NEEDED of "" or a
	 * dlopen("") gets the program in the base namespace.  Elsewhere it
	 * names nothing loaded, and the search that follows fails. */
	if (len == 0)
		return ns == 0 ? dso_program : NULL;
	if (is_path) {
		for (struct dso *d = dso_list; d; d = d->next) {
			if (d->ns != ns)
				continue;
			if (d->names_known < NAMES_MEASURED)
				measure_names(d);
			if (d->name && d->name_len == len &&
			    strcmp(d->name, name) == 0)
				return d;
			if (d->soname && d->soname_len == len &&
			    strcmp(d->soname, name) == 0)
				return d;
			if (d->renamed_to && strcmp(d->renamed_to, name) == 0)
				return d;
		}
		return NULL;
	}

	uint32_t h = sym_gnu_hash(name);

	for (struct dso *d = dso_list; d; d = d->next) {
		if (d->ns != ns)
			continue;
		if (d->names_known < NAMES_HASHED)
			hash_names(d);
		if (d->name && d->name_hash == h && strcmp(d->name, name) == 0)
			return d;
		if (d->soname && d->soname_hash == h &&
		    strcmp(d->soname, name) == 0)
			return d;
		if (d->renamed_to && strcmp(d->renamed_to, name) == 0)
			return d;
	}
	return NULL;
}

struct dso *loaded_by_file(uint64_t dev, uint64_t ino, long ns)
{
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->ino && d->dev == dev && d->ino == ino && d->ns == ns)
			return d;
	return NULL;
}
void loaded_names_forget(struct dso *d)
{
	d->names_known = 0;
}
