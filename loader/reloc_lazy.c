/* SPDX-License-Identifier: MIT */
/*
 * loader/reloc_lazy.c - binding a lazy PLT slot at its first call.
 *
 * At start-up a lazy object's PLT slots only get the load base added
 * (reloc.c), which points each back into its PLT entry; the first call
 * through one reaches the trampoline (arch/<cpu>/plt.S), which calls
 * lazy_bind() here.  It binds the slot by the same rules as start-up
 * (reloc_bind.c for the symbol, symbol_value for what the slot holds)
 * and returns the target, which the trampoline jumps to.
 */
#include "reloc_internal.h"
#include "audit.h"
#include "diag.h"
#include "launch_cache.h"
#include "lock.h"
#include "objects.h"
#include "symbol.h"
#include "trace.h"

/*
 * Report a failed look-up for a slot and exit: failing here is fatal
 * even after start-up, because the program is in the middle of a call
 * that cannot go anywhere.  RC, NAME and VERSION are reloc_resolve's.
 */
static __attribute__((noreturn, cold)) void
die_unbound(struct dso *d, int rc, const char *name,
	    const struct version *version)
{
	if (rc == -1 && version)
		diag_die(d->path, "undefined symbol: %s, version %s", name,
			 version->name);
	if (rc == -1)
		diag_die(d->path, "undefined symbol: %s", name);
	diag_die_pending();
}

/*
 * No CPU myld runs on executes at an address with its top byte set
 * (x86-64 user space ends below 2^56 even with 5-level paging, aarch64's
 * below 2^52).  A symbol value that makes a slot's target one is a
 * malformed object; jumping there would fault in the trampoline.
 */
#define NO_CODE_FROM ((uintptr_t)1 << 56)

static __attribute__((noreturn, cold)) void
die_no_address(struct dso *d, uint64_t index, uintptr_t target)
{
	diag_die(d->path, "lazy binding of PLT slot %lu: %#lx is not a user "
		 "address", (unsigned long)index, (unsigned long)target);
}

static __attribute__((noreturn, cold)) void
die_outside_code(struct dso *d, uint64_t index, const char *name,
		 const struct dso *def)
{
	diag_die(d->path, "lazy binding of PLT slot %lu: %s is outside the "
		 "code of %s", (unsigned long)index, name, def->path);
}

/*
 * Is the target of a slot bound to B, not an IFUNC's, where it may be
 * jumped to?  A definition in an object must lie in that object's code:
 * a wild symbol value may be any address, and on x86_64 one that is not
 * canonical (at or above 2^47 with 4-level paging) faults at the
 * trampoline's own jump, in myld, where glibc's faults alike.  (An
 * absolute symbol names any address: only NO_CODE_FROM applies.)
 */
static int target_in_code(const struct binding *b, uintptr_t target)
{
	return !b->sym || b->sym->st_shndx == SHN_ABS ||
	       dso_range_executable(b->def, target - b->def->base, 1);
}

/*
 * Store TARGET in the PLT slot SLOT: the moment a lazy binding takes
 * effect.  Out of line, so that a debugger's watchpoint on a slot stops
 * here whatever the compiler inlines (docs/tutorial.md, section 3).
 */
static __attribute__((noinline, noipa)) void
write_slot(uint64_t *slot, uintptr_t target)
{
	__atomic_store_n(slot, target, __ATOMIC_RELAXED);
}

/*
 * Lazy PLT slot INDEX of D's relocation, into *R: dies unless it is a
 * JUMP_SLOT of DT_JMPREL inside the lazy window, naming a symbol.
 */
static inline __attribute__((always_inline)) void
read_lazy_slot(struct dso *d, uint64_t index, struct reloc *r)
{
	const struct dyn_info *di = &d->dyn;
	long n = d->plt_slots;	/* -1 for a table outside the image */

	if (n < 0 || (uint64_t)n <= index)
		diag_die(d->path, "lazy binding of PLT slot %lu, beyond "
			 "DT_JMPREL", (unsigned long)index);
	read_reloc(d, di->tag[DT_JMPREL], di->tag[DT_PLTREL] == DT_RELA,
		   index, r);
	if (reloc_type(*r) != R_ARCH_JUMP_SLOT || !lazy_slot_ok(d, r->offset))
		diag_die(d->path, "lazy binding of a bad PLT slot %lu",
			 (unsigned long)index);
	/* A slot names the function it calls: symbol index 0 names none
	 * (glibc's loader looks up the empty name, and fails). */
	if (reloc_sym(*r) == 0)
		diag_die(d->path, "lazy binding of PLT slot %lu, which names "
			 "no symbol", (unsigned long)index);
}

/*
 * Bind lazy PLT slot INDEX of D, whose relocation R read_lazy_slot
 * read: bind_slot after its checks.
 */
static inline __attribute__((always_inline)) uintptr_t
bind_read_slot(struct dso *d, uint64_t index, struct reloc r,
	       int run_resolver, struct binding *audited,
	       const char **audited_name)
{
	struct binding b;
	const char *name;
	const struct version *version = NULL;

	/* An IFUNC's slot, left lazy at start-up, may have its answer in
	 * the launch cache's entry. */
	int answered = __builtin_expect(launch_cache_lazy_recording, 0) &&
		       launch_cache_lazy_answer(d, index);
	int rc = reloc_resolve(d, reloc_sym(r), reloc_type(r), &b, &name, &version);
	if (answered)
		launch_cache_lazy_answered();
	if (rc >= 0 && __atomic_load_n(&sym_bad_sysv_table, __ATOMIC_RELAXED))
		diag_die(dso_of_symtab(sym_bad_sysv_table)->path,
			 "malformed DT_HASH table: a hash chain leaves the "
			 "table or loops");
	if (rc < 0)
		die_unbound(d, rc, name, version);
	int ifunc = is_ifunc(&b);
	if (ifunc) {
		if (!run_resolver)
			return 0;
		if (reloc_call_resolver(b.def, b.value, &b.value) < 0)
			diag_die_pending();
	}
	uintptr_t target = symbol_value(reloc_type(r), b.value,
					 r.has_addend ? r.addend : 0);
	if (__builtin_expect(target >= NO_CODE_FROM, 0))
		die_no_address(d, index, target);
	if (__builtin_expect(!ifunc && !target_in_code(&b, target), 0))
		die_outside_code(d, index, name, b.def);
	if (__builtin_expect(launch_cache_lazy_recording, 0) && !audited &&
	    !answered)
		launch_cache_record_lazy(d, index, reloc_sym(r), b.def, b.sym,
					 is_ifunc(&b));
	if (audited) {
		/* The audit trampoline's: it decides about the slot. */
		*audited = b;
		*audited_name = name;
		return target;
	}
	if (__builtin_expect(audit_symbind_wanted, 0) && b.sym)
		target = audit_symbind(d, b.def, b.sym, name, target,
				       AUDIT_BIND_LAZY);
	trace_stats.lazy_binds++;
	if (!d->lazy_slots_readonly)
		write_slot(dso_addr(d, r.offset), target);
	return target;
}

/*
 * The first call through lazy PLT slot INDEX of D.  Binds the slot and
 * returns the target, or returns 0 when the target is an IFUNC, or an
 * auditor has la_symbind64, and not RUN_RESOLVER: the trampoline then
 * saves the vector registers and calls lazy_bind_ifunc.  Possibly
 * called from several threads at once for the same slot: they all
 * compute and store the same value.
 */
static inline __attribute__((always_inline)) uintptr_t
bind_slot(struct dso *d, uint64_t index, int run_resolver,
	  struct binding *audited, const char **audited_name)
{
	struct reloc r;

	/* An auditor's la_symbind64 is ordinary code, free to use the
	 * vector argument registers: it runs on the trampoline's slow path,
	 * which saves them, as an IFUNC resolver does. */
	if (__builtin_expect(audit_symbind_wanted, 0) && !run_resolver)
		return 0;
	read_lazy_slot(d, index, &r);
	return bind_read_slot(d, index, r, run_resolver, audited,
			      audited_name);
}

/*
 * Lazy binds that justify indexing the global scope (see
 * reloc_build_scope_index): start-up skipped it when every slot was
 * lazy, but a program that calls into many objects pays a full scope
 * walk per first call.  The index goes when an object in it is unloaded
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
	reloc_build_scope_index(1);
}

/*
 * D comes from the object's own memory (what its PLT pushed, or its
 * GOT[1]): an object that corrupted its GOT, or jumped into the
 * trampoline through a corrupted pointer, passes anything.  Only a
 * listed object is bound; anything else is reported on one line instead
 * of being read.
 */
static void check_lazy_object(const struct dso *d)
{
	for (const struct dso *o = dso_list; o; o = o->next)
		if (o == d)
			return;
	diag_die("myld", "lazy binding called for no loaded object (%#lx)",
		 (unsigned long)d);
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
	check_lazy_object(d);
	index_if_worth_it();
	/* Only this bind's look-up may report a table (bind_slot). */
	sym_bad_sysv_table = NULL;
	uintptr_t target = bind_slot(d, index, 0, NULL, NULL);
	loader_unlock();
	return target;
}

uintptr_t lazy_bind_ifunc(struct dso *d, uint64_t index)
{
	loader_lock();
	check_lazy_object(d);
	sym_bad_sysv_table = NULL;
	uintptr_t target = bind_slot(d, index, 1, NULL, NULL);
	loader_unlock();
	return target;
}

/* reloc_lazy_slot_fits, with the slot's relocation in *R when it does. */
static inline __attribute__((always_inline)) int
slot_fits(struct dso *d, uint64_t index, uint16_t check, struct reloc *r)
{
	/* What read_lazy_slot would die of is refused here instead: the
	 * entry, not the object, would be wrong. */
	if (d->plt_slots < 0 || (uint64_t)d->plt_slots <= index ||
	    d->lazy_slots_readonly || !lazy_allowed(d))
		return 0;
	read_reloc(d, d->dyn.tag[DT_JMPREL], d->dyn.tag[DT_PLTREL] == DT_RELA,
		   index, r);
	return reloc_type(*r) == R_ARCH_JUMP_SLOT &&
	       lazy_slot_ok(d, r->offset) && reloc_sym(*r) != 0 &&
	       reloc_sym(*r) < d->nsyms_reloc &&
	       lcf_binding_check(d->launch_index, reloc_sym(*r),
				 LCF_KIND_PLT) == check;
}

int reloc_lazy_slot_fits(struct dso *d, uint64_t index, uint16_t check)
{
	struct reloc r;

	return slot_fits(d, index, check, &r);
}

int reloc_bind_lazy_slot_now(struct dso *d, uint64_t index, uint16_t check)
{
	struct reloc r;

	if (!slot_fits(d, index, check, &r))
		return -1;
	sym_bad_sysv_table = NULL;
	/* bind_slot (RUN_RESOLVER 0), its checks made by slot_fits. */
	if (__builtin_expect(audit_symbind_wanted, 0))
		return 0;
	return bind_read_slot(d, index, r, 0, NULL, NULL) ? 1 : 0;
}

/*
 * The audit trampoline's binder (arch/<cpu>/plt_audit.S), with the
 * CPU's La_<cpu>_regs in REGS: binds as lazy_bind does, but leaves the
 * slot unbound while an auditor wants la_pltenter for it, and calls
 * la_pltenter without the loader lock (an auditor may print, or call
 * the loader).  Vector registers are saved, so IFUNC resolvers run here.
 * *FRAME_SIZE is audit_plt_enter's: -1 unless la_pltexit is wanted.
 * A slot of a lazy_slots_readonly object is never written, so every
 * call through it comes here: its binding, made once, is kept by
 * audit.c and reused.
 */
uintptr_t lazy_bind_audited(struct dso *d, uint64_t index, void *regs,
			    long *frame_size)
{
	struct binding b;
	const char *name;
	uintptr_t target;
	int watched;

	loader_lock();
	check_lazy_object(d);
	watched = d->lazy_slots_readonly ? audit_plt_kept(d, index, &target)
					 : -1;
	if (watched < 0) {
		sym_bad_sysv_table = NULL;
		target = bind_slot(d, index, 1, &b, &name);
		watched = b.sym && audit_plt_bind(d, index, b.def, b.sym, name,
						  &target,
						  d->lazy_slots_readonly);
	}
	if (!watched && !d->lazy_slots_readonly) {
		struct reloc r;

		read_reloc(d, d->dyn.tag[DT_JMPREL],
			   d->dyn.tag[DT_PLTREL] == DT_RELA, index, &r);
		trace_stats.lazy_binds++;
		__atomic_store_n((uint64_t *)dso_addr(d, r.offset), target,
				 __ATOMIC_RELAXED);
	}
	loader_unlock();
	*frame_size = -1;
	if (watched)
		target = audit_plt_enter(d, index, regs, frame_size);
	return target;
}

static int uses_lazy_plt(const struct dso *d)
{
	return lazy_allowed(d) && d->dyn.present[DT_JMPREL] &&
	       d->dyn.tag[DT_PLTRELSZ];
}

/* The lowest place DT_JMPREL names (UINT64_MAX for none), or -1 after
 * diag_fail. */
static int lowest_plt_place(struct dso *d, uint64_t *lowest)
{
	const struct dyn_info *di = &d->dyn;
	int rela = di->tag[DT_PLTREL] == DT_RELA;
	long n = reloc_table_count(d, di->tag[DT_JMPREL],
				   di->tag[DT_PLTRELSZ], rela);
	struct reloc r;

	*lowest = UINT64_MAX;
	for (long i = 0; i < n; i++) {
		read_reloc(d, di->tag[DT_JMPREL], rela, i, &r);
		if (r.offset < *lowest)
			*lowest = r.offset;
	}
	return n < 0 ? -1 : 0;
}

/*
 * Find where D's lazy PLT slots may lie, before any relocation.  Every
 * linker lays out the PLT's GOT the same way: DT_PLTGOT's three reserved
 * words (GOT[1] and GOT[2] are what the PLT hands to the lazy-binding
 * trampoline), then the slots DT_JMPREL names, the lowest right after
 * them, in one writable PT_LOAD.  A DT_PLTGOT that is not that GOT would
 * have myld write its words where the PLT does not read them.  Slots end
 * where RELRO begins (read-only by their first call), and start after
 * it.
 */
int reloc_find_lazy_slots(struct dso *d)
{
	const struct dyn_info *di = &d->dyn;
	uint64_t got = di->tag[DT_PLTGOT], first = got + 24, lowest;
	const Elf64_Phdr *seg;

	d->lazy_slots_start = d->lazy_slots_size = 0;
	d->lazy_slots_readonly = 0;
	if (!uses_lazy_plt(d))
		return 0;
	/* The walk's answer is the file's: a file the launch cache proves
	 * the one recorded passed this check when it was recorded. */
	if (launch_cache_proves_file(d))
		lowest = first;
	else if (lowest_plt_place(d, &lowest) < 0)
		return -1;
	seg = dso_writable_load(d, got, 24);
	if (!di->present[DT_PLTGOT] || got % 8 || !seg || lowest != first)
		return diag_fail(d->path, "DT_PLTGOT %#lx and DT_JMPREL "
				 "disagree: the lowest PLT slot, at %#lx, is "
				 "not right after the three reserved words",
				 (unsigned long)got, (unsigned long)lowest);
	uint64_t end = seg->p_vaddr + seg->p_memsz;

	/* Under plt_kept_for_audit the slots are never written: RELRO may
	 * hold them (it does, with ld -z now). */
	d->lazy_slots_readonly = plt_kept_for_audit(d);
	if (!d->lazy_slots_readonly && d->relro_start < d->relro_end &&
	    d->relro_start < end && d->relro_end > first) {
		if (d->relro_start <= first)
			first = d->relro_end;
		else
			end = d->relro_start;
	}
	d->lazy_slots_start = first;
	d->lazy_slots_size = end > first ? end - first : 0;
	return 0;
}

/*
 * Make D's PLT ready for lazy binding: GOT[1] tells the trampoline which
 * object is calling, GOT[2] is the trampoline (reloc_find_lazy_slots
 * checked where they are).
 */
void reloc_prepare_lazy_plt(struct dso *d)
{
	if (!uses_lazy_plt(d))
		return;
	uint64_t *got = dso_addr(d, d->dyn.tag[DT_PLTGOT]);
	got[1] = (uintptr_t)d;
	got[2] = audit_plt_wanted ? (uintptr_t)arch_audit_trampoline
				  : (uintptr_t)arch_lazy_trampoline;
}
