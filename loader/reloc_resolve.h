/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_resolve.h - reloc_resolve's body (reloc_bind.c says what
 * binding a symbol means), inline for reloc.c's fast loops.  Only
 * reloc.c and reloc_bind.c include it.
 */
#ifndef MYLD_RELOC_RESOLVE_H
#define MYLD_RELOC_RESOLVE_H

#include "reloc_internal.h"
#include "diag.h"
#include "launch_cache.h"
#include "symbol.h"
#include "symbol_match.h"
#include "trace.h"
#include "unique.h"

/*
 * The version a reference from D's symbol I asks for: stores it (NULL
 * for an unversioned reference) and returns 0, or returns -1 for a
 * version index that names no version of D (a corrupt DT_VERSYM).
 */
static inline __attribute__((always_inline)) int
wanted_version(const struct dso *d, size_t i, const struct version **v)
{
	const struct symtab *t = &d->symtab;

	*v = NULL;
	if (!t->versym || i >= t->nversym)
		return 0;
	uint16_t ndx = t->versym[i] & 0x7fff;
	if (ndx <= VER_NDX_GLOBAL)
		return 0;
	if (ndx < d->nverneeds && d->verneeds[ndx].name)
		*v = &d->verneeds[ndx];
	/* A reference to a versioned symbol the object defines itself. */
	else if (ndx < t->nverdefs && t->verdefs[ndx].name)
		*v = &t->verdefs[ndx];
	return *v ? 0 : -1;
}


static inline uint64_t symbol_address(const struct dso *d, const Elf64_Sym *s)
{
	return s->st_shndx == SHN_ABS ? s->st_value : d->base + s->st_value;
}

/* What resolve_inline calls only when tracing or replaying
 * (reloc_bind.c). */
void reloc_trace_search(const struct dso *d, const char *name);
void reloc_trace_binding(const struct dso *d, const struct binding *b,
			 const char *name, const struct version *v);
void reloc_trace_replayed(const struct dso *d, uint32_t symidx,
			  const struct binding *b, const char *name);

/* What follows an answer B to D's look-up, whether a look-up or the
 * launch cache gave it: DEF is used, and D depends on it. */
static inline __attribute__((always_inline)) int
answered(struct dso *d, struct binding *b)
{
	b->def->used = 1;
	reloc_note_binding(d, b->def);
	b->value = symbol_address(b->def, b->sym);
	return 0;
}

/*
 * Must D's reference REF, which the look-up bound to B, bind to D's own
 * definition instead?  Yes when D defines REF itself with protected
 * visibility, which the gABI says cannot be preempted: GNU ld resolves
 * such references at link time, but gold leaves GLOB_DAT and JUMP_SLOT
 * relocations against them, which a plain look-up would send to an
 * earlier definition of the same name (the program's).  As in glibc,
 * one answer stands: a data reference that found a non-PIE program's
 * canonical PLT entry (an undefined symbol with a value) keeps it, so
 * that every pointer to the function compares equal.
 */
static inline int binds_to_own(const struct dso *d, const Elf64_Sym *ref,
			uint32_t type, const struct binding *b)
{
	if (ELF64_ST_VISIBILITY(ref->st_other) != STV_PROTECTED ||
	    ref->st_shndx == SHN_UNDEF || b->def == d)
		return 0;
	return !b->sym || type == R_ARCH_JUMP_SLOT ||
	       b->sym->st_shndx != SHN_UNDEF;
}

/*
 * The look-up of reloc_resolve, for D's reference REF (its symbol
 * SYMIDX, called *NAME) that the launch cache did not answer.
 */
static inline __attribute__((always_inline)) int
look_up_inline(struct dso *d, const Elf64_Sym *ref, uint32_t symidx,
	       uint32_t type, unsigned kind, struct binding *b,
	       const char **name, const struct version **version)
{
	const struct version *want;
	if (wanted_version(d, symidx, &want) < 0) {
		diag_fail(d->path, "symbol %s has a bad version index", *name);
		return -2;
	}
	struct sym_query q;
	sym_query_init_ref(&q, &d->symtab, symidx, *name, want,
			   type == R_ARCH_JUMP_SLOT);
	if (trace_mask & TRACE_SYMBOLS)
		q.on_search = reloc_trace_search;
	*version = q.version;
	/* A COPY's source is the library's original, not the copy. */
	b->sym = sym_resolve_inline(&q, d, type == (uint32_t)R_ARCH_COPY ? d : NULL,
			     &b->def);
	b->sym = unique_choose(&q, b->sym, &b->def);
	if (binds_to_own(d, ref, type, b)) {
		b->sym = ref;
		b->def = d;
	}
	trace_stats.lookups++;
	trace_stats.objects_searched += q.searched;
	if (!b->sym) {
		/*
		 * Not found, perhaps because a malformed table hid it: say
		 * so rather than "undefined symbol".  (When another object
		 * supplied the symbol, reloc_all or the lazy binder reports
		 * the table, through sym_bad_sysv_table.)
		 */
		if (q.sysv_hash_bad)
			return reloc_report_bad_sysv_hash(q.bad_sysv_table);
		b->def = NULL;
		b->value = 0;
		if (ELF64_ST_BIND(ref->st_info) != STB_WEAK)
			return -1;
		launch_cache_record(d, symidx, kind, NULL, NULL);
		return 0;
	}
	launch_cache_record(d, symidx, kind, b->def, b->sym);
	if (trace_mask & TRACE_BINDINGS)
		reloc_trace_binding(d, b, *name, q.version);
	return answered(d, b);
}

/* look_up_inline, called (reloc_bind.c): for the loops that replay the
 * launch cache, which then leaves them the registers. */
int reloc_look_up(struct dso *d, const Elf64_Sym *ref, uint32_t symidx,
		  uint32_t type, unsigned kind, struct binding *b,
		  const char **name, const struct version **version);

/*
 * reloc_resolve (reloc_internal.h), inline: the fast relocation loops of
 * reloc.c bind every symbol through this, and a call would cost each
 * binding its own frame.  The rest (the lazy binder, the general mode,
 * --explain) call reloc_resolve, which is this.  REPLAYING is set by
 * the loops of a warm start: the launch cache's answer is inline there
 * and the look-up is called (see reloc_look_up); elsewhere the
 * reverse.
 */
static inline __attribute__((always_inline)) int
resolve_inline(struct dso *d, uint32_t symidx, uint32_t type,
	       struct binding *b, const char **name,
	       const struct version **version, const int replaying)
{
	const Elf64_Sym *ref = ref_symbol(d, symidx, name);

	if (!ref)
		return -2;
	/* A local symbol needs no look-up: it can only be D's own. */
	if (ELF64_ST_BIND(ref->st_info) == STB_LOCAL) {
		b->sym = ref;
		b->def = d;
		b->value = symbol_address(d, ref);
		return 0;
	}

	/* The launch cache may know the answer (launch_cache.h). */
	unsigned kind = type == R_ARCH_JUMP_SLOT ? LCF_KIND_PLT
			: type == (uint32_t)R_ARCH_COPY ? LCF_KIND_COPY
							: LCF_KIND_DATA;
	if (replaying ? launch_cache_replay_inline(d, symidx, kind, &b->def,
						    &b->sym)
		       : launch_cache_replay(d, symidx, kind, &b->def, &b->sym)) {
		if (!b->sym) {
			b->value = 0;	/* a weak reference that found nothing */
			return 0;
		}
		if (__builtin_expect(trace_mask & TRACE_BINDINGS, 0)) {
			struct binding shown = *b;

			reloc_trace_replayed(d, symidx, &shown, *name);
		}
		return answered(d, b);
	}
	if (replaying) {
		/* (B's address is not given away: see launch_cache_reel.) */
		struct binding found = { NULL, NULL, 0 };
		int rc = reloc_look_up(d, ref, symidx, type, kind, &found,
				       name, version);

		*b = found;
		return rc;
	}
	return look_up_inline(d, ref, symidx, type, kind, b, name, version);
}

static inline __attribute__((always_inline)) int
reloc_resolve_inline(struct dso *d, uint32_t symidx, uint32_t type,
		     struct binding *b, const char **name,
		     const struct version **version)
{
	return resolve_inline(d, symidx, type, b, name, version, 0);
}


#endif
