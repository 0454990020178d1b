/* SPDX-License-Identifier: MIT */
/*
 * loader/symbol_index.c - building the global scope's index, one hash
 * table over every object of the scope (struct scope_index, symbol.h).
 * Pure: it reads the objects it is given and writes the index it is
 * given; reloc_bind.c decides when an index is worth building, and
 * symbol.c's look-ups read it.
 */
#include "symbol.h"
#include "dso.h"

/* The range of symbol indexes T's hash table covers. */
static void hashed_range(const struct symtab *t, size_t *first, size_t *end)
{
	*first = t->gnu_hash ? t->gnu_hash[1] : 1;
	*end = t->nsyms;
	if (*first == 0)
		*first = 1;
}

int sym_index_can_hold(const struct dso *d)
{
	const struct symtab *t = &d->symtab;

	return t->strsz && t->strtab[t->strsz - 1] == '\0';
}

/*
 * Four entries a bucket at most on average (more than two, once there
 * are more than four): a bucket's entries are next to each other, 8
 * bytes each, so that a probe reads about one cache line of them either
 * way, and fewer buckets are a smaller array of bounds for the build and
 * the look-ups to miss in, and fewer for the build to sum up.
 */
#define MOST_ENTRIES_A_BUCKET 4

size_t sym_index_buckets(size_t entries)
{
	size_t buckets = 1;

	while (buckets * MOST_ENTRIES_A_BUCKET < entries)
		buckets *= 2;
	return buckets;
}

size_t sym_index_count(const struct dso *d)
{
	size_t first, end;

	hashed_range(&d->symtab, &first, &end);
	return end > first ? end - first : 0;
}

/* Could symbol I of T ever be a definition, with a name to hash?  (The
 * rest of the rules are applied by each look-up, with
 * definition_matches.) */
static int may_define(const struct symtab *t, size_t i)
{
	const Elf64_Sym *s = &t->syms[i];

	return !(s->st_shndx == SHN_UNDEF && s->st_value == 0) &&
	       ELF64_ST_BIND(s->st_info) != STB_LOCAL &&
	       s->st_name < t->strsz;
}

/*
 * Two passes over the objects' symbols, a counting sort by bucket.  The
 * first counts each bucket's entries into bounds[B + 2]; summing them up
 * then leaves in bounds[B + 1] where bucket B starts; the second pass
 * puts each entry there and moves bounds[B + 1] on, so that at the end
 * it is where bucket B ends, which is where bucket B + 1 starts.  Both
 * passes go through the scope and each object's symbols in order, so
 * each bucket lists its definitions in scope order, and within an object
 * in the order its own hash chains would find them.
 *
 * A DT_GNU_HASH table lists only defined symbols (the others come
 * before symoffset), and holds their hashes: both passes read only its
 * chains, not the symbols, and the rare symbol there that can define
 * nothing is turned away by the look-up, which checks every candidate's
 * name and definition as a walk of that object would.  An object without
 * one has its names hashed once, in the first pass, for both, and only
 * its possible definitions are entered.
 */
void sym_index_build(struct scope_index *ix, uint32_t *name_hashes)
{
	/* In locals: the stores to the entries could alias IX's fields. */
	uint32_t *bounds = ix->bounds, mask = ix->mask;
	struct scope_entry *entries = ix->entries;
	uint32_t *hashes = name_hashes;

	for (size_t o = 0; o < ix->nobjects; o++) {
		const struct symtab *t = &ix->objects[o]->symtab;
		size_t first, end;

		hashed_range(t, &first, &end);
		if (t->gnu_hash) {
			struct gnu_hash_view v;

			gnu_hash_view(t->gnu_hash, &v);
			const uint32_t *chain = v.chains + (first - v.symoffset);
			const uint32_t *chain_end = v.chains + (end - v.symoffset);
			uint32_t *counts = bounds + 2;

			while (chain < chain_end)
				counts[*chain++ >> 1 & mask]++;
			continue;
		}
		for (size_t i = first; i < end; i++) {
			uint32_t h = 0;

			if (may_define(t, i)) {
				const char *name = t->strtab + t->syms[i].st_name;

				h = sym_gnu_hash(name) | 1;
				bounds[(h >> 1 & mask) + 2]++;
			}
			*hashes++ = h;
		}
	}
	for (size_t b = 2; b <= (size_t)mask + 2; b++)
		bounds[b] += bounds[b - 1];

	hashes = name_hashes;
	for (size_t o = 0; o < ix->nobjects; o++) {
		struct dso *d = ix->objects[o];
		const struct symtab *t = &d->symtab;
		uint32_t object = (uint32_t)o << ix->symbol_bits;
		size_t first, end;

		hashed_range(t, &first, &end);
		if (t->gnu_hash) {
			struct gnu_hash_view v;

			gnu_hash_view(t->gnu_hash, &v);
			const uint32_t *chain = v.chains + (first - v.symoffset);
			uint32_t where = object | (uint32_t)first;
			uint32_t *starts = bounds + 1;

			for (size_t i = first; i < end; i++, where++) {
				uint32_t h = *chain++ | 1;
				struct scope_entry *e =
					&entries[starts[h >> 1 & mask]++];

				e->hash = h;
				e->where = where;
			}
		} else {
			for (size_t i = first; i < end; i++) {
				uint32_t h = *hashes++;

				if (!h)
					continue;
				struct scope_entry *e =
					&entries[bounds[(h >> 1 & mask) + 1]++];
				e->hash = h;
				e->where = object | (uint32_t)i;
			}
		}
		d->indexed = 1;
	}
}
