/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc.h - the relocation stage.
 *
 * One generic loop handles DT_RELR, DT_REL, DT_RELA and DT_JMPREL for
 * every architecture.  It knows relocation types only by the generic
 * names R_ARCH_* that each arch/<cpu>/arch.h maps to its own numbers;
 * a type an architecture lacks gets a value here that no relocation can
 * have.  Types that only one architecture has go through
 * arch_reloc_special().
 */
#ifndef MYLD_RELOC_H
#define MYLD_RELOC_H

#include "arch.h"
#include "dso.h"

/* Values above any 32-bit relocation type: they never match. */
#ifndef R_ARCH_COPY
#define R_ARCH_COPY (-1)
#endif
#ifndef R_ARCH_IRELATIVE
#define R_ARCH_IRELATIVE (-2)
#endif
#ifndef R_ARCH_TLSDESC
#define R_ARCH_TLSDESC (-3)
#endif

/*
 * Relocate every loaded object, dependencies before the objects that
 * need them (initfini_dependency_order): a COPY relocation in the program
 * copies data its library has already relocated, and an IFUNC resolver
 * that a relocation runs (libm binding libc's memcpy) belongs to an
 * object whose own relocations are done.  Undefined symbols are all
 * reported before myld exits.
 */
void reloc_all(void);

/* The launch cache stopped answering reloc_all's look-ups: index the
 * scope for the rest, if reloc_all left that to now. */
void reloc_index_after_cache_miss(void);

/* Relocate one object (all its tables), then protect its RELRO.
 * Returns 0, or -1 after diag_fail. */
int reloc_object(struct dso *d);

/* Relocate FIRST and every object after it in the list, each after its
 * dependencies.
 * Returns 0, or -1 after diag_fail (or an undefined symbol). */
int reloc_list(struct dso *first);

/* Called by the lazy-binding trampoline: see reloc_lazy.c. */
uintptr_t lazy_bind(struct dso *d, uint64_t index);

/*
 * At start-up (stage 6), bind lazy PLT slot INDEX of D now, as its first
 * call would, the look-up being answered by the launch cache
 * (launch_cache.c, which replays a lazy slot bound in an earlier run);
 * CHECK is the recorded lcf_binding_check of the slot's question.
 * Returns 1 when bound, 0 when left to its first call (an IFUNC, whose
 * resolver runs then), -1 when the slot is not such a slot of D, or its
 * question not CHECK: nothing is done.
 */
int reloc_bind_lazy_slot_now(struct dso *d, uint64_t index, uint16_t check);

/* Is INDEX a lazy PLT slot of D, within DT_JMPREL and the lazy window,
 * naming a symbol whose question has CHECK (lcf_binding_check)? */
int reloc_lazy_slot_fits(struct dso *d, uint64_t index, uint16_t check);

/* D bound a symbol to DEF, an object dlopen loaded (reloc_bind.c). */
void reloc_note_dynamic_binding(struct dso *d, struct dso *def);

/*
 * D's code got a symbol of DEF: by a relocation, a lazy bind, or a
 * dlsym in the caller's scope (RTLD_DEFAULT, RTLD_NEXT).  DEF then stays
 * loaded as long as D does (unload.c's collection follows D's reldeps;
 * a start-up object is never unloaded), as glibc's loader adds such a
 * dependency.  A dlsym on a handle adds none: the handle keeps DEF.
 */
static inline void reloc_note_binding(struct dso *d, struct dso *def)
{
	if (def && def != d && def->dynamic)
		reloc_note_dynamic_binding(d, def);
}
uintptr_t lazy_bind_ifunc(struct dso *d, uint64_t index);
uintptr_t lazy_bind_audited(struct dso *d, uint64_t index, void *regs,
			    long *frame_size);

#endif
