/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_rules.c - the rules of the rarer relocation types: COPY,
 * the TLS types and the CPU's own.  apply_rule (reloc.c) states every
 * type's rule and calls these for the ones that take more than a line;
 * they are out of line so that reloc.c's loops stay small.
 */
#include "reloc_internal.h"
#include "diag.h"
#include "dynamic.h"
#include "lib.h"
#include "tls.h"

int reloc_outside(const struct dso *d, uint64_t offset)
{
	return diag_fail(d->path, "relocation at %#lx lies outside the "
			 "writable segments", (unsigned long)offset);
}

/*
 * R_*_COPY: the program (D) reserved REF's st_size bytes at the place,
 * and the definition B holds the source's st_size bytes.  Both ranges
 * must lie where they belong, the place in D's writable segments and
 * the source in its object's image, before a byte is copied; sizes that
 * differ copy the smaller, with a warning, as glibc does.
 */
int reloc_apply_copy(struct dso *d, struct reloc r, const struct binding *b)
{
	const char *name = NULL;
	const Elf64_Sym *ref = ref_symbol(d, reloc_sym(r), &name);

	if (!ref)
		return -1;
	if (!b->sym)
		return 0;	/* a weak reference that found nothing */
	uint64_t size = ref->st_size, src_size = b->sym->st_size;
	if (!place_ok(d, r.offset, size))
		return diag_fail(d->path, "COPY relocation of %s: %lu bytes "
				 "at %#lx lie outside the writable segments",
				 name, (unsigned long)size,
				 (unsigned long)r.offset);
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
	memcpy(dso_addr(d, r.offset), (const void *)b->value, size);
	return 0;
}

/* The TLS module a TLS relocation refers to: the definition's (D's own
 * for symbol index 0, or a local TLS symbol).  NULL after diag_fail.  A definition that is not STT_TLS (a function, say)
 * has no offset in any block: the descriptor or offset made from it
 * would send the code's TLS accesses, or its calls, anywhere. */
static __attribute__((noinline, cold)) void
not_thread_local(struct dso *d, const struct binding *b)
{
	const char *name = dynamic_string(b->def, b->sym->st_name);

	diag_fail(d->path, "TLS relocation against %s of %s, which is not a "
		  "thread-local symbol", name ? name : "a symbol", b->def->path);
}

static inline __attribute__((always_inline)) struct dso *
tls_module_of(struct dso *d, const struct binding *b)
{
	struct dso *m = b->def ? b->def : d;

	if (b->def && b->sym && ELF64_ST_TYPE(b->sym->st_info) != STT_TLS) {
		not_thread_local(d, b);
		return NULL;
	}
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
 * The rule of each TLS type and of the CPU's own types, for R with
 * addend A, its symbol bound to B: stores the value to write at WHERE
 * and returns its width in bytes (4 or 8), or writes it itself and
 * returns 0, or returns -1 after diag_fail.
 */
int reloc_tls_or_arch_rule(struct dso *d, struct reloc r,
			   const struct binding *b, int64_t a, uint64_t *where,
			   uint64_t *value)
{
	uint64_t sym_offset = (b->sym ? b->sym->st_value : 0) + a;
	struct dso *m;
	int width = 8;

	/* A weak reference to a TLS symbol that nothing defines (no
	 * definer; symbol index 0 has D): the place is left as it is, as
	 * glibc's loader leaves it, and a descriptor answers the addend's
	 * address (a null pointer). */
	if (!b->def && (reloc_type(r) == R_ARCH_DTPMOD ||
			reloc_type(r) == R_ARCH_DTPOFF ||
			reloc_type(r) == R_ARCH_TPOFF))
		return 0;
	if (!b->def && reloc_type(r) == R_ARCH_TLSDESC) {
		if (!place_ok(d, r.offset, 16))
			return reloc_outside(d, r.offset);
		tls_fill_undefined_weak_descriptor(a, where);
		return 0;
	}
	switch (reloc_type(r)) {
	case R_ARCH_DTPMOD:
		if (!(m = tls_module_of(d, b)))
			return -1;
		*value = m->tls_modid;
		return 8;
	case R_ARCH_DTPOFF:
		*value = sym_offset;
		return 8;
	case R_ARCH_TPOFF:
		if (!(m = static_tls_module_of(d, b)))
			return -1;
		*value = tls_tp_offset(m, sym_offset);
		return 8;
	case R_ARCH_TLSDESC:
		if (!place_ok(d, r.offset, 16))
			return reloc_outside(d, r.offset);
		if (!(m = tls_module_of(d, b)))
			return -1;
		tls_fill_descriptor(m, sym_offset, where);
		return 0;
	}
	if (!arch_reloc_special(reloc_type(r), b->value, a, (uintptr_t)where, value,
				&width))
		return diag_fail(d->path, "unsupported relocation type %u (%s)",
				 reloc_type(r), arch_reloc_name(reloc_type(r)));
	if (!arch_reloc_fits(reloc_type(r), *value, width))
		return diag_fail(d->path, "relocation %s at %#lx overflows",
				 arch_reloc_name(reloc_type(r)),
				 (unsigned long)r.offset);
	return width;
}
