/* SPDX-License-Identifier: MIT */
/*
 * loader/symbol_match.h - which definition answers a query: the names
 * compared, the version and binding rules (definition_matches), the
 * scope index's candidates (index_lookup), and sym_resolve_inline, which
 * asks the index first when it may.  The look-up rule's one statement,
 * kept in a header so that it compiles inline both into symbol.c's walks
 * and into reloc.c's relocation loops (through reloc_resolve.h): there a
 * look-up the index answers costs no call at all.  The scope walk, the
 * scope rules and everything else of the look-up stay in symbol.c.  Only
 * symbol.c and reloc_resolve.h include this.
 */
#ifndef MYLD_SYMBOL_MATCH_H
#define MYLD_SYMBOL_MATCH_H

#include "dso.h"
#include "symbol.h"

typedef uint64_t __attribute__((may_alias, aligned(1))) unaligned_word;

/*
 * Are the names A and B equal?  Start-up compares a name for nearly
 * every relocation, so this compares eight bytes at a time while neither
 * string is within eight bytes of the end of a page (so a load that
 * runs past the terminating NUL stays in the same, mapped, page), and a
 * byte at a time otherwise.
 */
static inline __attribute__((always_inline)) int
names_equal_inline(const char *a, const char *b)
{
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t highs = 0x8080808080808080ull;

	for (;;) {
		if (((uintptr_t)a & 4095) <= 4088 &&
		    ((uintptr_t)b & 4095) <= 4088) {
			uint64_t x = *(const unaligned_word *)a;
			uint64_t y = *(const unaligned_word *)b;

			/* The lowest flagged byte is A's first NUL (higher
			 * flags may be false). */
			uint64_t nul = (x - ones) & ~x & highs;

			if (!nul) {
				if (x != y)
					return 0;
				a += 8;
				b += 8;
				continue;
			}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* Equal through A's NUL: the first difference, if
			 * any, comes after it (bytes in address order are
			 * bits in increasing order). */
			uint64_t diff = x ^ y;
			return !diff || __builtin_ctzll(nul) < __builtin_ctzll(diff);
#endif
		}
		/* A difference, a NUL, or a page end within eight bytes. */
		for (int i = 0; i < 8; i++, a++, b++) {
			if (*a != *b)
				return 0;
			if (!*a)
				return 1;
		}
	}
}

enum match {
	NO_MATCH,
	MATCH,
	/* Acceptable only if it is the only such definition: see below. */
	MATCH_IF_ALONE,
};

/*
 * Does the definition at index I of T satisfy Q's version?
 *
 * A versioned reference needs a definition of exactly that version; an
 * object without version information satisfies any version, as it did
 * for programs linked before versions were introduced.
 *
 * An unversioned reference comes from an object linked against a build
 * of the library that had no versions.  Following glibc, it binds to the
 * base definition or to the library's first version (index 2), hidden
 * or not, since that is what such old objects were linked against.  A
 * later version is taken only if it is not hidden (so never foo@V1
 * beside a default foo@@V2) and no other definition qualifies.
 *
 * dlsym without a version (Q's NEWEST) asks for the interface a program
 * linked today would get: the default definition.  So the first version
 * is no exception there: a hidden realpath@GLIBC_2.2.5 or memcpy@GLIBC_2.2.5
 * (kept in libc.so.6 for old programs) never answers, and a symbol that
 * only has hidden definitions (pthread_atfork in libc.so.6) is not found.
 */
/* The look-up's inner functions, inlined into the chain walks: a look-up
 * at start-up considers one or two candidates, and calls cost as much as
 * the tests themselves. */
#define INNER static inline __attribute__((always_inline))

INNER enum match version_matches(const struct symtab *t, size_t i,
				 const struct version *want, int newest)
{
	if (!t->versym)
		return MATCH;
	uint16_t vs = t->versym[i];
	uint16_t ndx = vs & 0x7fff;

	if (ndx == VER_NDX_LOCAL)
		return NO_MATCH;
	if (!want) {
		if (ndx < (newest ? 2 : 3))
			return MATCH;
		return (vs & 0x8000) ? NO_MATCH : MATCH_IF_ALONE;
	}
	if (ndx == VER_NDX_GLOBAL)
		return MATCH;
	if (ndx >= t->nverdefs || !t->verdefs[ndx].name)
		return NO_MATCH;
	const struct version *have = &t->verdefs[ndx];
	if (have->hash != want->hash)
		return NO_MATCH;
	/* An object's reference to a version it defines itself (most of
	 * libc's own relocations) names the very same string. */
	if (have->name == want->name)
		return MATCH;
	return sym_names_equal(have->name, want->name) ? MATCH : NO_MATCH;
}

/*
 * Is symbol I of T, whose name is already known to be Q's, a definition
 * that Q may bind to?
 */
INNER enum match definition_matches(const struct symtab *t, size_t i,
				    const struct sym_query *q)
{
	const Elf64_Sym *s = &t->syms[i];
	unsigned type = ELF64_ST_TYPE(s->st_info);
	unsigned bind = ELF64_ST_BIND(s->st_info);
	const unsigned binds = 1u << STB_GLOBAL | 1u << STB_WEAK |
			       1u << STB_GNU_UNIQUE;
	const unsigned types = 1u << STT_NOTYPE | 1u << STT_OBJECT |
			       1u << STT_FUNC | 1u << STT_COMMON |
			       1u << STT_TLS | 1u << STT_GNU_IFUNC;
	const unsigned hidden = 1u << STV_HIDDEN | 1u << STV_INTERNAL;

	/* Value 0 is no definition, except at offset 0 of a TLS block or
	 * as an absolute value. */
	if (s->st_value == 0 && type != STT_TLS && s->st_shndx != SHN_ABS)
		return NO_MATCH;
	/*
	 * An undefined symbol with a value is the canonical PLT entry of a
	 * non-PIE program: it is the function's address for everyone,
	 * except for the program's own PLT slot, which must reach the
	 * real function.
	 */
	if (s->st_shndx == SHN_UNDEF && q->for_plt)
		return NO_MATCH;
	/*
	 * A reference to another object's TLS variable has value 0, as a
	 * definition at offset 0 of the block does: only the section tells
	 * them apart.  (SysV hash chains list references; GNU hash does
	 * not.)
	 */
	if (s->st_shndx == SHN_UNDEF && type == STT_TLS)
		return NO_MATCH;
	/* Global, weak or unique; no section or other odd type; neither
	 * hidden nor internal.  (BIND and TYPE are 4-bit fields.) */
	if (!(binds >> bind & 1) || !(types >> type & 1) ||
	    (hidden >> ELF64_ST_VISIBILITY(s->st_other) & 1))
		return NO_MATCH;
	return version_matches(t, i, q->version, q->newest);
}

/*
 * What the scope index says of a query: FOUND (the first definition in
 * scope order), ABSENT (none of the indexed objects defines it), UNSURE
 * (a definition acceptable only if alone in its object: ask the
 * objects); NOT_ASKED, the walk's own.
 */
enum index_answer { INDEX_FOUND, INDEX_ABSENT, INDEX_UNSURE, NOT_ASKED };

INNER enum index_answer index_lookup(const struct scope_index *ix,
				      const struct sym_query *q,
				      const Elf64_Sym **sym, struct dso **def)
{
	uint32_t h = q->gnu_hash | 1;
	uint32_t b = h >> 1 & ix->mask;
	const struct scope_entry *e = ix->entries + ix->bounds[b];
	const struct scope_entry *end = ix->entries + ix->bounds[b + 1];

	for (; e < end; e++) {
		if (e->hash != h)
			continue;
		struct dso *d = ix->objects[e->where >> ix->symbol_bits];
		const struct symtab *t = &d->symtab;
		uint32_t i = e->where & ix->symbol_mask;

		/* An object's reference to its own definition names the very
		 * same string.  The index did not read the symbols: a name
		 * is checked to lie in its table here (which ends with a
		 * NUL: sym_index_can_hold). */
		uint32_t name = t->syms[i].st_name;
		if (t->strtab + name != q->name &&
		    (name >= t->strsz ||
		     !names_equal_inline(t->strtab + name, q->name)))
			continue;
		switch (definition_matches(t, i, q)) {
		case MATCH:
			*sym = &t->syms[i];
			*def = d;
			return INDEX_FOUND;
		case MATCH_IF_ALONE:
			/* Needs the per-object rule: ask the objects. */
			return INDEX_UNSURE;
		case NO_MATCH:
			break;
		}
	}
	return INDEX_ABSENT;
}

/* The walk for what the index did not answer (symbol.c). */
const Elf64_Sym *sym_resolve_after_index(struct sym_query *q,
					 struct dso *requester,
					 struct dso **def,
					 enum index_answer index);

/*
 * sym_resolve (symbol.h), inline: the index answers first when the
 * global scope comes first (no -Bsymbolic, no RTLD_DEEPBIND) and is the
 * base namespace's, which the index holds; nothing skipped or traced.
 */
INNER const Elf64_Sym *sym_resolve_inline(struct sym_query *q,
					  struct dso *requester,
					  struct dso *skip, struct dso **def)
{
	const struct scope_index *ix = sym_scope_index;

	if (ix && !skip && !q->on_search &&
	    !(requester->symbolic | requester->deepbind |
	      (requester->ns != 0))) {
		const Elf64_Sym *s;
		enum index_answer a = index_lookup(ix, q, &s, def);

		if (a == INDEX_FOUND) {
			q->searched++;
			return s;
		}
		return sym_resolve_after_index(q, requester, def, a);
	}
	return sym_resolve_walking(q, requester, skip, def);
}

#endif
