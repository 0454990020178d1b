/* SPDX-License-Identifier: MIT */
/*
 * loader/launch_cache.h - the launch cache: what the start-up's symbol
 * look-ups found, kept per program so that the next start of the same
 * program, with the same files and settings, skips them.  The anchor is
 * Apple dyld's launch closures; docs/launch-cache.md explains the design
 * and its safety rules.
 *
 * rtld.c opens the cache around stage 6 (launch_cache_begin, _end);
 * between the two, reloc_bind.c asks it for each look-up's answer
 * (launch_cache_replay) or tells it the answer found
 * (launch_cache_record).  After start-up, the lazy binder tells it the
 * lazy PLT slots bound (launch_cache_record_lazy), which a normal exit
 * writes (launch_cache_at_exit) and the next start binds during its
 * relocation.  dlopen, dlsym and lazy binding after start-up always
 * look up.
 */
#ifndef MYLD_LAUNCH_CACHE_H
#define MYLD_LAUNCH_CACHE_H

#include <elf.h>
#include <stdint.h>

#include "dso.h"
#include "launch_cache_format.h"

struct dso;

enum launch_cache_mode {
	LAUNCH_CACHE_OFF,
	LAUNCH_CACHE_RECORD,	/* no usable entry: record one */
	LAUNCH_CACHE_REPLAY,	/* an entry matches: answer from it */
	LAUNCH_CACHE_REPLAY_ONE, /* a lazy slot bound at start-up: one answer */
};

extern enum launch_cache_mode launch_cache_mode;

/* How many objects this start-up has (launch_cache.c), for recording
 * bindings to them. */
extern uint32_t launch_cache_tape_objects;

/* What rtld.c knows that the cache needs. */
struct launch_cache_start {
	char **envp;
	const uintptr_t *at;	/* auxv values by type: AT_EUID, AT_EXECFN */
	int secure;		/* AT_SECURE: never read nor written */
	int disabled;		/* --no-launch-cache */
	int auditors;		/* LD_AUDIT, --audit or DT_AUDIT: off */
	/* Called when a warm start's entry stops answering, before the
	 * look-up it could not answer is made (reloc.c's). */
	void (*on_miss)(void);
};

/*
 * With every start-up object loaded, before the version checks: find
 * the program's entry and compare it with what is loaded.  Says why in
 * the files category of LD_DEBUG.  (launch_cache_begin does it if
 * nothing did.)
 */
void launch_cache_check(const struct launch_cache_start *s);

/* Does the entry found prove that the start-up objects' version check
 * passes, without a warning?  Then stage 4 skips it. */
int launch_cache_proves_versions(void);

/*
 * Is D a start-up object that the entry found proves to be the file
 * recorded (same path, identity and build-id, at the same position)?
 * Then a check of D's own contents that passed when the entry was
 * recorded passes again, and may be skipped.
 */
extern int launch_cache_entry_matched;	/* launch_cache_check found one */
int launch_cache_proves_file_slow(const struct dso *d);

static inline int launch_cache_proves_file(const struct dso *d)
{
	return launch_cache_entry_matched && launch_cache_proves_file_slow(d);
}

/* The start-up's version check warned (a weak version missing): no
 * entry is written, since a start that uses one skips the check. */
void launch_cache_versions_warned(void);

/*
 * Before relocation: set launch_cache_mode from what
 * launch_cache_check found (replay or record).
 */
void launch_cache_begin(const struct launch_cache_start *s);

/* After a successful relocation: write the recorded entry (atomically),
 * or drop an entry that did not answer every look-up; bind the entry's
 * lazy slots. */
void launch_cache_end(void);

/* Nonzero when the lazy slots bound after start-up are recorded. */
extern int launch_cache_lazy_recording;

/* The lazy binder bound slot SLOT of D, whose symbol is SYMIDX, to SYM
 * of DEF (not for an auditor); IFUNC says DEF is an IFUNC, whose
 * resolver ran.  Under the loader lock. */
void launch_cache_record_lazy(const struct dso *d, uint64_t slot,
			      uint32_t symidx, const struct dso *def,
			      const Elf64_Sym *sym, int ifunc);

/* Answer the next look-up with B (LAUNCH_CACHE_REPLAY_ONE), and back to
 * looking up. */
void launch_cache_answer_one(const struct lcf_binding *b);
void launch_cache_lazy_answered(void);

/*
 * The lazy binder, under the loader lock, before the look-up of slot
 * SLOT of D: when the entry knows the answer (an IFUNC's slot, left
 * lazy at start-up), the look-up is answered from it; returns 1 then,
 * and launch_cache_lazy_answered must follow the look-up.  Answers are
 * kept only while launch_cache_lazy_recording is set, which the lazy
 * binder tests first.
 */
static inline int launch_cache_lazy_answer(struct dso *d, uint64_t slot)
{
	const struct lcf_binding *b;

	if (__builtin_expect(!d->launch_lazy_answers, 1) ||
	    (uint64_t)d->plt_slots <= slot ||
	    !(b = d->launch_lazy_answers[slot]))
		return 0;
	launch_cache_answer_one(b);
	return 1;
}

/* A normal exit (rtld.c's finalisers): write the entry again if lazy
 * slots were bound since it was written or read. */
void launch_cache_at_exit(void);

/* --cache-info: print what the program's entry holds, compared with
 * what is loaded now.  Exits 0 when the entry would be used, else 1. */
__attribute__((noreturn)) void
launch_cache_info(const struct launch_cache_start *s);

/*
 * Replaying: the entry's next binding and its end, and the objects of
 * this start-up by their position (launch_cache.c sets them; lcf_parse
 * has checked that each binding's object is below their count).
 */
struct launch_cache_reel {
	const struct lcf_binding *next, *end;
	struct dso *const *objects;
	/* launch_cache_replay_slow's answer (not through pointers to the
	 * caller's variables, which the compiler would then keep in
	 * memory rather than in registers). */
	struct dso *def;
	const Elf64_Sym *sym;
};
extern struct launch_cache_reel launch_cache_reel;

/* launch_cache_replay's other cases (launch_cache.c): one lazy slot's
 * answer, a binding that does not answer this question (a miss: every
 * later look-up is made), and a unique symbol's.  Returns 1 with the
 * answer in launch_cache_reel.def and .sym, or 0. */
int launch_cache_replay_slow(struct dso *d, uint32_t symidx, unsigned kind);
void launch_cache_record_slow(const struct dso *d, uint32_t symidx,
			      unsigned kind, const struct dso *def,
			      const Elf64_Sym *sym);

/*
 * The recorded answer to D's look-up of its symbol SYMIDX for a
 * relocation of KIND (enum lcf_kind): returns 1 with *DEF and *SYM set
 * (*SYM NULL: a weak reference that found nothing), or 0 when the
 * look-up must be made.  Inline for the relocation loops of a warm start
 * (tens of thousands of look-ups for a large C++ program); the others
 * call launch_cache_replay, which is this.
 */
static inline __attribute__((always_inline)) int
launch_cache_replay_inline(struct dso *d, uint32_t symidx, unsigned kind,
			   struct dso **def, const Elf64_Sym **sym)
{
	const struct lcf_binding *b = launch_cache_reel.next;

	if (launch_cache_mode < LAUNCH_CACHE_REPLAY)
		return 0;
	if (__builtin_expect(launch_cache_mode != LAUNCH_CACHE_REPLAY ||
			     b == launch_cache_reel.end ||
			     b->check != lcf_binding_check(d->launch_index,
							   symidx, kind) ||
			     b->def_obj == LCF_NO_OBJECT, 0))
		goto other;
	struct dso *o = launch_cache_reel.objects[b->def_obj];
	const Elf64_Sym *s = &o->symtab.syms[b->def_sym];

	/* (A unique symbol's first definition is noted by the look-up,
	 * unique.c, for the objects dlopen brings later.) */
	if (__builtin_expect(b->def_sym >= o->symtab.nsyms ||
			     ELF64_ST_BIND(s->st_info) == STB_GNU_UNIQUE, 0))
		goto other;
	launch_cache_reel.next = b + 1;
	*def = o;
	*sym = s;
	return 1;
other:
	if (!launch_cache_replay_slow(d, symidx, kind))
		return 0;
	*def = launch_cache_reel.def;
	*sym = launch_cache_reel.sym;
	return 1;
}

int launch_cache_replay_call(struct dso *d, uint32_t symidx, unsigned kind,
			     struct dso **def, const Elf64_Sym **sym);

/* launch_cache_replay_inline, called: the look-ups of a start that does
 * not replay pay one test. */
static inline int launch_cache_replay(struct dso *d, uint32_t symidx,
				      unsigned kind, struct dso **def,
				      const Elf64_Sym **sym)
{
	return launch_cache_mode >= LAUNCH_CACHE_REPLAY &&
	       launch_cache_replay_call(d, symidx, kind, def, sym);
}

/*
 * Where the next recorded binding goes, up to END (launch_cache.c grows
 * it): every look-up of a start is recorded, so the common case is a
 * store here rather than a call.
 */
struct launch_cache_tape {
	struct lcf_binding *next, *end;
};
extern struct launch_cache_tape launch_cache_tape;

static inline void launch_cache_record(const struct dso *d, uint32_t symidx,
				       unsigned kind, const struct dso *def,
				       const Elf64_Sym *sym)
{
	if (launch_cache_mode != LAUNCH_CACHE_RECORD)
		return;
	/* A definition in the start-up's objects (their launch_index is
	 * below the count, any other's DSO_NO_LAUNCH_INDEX), and room on
	 * the tape. */
	if (launch_cache_tape.next == launch_cache_tape.end)
		goto slow;
	if (!sym) {
		/* (A constant at the weak reference's call: no test.) */
		*launch_cache_tape.next++ = (struct lcf_binding){
			0, LCF_NO_OBJECT,
			lcf_binding_check(d->launch_index, symidx, kind) };
		return;
	}
	if (def->launch_index < launch_cache_tape_objects &&
	    (size_t)(sym - def->symtab.syms) < def->symtab.nsyms) {
		*launch_cache_tape.next++ = (struct lcf_binding){
			(uint32_t)(sym - def->symtab.syms),
			(uint16_t)def->launch_index,
			lcf_binding_check(d->launch_index, symidx, kind) };
		return;
	}
slow:
	launch_cache_record_slow(d, symidx, kind, def, sym);
}

#endif
