/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc.c - what each relocation type means, and the walk over
 * an object's tables that applies them.  See reloc.h.
 *
 * One function, relocate(), applies one relocation; it holds every
 * decision and, through apply_rule(), the one statement of each type's
 * rule.  It is written once and compiled in two modes, as Bionic does
 * with its fast and general relocation passes:
 *
 *   fast      (RELOC_FAST, a compile-time constant at each call) takes
 *             the common RELA entries, RELATIVE, the 64-bit absolute
 *             type, GLOB_DAT, JUMP_SLOT, IRELATIVE, the 8-byte TLS types
 *             and COPY, whose 8 bytes lie in the window, one writable
 *             PT_LOAD at a time (COPY checks the rest itself): those need
 *             one bounds comparison against values kept in registers,
 *             and no calls but a look-up and the rarer types' rules
 *             (reloc_rules.c).  An entry
 *             outside the window moves it to the writable PT_LOAD that
 *             holds the entry, if there is one (lld gives RELRO data a
 *             segment of its own before .data; patchelf adds one), and
 *             is taken again;
 *   general   (relocate_general) takes everything else: REL entries,
 *             TLSDESC, the CPU's own types, R_*_NONE, and places in
 *             no writable segment (refused) or, under DT_TEXTREL, in
 *             text.
 *
 * A fast pass hands an entry it does not take to the general mode
 * before doing anything, so the two never disagree: they are the same
 * source.  Within the fast mode, a run of RELATIVE entries (the
 * commonest relocation by far: a large C++ library has hundreds of
 * thousands) goes through a loop of its own, relocate_relative_run()
 * (reloc_relative.h), which uses relocate()'s window test and RELATIVE's
 * rule and stops at the first entry those do not settle; on x86-64 it
 * checks 64 entries at a time, their places from the first and last
 * entry and offsets that increase, before applying them.
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
 * lazy_bind() (reloc_lazy.c).
 */
#include "reloc_internal.h"
#include "reloc_resolve.h"
#include "reloc_relative.h"
#include "alloc.h"
#include "diag.h"
#include "initfini.h"
#include "launch_cache.h"
#include "lib.h"
#include "map.h"
#include "objects.h"
#include "symbol.h"
#include "tls.h"
#include "trace.h"

/* What a call of relocate() is to do: an OR of these. */
enum {
	RELOC_FAST = 1,		/* the fast mode (see the top of the file) */
	RELOC_PLT = 2,		/* the entry is from DT_JMPREL */
	RELOC_LAZY = 4,		/* PLT slots are left for their first call */
	RELOC_FINAL = 8,	/* the object's end: nothing is set aside */
	/* A warm start (launch_cache.h): the look-ups are answered by the
	 * launch cache, and the look-up code is called, not inlined. */
	RELOC_REPLAY = 16,
};

/* The relocation of one object, from its first table to its end. */
struct pass {
	struct dso *d;
	/* The fast mode's window: LO <= offset <= LO + LAST, so that one
	 * unsigned comparison checks that 8 bytes are writable. */
	uint64_t lo, last;
	int fast_ok;		/* a writable segment, and no statistics */
	/* The window may move to any writable PT_LOAD (not while it is the
	 * lazy PLT slots', see apply_plt_table). */
	int window_moves;
	unsigned mode;		/* the general mode's flags (no RELOC_FAST) */
	/* Relocations set aside until the rest of the object is done. */
	struct reloc *deferred;
	size_t ndeferred, deferred_cap;
	/*
	 * The last symbol bound: linkers sort relocations by symbol, so a
	 * symbol named by several (a GLOB_DAT and two 64-bit pointers to
	 * stdout in libc) is looked up once, as glibc's loader does.  A PLT
	 * slot's look-up is not a data reference's (see for_plt in
	 * symbol.h), so the two are not shared.
	 */
	uint32_t last_symidx;	/* 0: none */
	int last_for_plt;
	struct binding last_binding;
};

static inline struct window window_of(const struct pass *p)
{
	return (struct window){ p->d, p->d->base, p->lo, p->last };
}

/* relocate()'s answer when it moved P's window: R is to be taken again. */
#define RELOC_AGAIN 1

/*
 * Move P's window to the writable PT_LOAD that holds the 8 bytes at
 * OFFSET, when the window may move and there is one.  Returns 1 when it
 * moved, and then the window holds them; 0 leaves the entry to the
 * general mode, which decides whether the place is writable at all.
 */
static __attribute__((noinline)) int move_window(struct pass *p,
						 uint64_t offset)
{
	const Elf64_Phdr *seg;

	if (!p->window_moves || !(seg = dso_writable_load(p->d, offset, 8)))
		return 0;
	p->lo = seg->p_vaddr;
	p->last = seg->p_memsz - 8;
	return 1;
}

int reloc_place_ok_slow(const struct dso *d, uint64_t offset, uint64_t size)
{
	return d->textrel ? dso_has_range(d, offset, size)
			  : dso_range_writable(d, offset, size);
}

/*
 * May relocation TYPE sit in DT_JMPREL?  Only the PLT's own types, as
 * glibc's lazy pass accepts (arch.h): the lazy binder takes every entry
 * there for a slot, and a data relocation hidden among them would be
 * applied by no rule a linker meant.
 */
static __attribute__((noinline, cold)) int lazy_slot_outside(struct dso *d,
							      uint64_t offset)
{
	return diag_fail(d->path, "lazy PLT slot at %#lx lies outside the "
			 "writable GOT after DT_PLTGOT's reserved words",
			 (unsigned long)offset);
}

static inline int plt_type_ok(uint32_t type)
{
	return type == R_ARCH_JUMP_SLOT || type == (uint32_t)R_ARCH_IRELATIVE ||
	       (ARCH_JMPREL_TLSDESC && type == (uint32_t)R_ARCH_TLSDESC);
}

static __attribute__((noinline, cold)) int
misaligned_plt_place(struct dso *d, uint64_t offset)
{
	return diag_fail(d->path, "DT_JMPREL entry's place %#lx is not an "
			 "8-byte GOT word", (unsigned long)offset);
}

static __attribute__((noinline, cold)) int bad_plt_type(struct dso *d,
							 uint32_t type)
{
	return diag_fail(d->path, "unexpected relocation type %u (%s) in "
			 "DT_JMPREL, the PLT's table", type,
			 arch_reloc_name(type));
}

static __attribute__((noinline)) int set_aside(struct pass *p,
					       struct reloc r)
{
	if (p->ndeferred == p->deferred_cap) {
		size_t cap = p->deferred_cap ? p->deferred_cap * 2 : 64;
		struct reloc *bigger = mem_alloc(cap * sizeof(*bigger));

		if (p->deferred)
			memcpy(bigger, p->deferred,
			       p->ndeferred * sizeof(*bigger));
		mem_free(p->deferred);
		p->deferred = bigger;
		p->deferred_cap = cap;
	}
	p->deferred[p->ndeferred++] = r;
	return 0;
}

/*
 * Write R's value at WHERE, its symbol bound to B (none when R names
 * none): the one statement of what each relocation type stores.  The
 * types of the fast mode come first, in the order of their frequency.
 * Returns 0, or -1 after diag_fail.
 */
static inline __attribute__((always_inline)) int
apply_rule(struct dso *d, struct window w, struct reloc r, struct binding b,
	   const unsigned mode)
{
	uint64_t *where = (uint64_t *)(w.base + r.offset);
	int64_t a = r.addend;
	uint64_t value;
	int width = 8;

	/* A REL entry's addend is the place's content, 8 or 4 bytes wide. */
	if (!r.has_addend && reloc_type(r) != R_ARCH_JUMP_SLOT &&
	    reloc_type(r) != R_ARCH_GLOB_DAT && reloc_type(r) != (uint32_t)R_ARCH_COPY)
		a = place_ok(d, r.offset, 8) ? (int64_t)*where
					     : *(int32_t *)where;
	if (reloc_type(r) == R_ARCH_RELATIVE) {
		value = relative_value(w.base, a);
	} else if (reloc_type(r) == R_ARCH_ABS || reloc_type(r) == R_ARCH_GLOB_DAT ||
		   reloc_type(r) == R_ARCH_JUMP_SLOT) {
		value = symbol_value(reloc_type(r), b.value, a);
	} else if (reloc_type(r) == (uint32_t)R_ARCH_IRELATIVE) {
		/* The resolver at B + A says. */
		if (reloc_call_resolver(d, w.base + a, &value) < 0)
			return -1;
	} else if (reloc_type(r) == (uint32_t)R_ARCH_COPY) {
		/* (Copies of B and of the value, here and below, leave the
		 * originals in registers on the common paths.) */
		struct binding copy = b;

		return reloc_apply_copy(d, r, &copy);
	} else {
		struct binding copy = b;
		uint64_t v;

		width = reloc_tls_or_arch_rule(d, r, &copy, a, where, &v);
		if (width <= 0)
			return width;
		value = v;
	}
	if (width == 4) {
		*(uint32_t *)where = (uint32_t)value;
		return 0;
	}
	/* The general mode has checked 4 bytes only. */
	if (!(mode & RELOC_FAST) && !place_ok(d, r.offset, 8))
		return reloc_outside(d, r.offset);
	*where = value;
	return 0;
}

/*
 * Bind the symbol R names into B.  Returns 0, 1 when R is done (an
 * undefined symbol at start-up, reported and counted as done so that
 * all of them are listed), or -1 when it failed.
 */
static inline __attribute__((always_inline)) int
bind_symbol(struct pass *p, struct reloc r, struct binding *b,
	    const unsigned mode)
{
	struct dso *d = p->d;
	int for_plt = reloc_type(r) == R_ARCH_JUMP_SLOT;
	/* A COPY's look-up skips the program, so it shares nothing; while
	 * tracing, each binding is reported.  DT_JMPREL names each symbol
	 * once (a PLT slot a symbol), so its entries neither ask nor fill
	 * the last binding: data relocations come before it, and none of
	 * them is a PLT slot's look-up anyway. */
	int shared = !(mode & RELOC_PLT) &&
		     reloc_type(r) != (uint32_t)R_ARCH_COPY && !trace_mask;
	/* (Set on every path that uses them; the compiler cannot tell.) */
	const char *name = NULL;
	const struct version *version = NULL;

	if (shared && reloc_sym(r) == p->last_symidx &&
	    for_plt == p->last_for_plt) {
		*b = p->last_binding;
		return 0;
	}
	/* The fast loops over whole tables bind inline; the general mode,
	 * the lazy PLT table (few bindings) and the final pass call. */
	const int inline_bind = (mode & RELOC_FAST) && !(mode & RELOC_FINAL) &&
				(mode & (RELOC_PLT | RELOC_LAZY)) !=
					(RELOC_PLT | RELOC_LAZY);
	int rc = inline_bind
			 ? resolve_inline(d, reloc_sym(r), reloc_type(r), b,
					  &name, &version,
					  (mode & RELOC_REPLAY) != 0)
			 : reloc_resolve(d, reloc_sym(r), reloc_type(r), b,
					 &name, &version);
	if (rc == -1) {
		reloc_report_undefined(d, name, version);
		return d->dynamic ? -1 : 1;
	}
	if (rc < 0)
		return -1;
	if (shared) {
		p->last_symidx = reloc_sym(r);
		p->last_for_plt = for_plt;
		p->last_binding = *b;
	}
	return 0;
}

/*
 * A lazy PLT slot at start-up: the linker wrote the link-time address of
 * its PLT entry's second half there, so adding the load base makes the
 * first call reach the lazy-binding trampoline.  Returns 0 when done,
 * -1 after diag_fail, or 1 when the slot must be bound now after all
 * (arch_plt_needs_bind_now).
 */
static inline __attribute__((always_inline)) int
point_slot_into_plt(struct dso *d, struct window w, struct reloc r,
		    const unsigned mode)
{
	if (ARCH_DT_PLT_CHECK && d->plt_check) {
		const char *name;
		const Elf64_Sym *ref = ref_symbol(d, reloc_sym(r), &name);

		if (!ref)
			return -1;
		if (arch_plt_needs_bind_now(ref))
			return 1;
	}
	if (!(mode & RELOC_FAST) && !lazy_slot_ok(d, r.offset))
		return lazy_slot_outside(d, r.offset);
	*(uint64_t *)(w.base + r.offset) += w.base;
	return 0;
}

/*
 * Does the fast mode take R?  See the top of the file.  The commonest
 * type of the table (JUMP_SLOT in DT_JMPREL, RELATIVE elsewhere) is
 * tested first and on its own: the compiler then follows that answer
 * through relocate() and leaves such an entry with no other test of its
 * type.
 */
static inline int fast_takes(struct window w, struct reloc r,
			     const unsigned mode)
{
	if (!r.has_addend || !in_window(w, r.offset))
		return 0;
	if ((mode & RELOC_PLT) && r.offset % 8)
		return 0;
	if (reloc_type(r) ==
	    ((mode & RELOC_PLT) ? R_ARCH_JUMP_SLOT : R_ARCH_RELATIVE))
		return 1;
	/* Of the fast types, DT_JMPREL may hold only these two. */
	if (mode & RELOC_PLT)
		return reloc_type(r) == (uint32_t)R_ARCH_IRELATIVE;
	switch (reloc_type(r)) {
	case R_ARCH_RELATIVE:
	case R_ARCH_ABS:
	case R_ARCH_GLOB_DAT:
	case R_ARCH_JUMP_SLOT:
	case (uint32_t)R_ARCH_IRELATIVE:
	/* 8 bytes too (libc.so.6's initial-exec TLS, a program's copies):
	 * COPY checks its own size, as TLSDESC its 16 bytes, which stays
	 * in the general mode with the CPU's own types. */
	case R_ARCH_DTPMOD:
	case R_ARCH_DTPOFF:
	case R_ARCH_TPOFF:
	case (uint32_t)R_ARCH_COPY:
		return 1;
	}
	return 0;
}

/*
 * The part of relocate() for an entry R that names a symbol: bind the
 * symbol, set aside or call an IFUNC resolver, apply the rule.
 */
static inline __attribute__((always_inline)) int
relocate_named(struct pass *p, struct window w, struct reloc r,
	       const unsigned mode)
{
	struct binding b;
	int rc = bind_symbol(p, r, &b, mode);

	if (rc)
		return rc < 0 ? -1 : 0;
	if (is_ifunc(&b)) {
		/* A COPY from an IFUNC symbol copies, at once, from the
		 * address its resolver returns, as glibc's loader does. */
		if (!(mode & RELOC_FINAL) && reloc_type(r) != (uint32_t)R_ARCH_COPY)
			return set_aside(p, r);
		uint64_t target;

		if (reloc_call_resolver(b.def, b.value, &target) < 0)
			return -1;
		b.value = target;
	}
	/* A PLT slot bound now is reported to the auditors, as glibc's
	 * relocation loop does (their answer is the address used). */
	if (__builtin_expect(audit_symbind_wanted, 0) && b.sym &&
	    reloc_type(r) == R_ARCH_JUMP_SLOT && !(mode & RELOC_LAZY))
		b.value = audit_symbind(w.d, b.def, b.sym, NULL, b.value,
					AUDIT_BIND_NOW);
	return apply_rule(w.d, w, r, b, mode);
}

static int relocate_general(struct pass *p, struct reloc r);

/*
 * Apply R to the object of P, in the modes MODE says (a constant at
 * every call but relocate_general's); W is window_of(P).  Returns 0,
 * -1 when the relocation failed, or RELOC_AGAIN (fast mode only) when
 * it moved P's window and R is to be taken again.
 */
static inline __attribute__((always_inline)) int
relocate(struct pass *p, struct window w, struct reloc r, const unsigned mode)
{
	struct dso *d = w.d;
	const int final = mode & RELOC_FINAL;
	/* Symbol index 0 is the object's own null symbol: a local one,
	 * at 0, so its address is D's base (as glibc's loader reads it). */
	const struct binding none = { NULL, d, d->base };
	int rc;

	/* (The lazy PLT slots' window never moves: see apply_plt_table.) */
	const int moves = (mode & RELOC_FAST) &&
			  (mode & (RELOC_PLT | RELOC_LAZY)) !=
				  (RELOC_PLT | RELOC_LAZY);

	if (mode & RELOC_FAST) {
		if (moves && !in_window(w, r.offset) &&
		    move_window(p, r.offset))
			return RELOC_AGAIN;
		if (!fast_takes(w, r, mode))
			return relocate_general(p, r);
	}
	if ((mode & RELOC_PLT) && !plt_type_ok(reloc_type(r)))
		return bad_plt_type(d, reloc_type(r));
	/* Every DT_JMPREL place is a GOT word (two for a TLS descriptor):
	 * one written across a word boundary corrupts its neighbour, which
	 * the PLT or a TLS access then jumps through. */
	if ((mode & RELOC_PLT) && r.offset % 8)
		return misaligned_plt_place(d, r.offset);
	if (!(mode & RELOC_FAST)) {
		if (reloc_type(r) == R_ARCH_NONE)
			return 0;
		if (!final && (trace_mask & TRACE_STATISTICS))
			trace_count_reloc(reloc_type(r));
		/* Room for 8 bytes (most types), or at least 4 (32-bit
		 * ones); apply_rule checks what the type needs. */
		if (!place_ok(d, r.offset, 8) && !place_ok(d, r.offset, 4))
			return reloc_outside(d, r.offset);
	}
	if (reloc_type(r) == (uint32_t)R_ARCH_IRELATIVE && !final)
		return set_aside(p, r);
	/* Only DT_JMPREL's slots are left lazy: a JUMP_SLOT among the data
	 * relocations is bound now, as glibc's loader binds it. */
	if (reloc_type(r) == R_ARCH_JUMP_SLOT && (mode & RELOC_PLT) &&
	    (mode & RELOC_LAZY) && !final &&
	    (rc = point_slot_into_plt(d, w, r, mode)) <= 0)
		return rc;
	/* (Unlikely as far as registers go: a look-up costs far more than
	 * reloading a few values, a RELATIVE entry does not.) */
	if (__builtin_expect(reloc_sym(r) != 0, 0))
		return relocate_named(p, w, r, mode);
	return apply_rule(d, w, r, none, mode);
}

/* The general mode, in the flags of P's current table. */
static __attribute__((noinline)) int relocate_general(struct pass *p,
						      struct reloc r)
{
	return relocate(p, window_of(p), r, p->mode);
}

/*
 * The fast mode over N RELA entries from E (MODE a constant).  Each
 * caller is a function of its own, so that each loop has the registers
 * to itself.
 */
static inline __attribute__((always_inline)) int
relocate_rela(struct pass *p, const Elf64_Rela *e, long n, const unsigned mode)
{
	struct window w = window_of(p);
	const Elf64_Rela *end = e + n;

	while (e < end) {
		/* DT_JMPREL holds no RELATIVE entry (plt_type_ok).  The
		 * run starts only at a RELATIVE entry: the other types do
		 * not pay for its set-up. */
		if (!(mode & RELOC_PLT) &&
		    e->r_info == ELF64_R_INFO(0, R_ARCH_RELATIVE) &&
		    (e = relocate_relative_run(w, e, end)) == end)
			break;
		struct reloc r = { e->r_offset, e->r_info, e->r_addend, 1 };
		int rc = relocate(p, w, r, mode);

		if (rc < 0)
			return -1;
		if (rc == RELOC_AGAIN)
			w = window_of(p);
		else
			e++;
	}
	return 0;
}

static __attribute__((noinline)) int
relocate_rela_data(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST);
}

static __attribute__((noinline)) int
relocate_rela_data_lazy(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_LAZY);
}

/* The same, on a warm start (RELOC_REPLAY). */
static __attribute__((noinline)) int
relocate_rela_data_replay(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_REPLAY);
}

static __attribute__((noinline)) int
relocate_rela_data_lazy_replay(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_LAZY | RELOC_REPLAY);
}

static __attribute__((noinline)) int
relocate_rela_plt_replay(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_PLT | RELOC_REPLAY);
}

static __attribute__((noinline)) int
relocate_rela_plt(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_PLT);
}

static __attribute__((noinline)) int
relocate_rela_plt_lazy(struct pass *p, const Elf64_Rela *e, long n)
{
	return relocate_rela(p, e, n, RELOC_FAST | RELOC_PLT | RELOC_LAZY);
}

long reloc_table_count(const struct dso *d, uint64_t vaddr, uint64_t size,
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
 * Apply the N entries of a REL or RELA table at VADDR; PLT says it is
 * DT_JMPREL (see plt_type_ok).  The table's bounds were checked by
 * table_count; each entry's place is checked by relocate.
 */
static int apply_table(struct pass *p, uint64_t vaddr, long n, int rela,
		       int plt)
{
	struct dso *d = p->d;

	p->mode = (plt ? RELOC_PLT : 0) | (lazy_allowed(d) ? RELOC_LAZY : 0);
	if (!rela || !p->fast_ok) {
		for (long i = 0; i < n; i++) {
			struct reloc r;

			read_reloc(d, vaddr, rela, i, &r);
			if (relocate_general(p, r) < 0)
				return -1;
		}
		return 0;
	}
	const Elf64_Rela *e = dso_addr(d, vaddr);
	/* (A miss during a table leaves its loop to call the look-ups.) */
	int replay = launch_cache_mode == LAUNCH_CACHE_REPLAY;

	switch (p->mode) {
	case 0:
		return replay ? relocate_rela_data_replay(p, e, n)
			      : relocate_rela_data(p, e, n);
	case RELOC_LAZY:
		return replay ? relocate_rela_data_lazy_replay(p, e, n)
			      : relocate_rela_data_lazy(p, e, n);
	case RELOC_PLT:
		return replay ? relocate_rela_plt_replay(p, e, n)
			      : relocate_rela_plt(p, e, n);
	default:
		return relocate_rela_plt_lazy(p, e, n);
	}
}

/* The relocations set aside, now that the rest of the object is done. */
static int apply_deferred(struct pass *p)
{
	p->mode = RELOC_FINAL;
	/*
	 * Resolvers run code of the object, which may read what an
	 * undefined symbol left empty: after a failure, run none.
	 */
	for (size_t i = 0; i < p->ndeferred && !diag_failed();) {
		struct reloc r = p->deferred[i];
		int rc = p->fast_ok ? relocate(p, window_of(p), r,
					       RELOC_FAST | RELOC_FINAL)
				    : relocate_general(p, r);

		if (rc < 0)
			return -1;
		if (rc != RELOC_AGAIN)
			i++;
	}
	return 0;
}

/* Apply the REL or RELA table at tag TAG, SIZE_TAG bytes, to P's
 * object. */
static int apply_data_table(struct pass *p, int tag, int size_tag, int rela)
{
	const struct dyn_info *di = &p->d->dyn;
	long n;

	/* Most objects have one of DT_REL and DT_RELA, a program often
	 * neither: leave before anything else. */
	if (!di->tag[size_tag])
		return 0;
	n = reloc_table_count(p->d, di->tag[tag], di->tag[size_tag], rela);
	if (n < 0)
		return -1;
	/* Some links size the data table to cover DT_JMPREL too, which
	 * ends it: those entries are DT_JMPREL's, applied (or left lazy)
	 * once, by apply_plt_table, as glibc's loader trims the range. */
	uint64_t end = di->tag[tag] + di->tag[size_tag];
	if (di->present[DT_JMPREL] &&
	    (di->tag[DT_PLTREL] == DT_RELA) == rela &&
	    di->tag[DT_JMPREL] >= di->tag[tag] &&
	    di->tag[DT_JMPREL] + di->tag[DT_PLTRELSZ] == end)
		n = (long)((di->tag[DT_JMPREL] - di->tag[tag]) /
			   (rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel)));
	return apply_table(p, di->tag[tag], n, rela, 0);
}

static int apply_plt_table(struct pass *p)
{
	struct dso *d = p->d;
	const struct dyn_info *di = &d->dyn;
	int rela = di->tag[DT_PLTREL] == DT_RELA;

	if (!di->present[DT_JMPREL])
		return 0;
	reloc_prepare_lazy_plt(d);
	/* Kept for lazy binding, which would otherwise check the table's
	 * bounds again at every first call. */
	d->plt_slots = reloc_table_count(d, di->tag[DT_JMPREL],
				   di->tag[DT_PLTRELSZ], rela);
	if (d->plt_slots < 0)
		return -1;
	if (!lazy_allowed(d))
		return apply_table(p, di->tag[DT_JMPREL], d->plt_slots, rela, 1);
	/*
	 * A lazy slot is written again at its first call, after RELRO is
	 * read-only: the fast mode's window is the lazy slots' (see
	 * lazy_slot_ok), and the writable segment's again afterwards, for
	 * what was set aside.
	 */
	struct pass saved = *p;
	int rc;

	p->lo = d->lazy_slots_start;
	p->last = d->lazy_slots_size - 8;
	p->fast_ok = p->fast_ok && d->lazy_slots_size >= 8;
	p->window_moves = 0;
	rc = apply_table(p, di->tag[DT_JMPREL], d->plt_slots, rela, 1);
	p->lo = saved.lo;
	p->last = saved.last;
	p->fast_ok = saved.fast_ok;
	p->window_moves = saved.window_moves;
	return rc;
}

static int apply_all_tables(struct dso *d)
{
	struct pass p = { .d = d };
	int rc = -1;

	/* The fast mode needs a writable segment that holds 8 bytes;
	 * statistics count each relocation, in the general mode. */
	p.fast_ok = d->writable_end - d->writable_start >= 8 &&
		    !(trace_mask & TRACE_STATISTICS);
	p.lo = d->writable_start;
	p.last = d->writable_end - d->writable_start - 8;
	p.window_moves = 1;
	if (reloc_find_lazy_slots(d) == 0 && reloc_apply_relr(d) == 0 &&
	    apply_data_table(&p, DT_REL, DT_RELSZ, 0) == 0 &&
	    apply_data_table(&p, DT_RELA, DT_RELASZ, 1) == 0 &&
	    apply_plt_table(&p) == 0 && apply_deferred(&p) == 0)
		rc = 0;
	mem_free(p.deferred);
	return rc;
}

int reloc_object(struct dso *d)
{
	if (d->relocated || !d->dynv)
		return 0;
	d->relocated = 1;
	TRACE(RELOC, "%s", "");	/* glibc sets each object off */
	TRACE(RELOC, "relocation processing: %s%s",
	      d == dso_program && !dso_program->path[0] ? "" : d->path,
	      lazy_allowed(d) ? " (lazy)" : "");
	if (d->textrel && map_textrel_writable(d, 0))
		return diag_fail(d->path, "cannot make text writable for its "
				 "text relocations");
	d->textrel_open = d->textrel;
	int rc = apply_all_tables(d);
	d->textrel_open = 0;
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
	/* The order can hold no more objects than are loaded: those listed
	 * and myld itself, which an object may need without its being
	 * listed (an auditor's libc.so.6, in a program that does not need
	 * myld: load.c load_self). */
	size_t n = 1, cap;
	struct dso *few[32], **order = few;
	for (struct dso *d = dso_list; d; d = d->next)
		n++;
	if (n > ARRAY_SIZE(few))
		order = mem_alloc(n * sizeof(*order));
	cap = n;

	n = initfini_dependency_order(first, order, cap);
	if (n > cap)
		n = cap;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = reloc_object(order[i]);
	if (order != few)
		mem_free(order);
	return rc < 0 || diag_failed() ? -1 : 0;
}

/*
 * A warm launch-cache start answers its look-ups from the entry, and
 * builds the scope index only if the entry stops answering
 * (launch_cache_start.on_miss).  After start-up, lazy binding builds it
 * when they are many (reloc_lazy.c), as after a start-up whose slots
 * were all lazy.
 */
static int scope_index_deferred;

void reloc_index_after_cache_miss(void)
{
	if (!scope_index_deferred)
		return;
	scope_index_deferred = 0;
	reloc_build_scope_index(0);
}

void reloc_all(void)
{
	if (launch_cache_mode == LAUNCH_CACHE_REPLAY)
		scope_index_deferred = 1;
	else
		reloc_build_scope_index(0);
	reloc_list(dso_list);
	scope_index_deferred = 0;
	/* A malformed table that look-ups met but got past (the symbols
	 * were found elsewhere); undefined symbols are reported first. */
	if (sym_bad_sysv_table && !diag_failed())
		reloc_report_bad_sysv_hash(sym_bad_sysv_table);
	diag_exit_if_failed();
}
