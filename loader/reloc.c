/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc.c - applying relocations.  See reloc.h.
 *
 * Each object's tables are walked once.  Two kinds of relocation are set
 * aside and applied at the end of the object, because they run code of
 * the object's own: R_*_IRELATIVE and any relocation whose symbol turns
 * out to be an IFUNC call a resolver, and that resolver may read data
 * the other relocations have not filled in yet.  This is also what puts
 * a program's IRELATIVE after its COPY relocations, as glibc does.
 *
 * PLT slots of a lazy object (no DF_BIND_NOW, DF_1_NOW or LD_BIND_NOW)
 * are not looked up here: each is only adjusted by the load base so that
 * it points back into its PLT entry, and the first call through it goes
 * to the lazy-binding trampoline (arch/<cpu>/plt.S), which calls
 * lazy_bind() below.
 */
#include "reloc.h"
#include "alloc.h"
#include "diag.h"
#include "initfini.h"
#include "lib.h"
#include "load.h"
#include "lock.h"
#include "map.h"
#include "objects.h"
#include "relr.h"
#include "symbol.h"
#include "tls.h"
#include "trace.h"
#include "unique.h"

/* One relocation, whatever table it came from. */
struct reloc {
	uint64_t offset;
	uint32_t type;
	uint32_t sym;
	int64_t addend;
	int has_addend;		/* RELA; for REL the addend is in place */
};

/* A symbol reference, resolved. */
struct binding {
	const Elf64_Sym *sym;	/* the definition, or NULL (weak, unbound) */
	struct dso *def;
	uint64_t value;		/* its address (0 when unbound) */
};

/* Relocations set aside until the rest of their object is done. */
struct deferred {
	struct reloc *items;
	size_t count, cap;
};

/* Undefined symbols already reported, so each is named once. */
struct reported {
	struct reported *next;
	const struct dso *d;
	const char *name;
};
static struct reported *reported;

static void report_undefined(struct dso *d, const char *name,
			     const struct version *v)
{
	/* Under dlopen the first one fails the call; nothing to collect. */
	if (d->dynamic) {
		if (v)
			diag_error(d->path, "undefined symbol: %s, version %s",
				   name, v->name);
		else
			diag_error(d->path, "undefined symbol: %s", name);
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
	if (v)
		diag_error(d->path, "undefined symbol: %s, version %s", name,
			   v->name);
	else
		diag_error(d->path, "undefined symbol: %s", name);
}

/*
 * The version a reference from D's symbol I asks for: stores it (NULL
 * for an unversioned reference) and returns 0, or returns -1 for a
 * version index that names no version of D (a corrupt DT_VERSYM).
 */
static int wanted_version(const struct dso *d, size_t i,
			  const struct version **v)
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

/* Why symbol SYMIDX of D cannot be used; returns NULL. */
static __attribute__((noinline, cold)) const Elf64_Sym *
bad_ref_symbol(struct dso *d, uint32_t symidx)
{
	if (symidx >= d->nsyms_reloc)
		diag_fail(d->path, "relocation refers to symbol %u, beyond "
			  "the symbol table", symidx);
	else
		diag_fail(d->path, "symbol %u has a bad name offset", symidx);
	return NULL;
}

/*
 * D's symbol SYMIDX, checked; NULL after diag_fail.  Inline, the
 * reports apart: every relocation that names a symbol comes here.
 */
static inline const Elf64_Sym *ref_symbol(struct dso *d, uint32_t symidx,
					  const char **name)
{
	const struct symtab *t = &d->symtab;

	if (symidx >= d->nsyms_reloc || t->syms[symidx].st_name >= t->strsz)
		return bad_ref_symbol(d, symidx);
	*name = t->strtab + t->syms[symidx].st_name;
	return &t->syms[symidx];
}

/*
 * Remember that D bound a symbol to DEF, so that DEF is not unloaded
 * while D may still call it.  Only objects dlopen can unload matter, and
 * only when DEF is not one of D's own dependencies anyway.
 */
static void note_binding(struct dso *d, struct dso *def)
{
	if (!def || def == d || !def->dynamic)
		return;
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

static uint64_t symbol_address(const struct dso *d, const Elf64_Sym *s)
{
	return s->st_shndx == SHN_ABS ? s->st_value : d->base + s->st_value;
}

static void trace_search(const struct dso *d, const char *name)
{
	trace_printf("symbol=%s;  lookup in file=%s [0]", name, d->path);
}

/*
 * Report the object whose DT_HASH table T a look-up found malformed
 * (sym_query.sysv_hash_bad).  Returns -2, as resolve does for what it
 * has reported.
 */
static int report_bad_sysv_hash(const struct symtab *t)
{
	diag_fail(dso_of_symtab(t)->path, "malformed DT_HASH table: a hash "
		  "chain leaves the table or loops");
	return -2;
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
static int binds_to_own(const struct dso *d, const Elf64_Sym *ref,
			uint32_t type, const struct binding *b)
{
	if (ELF64_ST_VISIBILITY(ref->st_other) != STV_PROTECTED ||
	    ref->st_shndx == SHN_UNDEF || b->def == d)
		return 0;
	return !b->sym || type == R_ARCH_JUMP_SLOT ||
	       b->sym->st_shndx != SHN_UNDEF;
}

/*
 * Resolve symbol SYMIDX of D for a relocation of TYPE.  Returns 0 (a weak
 * reference that finds nothing is bound to 0), -1 when the symbol is
 * undefined (its name and version in *NAME and *VERSION, not reported),
 * or -2 for a problem it has reported (a bad symbol or version index, a
 * malformed DT_HASH table met by the look-up).
 */
static int resolve(struct dso *d, uint32_t symidx, uint32_t type,
		   struct binding *b, const char **name,
		   const struct version **version)
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

	const struct version *want;
	if (wanted_version(d, symidx, &want) < 0) {
		diag_fail(d->path, "symbol %s has a bad version index", *name);
		return -2;
	}
	struct sym_query q;
	sym_query_init(&q, *name, want, type == R_ARCH_JUMP_SLOT);
	if (trace_mask & TRACE_SYMBOLS)
		q.on_search = trace_search;
	*version = q.version;
	/* A COPY's source is the library's original, not the copy. */
	b->sym = sym_resolve(&q, d, type == (uint32_t)R_ARCH_COPY ? d : NULL,
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
		 * supplied the symbol, reloc_all or bind_slot reports the
		 * table, through sym_bad_sysv_table.)
		 */
		if (q.sysv_hash_bad)
			return report_bad_sysv_hash(q.bad_sysv_table);
		b->def = NULL;
		b->value = 0;
		return ELF64_ST_BIND(ref->st_info) == STB_WEAK ? 0 : -1;
	}
	if (trace_mask & TRACE_BINDINGS)
		trace_printf("binding file %s [0] to %s [0]: normal symbol "
			     "`%s'%s%s%s", d->path, b->def->path, *name,
			     q.version ? " [" : "",
			     q.version ? q.version->name : "",
			     q.version ? "]" : "");
	b->def->used = 1;
	note_binding(d, b->def);
	b->value = symbol_address(b->def, b->sym);
	return 0;
}

static int is_ifunc(const struct binding *b)
{
	return b->sym && ELF64_ST_TYPE(b->sym->st_info) == STT_GNU_IFUNC;
}

/*
 * What GLOB_DAT, JUMP_SLOT and the 64-bit absolute type store for a
 * symbol at S with addend A.  This is the one statement of their rule:
 * apply_one, apply_quick and the lazy binder all come here.  Whether a
 * GOT or PLT slot takes the addend is the CPU's psABI's call
 * (ARCH_SLOT_ADDEND, arch.h, says why for each).
 */
static inline uint64_t symbol_value(uint32_t type, uint64_t s, int64_t a)
{
	if (type == R_ARCH_ABS || ARCH_SLOT_ADDEND)
		return s + a;
	return s;
}

/*
 * Call the IFUNC resolver at RESOLVER (a run-time address), which
 * OWNER supplies: the object of an IRELATIVE, or the definer of an
 * IFUNC symbol.  Only code of OWNER is called: an address anywhere
 * else (its ELF header, another object, a wild value) is a malformed
 * object, not something to jump to.  Stores the resolver's answer in
 * *VALUE; returns 0, or -1 after diag_fail.
 */
static int call_resolver(const struct dso *owner, uint64_t resolver,
			 uint64_t *value)
{
	if (!dso_range_executable(owner, resolver - owner->base, 1))
		return diag_fail(owner->path, "IFUNC resolver at %#lx lies "
				 "outside its executable segments",
				 (unsigned long)(resolver - owner->base));
	*value = arch_call_ifunc(resolver, load_config.hwcap,
				 load_config.hwcap2);
	return 0;
}

/*
 * Is the place of R inside memory D may write (SIZE bytes)?  Nearly
 * every place is in the object's writable segment, whose bounds are
 * kept, so the usual answer costs two comparisons.
 */
static __attribute__((noinline)) int place_ok_slow(const struct dso *d,
						   uint64_t offset,
						   uint64_t size)
{
	return d->textrel ? dso_has_range(d, offset, size)
			  : dso_range_writable(d, offset, size);
}

static inline int place_ok(const struct dso *d, uint64_t offset,
			   uint64_t size)
{
	if (offset >= d->writable_start && offset <= d->writable_end &&
	    size <= d->writable_end - offset)
		return 1;
	return place_ok_slow(d, offset, size);
}

/*
 * R_*_COPY: the program (D) reserved REF's st_size bytes at the place,
 * and the definition B holds the source's st_size bytes.  Both ranges
 * must lie where they belong, the place in D's writable segments and
 * the source in its object's image, before a byte is copied; sizes that
 * differ copy the smaller, with a warning, as glibc does.
 */
static int apply_copy(struct dso *d, const struct reloc *r,
		      const struct binding *b)
{
	const char *name = NULL;
	const Elf64_Sym *ref = ref_symbol(d, r->sym, &name);

	if (!ref)
		return -1;
	if (!b->sym)
		return 0;	/* a weak reference that found nothing */
	uint64_t size = ref->st_size, src_size = b->sym->st_size;
	if (!place_ok(d, r->offset, size))
		return diag_fail(d->path, "COPY relocation of %s: %lu bytes "
				 "at %#lx lie outside the writable segments",
				 name, (unsigned long)size,
				 (unsigned long)r->offset);
	if (b->sym->st_shndx == SHN_ABS ||
	    !dso_has_range(b->def, b->sym->st_value, src_size))
		return diag_fail(b->def->path, "symbol %s, the source of a "
				 "COPY relocation: %lu bytes at %#lx lie "
				 "outside the image", name,
				 (unsigned long)src_size,
				 (unsigned long)b->sym->st_value);
	if (src_size != size) {
		diag_warn(d->path, "symbol %s has a different size in the "
			  "library (%lu) than in the program (%lu)", name,
			  (unsigned long)src_size, (unsigned long)size);
		if (src_size < size)
			size = src_size;
	}
	memcpy(dso_addr(d, r->offset), (const void *)b->value, size);
	return 0;
}

/* The TLS module a TLS relocation refers to: the definition's, or D's
 * own for a reference to a local TLS symbol (symbol index 0).  NULL
 * after diag_fail. */
static struct dso *tls_module_of(struct dso *d, const struct binding *b)
{
	struct dso *m = b->def ? b->def : d;

	if (!m->tls_modid) {
		diag_fail(d->path, "TLS relocation against %s, which has no "
			  "TLS segment", m->path);
		return NULL;
	}
	return m;
}

/* The same, for a relocation that needs the block in static TLS. */
static struct dso *static_tls_module_of(struct dso *d,
					const struct binding *b)
{
	struct dso *m = tls_module_of(d, b);

	if (m && !tls_is_static(m) && tls_try_static(m) < 0) {
		diag_fail(d->path, "cannot allocate memory in static TLS "
			  "block for %s", m->path);
		return NULL;
	}
	return m;
}

/*
 * A lazy PLT slot at start-up: the linker wrote the link-time address of
 * its PLT entry's second half there, so adding the load base makes the
 * first call reach the lazy-binding trampoline.  The one statement of
 * that rule, for apply_one and add_base_to_slots.
 */
static inline void point_slot_into_plt(uint64_t *slot, uintptr_t base)
{
	*slot += base;
}

static int lazy_allowed(const struct dso *d)
{
	return !d->bind_now && !load_config.bind_now;
}

static int set_aside(struct deferred *defer, const struct reloc *r)
{
	if (defer->count == defer->cap) {
		size_t cap = defer->cap ? defer->cap * 2 : 64;
		struct reloc *bigger = mem_alloc(cap * sizeof(*bigger));

		if (defer->items)
			memcpy(bigger, defer->items,
			       defer->count * sizeof(*bigger));
		mem_free(defer->items);
		defer->items = bigger;
		defer->cap = cap;
	}
	defer->items[defer->count++] = *r;
	return 0;
}

/* Set aside RELA entry E as it stands. */
static int set_aside_rela(struct deferred *defer, const Elf64_Rela *e)
{
	struct reloc r = { e->r_offset, ELF64_R_TYPE(e->r_info),
			   ELF64_R_SYM(e->r_info), e->r_addend, 1 };

	return set_aside(defer, &r);
}

static int outside(struct dso *d, const struct reloc *r)
{
	return diag_fail(d->path, "relocation at %#lx lies outside the "
			 "writable segments", (unsigned long)r->offset);
}

/*
 * Apply R to D.  DEFER collects what must wait for the end of the
 * object (NULL when that end has come).  Returns 0, or -1 when the
 * relocation failed (an undefined symbol at start-up is reported and
 * counts as done, so that all of them are listed).
 */
static int apply_one(struct dso *d, const struct reloc *r,
		     struct deferred *defer)
{
	struct binding b = { NULL, NULL, 0 };
	struct dso *m;
	uint64_t value;
	int width = 8;

	if (r->type == R_ARCH_NONE)
		return 0;
	if (defer && (trace_mask & TRACE_STATISTICS))
		trace_count_reloc(r->type);
	/* Room for 8 bytes (most types), or at least 4 (32-bit ones). */
	if (!place_ok(d, r->offset, 8) && !place_ok(d, r->offset, 4))
		return outside(d, r);
	uint64_t *where = dso_addr(d, r->offset);
	int64_t addend = r->addend;

	if (r->type == R_ARCH_IRELATIVE && defer)
		return set_aside(defer, r);

	/* A lazy PLT slot: point it back into its PLT entry. */
	if (r->type == R_ARCH_JUMP_SLOT && defer && lazy_allowed(d)) {
		const char *name;
		const Elf64_Sym *ref = d->plt_check ? ref_symbol(d, r->sym, &name)
						    : NULL;

		if (d->plt_check && !ref)
			return -1;
		if (!ref || !arch_plt_needs_bind_now(ref)) {
			if (!place_ok(d, r->offset, 8))
				return outside(d, r);
			point_slot_into_plt(where, d->base);
			return 0;
		}
	}

	if (r->sym) {
		const char *name;
		const struct version *version;
		int rc = resolve(d, r->sym, r->type, &b, &name, &version);

		if (rc == -1) {
			report_undefined(d, name, version);
			return d->dynamic ? -1 : 0;
		}
		if (rc < 0)
			return -1;
	}
	if (is_ifunc(&b) && defer && r->type != R_ARCH_COPY)
		return set_aside(defer, r);
	if (is_ifunc(&b) && call_resolver(b.def, b.value, &b.value) < 0)
		return -1;

	if (!r->has_addend && r->type != R_ARCH_JUMP_SLOT &&
	    r->type != R_ARCH_GLOB_DAT && r->type != R_ARCH_COPY)
		addend = place_ok(d, r->offset, 8) ? (int64_t)*where
						   : *(int32_t *)where;
	uint64_t sym_offset = (b.sym ? b.sym->st_value : 0) + addend;

	switch (r->type) {
	case R_ARCH_RELATIVE:
		value = d->base + addend;
		break;
	case R_ARCH_IRELATIVE:
		if (call_resolver(d, d->base + addend, &value) < 0)
			return -1;
		break;
	case R_ARCH_ABS:
	case R_ARCH_GLOB_DAT:
	case R_ARCH_JUMP_SLOT:
		value = symbol_value(r->type, b.value, addend);
		break;
	case R_ARCH_COPY:
		return apply_copy(d, r, &b);
	case R_ARCH_DTPMOD:
		if (!(m = tls_module_of(d, &b)))
			return -1;
		value = m->tls_modid;
		break;
	case R_ARCH_DTPOFF:
		value = sym_offset;
		break;
	case R_ARCH_TPOFF:
		if (!(m = static_tls_module_of(d, &b)))
			return -1;
		value = tls_tp_offset(m, sym_offset);
		break;
	case R_ARCH_TLSDESC:
		if (!place_ok(d, r->offset, 16))
			return outside(d, r);
		if (!(m = tls_module_of(d, &b)))
			return -1;
		tls_fill_descriptor(m, sym_offset, where);
		return 0;
	default:
		if (!arch_reloc_special(r->type, b.value, addend,
					(uintptr_t)where, &value, &width))
			return diag_fail(d->path, "unsupported relocation "
					 "type %u (%s)", r->type,
					 arch_reloc_name(r->type));
		if (!arch_reloc_fits(r->type, value, width))
			return diag_fail(d->path, "relocation %s at %#lx "
					 "overflows", arch_reloc_name(r->type),
					 (unsigned long)r->offset);
	}
	if (width == 8) {
		if (!place_ok(d, r->offset, 8))
			return outside(d, r);
		*where = value;
	} else {
		*(uint32_t *)where = (uint32_t)value;
	}
	return 0;
}

/* Entry I of a REL or RELA table at VADDR, as a struct reloc. */
static void read_reloc(const struct dso *d, uint64_t vaddr, int rela,
		       size_t i, struct reloc *r)
{
	if (rela) {
		const Elf64_Rela *e = dso_addr(d, vaddr);

		r->offset = e[i].r_offset;
		r->type = ELF64_R_TYPE(e[i].r_info);
		r->sym = ELF64_R_SYM(e[i].r_info);
		r->addend = e[i].r_addend;
		r->has_addend = 1;
	} else {
		const Elf64_Rel *e = dso_addr(d, vaddr);

		r->offset = e[i].r_offset;
		r->type = ELF64_R_TYPE(e[i].r_info);
		r->sym = ELF64_R_SYM(e[i].r_info);
		r->addend = 0;
		r->has_addend = 0;
	}
}

/*
 * Check a REL or RELA table of SIZE bytes at VADDR; returns its count,
 * or -1 after diag_fail.
 */
static long table_count(const struct dso *d, uint64_t vaddr, uint64_t size,
			int rela)
{
	size_t entsize = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel);

	if (!size)
		return 0;
	if (!dso_has_range(d, vaddr, size) || size % entsize || vaddr % 8)
		return diag_fail(d->path, "relocation table at %#lx lies "
				 "outside the image", (unsigned long)vaddr);
	return size / entsize;
}

/*
 * The last symbol apply_quick resolved: linkers sort relocations by
 * symbol, so a symbol named by several (a GLOB_DAT and two 64-bit
 * pointers to stdout in libc) is looked up once, as glibc's loader does.
 * A PLT slot's look-up is not a data reference's (see for_plt in
 * symbol.h), so the two are not shared.
 */
struct last_lookup {
	uint32_t symidx;	/* 0: none */
	int for_plt;
	struct binding b;
};

/*
 * The usual RELA entries at start-up, without apply_one's generality:
 * RELATIVE, GLOB_DAT, the 64-bit absolute type and, when BIND_SLOTS
 * (an object bound at start-up), JUMP_SLOT, placed in the writable
 * segment.  Returns 1 when E is done (or set aside, or an undefined
 * symbol reported, as apply_one would), -1 when it failed, and 0 to
 * leave it to apply_one, before doing anything.
 */
static inline int apply_quick(struct dso *d, const Elf64_Rela *e,
			      uint64_t writable_start, uint64_t last_place,
			      int bind_slots, struct deferred *defer,
			      struct last_lookup *last)
{
	uint64_t off = e->r_offset;
	uint32_t type = ELF64_R_TYPE(e->r_info);
	uint32_t symidx = ELF64_R_SYM(e->r_info);

	/* One unsigned comparison: the 8 bytes at OFF are writable. */
	if (off - writable_start > last_place)
		return 0;
	uint64_t *where = dso_addr(d, off);
	/* (A RELATIVE entry naming a symbol is malformed: apply_one says
	 * so.) */
	if (type == R_ARCH_RELATIVE && !symidx) {
		*where = d->base + e->r_addend;
		return 1;
	}
	if (type == R_ARCH_IRELATIVE)
		return set_aside_rela(defer, e) < 0 ? -1 : 1;
	int for_plt = type == R_ARCH_JUMP_SLOT;
	if ((type != R_ARCH_GLOB_DAT && type != R_ARCH_ABS &&
	     !(for_plt && bind_slots)) || !symidx)
		return 0;

	struct binding b;
	const char *name;
	const struct version *version;

	if (symidx == last->symidx && for_plt == last->for_plt) {
		*where = symbol_value(type, last->b.value, e->r_addend);
		return 1;
	}
	int rc = resolve(d, symidx, type, &b, &name, &version);

	if (rc == -1) {
		report_undefined(d, name, version);
		return d->dynamic ? -1 : 1;
	}
	if (rc < 0)
		return -1;
	if (is_ifunc(&b))
		return set_aside_rela(defer, e) < 0 ? -1 : 1;
	*where = symbol_value(type, b.value, e->r_addend);
	/* Not while tracing: each binding is reported. */
	if (!trace_mask) {
		last->symidx = symidx;
		last->for_plt = for_plt;
		last->b = b;
	}
	return 1;
}

/*
 * May relocation TYPE sit in DT_JMPREL?  Only the PLT's own types, as
 * glibc's lazy pass accepts (arch.h): the lazy binder takes every entry
 * there for a slot, and a data relocation hidden among them would be
 * applied by no rule a linker meant.
 */
static inline int plt_type_ok(uint32_t type)
{
	return type == R_ARCH_JUMP_SLOT || type == (uint32_t)R_ARCH_IRELATIVE ||
	       (ARCH_JMPREL_TLSDESC && type == (uint32_t)R_ARCH_TLSDESC);
}

static __attribute__((noinline, cold)) int bad_plt_type(struct dso *d,
							 uint32_t type)
{
	return diag_fail(d->path, "unexpected relocation type %u (%s) in "
			 "DT_JMPREL, the PLT's table", type,
			 arch_reloc_name(type));
}

/* The type of entry I of a REL or RELA table at VADDR. */
static inline uint32_t type_at(const struct dso *d, uint64_t vaddr, int rela,
			       size_t i)
{
	return rela ? ELF64_R_TYPE(((const Elf64_Rela *)dso_addr(d, vaddr))[i]
					   .r_info)
		    : ELF64_R_TYPE(((const Elf64_Rel *)dso_addr(d, vaddr))[i]
					   .r_info);
}

/* Apply a REL or RELA table; PLT says it is DT_JMPREL (see
 * plt_type_ok). */
static int apply_table(struct dso *d, uint64_t vaddr, uint64_t size,
		       int rela, int plt, struct deferred *defer)
{
	/* Most objects have one of DT_REL and DT_RELA, a program often
	 * neither: leave before setting anything up. */
	if (!size)
		return 0;

	long n = table_count(d, vaddr, size, rela);
	/* The short path needs a writable segment that holds 8 bytes. */
	int quick = rela && defer && !(trace_mask & TRACE_STATISTICS) &&
		    d->writable_end - d->writable_start >= 8;
	int bind_slots = !lazy_allowed(d);
	uint64_t writable_start = d->writable_start;
	uint64_t last_place = d->writable_end - d->writable_start - 8;
	struct last_lookup last = { 0 };

	for (long i = 0; i < n; i++) {
		struct reloc r;

		if (plt && !plt_type_ok(type_at(d, vaddr, rela, i)))
			return bad_plt_type(d, type_at(d, vaddr, rela, i));
		if (quick) {
			int rc = apply_quick(d, (const Elf64_Rela *)
					     dso_addr(d, vaddr) + i,
					     writable_start, last_place,
					     bind_slots, defer, &last);

			if (rc < 0)
				return -1;
			if (rc)
				continue;
		}
		read_reloc(d, vaddr, rela, i, &r);
		if (apply_one(d, &r, defer) < 0)
			return -1;
	}
	return n < 0 ? -1 : 0;
}

/*
 * Add BASE to the lazy PLT slots that the entries from E up to END name,
 * as long as they are JUMP_SLOTs whose slot lies in [LO, LO + LAST + 8);
 * returns the first entry that is not (END when all were).  The loop
 * calls nothing, so everything it needs stays in registers: about ten
 * instructions a slot.
 */
static inline const Elf64_Rela *
add_base_to_slots(const Elf64_Rela *e, const Elf64_Rela *end,
		  uintptr_t base, uint64_t lo, uint64_t last)
{
	for (; e < end; e++) {
		uint64_t off = e->r_offset;

		/* One unsigned comparison checks lo <= off <= lo + last. */
		if (ELF64_R_TYPE(e->r_info) != R_ARCH_JUMP_SLOT ||
		    off - lo > last)
			break;
		point_slot_into_plt((uint64_t *)(base + off), base);
	}
	return e;
}

/*
 * The PLT relocations.  For a lazy object nearly all of them are the
 * same trivial job, adding the load base to a slot in the writable
 * segment, so that case gets a loop of its own (a large program has
 * tens of thousands of such slots); anything else goes through
 * apply_one, between runs of that loop.
 */
static int apply_plt_table(struct dso *d, struct deferred *defer)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t vaddr = di->tag[DT_JMPREL], size = di->tag[DT_PLTRELSZ];
	int rela = di->tag[DT_PLTREL] == DT_RELA;
	long n = table_count(d, vaddr, size, rela);

	/* Kept for lazy binding, which would otherwise check the table's
	 * bounds again at every first call. */
	d->plt_slots = n;
	/* (A writable segment too small for any slot: all the slow way.) */
	if (!rela || !lazy_allowed(d) || d->plt_check ||
	    d->writable_end - d->writable_start < 8 ||
	    (trace_mask & TRACE_STATISTICS))
		return apply_table(d, vaddr, size, rela, 1, defer);

	const Elf64_Rela *e = dso_addr(d, vaddr);
	const uint64_t last = d->writable_end - d->writable_start - 8;

	for (long i = 0; i < n; i++) {
		i = add_base_to_slots(e + i, e + n, d->base,
				      d->writable_start, last) - e;
		if (i == n)
			break;
		if (!plt_type_ok(ELF64_R_TYPE(e[i].r_info)))
			return bad_plt_type(d, ELF64_R_TYPE(e[i].r_info));
		/* IRELATIVE entries (39 in libc.so.6's JMPREL) are only set
		 * aside now, as apply_one would; their place is checked when
		 * they are applied. */
		if (ELF64_R_TYPE(e[i].r_info) == R_ARCH_IRELATIVE) {
			if (set_aside_rela(defer, &e[i]) < 0)
				return -1;
			continue;
		}
		struct reloc r;

		read_reloc(d, vaddr, rela, i, &r);
		if (apply_one(d, &r, defer) < 0)
			return -1;
	}
	return n < 0 ? -1 : 0;
}

static int apply_relr(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t size = di->tag[DT_RELRSZ], lo, hi;

	if (!di->present[DT_RELR] || !size)
		return 0;
	if (size % 8 || di->tag[DT_RELR] % 8 ||
	    !dso_has_range(d, di->tag[DT_RELR], size))
		return diag_fail(d->path, "DT_RELR table lies outside the "
				 "image or is misaligned");
	const uint64_t *relr = dso_addr(d, di->tag[DT_RELR]);
	if (relr_extent(relr, size, &lo, &hi) < 0 ||
	    (hi > lo && !place_ok(d, lo, hi - lo)))
		return diag_fail(d->path, "DT_RELR table writes outside the "
				 "writable segments");
	relr_apply(d->base, relr, size);
	trace_stats.relr_words += size / 8;
	return 0;
}

/*
 * Make D's PLT ready for lazy binding: GOT[1] tells the trampoline which
 * object is calling, GOT[2] is the trampoline.
 */
static int prepare_lazy_plt(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;

	if (!lazy_allowed(d) || !di->present[DT_PLTGOT] ||
	    !di->present[DT_JMPREL] || !di->tag[DT_PLTRELSZ])
		return 0;
	if (!place_ok(d, di->tag[DT_PLTGOT], 3 * sizeof(uint64_t)))
		return diag_fail(d->path, "DT_PLTGOT lies outside the "
				 "writable segments");
	uint64_t *got = dso_addr(d, di->tag[DT_PLTGOT]);
	got[1] = (uintptr_t)d;
	got[2] = (uintptr_t)arch_lazy_trampoline;
	return 0;
}

static int apply_all_tables(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	struct deferred defer = { NULL, 0, 0 };
	int rc = -1;

	if (apply_relr(d) < 0 ||
	    apply_table(d, di->tag[DT_REL], di->tag[DT_RELSZ], 0, 0,
			&defer) < 0 ||
	    apply_table(d, di->tag[DT_RELA], di->tag[DT_RELASZ], 1, 0,
			&defer) < 0)
		goto out;
	if (di->present[DT_JMPREL] &&
	    (prepare_lazy_plt(d) < 0 ||
	     apply_plt_table(d, &defer) < 0))
		goto out;
	/*
	 * Resolvers run code of the object, which may read what an
	 * undefined symbol left empty: after a failure, run none.
	 */
	for (size_t i = 0; i < defer.count && !diag_failed(); i++) {
		const struct reloc *r = &defer.items[i];

		/* A RELA IRELATIVE in the writable segment, the usual
		 * case (40 of them in libc.so.6), directly. */
		if (r->type == R_ARCH_IRELATIVE && r->has_addend &&
		    r->offset - d->writable_start <=
			    d->writable_end - d->writable_start &&
		    d->writable_end - r->offset >= 8) {
			if (call_resolver(d, d->base + r->addend,
					 dso_addr(d, r->offset)) < 0)
				goto out;
			continue;
		}
		if (apply_one(d, r, NULL) < 0)
			goto out;
	}
	rc = 0;
out:
	mem_free(defer.items);
	return rc;
}

int reloc_object(struct dso *d)
{
	if (d->relocated || !d->dynv)
		return 0;
	d->relocated = 1;
	TRACE(RELOC, "relocation processing: %s%s",
	      d == dso_program && !dso_program->path[0] ? "" : d->path,
	      lazy_allowed(d) ? " (lazy)" : "");
	if (d->textrel && map_textrel_writable(d, 0))
		return diag_fail(d->path, "cannot make text writable for its "
				 "text relocations");
	int rc = apply_all_tables(d);
	if (d->textrel && map_textrel_writable(d, 1))
		return diag_fail(d->path, "cannot restore the protection of "
				 "its text");
	if (rc < 0)
		return -1;
	/* Data meant read-only must not stay writable (glibc refuses
	 * too). */
	rc = map_protect_relro(d);
	if (rc)
		return diag_fail(d->path, "cannot apply additional memory "
				 "protection after relocation: %s",
				 diag_strerror(rc));
	return 0;
}

int reloc_list(struct dso *first)
{
	/* The order can hold no more objects than are loaded. */
	size_t n = 0;
	struct dso *few[32], **order = few;
	for (struct dso *d = dso_list; d; d = d->next)
		n++;
	if (n > ARRAY_SIZE(few))
		order = mem_alloc(n * sizeof(*order));

	n = initfini_dependency_order(first, order, n);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = reloc_object(order[i]);
	if (order != few)
		mem_free(order);
	return rc < 0 || diag_failed() ? -1 : 0;
}

size_t reloc_count_types(struct dso *d, struct reloc_count *counts,
			 size_t max, uint64_t *relr)
{
	size_t used = 0;

	const struct dyn_info *di = &d->dyn;
	const struct { int tag, size_tag, rela; } tables[] = {
		{ DT_REL, DT_RELSZ, 0 },
		{ DT_RELA, DT_RELASZ, 1 },
		{ DT_JMPREL, DT_PLTRELSZ, di->tag[DT_PLTREL] == DT_RELA },
	};

	*relr = 0;
	if (!d->dynv)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(tables); k++) {
		uint64_t vaddr = di->tag[tables[k].tag];
		uint64_t size = di->tag[tables[k].size_tag];
		size_t entsize = tables[k].rela ? sizeof(Elf64_Rela)
						: sizeof(Elf64_Rel);

		if (!di->present[tables[k].tag] || !size ||
		    !dso_has_range(d, vaddr, size))
			continue;
		for (size_t i = 0; i < size / entsize; i++) {
			struct reloc r;

			read_reloc(d, vaddr, tables[k].rela, i, &r);
			size_t c = 0;
			while (c < used && counts[c].type != r.type)
				c++;
			if (c == used) {
				if (used == max)
					continue;
				counts[used].type = r.type;
				counts[used++].count = 0;
			}
			counts[c].count++;
		}
	}
	if (di->present[DT_RELR])
		*relr = di->tag[DT_RELRSZ] / 8;
	return used;
}

/*
 * Index the global scope when it is large enough for the index to pay:
 * with N objects a look-up that finds nothing early asks up to N Bloom
 * filters, while building the index costs one pass over the hashed
 * symbols, without hashing a name again.
 */
#define INDEX_MIN_OBJECTS 8
#define INDEX_MIN_RELOCS 256

/*
 * With LAZY_SLOTS_TOO, lazy PLT slots count as look-ups to come: the
 * lazy binder asks once enough of them have been bound that the others
 * are likely to be (index_if_worth_it).
 */
static void build_scope_index(int lazy_slots_too)
{
	size_t objects = 0, symbols = 0, relocs = 0, unhashed = 0;
	size_t most_symbols = 0;

	for (struct dso *d = dso_list; d; d = d->next) {
		if (!d->global)
			continue;
		objects++;
		size_t n = sym_index_count(d);
		symbols += n;
		if (!d->symtab.gnu_hash)
			unhashed += n;
		if (d->symtab.nsyms > most_symbols)
			most_symbols = d->symtab.nsyms;
		/* Lazy PLT slots cause no look-up now; see lazy_bind. */
		relocs += (d->dyn.tag[DT_RELASZ] + d->dyn.tag[DT_RELSZ] +
			   (lazy_allowed(d) && !lazy_slots_too
				    ? 0 : d->dyn.tag[DT_PLTRELSZ])) /
			  sizeof(Elf64_Rel);
	}
	if (objects < INDEX_MIN_OBJECTS || relocs < INDEX_MIN_RELOCS ||
	    !symbols || symbols > ((size_t)1 << 30))
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
	/* Two entries a bucket on average: a bucket's entries are next to
	 * each other, and fewer buckets are fewer pages. */
	size_t buckets = 1;
	while (buckets * 2 < symbols)
		buckets *= 2;
	ix->mask = (uint32_t)(buckets - 1);
	ix->symbol_bits = symbol_bits;
	ix->symbol_mask = (uint32_t)(((uint64_t)1 << symbol_bits) - 1);
	/* One mapping for both, written through at once (see symbol.h). */
	ix->entries = mem_alloc_filled(symbols * sizeof(*ix->entries) +
				       (buckets + 2) * sizeof(*ix->bounds));
	ix->bounds = (uint32_t *)(ix->entries + symbols);
	for (struct dso *d = dso_list; d; d = d->next)
		if (d->global)
			ix->objects[ix->nobjects++] = d;
	uint32_t *name_hashes =
		unhashed ? mem_alloc_filled(unhashed * sizeof(uint32_t)) : NULL;
	sym_index_build(ix, name_hashes);
	mem_free(name_hashes);
	/* Complete before it is seen: other threads may be binding. */
	__atomic_store_n(&sym_scope_index, ix, __ATOMIC_RELEASE);
}

void reloc_all(void)
{
	build_scope_index(0);
	reloc_list(dso_list);
	/* A malformed table that look-ups met but got past (the symbols
	 * were found elsewhere); undefined symbols are reported first. */
	if (sym_bad_sysv_table && !diag_failed())
		report_bad_sysv_hash(sym_bad_sysv_table);
	diag_exit_if_failed();
}

/*
 * The first call through lazy PLT slot INDEX of D.  Binds the slot and
 * returns the target, or returns 0 when the target is an IFUNC: the
 * trampoline then saves the vector registers and calls lazy_bind_ifunc.
 * Called from arch/<cpu>/plt.S, possibly from several threads at once for
 * the same slot: they all compute and store the same value.
 */
static inline __attribute__((always_inline)) uintptr_t
bind_slot(struct dso *d, uint64_t index, int run_resolver)
{
	const struct dyn_info *di = &d->dyn;
	int rela = di->tag[DT_PLTREL] == DT_RELA;
	long n = d->plt_slots;	/* -1 for a table outside the image */
	struct reloc r;
	struct binding b;
	const char *name;
	const struct version *version;

	if (n < 0 || (uint64_t)n <= index)
		diag_die(d->path, "lazy binding of PLT slot %lu, beyond "
			 "DT_JMPREL", (unsigned long)index);
	read_reloc(d, di->tag[DT_JMPREL], rela, index, &r);
	if (r.type != R_ARCH_JUMP_SLOT || !place_ok(d, r.offset, 8))
		diag_die(d->path, "lazy binding of a bad PLT slot %lu",
			 (unsigned long)index);
	/* Failing here is fatal even after start-up: the program is in
	 * the middle of a call that cannot go anywhere. */
	int rc = resolve(d, r.sym, r.type, &b, &name, &version);
	if (rc >= 0 && __atomic_load_n(&sym_bad_sysv_table, __ATOMIC_RELAXED))
		diag_die(dso_of_symtab(sym_bad_sysv_table)->path,
			 "malformed DT_HASH table: a hash chain leaves the "
			 "table or loops");
	if (rc == -1 && version)
		diag_die(d->path, "undefined symbol: %s, version %s", name,
			 version->name);
	if (rc == -1)
		diag_die(d->path, "undefined symbol: %s", name);
	if (rc < 0)
		diag_die_pending();
	if (is_ifunc(&b)) {
		if (!run_resolver)
			return 0;
		if (call_resolver(b.def, b.value, &b.value) < 0)
			diag_die_pending();
	}
	uintptr_t target = symbol_value(r.type, b.value,
					 r.has_addend ? r.addend : 0);
	trace_stats.lazy_binds++;
	__atomic_store_n((uint64_t *)dso_addr(d, r.offset), target,
			 __ATOMIC_RELAXED);
	return target;
}

/*
 * Lazy binds that justify indexing the global scope (see
 * build_scope_index): start-up skipped it when every slot was lazy, but
 * a program that calls into many objects pays a full scope walk per
 * first call.  The index goes when an object in it is unloaded
 * (objects.c); it is built again at the next lazy bind, unless the set
 * of objects has not changed since the last attempt, which found the
 * scope too small for it.
 */
#define LAZY_BINDS_BEFORE_INDEX 64

static unsigned long index_tried_generation = (unsigned long)-1;

static void index_if_worth_it(void)
{
	static unsigned binds;

	if (sym_scope_index)
		return;
	if (binds < LAZY_BINDS_BEFORE_INDEX && ++binds < LAZY_BINDS_BEFORE_INDEX)
		return;
	if (index_tried_generation == objects_generation())
		return;
	index_tried_generation = objects_generation();
	build_scope_index(1);
}

/*
 * Binding walks the list and the scope index and may record a binding
 * to a dlopened object (so that the object outlives the binder), all of
 * which a dlopen or dlclose in another thread changes: it holds the
 * loader lock (objects.c states the contract).
 */
uintptr_t lazy_bind(struct dso *d, uint64_t index)
{
	loader_lock();
	index_if_worth_it();
	/* Only this bind's look-up may report a table (bind_slot). */
	sym_bad_sysv_table = NULL;
	uintptr_t target = bind_slot(d, index, 0);
	loader_unlock();
	return target;
}

uintptr_t lazy_bind_ifunc(struct dso *d, uint64_t index)
{
	loader_lock();
	sym_bad_sysv_table = NULL;
	uintptr_t target = bind_slot(d, index, 1);
	loader_unlock();
	return target;
}
