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
	uint32_t hash;		/* the ELF (SysV) hash of NAME */
	const char *file;	/* DT_VERNEED only: the library it comes from */
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
	/* Optional: called for each object sym_resolve searches (tracing). */
	void (*on_search)(const struct dso *d, const char *name);
	unsigned searched;	/* objects searched by sym_resolve */
};

/* Inline: it runs for every relocation that names a symbol. */
static inline void sym_query_init(struct sym_query *q, const char *name,
				  const struct version *version, int for_plt)
{
	q->name = name;
	q->gnu_hash = sym_gnu_hash(name);
	q->have_sysv_hash = 0;
	q->sysv_hash_bad = 0;
	q->version = version;
	q->for_plt = for_plt;
	q->on_search = NULL;
	q->searched = 0;
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
	uint32_t hash;		/* GNU hash of the name, bit 0 set */
	uint32_t next;		/* next entry of the bucket; 0: none */
	const char *name;
	uint32_t object;	/* the defining object, in objects[] */
	uint32_t index;		/* the symbol's index in that object */
};

/*
 * Every page of the index is a fresh page the kernel must clear, and
 * when the scope is not very large (10 libraries of 1,000 functions)
 * that costs as much time as the index saves in instructions.  Hence
 * 24-byte entries that name their object by its place in OBJECTS, no
 * second array of bucket tails for the building, and one mapping for
 * the entries and the heads, filled at once (mem_alloc_filled).  The
 * name is kept in the entry: finding it through the symbol costs more
 * instructions for each look-up than the memory it saves is worth.
 */
struct scope_index {
	uint32_t mask;		/* number of buckets - 1 */
	uint32_t *heads;	/* first entry of each bucket; 0: none */
	struct scope_entry *entries;	/* entry 0 is never used */
	size_t count, cap;	/* entries used (entry 0 included), room */
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

/* How many entries D would add to an index (its hashed definitions). */
size_t sym_index_count(const struct dso *d);

/*
 * Add the definitions of IX->objects[OBJECT] to IX, which has room for
 * them.  The index is built from the end of the scope backwards: every
 * object added comes before everything already in IX in scope order, so
 * that adding an entry at the head of its bucket keeps each bucket in
 * scope order.
 */
void sym_index_add(struct scope_index *ix, uint32_t object);

/*
 * Resolve Q for the object REQUESTER.  The scope is REQUESTER itself
 * first if it was linked with -Bsymbolic, then every object of the
 * global scope in order, then (for an object loaded by dlopen) the local
 * scope of its dlopen root, skipping SKIP (used for COPY relocations,
 * whose source must not be the program's own copy).  Returns the symbol and
 * stores its object in *DEF, or returns NULL.
 */
const Elf64_Sym *sym_resolve(struct sym_query *q, struct dso *requester,
			     struct dso *skip, struct dso **def);

#endif
