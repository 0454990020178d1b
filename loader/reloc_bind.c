/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_bind.c - the symbol a relocation names, bound.
 *
 * A relocation names a symbol of its own object by index; binding it
 * means checking that index, asking the look-up (symbol.c) for the
 * definition the scope supplies, and applying the few rules that
 * override the look-up's answer: a protected definition of the object's
 * own, STB_GNU_UNIQUE, a weak reference that finds nothing.  The same
 * binding serves start-up, dlopen and the lazy binder (reloc_lazy.c),
 * so every path binds a name the same way.
 *
 * Also here: calling IFUNC resolvers (only inside the supplier's
 * executable segments), reporting undefined symbols, and the index of
 * the global scope that speeds up the look-ups of a large start-up.
 * See reloc_internal.h for the contracts.  The binding itself
 * (reloc_resolve) is written in reloc_resolve.h, so that reloc.c's fast
 * loops compile it inline; its rarer paths are here.
 */
#include "reloc_resolve.h"
#include "alloc.h"
#include "diag.h"
#include "launch_cache.h"
#include "lib.h"
#include "map.h"
#include "symbol.h"
#include "trace.h"
#include "unique.h"

/* Undefined symbols already reported, so each is named once. */
struct reported {
	struct reported *next;
	const struct dso *d;
	const char *name;
};
static struct reported *reported;

static void say_undefined(struct dso *d, const char *name,
			  const struct version *v)
{
	if (v)
		diag_error(d->path, "undefined symbol: %s, version %s", name,
			   v->name);
	else
		diag_error(d->path, "undefined symbol: %s", name);
}

void reloc_report_undefined(struct dso *d, const char *name,
			    const struct version *v)
{
	/* Under dlopen the first one fails the call; nothing to collect. */
	if (d->dynamic) {
		say_undefined(d, name, v);
		return;
	}
	for (struct reported *r = reported; r; r = r->next)
		if (r->d == d && !strcmp(r->name, name))
			return;
	struct reported *r = mem_alloc(sizeof(*r));
	r->d = d;
	r->name = name;
	r->next = reported;
	reported = r;
	say_undefined(d, name, v);
}

__attribute__((noinline, cold)) const Elf64_Sym *
reloc_bad_ref_symbol(struct dso *d, uint32_t symidx)
{
	if (symidx >= d->nsyms_reloc)
		diag_fail(d->path, "relocation refers to symbol %u, beyond "
			  "the symbol table", symidx);
	else
		diag_fail(d->path, "symbol %u has a bad name offset", symidx);
	return NULL;
}

/*
 * Remember that D bound a symbol to DEF, so that DEF is not unloaded
 * while D may still call it.  Only objects dlopen can unload matter, and
 * only when DEF is not one of D's own dependencies anyway.
 */
__attribute__((noinline)) void reloc_note_dynamic_binding(struct dso *d,
							struct dso *def)
{
	for (size_t i = 0; i < d->ndeps; i++)
		if (d->deps[i] == def)
			return;
	for (size_t i = 0; i < d->nreldeps; i++)
		if (d->reldeps[i] == def)
			return;
	if (d->nreldeps == d->reldeps_cap) {
		size_t cap = d->reldeps_cap ? 2 * d->reldeps_cap : 4;
		struct dso **bigger = mem_alloc(cap * sizeof(*bigger));

		if (d->reldeps)
			memcpy(bigger, d->reldeps,
			       d->nreldeps * sizeof(*bigger));
		mem_free(d->reldeps);
		d->reldeps = bigger;
		d->reldeps_cap = cap;
	}
	d->reldeps[d->nreldeps++] = def;
}

void reloc_trace_search(const struct dso *d, const char *name)
{
	trace_printf("symbol=%s;  lookup in file=%s [0]", name, d->path);
}

int reloc_report_bad_sysv_hash(const struct symtab *t)
{
	diag_fail(dso_of_symtab(t)->path, "malformed DT_HASH table: a hash "
		  "chain leaves the table or loops");
	return -2;
}

void reloc_trace_binding(const struct dso *d, const struct binding *b,
			 const char *name, const struct version *v)
{
	trace_printf("binding file %s [0] to %s [0]: normal symbol `%s'%s%s%s",
		     trace_object_name(d), trace_object_name(b->def), name,
		     v ? " [" : "",
		     v ? v->name : "", v ? "]" : "");
}

/* --debug bindings for a binding B the launch cache gave: what a
 * look-up's answer would have printed. */
__attribute__((noinline, cold)) void
reloc_trace_replayed(const struct dso *d, uint32_t symidx,
		     const struct binding *b, const char *name)
{
	const struct version *want = NULL;

	wanted_version(d, symidx, &want);
	reloc_trace_binding(d, b, name, want);
}

__attribute__((noinline)) int
reloc_look_up(struct dso *d, const Elf64_Sym *ref, uint32_t symidx,
	      uint32_t type, unsigned kind, struct binding *b,
	      const char **name, const struct version **version)
{
	return look_up_inline(d, ref, symidx, type, kind, b, name, version);
}

int reloc_resolve(struct dso *d, uint32_t symidx, uint32_t type,
		  struct binding *b, const char **name,
		  const struct version **version)
{
	return reloc_resolve_inline(d, symidx, type, b, name, version);
}

/*
 * The call, for a supplier under DT_TEXTREL relocation: its text is
 * writable and not executable then (never both, unlike glibc), so its
 * protection is restored around the call.
 */
static __attribute__((noinline, cold)) int
call_resolver_in_textrel(const struct dso *owner, uint64_t resolver,
			 uint64_t *value)
{
	if (map_textrel_writable(owner, 1))
		return diag_fail(owner->path, "cannot restore the protection "
				 "of its text");
	*value = arch_call_ifunc(resolver, load_config.hwcap,
				 load_config.hwcap2);
	if (map_textrel_writable(owner, 0))
		return diag_fail(owner->path, "cannot make text writable for "
				 "its text relocations");
	return 0;
}

/*
 * An address anywhere but the supplier's code (its ELF header, another
 * object, a wild value) is a malformed object, not something to jump
 * to.
 */
int reloc_call_resolver(const struct dso *owner, uint64_t resolver,
			uint64_t *value)
{
	if (!dso_range_executable(owner, resolver - owner->base, 1))
		return diag_fail(owner->path, "IFUNC resolver at %#lx lies "
				 "outside its executable segments",
				 (unsigned long)(resolver - owner->base));
	if (__builtin_expect(owner->textrel_open, 0))
		return call_resolver_in_textrel(owner, resolver, value);
	*value = arch_call_ifunc(resolver, load_config.hwcap,
				 load_config.hwcap2);
	return 0;
}

/*
 * When the index pays: with N objects a look-up that finds nothing
 * early asks up to N Bloom filters, while building the index costs one
 * pass over the hashed symbols, without hashing a name again.
 */
#define INDEX_MIN_OBJECTS 8
#define INDEX_MIN_RELOCS 256

/*
 * After start-up, the index must also pay for its build, about 28
 * instructions a symbol, with the lazy binds still possible: an indexed
 * look-up saves about 80 on a large scope (clang's, docs/benchmark.md).
 */
#define INDEX_SYMBOLS_PER_LAZY_SLOT 3

/*
 * Look-ups to come in D, counted by table size (an upper bound is
 * enough to decide).  At start-up: every symbolic relocation except
 * lazy PLT slots.  After it (AFTER_START_UP): the lazy PLT slots only,
 * the rest being done.
 */
static size_t lookups_to_come(const struct dso *d, int after_start_up)
{
	size_t plt = d->dyn.tag[DT_PLTRELSZ] / sizeof(Elf64_Rel);

	if (after_start_up)
		return lazy_allowed(d) ? plt : 0;
	return (d->dyn.tag[DT_RELASZ] + d->dyn.tag[DT_RELSZ]) /
	       sizeof(Elf64_Rel) + (lazy_allowed(d) ? 0 : plt);
}

/* Fill IX, sized for OBJECTS objects and SYMBOLS symbols (UNHASHED of
 * them without a GNU hash), and publish it. */
static void fill_scope_index(struct scope_index *ix, size_t objects,
			     size_t symbols, size_t unhashed,
			     uint32_t symbol_bits)
{
	size_t buckets = sym_index_buckets(symbols);
	ix->mask = (uint32_t)(buckets - 1);
	ix->symbol_bits = symbol_bits;
	ix->symbol_mask = (uint32_t)(((uint64_t)1 << symbol_bits) - 1);
	/* One mapping for both, written through at once (see symbol.h). */
	ix->entries = mem_alloc_filled(symbols * sizeof(*ix->entries) +
				       (buckets + 2) * sizeof(*ix->bounds));
	ix->bounds = (uint32_t *)(ix->entries + symbols);
	for (struct dso *d = dso_list; d && ix->nobjects < objects; d = d->next)
		if (d->global && !d->ns)
			ix->objects[ix->nobjects++] = d;
	uint32_t *name_hashes =
		unhashed ? mem_alloc_filled(unhashed * sizeof(uint32_t)) : NULL;
	sym_index_build(ix, name_hashes);
	mem_free(name_hashes);
	/* Complete before it is seen: other threads may be binding. */
	__atomic_store_n(&sym_scope_index, ix, __ATOMIC_RELEASE);
}

void reloc_build_scope_index(int after_start_up)
{
	size_t objects = 0, symbols = 0, relocs = 0, unhashed = 0;
	size_t most_symbols = 0;

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->global || d->ns)
			continue;	/* the index is the base namespace's */
		if (!sym_index_can_hold(d))
			return;
		objects++;
		size_t n = sym_index_count(d);
		symbols += n;
		if (!d->symtab.gnu_hash)
			unhashed += n;
		if (d->symtab.nsyms > most_symbols)
			most_symbols = d->symtab.nsyms;
		relocs += lookups_to_come(d, after_start_up);
	}
	if (objects < INDEX_MIN_OBJECTS || relocs < INDEX_MIN_RELOCS ||
	    !symbols || symbols > ((size_t)1 << 30))
		return;
	if (after_start_up && relocs * INDEX_SYMBOLS_PER_LAZY_SLOT < symbols)
		return;
	/* An entry holds an object's position and a symbol index in 32
	 * bits; a scope too large for that is searched object by object. */
	uint32_t symbol_bits = 0;
	while (((size_t)1 << symbol_bits) < most_symbols)
		symbol_bits++;
	if (symbol_bits >= 32 || objects > ((size_t)1 << (32 - symbol_bits)))
		return;

	struct scope_index *ix =
		mem_alloc(sizeof(*ix) + objects * sizeof(ix->objects[0]));
	fill_scope_index(ix, objects, symbols, unhashed, symbol_bits);
}
