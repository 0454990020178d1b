/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_internal.h - what the files of the relocation stage
 * share, and nothing else includes.
 *
 *   reloc.c       the meaning of each relocation type, and the walk over
 *                 an object's tables that applies them;
 *   reloc_relative.h  the fast mode's window, RELATIVE's rule and the
 *                 loops over a run of RELATIVE entries (reloc.c's own);
 *   reloc_rules.c the rules of COPY, the TLS types and the CPU's own,
 *                 which reloc.c's apply_rule calls out of line;
 *   reloc_relr.c  DT_RELR, checked and applied;
 *   reloc_bind.c  the symbol a relocation names: look-up, versions,
 *                 protected symbols, IFUNC resolvers, undefined symbols,
 *                 and the index of the global scope those look-ups use;
 *   reloc_resolve.h  reloc_bind.c's binding of one symbol, inline for
 *                 reloc.c's fast loops (reloc_resolve_inline);
 *   reloc_lazy.c  binding a lazy PLT slot at its first call.
 *
 * Calls go from reloc.c and reloc_lazy.c to reloc_bind.c, from reloc.c
 * to reloc_rules.c and reloc_relr.c, and from reloc_lazy.c to reloc.c,
 * never back.
 */
#ifndef MYLD_RELOC_INTERNAL_H
#define MYLD_RELOC_INTERNAL_H

#include "arch.h"
#include "audit.h"
#include "dso.h"
#include "load.h"
#include "reloc.h"

/* One relocation, whatever table it came from. */
struct reloc {
	uint64_t offset;
	uint64_t info;		/* type and symbol index, as in the table */
	int64_t addend;
	int has_addend;		/* RELA; for REL the addend is in place */
};

/* (INFO is kept whole: passing one word on, rather than two fields,
 * costs the loops of reloc.c fewer instructions.) */
static inline uint32_t reloc_type(struct reloc r)
{
	return ELF64_R_TYPE(r.info);
}

static inline uint32_t reloc_sym(struct reloc r)
{
	return ELF64_R_SYM(r.info);
}

/* A symbol reference, resolved. */
struct binding {
	const Elf64_Sym *sym;	/* the definition, or NULL (weak, unbound) */
	struct dso *def;
	uint64_t value;		/* its address (0 when unbound) */
};

/* Entry I of a REL or RELA table at VADDR, as a struct reloc. */
static inline void read_reloc(const struct dso *d, uint64_t vaddr, int rela,
			      size_t i, struct reloc *r)
{
	if (rela) {
		const Elf64_Rela *e = (const Elf64_Rela *)dso_addr(d, vaddr) + i;

		*r = (struct reloc){ e->r_offset, e->r_info, e->r_addend, 1 };
	} else {
		const Elf64_Rel *e = (const Elf64_Rel *)dso_addr(d, vaddr) + i;

		*r = (struct reloc){ e->r_offset, e->r_info, 0, 0 };
	}
}

/*
 * Does D's own DF_BIND_NOW / DF_1_NOW give way to PLT auditing?  As in
 * glibc, an auditor with la_pltenter must see every call, so such an
 * object's PLT is set up for the audit trampoline like a lazy one's; but
 * its slots lie in RELRO (ld merges .got.plt into .got), so they keep
 * pointing at the PLT and the binder never writes them (reloc_lazy.c).
 * LD_BIND_NOW, dlopen's RTLD_NOW and the auditors' own objects still
 * bind at once.
 */
static inline int plt_kept_for_audit(const struct dso *d)
{
	return audit_plt_wanted && d->bind_now && !d->dlopen_now &&
	       !d->audit_private && !load_config.bind_now;
}

/*
 * Are PLT slots of D left for the first call to bind (no DF_BIND_NOW,
 * DF_1_NOW or LD_BIND_NOW, or plt_kept_for_audit)?
 */
static inline int lazy_allowed(const struct dso *d)
{
	return (!d->bind_now && !load_config.bind_now) ||
	       plt_kept_for_audit(d);
}

/*
 * Is the place [OFFSET, OFFSET + SIZE) of D memory a relocation may
 * write?  Nearly every place is in the object's writable segment, whose
 * bounds are kept, so the usual answer costs two comparisons; the rest
 * (other writable segments, any segment under DT_TEXTREL) is out of line
 * in reloc.c.
 */
int reloc_place_ok_slow(const struct dso *d, uint64_t offset, uint64_t size);

static inline int place_ok(const struct dso *d, uint64_t offset,
			   uint64_t size)
{
	if (offset >= d->writable_start && offset <= d->writable_end &&
	    size <= d->writable_end - offset)
		return 1;
	return reloc_place_ok_slow(d, offset, size);
}

/*
 * May the lazy PLT slot at OFFSET be left for its first call, which
 * writes it (or, under lazy_slots_readonly, reads it only)?  Only inside
 * the window reloc_find_lazy_slots set: the one statement of that rule,
 * for start-up and for the lazy binder.
 */
static inline int lazy_slot_ok(const struct dso *d, uint64_t offset)
{
	return d->lazy_slots_size >= 8 &&
	       offset - d->lazy_slots_start <= d->lazy_slots_size - 8;
}

/* Check a REL or RELA table of SIZE bytes at VADDR; returns its count,
 * or -1 after diag_fail (reloc.c). */
long reloc_table_count(const struct dso *d, uint64_t vaddr, uint64_t size,
		       int rela);

/* Where D's lazy PLT slots may lie, and D's GOT words for the trampoline
 * (reloc_lazy.c).  The first returns 0, or -1 after diag_fail. */
int reloc_find_lazy_slots(struct dso *d);
void reloc_prepare_lazy_plt(struct dso *d);

/*
 * What GLOB_DAT, JUMP_SLOT and the 64-bit absolute type store for a
 * symbol at S with addend A: the one statement of their rule, for
 * start-up and for the lazy binder.  Whether a GOT or PLT slot takes the
 * addend is the CPU's psABI's call (ARCH_SLOT_ADDEND, arch.h, says why
 * for each).
 */
static inline uint64_t symbol_value(uint32_t type, uint64_t s, int64_t a)
{
	if (type == R_ARCH_ABS || ARCH_SLOT_ADDEND)
		return s + a;
	return s;
}

static inline int is_ifunc(const struct binding *b)
{
	return b->sym && ELF64_ST_TYPE(b->sym->st_info) == STT_GNU_IFUNC;
}

/* ---- reloc_rules.c ---- */

/* Report the place at OFFSET of D as in no writable segment; returns -1
 * after diag_fail. */
__attribute__((cold)) int reloc_outside(const struct dso *d,
					uint64_t offset);

/*
 * R_*_COPY at R in D, its symbol bound to B.  Returns 0, or -1 after
 * diag_fail.
 */
int reloc_apply_copy(struct dso *d, struct reloc r, const struct binding *b);

/*
 * The rule of each TLS type and of the CPU's own types, for R with
 * addend A, its symbol bound to B: stores the value to write at WHERE
 * and returns its width in bytes (4 or 8), or writes it itself and
 * returns 0, or returns -1 after diag_fail.
 */
int reloc_tls_or_arch_rule(struct dso *d, struct reloc r,
			   const struct binding *b, int64_t a, uint64_t *where,
			   uint64_t *value);

/* ---- reloc_relr.c ---- */

/* Check and apply D's DT_RELR table.  Returns 0, or -1 after
 * diag_fail. */
int reloc_apply_relr(struct dso *d);

/* ---- reloc_bind.c ---- */

/* Report D's symbol SYMIDX as unusable; returns NULL after diag_fail. */
const Elf64_Sym *reloc_bad_ref_symbol(struct dso *d, uint32_t symidx);

/*
 * D's symbol SYMIDX, checked, and its name in *NAME; NULL after
 * diag_fail.  Inline, the reports apart: every relocation that names a
 * symbol comes here.
 */
static inline const Elf64_Sym *ref_symbol(struct dso *d, uint32_t symidx,
					  const char **name)
{
	const struct symtab *t = &d->symtab;

	if (symidx >= d->nsyms_reloc || t->syms[symidx].st_name >= t->strsz)
		return reloc_bad_ref_symbol(d, symidx);
	*name = t->strtab + t->syms[symidx].st_name;
	return &t->syms[symidx];
}

/*
 * Resolve symbol SYMIDX of D for a relocation of TYPE into *B.  Returns
 * 0 (a weak reference that finds nothing is bound to 0), -1 when the
 * symbol is undefined (its name and version in *NAME and *VERSION, not
 * reported), or -2 for a problem it has reported (a bad symbol or
 * version index, a malformed DT_HASH table met by the look-up).
 */
int reloc_resolve(struct dso *d, uint32_t symidx, uint32_t type,
		  struct binding *b, const char **name,
		  const struct version **version);

/*
 * Report NAME (wanted in version V, or any) as undefined in D: at
 * start-up once per object and name, so that all are listed before
 * myld exits; under dlopen the first fails the call.
 */
void reloc_report_undefined(struct dso *d, const char *name,
			    const struct version *v);

/*
 * Report the object whose DT_HASH table T a look-up found malformed.
 * Returns -2, as reloc_resolve does for what it has reported.
 */
int reloc_report_bad_sysv_hash(const struct symtab *t);

/*
 * Call the IFUNC resolver at RESOLVER (a run-time address), which
 * OWNER supplies: the object of an IRELATIVE, or the definer of an
 * IFUNC symbol.  Only code of OWNER is called.  Stores the resolver's
 * answer in *VALUE; returns 0, or -1 after diag_fail.
 */
int reloc_call_resolver(const struct dso *owner, uint64_t resolver,
			uint64_t *value);

/*
 * Index the global scope, when it is large enough for the index to
 * pay.  AFTER_START_UP: called by lazy binding once it is busy
 * (reloc_lazy.c), when only lazy PLT slots remain to be looked up.
 */
void reloc_build_scope_index(int after_start_up);

#endif
