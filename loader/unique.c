/* SPDX-License-Identifier: MIT */
/*
 * loader/unique.c - STB_GNU_UNIQUE symbols.
 *
 * C++ wants one instance of a static local of an inline function, or of
 * a static data member of a class template, in the whole program, yet
 * every library that uses one carries its own copy.  GCC marks such
 * symbols STB_GNU_UNIQUE, and the loader keeps the promise: the first
 * definition of the name it meets is the one every later look-up gets,
 * whatever its scope.  Two plugins dlopened RTLD_LOCAL, which cannot see
 * each other's symbols, still share the instance; so does dlsym on
 * either handle.
 *
 * The table is small (a few names per C++ library) and open-addressed.
 * The object whose definition was chosen is marked NODELETE: dlclose
 * never unmaps what other objects are bound to.  A failed dlopen still
 * unmaps it, with whatever bound to it; objects.c then calls
 * unique_forget, so that the table never points into an unloaded
 * object.  Lazy binding may reach this from several threads at once,
 * hence the loader lock around the table.
 */
#include "unique.h"
#include "alloc.h"
#include "lib.h"
#include "lock.h"

struct unique_entry {
	const char *name;	/* NULL: a free slot */
	uint32_t hash;		/* GNU hash of NAME */
	struct dso *def;
	const Elf64_Sym *sym;
};

static struct unique_entry *table;
static size_t table_size, table_used;	/* size: a power of two, or 0 */

/* Each namespace has its own instance of a name (as in glibc). */
static struct unique_entry *slot_for(const char *name, uint32_t hash,
				     long ns)
{
	size_t i = (hash ^ (uint32_t)ns) & (table_size - 1);

	while (table[i].name &&
	       (table[i].hash != hash || table[i].def->ns != ns ||
		!sym_names_equal(table[i].name, name)))
		i = (i + 1) & (table_size - 1);
	return &table[i];
}

/* Keep the table at most half full. */
static void grow(void)
{
	struct unique_entry *old = table;
	size_t old_size = table_size;

	table_size = old_size ? 2 * old_size : 16;
	table = mem_alloc(table_size * sizeof(*table));	/* zeroed */
	for (size_t i = 0; i < old_size; i++)
		if (old[i].name)
			*slot_for(old[i].name, old[i].hash,
				  old[i].def->ns) = old[i];
	mem_free(old);
}

const Elf64_Sym *unique_choose_slow(const struct sym_query *q,
				    const Elf64_Sym *s, struct dso **def)
{
	loader_lock();
	if (2 * (table_used + 1) > table_size)
		grow();

	uint32_t hash = q->gnu_hash_partial ? sym_gnu_hash(q->name)
					    : q->gnu_hash;
	struct unique_entry *e = slot_for(q->name, hash, (*def)->ns);
	if (e->name) {
		s = e->sym;
		*def = e->def;
	} else {
		/* The name as the defining object spells it: that object
		 * stays, so the string does too. */
		*e = (struct unique_entry){ (*def)->symtab.strtab + s->st_name,
					    hash, *def, s };
		table_used++;
		(*def)->nodelete = 1;
	}
	loader_unlock();
	return s;
}

void unique_forget(const struct dso *d)
{
	size_t gone = 0;

	for (size_t i = 0; i < table_size; i++)
		gone += table[i].name && table[i].def == d;
	if (!gone)
		return;
	/* Open addressing: the others are placed again, without gaps. */
	struct unique_entry *old = table;
	table = mem_alloc(table_size * sizeof(*table));
	for (size_t i = 0; i < table_size; i++)
		if (old[i].name && old[i].def != d)
			*slot_for(old[i].name, old[i].hash,
				  old[i].def->ns) = old[i];
	mem_free(old);
	table_used -= gone;
}
