/* SPDX-License-Identifier: MIT */
/*
 * loader/symbol.h - finding symbol definitions.
 *
 * Two layers.  The lower one works on one object's tables (struct
 * symtab): the GNU and SysV hash functions, the Bloom filter, the hash
 * chains and symbol versions.  It is pure, and the unit tests drive it
 * with tables built in memory.  The upper one, sym_resolve, walks a
 * lookup scope of loaded objects and applies the ELF rules for which
 * definition wins.
 */
#ifndef MYLD_SYMBOL_H
#define MYLD_SYMBOL_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

struct dso;

/* One version name, as defined (DT_VERDEF) or required (DT_VERNEED). */
struct version {
	const char *name;	/* NULL for an unused index */
	const char *file;	/* DT_VERNEED only: the library it comes from */
	uint32_t hash;		/* the ELF (SysV) hash of NAME */
	uint16_t flags;		/* VER_FLG_BASE, VER_FLG_WEAK */
};

/* The symbol tables of one object, with everything already validated. */
struct symtab {
	const Elf64_Sym *syms;
	size_t nsyms;			/* every index used is below this */
	const char *strtab;
	size_t strsz;
	const uint32_t *gnu_hash;	/* DT_GNU_HASH, or NULL */
	const uint32_t *sysv_hash;	/* DT_HASH, or NULL; never searched
					 * when gnu_hash is set.  Only its
					 * header is checked at load: its
					 * entries are checked as a look-up
					 * reads them (find_sysv), and when
					 * it is searched, nsyms is its
					 * nchain */
	const uint16_t *versym;		/* DT_VERSYM, or NULL */
	size_t nversym;			/* entries readable in versym */
	/* Indexed by version index: DT_VERDEF's, and DT_VERNEED's for the
	 * definitions that carry a needed version (load.c explains). */
	const struct version *verdefs;
	size_t nverdefs;
};

uint32_t sym_gnu_hash(const char *name);

/* The same, inline: see sym_query_init_ref. */
static inline __attribute__((always_inline)) uint32_t
sym_gnu_hash_inline(const char *name)
{
	const unsigned char *s = (const void *)name;
	uint32_t h = 5381;

	/* h = h * 33 + c, four characters a step: every relocation with a
	 * symbol hashes its name once. */
	for (;; s += 4) {
		uint32_t c0 = s[0], c1, c2, c3;

		if (!c0)
			return h;
		c1 = s[1];
		if (!c1)
			return h * 33 + c0;
		c2 = s[2];
		if (!c2)
			return (h * 33 + c0) * 33 + c1;
		c3 = s[3];
		if (!c3)
			return ((h * 33 + c0) * 33 + c1) * 33 + c2;
		h = h * (33 * 33 * 33 * 33) + c0 * (33 * 33 * 33) +
		    c1 * (33 * 33) + c2 * 33 + c3;
	}
}

uint32_t sym_sysv_hash(const char *name);

/*
 * Are the NUL-terminated strings A and B equal?  Compares eight bytes at
 * a time, reading past either NUL only within the same page.
 */
int sym_names_equal(const char *a, const char *b);

/*
 * How many symbols a DT_GNU_HASH table covers: one more than the highest
 * index any chain reaches.  WORDS is how many 32-bit words are readable
 * from TABLE on.  Returns 0 for a malformed table.
 */
size_t sym_gnu_hash_nsyms(const uint32_t *table, size_t words);

/*
 * DT_HASH's nchain (how many symbols it covers), or 0 when its header is
 * malformed or the table does not fit in WORDS.  Only the header is
 * read: the buckets and chains are checked by the look-ups that use
 * them (find_sysv), so that loading costs the same for 10 symbols as
 * for 100,000.  Once this has passed, every bucket and every chain entry
 * below nchain lies inside the table.
 */
size_t sym_sysv_hash_nchain(const uint32_t *table, size_t words);

/*
 * Build the table of version definitions of an object, indexed by
 * vd_ndx, from COUNT Elf64_Verdef records at VERDEF.  SIZE is how many
 * bytes are readable from VERDEF on.  OUT has room for OUT_LEN entries
 * and arrives zeroed (as mem_alloc's memory does): only the indexes the
 * records define are written.  Returns the number of entries used
 * (highest index + 1), or -1 when the records are malformed.  With OUT
 * NULL, only counts: call it so first to size the table.
 */
long sym_read_verdefs(const void *verdef, size_t size, size_t count,
		      const char *strtab, size_t strsz, struct version *out,
		      size_t out_len);

/* The same for DT_VERNEED, indexed by vna_other. */
long sym_read_verneeds(const void *verneed, size_t size, size_t count,
		       const char *strtab, size_t strsz, struct version *out,
		       size_t out_len);

/* What is being looked for. */
struct sym_query {
	const char *name;
	uint32_t gnu_hash;
	/*
	 * Set when GNU_HASH holds only the name's hash with bit 0 set, read
	 * from the referring object's own DT_GNU_HASH chain instead of
	 * hashing the name (sym_query_init_ref).  That is all the scope
	 * index needs (it is keyed by hash | 1); whatever needs the whole
	 * hash (a Bloom filter, a bucket) calls sym_query_hash first.
	 */
	int gnu_hash_partial;
	uint32_t sysv_hash;
	int have_sysv_hash;
	/*
	 * Set by a look-up that found a DT_HASH table malformed on its way
	 * (a bucket or chain entry at or beyond nchain, or a chain that
	 * loops), with the table's struct symtab in bad_sysv_table: that
	 * chain was left there, so a definition it held may have been
	 * missed.  Whoever reports a symbol as not found reports this
	 * instead (loader/reloc.c, resolve).  An int beside have_sysv_hash,
	 * so that sym_query_init clears both with one store: it runs for
	 * every relocation.
	 */
	int sysv_hash_bad;
	const struct symtab *bad_sysv_table;	/* only if sysv_hash_bad */
	const struct version *version;	/* NULL: an unversioned reference */
	int for_plt;	/* a PLT slot: a canonical PLT entry is no answer */
	/*
	 * dlsym without a version: only the default definition answers,
	 * never a hidden one (foo@V1), even of the library's first version
	 * (see version_matches).  Set by dlfcn.c after sym_query_init.
	 */
	int newest;
	/* Optional: called for each object sym_resolve searches (tracing). */
	void (*on_search)(const struct dso *d, const char *name);
	unsigned searched;	/* objects searched by sym_resolve */
};

/* Q for NAME, whose GNU hash is HASH (PARTIAL: see gnu_hash_partial). */
static inline void sym_query_init_hashed(struct sym_query *q, const char *name,
					 uint32_t hash, int partial,
					 const struct version *version,
					 int for_plt)
{
	q->name = name;
	q->gnu_hash = hash;
	q->gnu_hash_partial = partial;
	q->have_sysv_hash = 0;
	q->sysv_hash_bad = 0;
	q->version = version;
	q->for_plt = for_plt;
	q->newest = 0;
	q->on_search = NULL;
	q->searched = 0;
}

/* Inline: it runs for every relocation that names a symbol. */
static inline void sym_query_init(struct sym_query *q, const char *name,
				  const struct version *version, int for_plt)
{
	sym_query_init_hashed(q, name, sym_gnu_hash(name), 0, version, for_plt);
}

/* Q's whole GNU hash, computed now if only its bits but bit 0 were
 * known. */
static inline uint32_t sym_query_hash(struct sym_query *q)
{
	if (__builtin_expect(q->gnu_hash_partial, 0)) {
		q->gnu_hash = sym_gnu_hash(q->name);
		q->gnu_hash_partial = 0;
	}
	return q->gnu_hash;
}

/* Look for Q in one object's tables.  Returns the symbol or NULL. */
const Elf64_Sym *sym_find_in(const struct symtab *t, struct sym_query *q);

/*
 * An index of the definitions of the global scope, for programs with
 * many objects: instead of asking each object in turn (a Bloom filter,
 * then perhaps a hash chain, for each), one hash table gives the
 * candidates for a name directly, in scope order.  reloc.c builds it at
 * start-up when the scope is large; sym_resolve uses it when present.
 * Objects added to the global scope later (dlopen) are not indexed and
 * are searched as usual, after the indexed ones, which is also their
 * place in the scope.
 */
struct scope_entry {
	uint32_t hash;	/* GNU hash of the name, bit 0 set; 0: no entry */
	uint32_t where;	/* object << symbol_bits | the symbol's index */
};

/*
 * Every page of the index is a fresh page the kernel must clear, and a
 * look-up that misses the cache costs more than the instructions that
 * find the entry.  So the index is small: entries of 8 bytes, the name's
 * hash and where the definition is (its object by position in OBJECTS
 * and its symbol by index, packed in one word; the name is read through
 * the symbol, which the look-up reads anyway), up to four to a bucket
 * (sym_index_buckets).  A bucket's entries are next to each other, in
 * scope order, and the buckets one after the other, so that one array of
 * bounds finds them.
 */
struct scope_index {
	uint32_t mask;		/* number of buckets - 1 */
	uint32_t symbol_bits;	/* low bits of scope_entry.where, */
	uint32_t symbol_mask;	/* which this selects */
	/* Bucket B is entries[bounds[B]] up to entries[bounds[B + 1]];
	 * mask + 3 words (the last one used only while building). */
	uint32_t *bounds;
	struct scope_entry *entries;
	size_t nobjects;
	struct dso *objects[];	/* the indexed objects, in scope order */
};

extern const struct scope_index *sym_scope_index;

/*
 * The first DT_HASH table a look-up found malformed (see
 * sym_query.sysv_hash_bad), or NULL.  A look-up that meets one still
 * returns a definition it found in another object, having read nothing
 * outside any table; so that the table does not go unreported, start-up
 * and lazy binding check this once (reloc.c), instead of every look-up
 * checking its query.  The only thing a look-up writes outside its query.
 */
extern const struct symtab *sym_bad_sysv_table;

/*
 * DT_GNU_HASH layout, in 32-bit words: nbuckets, symoffset, bloom_size
 * (in 64-bit words), bloom_shift; then the Bloom filter; then nbuckets
 * bucket heads; then one chain word per symbol from symoffset on.  A
 * chain word holds the symbol's hash with bit 0 replaced by "last in
 * this chain".
 */
struct gnu_hash_view {
	uint32_t nbuckets, symoffset, bloom_size, bloom_shift;
	const uint64_t *bloom;
	const uint32_t *buckets;
	const uint32_t *chains;
};

static inline void gnu_hash_view(const uint32_t *t, struct gnu_hash_view *v)
{
	v->nbuckets = t[0];
	v->symoffset = t[1];
	v->bloom_size = t[2];
	v->bloom_shift = t[3];
	v->bloom = (const uint64_t *)(t + 4);
	v->buckets = t + 4 + 2 * (size_t)v->bloom_size;
	v->chains = v->buckets + v->nbuckets;
}

/*
 * The same for a reference of T's symbol I, whose name is NAME.  When
 * T's own DT_GNU_HASH table covers I (the object defines the name it
 * refers to: vtables, typeinfo, template instances of C++ libraries),
 * the name is not hashed: its hash, but for bit 0, is the chain word the
 * linker stored for I.  Every look-up into T trusts that word already
 * (a wrong one hides the name from all of them); here a wrong one would
 * also send T's own references to the name astray, and nothing else.
 */
static inline void sym_query_init_ref(struct sym_query *q,
				      const struct symtab *t, size_t i,
				      const char *name,
				      const struct version *version,
				      int for_plt)
{
	const uint32_t *table = t->gnu_hash;

	/* Without the index a walk needs the whole hash anyway.  Undefined
	 * references come before symoffset. */
	if (sym_scope_index && table && i >= table[1] && i < t->nsyms) {
		struct gnu_hash_view v;

		gnu_hash_view(table, &v);
		sym_query_init_hashed(q, name, v.chains[i - v.symoffset] | 1,
				      1, version, for_plt);
		return;
	}
	/* Inline: a call here made reloc_resolve save six values around
	 * it. */
	sym_query_init_hashed(q, name, sym_gnu_hash_inline(name), 0, version,
			      for_plt);
}

/*
 * Can D be indexed?  Its string table must end with a NUL (as every
 * linker writes it), so that a name inside the table ends inside it:
 * the index's look-ups then compare names without looking for the end
 * of the table.  Otherwise the scope is not indexed.
 */
int sym_index_can_hold(const struct dso *d);

/*
 * How many entries D takes in an index: at most one per symbol its hash
 * table covers.
 */
size_t sym_index_count(const struct dso *d);

/*
 * How many buckets an index of ENTRIES entries has: the fewest that are
 * a power of two and hold at most four entries a bucket on average.
 */
size_t sym_index_buckets(size_t entries);

/*
 * Fill IX with the definitions of IX->objects[0 .. nobjects), in scope
 * order.  IX arrives with mask, symbol_bits and symbol_mask set (every
 * object's position fits above its symbols' indexes), and with BOUNDS
 * (mask + 3 words) and ENTRIES (the sum of sym_index_count over the
 * objects) zeroed.  Names are not hashed again where a DT_GNU_HASH table
 * holds their hashes; for the other objects NAME_HASHES is room for as
 * many words as those objects' sym_index_count (NULL when there are
 * none).
 */
void sym_index_build(struct scope_index *ix, uint32_t *name_hashes);

/*
 * A look-up scope: the objects a look-up asks, in order; the first
 * definition found wins.  It has up to three parts: SELF, alone; then the
 * global scope (the objects of dso_list marked global that belong to
 * namespace NS, in list order, from GLOBAL_FROM on; none when
 * GLOBAL_FROM is NULL) and a local scope
 * (the NLOCAL objects at LOCAL: a dlopen group), the local one first when
 * LOCAL_FIRST.  SKIP is never asked.
 *
 * Where a look-up comes from decides its scope, and the sym_scope_*
 * functions below are the one statement of that rule, for relocations,
 * lazy binding, dlsym and dlopen alike; sym_scope_search is the one walk.
 */
struct sym_scope {
	struct dso *self;
	struct dso *const *local;
	size_t nlocal;
	int local_first;
	struct dso *global_from;
	long ns;
	const struct dso *skip;
};

/*
 * The scope of REQUESTER's own references (its relocations, its lazy
 * binds, and its dlsym(RTLD_DEFAULT)): REQUESTER itself first if it was
 * linked with -Bsymbolic; then the global scope; then, for an object
 * loaded by dlopen, the local scope of its dlopen root (REQUESTER->group)
 * -- before the global scope instead when that dlopen asked for
 * RTLD_DEEPBIND (REQUESTER->deepbind).  SKIP is never asked (the program
 * for its COPY relocations, whose source must not be its own copy).
 */
void sym_scope_for_references(struct sym_scope *s, struct dso *requester,
			      const struct dso *skip);

/*
 * The scope of dlsym(HANDLE): the handle's own local scope (HANDLE->scope,
 * which must be built), or for the program the global scope.
 */
void sym_scope_of_handle(struct sym_scope *s, struct dso *handle);

/*
 * The scope of dlsym(RTLD_NEXT) called from CALLER: the objects after
 * CALLER in its dlopen root's local scope, or, for an object loaded at
 * start-up, in the global scope.
 */
void sym_scope_after(struct sym_scope *s, struct dso *caller);

/*
 * Search S for Q.  Returns the symbol and stores its object in *DEF, or
 * returns NULL.  The global part asks the scope index, when there is one
 * and nothing is skipped or traced, before any object.
 */
const Elf64_Sym *sym_scope_search(struct sym_query *q,
				  const struct sym_scope *s, struct dso **def);

/*
 * Resolve Q for a reference of REQUESTER: sym_scope_search over
 * sym_scope_for_references (REQUESTER, SKIP).  Every relocation and lazy
 * bind comes here, so the usual case takes a shorter way to the same
 * answer: when the global scope is indexed and comes first, the index
 * alone answers most look-ups (sym_resolve_indexed), with no scope built
 * and no more registers used than the index needs.
 */
const Elf64_Sym *sym_resolve_walking(struct sym_query *q,
				     struct dso *requester,
				     const struct dso *skip, struct dso **def);
const Elf64_Sym *sym_resolve_indexed(struct sym_query *q,
				     struct dso *requester, struct dso **def);

/* Inline, so that each path costs one call. */
static inline const Elf64_Sym *sym_resolve(struct sym_query *q,
					   struct dso *requester,
					   struct dso *skip, struct dso **def)
{
	if (sym_scope_index && !skip && !q->on_search)
		return sym_resolve_indexed(q, requester, def);
	return sym_resolve_walking(q, requester, skip, def);
}

#endif
