/* SPDX-License-Identifier: MIT */
/*
 * loader/audit.h - the rtld-audit interface (LD_AUDIT, --audit): the
 * auditors' la_* functions, called at the points rtld-audit(7) names.
 * docs/audit.md explains how myld's auditors differ from glibc's.
 */
#ifndef MYLD_AUDIT_H
#define MYLD_AUDIT_H

#include "dso.h"

/* glibc 2.36's <link.h> values. */
#define AUDIT_LAV_CURRENT 2
#define AUDIT_LA_FLG_BINDTO 0x01
#define AUDIT_LA_FLG_BINDFROM 0x02
#define AUDIT_LA_ACT_CONSISTENT 0
#define AUDIT_LA_ACT_ADD 1
#define AUDIT_LA_ACT_DELETE 2

/*
 * Nonzero once some accepted auditor has la_symbind64: the lazy binder
 * tests it, one predictable branch when there is no auditor.
 */
extern int audit_symbind_wanted;

/* Nonzero when some auditor has la_pltenter for this CPU (known before
 * relocation): the lazy PLT slots then go through arch_audit_trampoline,
 * which binds them for good unless an auditor watches the call. */
extern int audit_plt_wanted;

/* How many auditors are in use (each accepted by its la_version). */
extern unsigned audit_count;

/*
 * Open the auditors of LIST (':'-separated), each in a namespace of its
 * own, relocated and initialised at once, and keep those whose
 * la_version accepts.  One that cannot be had is ignored with glibc's
 * message.  Called at start-up once the static TLS area and the C
 * library's view of the loader exist, before the preloads and the
 * program's libraries are loaded, so that la_objsearch sees their
 * searches.
 */
void audit_open_list(const char *list);

/* How many auditors LD_AUDIT's ENV_LIST, --audit's ARG_LIST and the
 * program's DT_AUDIT and DT_DEPAUDIT name (before any is opened). */
size_t audit_count_requested(const char *env_list, const char *arg_list);

/* Then the auditors of the program's DT_AUDIT and DT_DEPAUDIT. */
void audit_open_program_tags(void);

/*
 * Then la_objopen for the program and the loader, and la_activity ADD,
 * before the preloads and the program's libraries are loaded (each is
 * reported as it is mapped); between those two, audit_report_vdso for
 * the C library's description of the vDSO (VDSO may be NULL).  glibc's
 * order.
 */
void audit_report_startup(void);
void audit_report_vdso(struct dso *vdso);

/* Has la_activity ADD been said, and CONSISTENT not yet? */
int audit_adding(void);

/* la_activity(FLAG) in every auditor, for namespace NS: the cookie is
 * that of the namespace's first object, as in glibc. */
void audit_activity(unsigned flag, long ns);

/* la_objopen for D, which was just loaded (not an auditor's own). */
void audit_objopen(struct dso *d);

/* la_objclose for D, about to be unloaded. */
void audit_objclose(struct dso *d);

/*
 * At exit, as glibc's _dl_fini: la_activity DELETE before the
 * finalisers, la_objclose for each object once its finalisers ran
 * (initfini.c calls audit_close_at_exit), then audit_at_exit: la_objclose for
 * every object still unreported, myld last, and la_activity CONSISTENT.
 */
void audit_exit_begin(void);
void audit_close_at_exit(struct dso *d);
void audit_at_exit(void);

/*
 * la_objsearch in every auditor, for NAME, which REQUESTER's search is
 * about to try, with FLAG (LOAD_SEARCH_*, glibc's LA_SER_*: the name as
 * asked, or a candidate from one of the search's lists); load.c calls
 * it through load_config.objsearch.  Returns the name to use
 * instead (each auditor gets the previous one's answer), or NULL when
 * an auditor refused it.
 */
const char *audit_objsearch(const char *name, struct dso *requester,
			    unsigned flag);

/* la_preinit, before the program's main. */
void audit_preinit(void);

/* What kind of binding la_symbind64 is told of. */
enum audit_binding {
	AUDIT_BIND_LAZY,	/* a PLT slot, at its first call */
	AUDIT_BIND_NOW,		/* a PLT slot bound at relocation */
	AUDIT_BIND_DLSYM,	/* dlsym's answer */
};

/*
 * la_symbind64 for a binding of KIND of REF's reference (for dlsym: the
 * caller) to DEF's symbol SYM named NAME (NULL: read it from DEF), at
 * VALUE.  Returns the address to use.
 */
uintptr_t audit_symbind(struct dso *ref, struct dso *def,
			const Elf64_Sym *sym, const char *name,
			uintptr_t value, enum audit_binding kind);

/*
 * For the audit trampoline, under the loader lock: REF's PLT slot INDEX
 * binds to DEF's SYM (NAME) at *VALUE.  The first time, asks
 * la_symbind64 (which may change *VALUE) and keeps its answer for the
 * slot; a binding no auditor sees is kept too when KEEP_UNAUDITED (the
 * slot is never written: audit_plt_kept finds it).  Returns nonzero when
 * some auditor wants la_pltenter for it: the slot must then stay
 * unbound, so that every call is seen.
 */
int audit_plt_bind(struct dso *ref, uint64_t index, struct dso *def,
		   const Elf64_Sym *sym, const char *name, uintptr_t *value,
		   int keep_unaudited);

/*
 * Under the loader lock: the binding audit_plt_bind kept for REF's PLT
 * slot INDEX, in *VALUE, and whether la_pltenter is wanted for it (0 or
 * 1); -1 when there is none yet.
 */
int audit_plt_kept(struct dso *ref, uint64_t index, uintptr_t *value);

/*
 * la_pltenter for a call through that slot, with the CPU's register
 * structure REGS; without the loader lock, after audit_plt_bind.
 * Returns the address to call, and in *FRAME_SIZE how many bytes of the
 * caller's stack arguments the trampoline must copy to call it and then
 * report its return with audit_plt_exit, or -1 for no la_pltexit (the
 * trampoline then jumps to the target).
 */
uintptr_t audit_plt_enter(struct dso *ref, uint64_t index, void *regs,
			  long *frame_size);

/*
 * la_pltexit, called by the audit trampoline (arch/<cpu>/plt_audit.S)
 * after a call through REF's slot INDEX for which audit_plt_enter gave a
 * frame size: REGS as la_pltenter had them, RETVAL the CPU's
 * La_<cpu>_retval, which the trampoline reloads (an auditor may change
 * the return value).
 */
void audit_plt_exit(struct dso *ref, uint64_t index, const void *regs,
		    void *retval);

#endif
