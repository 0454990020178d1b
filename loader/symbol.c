/* SPDX-License-Identifier: MIT */
/*
 * loader/symbol.c - hash tables, versions and the lookup scope.
 * See symbol.h; symbol_match.h holds which definition answers a query
 * (inline, for the relocation loops too), symbol_index.c builds the
 * global scope's index.
 */
#include "symbol.h"
#include "dso.h"
#include "lib.h"
#include "symbol_match.h"

uint32_t sym_gnu_hash(const char *name)
{
	return sym_gnu_hash_inline(name);
}

uint32_t sym_sysv_hash(const char *name)
{
	uint32_t h = 0;

	for (const unsigned char *s = (const void *)name; *s; s++) {
		h = (h << 4) + *s;
		h ^= (h >> 24) & 0xf0;
	}
	return h & 0x0fffffff;
}

size_t sym_gnu_hash_nsyms(const uint32_t *table, size_t words)
{
	struct gnu_hash_view v;
	uint64_t header;

	if (words < 4)
		return 0;
	gnu_hash_view(table, &v);
	/* The Bloom filter index is taken modulo bloom_size with a mask. */
	/* The second Bloom bit comes from the 32-bit hash shifted right. */
	if (v.nbuckets == 0 || v.bloom_size == 0 ||
	    (v.bloom_size & (v.bloom_size - 1)) || v.bloom_shift >= 32)
		return 0;
	header = 4 + 2 * (uint64_t)v.bloom_size + v.nbuckets;
	if (header > words)
		return 0;

	/*
	 * Linkers lay the chains out in bucket order, so the last chain
	 * belongs to the last non-empty bucket, and its end is the end of
	 * the hashed symbols.  Finding it costs a step per trailing empty
	 * bucket and per symbol of that chain, not a pass over every
	 * bucket (1009 of them in libc.so.6).  A hostile table may have
	 * other buckets out of order; find_gnu ignores any bucket outside
	 * [symoffset, nsyms), and every chain it walks from such a bucket
	 * ends, at the latest, where this one does.
	 */
	uint32_t b = v.nbuckets;
	while (b > 0 && v.buckets[b - 1] == 0)
		b--;
	if (b == 0)
		return v.symoffset;	/* no symbols are hashed */
	uint32_t last = v.buckets[b - 1];
	if (last < v.symoffset)
		return 0;
	/* Follow the last chain to its end to find the last symbol. */
	for (uint64_t i = last;; i++) {
		if (header + (i - v.symoffset) >= words)
			return 0;
		if (v.chains[i - v.symoffset] & 1)
			return i + 1;
	}
}

size_t sym_sysv_hash_nchain(const uint32_t *table, size_t words)
{
	if (words < 2 || table[0] == 0 ||
	    2 + (uint64_t)table[0] + table[1] > words)
		return 0;
	return table[1];
}

/* names_equal_inline (symbol_match.h), for the rarer callers. */
static int names_equal(const char *a, const char *b)
{
	return names_equal_inline(a, b);
}

int sym_names_equal(const char *a, const char *b)
{
	return names_equal(a, b);
}

/* A name from the string table, or NULL if it is not inside it. */
static const char *name_at(const char *strtab, size_t strsz, uint32_t off)
{
	if (off >= strsz)
		return NULL;
	/* A table that ends with a NUL (any table a linker wrote) ends
	 * every string in it: no need to look for this one's end. */
	if (strtab[strsz - 1] != '\0' &&
	    !memchr(strtab + off, 0, strsz - off))
		return NULL;
	return strtab + off;
}

long sym_read_verdefs(const void *verdef, size_t size, size_t count,
		      const char *strtab, size_t strsz, struct version *out,
		      size_t out_len)
{
	size_t used = 0, off = 0;

	for (size_t i = 0; i < count; i++) {
		const Elf64_Verdef *vd;
		const Elf64_Verdaux *aux;

		if (off > size || size - off < sizeof(*vd) || off % 4)
			return -1;
		vd = (const void *)((const char *)verdef + off);
		if (vd->vd_version != VER_DEF_CURRENT || vd->vd_aux % 4)
			return -1;
		if (vd->vd_aux > size - off ||
		    size - off - vd->vd_aux < sizeof(*aux))
			return -1;
		aux = (const void *)((const char *)vd + vd->vd_aux);
		if (!name_at(strtab, strsz, aux->vda_name))
			return -1;
		if (out) {
			if (vd->vd_ndx >= out_len)
				return -1;
			out[vd->vd_ndx].name = strtab + aux->vda_name;
			out[vd->vd_ndx].hash = vd->vd_hash;
			out[vd->vd_ndx].flags = vd->vd_flags;
		}
		if (vd->vd_ndx + 1u > used)
			used = vd->vd_ndx + 1u;
		if (vd->vd_next == 0)
			break;
		off += vd->vd_next;
	}
	return used;
}

long sym_read_verneeds(const void *verneed, size_t size, size_t count,
		       const char *strtab, size_t strsz, struct version *out,
		       size_t out_len)
{
	size_t used = 0, off = 0;

	for (size_t i = 0; i < count; i++) {
		const Elf64_Verneed *vn;

		if (off > size || size - off < sizeof(*vn) || off % 4)
			return -1;
		vn = (const void *)((const char *)verneed + off);
		if (vn->vn_version != VER_NEED_CURRENT)
			return -1;
		const char *file = name_at(strtab, strsz, vn->vn_file);
		if (!file)
			return -1;

		size_t aoff = off + vn->vn_aux;
		for (size_t j = 0; j < vn->vn_cnt; j++) {
			const Elf64_Vernaux *a;

			if (aoff > size || size - aoff < sizeof(*a) || aoff % 4)
				return -1;
			a = (const void *)((const char *)verneed + aoff);
			uint16_t ndx = a->vna_other & 0x7fff;
			if (!name_at(strtab, strsz, a->vna_name))
				return -1;
			if (out) {
				if (ndx >= out_len)
					return -1;
				out[ndx].name = strtab + a->vna_name;
				out[ndx].hash = a->vna_hash;
				out[ndx].flags = a->vna_flags;
				out[ndx].file = file;
			}
			if (ndx + 1u > used)
				used = ndx + 1u;
			if (a->vna_next == 0)
				break;
			aoff += a->vna_next;
		}
		if (vn->vn_next == 0)
			break;
		off += vn->vn_next;
	}
	return used;
}

/*
 * Is the string at offset OFF of T's string table NAME?  A name that
 * runs to the end of the table without a NUL ends there, so it cannot
 * match a longer NAME.
 */
static inline __attribute__((always_inline)) int
name_equals(const struct symtab *t, uint32_t off, const char *name)
{
	if (off >= t->strsz)
		return 0;
	const char *s = t->strtab + off;
	size_t room = t->strsz - off;

	/* The usual table ends with a NUL, and so does S: eight bytes at
	 * a time.  NAME is read no further than S's NUL, but for the rest
	 * of a word that stays in the same page. */
	if (t->strtab[t->strsz - 1] == '\0')
		return names_equal_inline(s, name);

	for (size_t i = 0; i < room; i++) {
		if (s[i] != name[i])
			return 0;
		if (!s[i])
			return 1;
	}
	return name[room] == '\0';
}

/* Is symbol I of T a definition that Q may bind to? */
INNER enum match symbol_matches(const struct symtab *t, size_t i,
				const struct sym_query *q)
{
	if (!name_equals(t, t->syms[i].st_name, q->name))
		return NO_MATCH;
	return definition_matches(t, i, q);
}

/* Collects the outcome of scanning one object's hash chain. */
struct chain_scan {
	const Elf64_Sym *alone;		/* a MATCH_IF_ALONE candidate */
	size_t alone_count;
};

/* Returns the symbol if I is a match; records candidates in SCAN. */
INNER const Elf64_Sym *consider(const struct symtab *t, size_t i,
				const struct sym_query *q,
				struct chain_scan *scan)
{
	switch (symbol_matches(t, i, q)) {
	case MATCH:
		return &t->syms[i];
	case MATCH_IF_ALONE:
		scan->alone = &t->syms[i];
		scan->alone_count++;
		break;
	case NO_MATCH:
		break;
	}
	return NULL;
}

static const Elf64_Sym *scan_result(const struct chain_scan *scan)
{
	return scan->alone_count == 1 ? scan->alone : NULL;
}

/*
 * Two bits per symbol in the Bloom filter: both set, or absent.  Most
 * objects a look-up asks say no here, so this test is kept apart from
 * the chain walk, small enough to be inlined in the scope walk.
 */
static inline int gnu_bloom_passes(const uint32_t *table, uint32_t h)
{
	const uint64_t *bloom = (const uint64_t *)(table + 4);
	uint64_t word = bloom[(h / 64) & (table[2] - 1)];

	/* The first bit alone turns most objects away. */
	return (word >> (h % 64) & 1) && (word >> ((h >> table[3]) % 64) & 1);
}

static __attribute__((noinline)) const Elf64_Sym *
find_gnu(const struct symtab *t, const struct sym_query *q)
{
	struct gnu_hash_view v;
	uint32_t h = q->gnu_hash;

	gnu_hash_view(t->gnu_hash, &v);
	struct chain_scan scan = { NULL, 0 };
	uint32_t i = v.buckets[h % v.nbuckets];
	/* 0 is an empty bucket; sym_gnu_hash_nsyms checked only the last
	 * one against symoffset, and the loop below bounds the rest. */
	if (i == 0 || i < v.symoffset)
		return NULL;
	for (; i < t->nsyms; i++) {
		uint32_t chain = v.chains[i - v.symoffset];
		const Elf64_Sym *s;

		if ((chain | 1) == (h | 1) && (s = consider(t, i, q, &scan)))
			return s;
		if (chain & 1)
			break;
	}
	return scan_result(&scan);
}

static __attribute__((noinline)) const Elf64_Sym *
find_sysv(const struct symtab *t, struct sym_query *q)
{
	uint32_t nbucket = t->sysv_hash[0];
	const uint32_t *buckets = t->sysv_hash + 2;
	const uint32_t *chains = buckets + nbucket;

	if (!q->have_sysv_hash) {
		q->sysv_hash = sym_sysv_hash(q->name);
		q->have_sysv_hash = 1;
	}
	/*
	 * Only the table's header was checked at load (see
	 * sym_sysv_hash_nchain), so each entry is checked here as it is
	 * read: an index at or beyond nchain (nsyms) would leave the symbol
	 * and chain arrays, and a valid chain visits each symbol at most
	 * once, so a walk longer than nchain - 1 steps is in a loop.  Either
	 * way the walk stops and the table is reported as malformed; no
	 * look-up reads outside the table or runs for ever.
	 */
	const uint32_t n = (uint32_t)t->nsyms;
	struct chain_scan scan = { NULL, 0 };
	uint32_t steps = 0;
	for (uint32_t i = buckets[q->sysv_hash % nbucket]; i != 0;
	     i = chains[i]) {
		if (i >= n || ++steps >= n) {
			q->sysv_hash_bad = 1;
			q->bad_sysv_table = t;
			if (!__atomic_load_n(&sym_bad_sysv_table,
					     __ATOMIC_RELAXED))
				__atomic_store_n(&sym_bad_sysv_table, t,
						 __ATOMIC_RELAXED);
			return NULL;
		}
		const Elf64_Sym *s = consider(t, i, q, &scan);

		if (s)
			return s;
	}
	return scan_result(&scan);
}

static inline const Elf64_Sym *find_in(const struct symtab *t,
				       struct sym_query *q)
{
	if (t->gnu_hash)
		return gnu_bloom_passes(t->gnu_hash, q->gnu_hash) ? find_gnu(t, q)
								  : NULL;
	if (t->sysv_hash)
		return find_sysv(t, q);
	return NULL;
}

const Elf64_Sym *sym_find_in(const struct symtab *t, struct sym_query *q)
{
	sym_query_hash(q);
	return find_in(t, q);
}

const struct scope_index *sym_scope_index;
const struct symtab *sym_bad_sysv_table;

/*
 * The scope rule (symbol.h).  REQUESTER's group is the dlopen root whose
 * local scope applies to it; an object loaded at start-up has none.
 */
static inline void scope_for_references(struct sym_scope *s,
					struct dso *requester,
					const struct dso *skip)
{
	struct dso *root = requester->group;

	s->self = requester->symbolic && requester != skip ? requester : NULL;
	s->local = root ? root->scope : NULL;
	s->nlocal = root ? root->nscope : 0;
	s->local_first = requester->deepbind;
	s->global_from = dso_list;
	s->ns = requester->ns;
	s->skip = skip;
}

void sym_scope_for_references(struct sym_scope *s, struct dso *requester,
			      const struct dso *skip)
{
	scope_for_references(s, requester, skip);
}

void sym_scope_of_handle(struct sym_scope *s, struct dso *handle)
{
	int program = handle->kind == DSO_PROGRAM;

	*s = (struct sym_scope){
		.local = program ? NULL : handle->scope,
		.nlocal = program ? 0 : handle->nscope,
		.global_from = program ? dso_list : NULL,
	};
}

void sym_scope_after(struct sym_scope *s, struct dso *caller)
{
	struct dso *root = caller->group;

	*s = (struct sym_scope){ 0 };
	if (!root) {
		s->global_from = caller->next;
		s->ns = caller->ns;
		return;
	}
	for (size_t i = 0; i < root->nscope; i++) {
		if (root->scope[i] == caller) {
			s->local = root->scope + i + 1;
			s->nlocal = root->nscope - i - 1;
			break;
		}
	}
}

/*
 * Ask D for Q, counting the search in *SEARCHED (a local, which the
 * compiler keeps in a register across the walk) and, when TRACING,
 * reporting it.  Each walk below is written once and compiled twice, for
 * TRACING 0 and 1, so that the usual walk pays nothing for tracing.
 */
INNER const Elf64_Sym *ask(struct dso *d, struct sym_query *q,
			   unsigned *searched, int tracing)
{
	++*searched;
	if (tracing)
		q->on_search(d, q->name);
	return find_in(&d->symtab, q);
}

INNER const Elf64_Sym *ask_list(struct sym_query *q, struct dso *const *list,
				size_t n, const struct dso *skip,
				struct dso **def, unsigned *searched,
				int tracing)
{
	for (size_t i = 0; i < n; i++) {
		const Elf64_Sym *s;

		if (list[i] != skip && (s = ask(list[i], q, searched, tracing))) {
			*def = list[i];
			return s;
		}
	}
	return NULL;
}

/*
 * The global part.  INDEX says what the index already answered:
 * INDEX_ABSENT (none of its objects defines Q: only the objects added to
 * the scope after it was built are asked), INDEX_UNSURE (ask every
 * object), or NOT_ASKED.
 */
INNER const Elf64_Sym *ask_global(struct sym_query *q,
				  const struct sym_scope *sc, struct dso **def,
				  enum index_answer index, unsigned *searched,
				  int tracing)
{
	const Elf64_Sym *s = NULL;

	/* The index holds the base namespace's global scope. */
	if (index == NOT_ASKED && sym_scope_index && !sc->skip && !tracing &&
	    sc->global_from == dso_list && !sc->ns) {
		index = index_lookup(sym_scope_index, q, &s, def);
		if (index == INDEX_FOUND) {
			++*searched;
			return s;
		}
	}
	int skip_indexed = index == INDEX_ABSENT;
	long member = dso_global_key(sc->ns);
	for (struct dso *d = sc->global_from; d; d = d->next) {
		if (d == sc->skip || d->global != member ||
		    (skip_indexed && d->indexed))
			continue;
		if ((s = ask(d, q, searched, tracing))) {
			*def = d;
			return s;
		}
	}
	return NULL;
}

/* The one walk of a scope, in the order symbol.h gives. */
INNER const Elf64_Sym *walk(struct sym_query *q, const struct sym_scope *sc,
			    struct dso **def, enum index_answer index,
			    int tracing)
{
	const Elf64_Sym *s = NULL;
	unsigned searched = 0;

	sym_query_hash(q);	/* for the Bloom filters */
	if (sc->self && (s = ask(sc->self, q, &searched, tracing)))
		*def = sc->self;
	if (!s && sc->local_first)
		s = ask_list(q, sc->local, sc->nlocal, sc->skip, def,
			     &searched, tracing);
	if (!s)
		s = ask_global(q, sc, def, index, &searched, tracing);
	if (!s && !sc->local_first)
		s = ask_list(q, sc->local, sc->nlocal, sc->skip, def,
			     &searched, tracing);
	q->searched += searched;
	return s;
}

INNER const Elf64_Sym *walk_scope(struct sym_query *q,
				  const struct sym_scope *sc, struct dso **def,
				  enum index_answer index)
{
	if (q->on_search)
		return walk(q, sc, def, index, 1);
	return walk(q, sc, def, index, 0);
}

const Elf64_Sym *sym_scope_search(struct sym_query *q,
				  const struct sym_scope *s, struct dso **def)
{
	return walk_scope(q, s, def, NOT_ASKED);
}

/* Every call below is inlined, so that the scope lives in registers. */
const Elf64_Sym *sym_resolve_walking(struct sym_query *q,
				     struct dso *requester,
				     const struct dso *skip, struct dso **def)
{
	struct sym_scope sc;

	scope_for_references(&sc, requester, skip);
	/* The usual reference (no -Bsymbolic, no dlopen group, nothing
	 * skipped or traced) has the global scope alone: the same walk,
	 * compiled for that scope. */
	if (!requester->symbolic && !requester->group && !skip &&
	    !q->on_search) {
		sc.self = NULL;
		sc.local = NULL;
		sc.nlocal = 0;
		sc.skip = NULL;
		return walk(q, &sc, def, NOT_ASKED, 0);
	}
	return walk_scope(q, &sc, def, NOT_ASKED);
}

/* The rest of sym_resolve_inline's walk (symbol_match.h), kept out of it
 * so that the index's answer costs no more registers than the index
 * needs. */
__attribute__((noinline)) const Elf64_Sym *
sym_resolve_after_index(struct sym_query *q, struct dso *requester,
			struct dso **def, enum index_answer index)
{
	struct sym_scope sc;

	scope_for_references(&sc, requester, NULL);
	return walk(q, &sc, def, index, 0);
}

const Elf64_Sym *sym_resolve_indexed(struct sym_query *q,
				     struct dso *requester, struct dso **def)
{
	return sym_resolve_inline(q, requester, NULL, def);
}
