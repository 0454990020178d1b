/* SPDX-License-Identifier: MIT */
/*
 * loader/libc_compat.h - the hooks through which a C library's private
 * loader interface is served: a "personality".
 *
 * myld itself needs no C library, and a libc-free program never meets
 * this interface.  glibc's libc.so.6, however, is written for glibc's
 * own loader: it reads the loader's data structures, calls the loader's
 * private functions and expects the loader to have prepared the main
 * thread in its format.  loader/glibc/ does all of that; when myld is
 * built without it (no debug information for the installed glibc),
 * loader/libc_compat_none.c takes its place and libc.so.6 is refused.
 *
 * The core calls these hooks at fixed points of the pipeline (rtld.c)
 * and knows nothing else about any C library.
 */
#ifndef MYLD_LIBC_COMPAT_H
#define MYLD_LIBC_COMPAT_H

#include "dso.h"

/* What the kernel passed, for the C library's copy of it. */
struct libc_compat_startup {
	uintptr_t *sp;		/* the initial stack: argc */
	int argc;
	char **argv;
	char **envp;
	const Elf64_auxv_t *auxv;
	const uintptr_t *at;	/* auxv values by type, up to at_count */
	size_t at_count;
	int secure;		/* AT_SECURE */
	int bind_now;		/* LD_BIND_NOW */
};

/*
 * Once every start-up object is loaded: find the C library among them
 * (the base namespace's; an auditor has its own copy).
 * Returns 1 if a personality now serves it, 0 if there is none (a
 * libc-free program).  Dies, naming the library, if the program needs a
 * C library this myld cannot serve.
 */
int libc_compat_adopt(void);

/* Bytes of the C library's thread descriptor at and above the thread
 * pointer (its TCB), and below it; both 0 for myld's own TCB. */
void libc_compat_tcb_sizes(size_t *at_tp, size_t *below_tp);

/*
 * After the static TLS area and the thread pointer exist, before any
 * relocation (IFUNC resolvers in the C library read what this fills):
 * build the C library's view of the loader, the objects and the main
 * thread.
 */
void libc_compat_before_relocation(const struct libc_compat_startup *s);

/*
 * With auditors, libc_compat_before_relocation comes before the
 * program's libraries are loaded (an auditor's copy of the C library
 * needs it); once they are, and libc_compat_adopt found the C library
 * among them, this brings the personality's view of the list up to
 * date.
 */
void libc_compat_startup_loaded(void);

/*
 * How many auditors the C library's own loader accepts, or 0 for no
 * limit of its own (myld's namespaces are then the limit).  glibc 2.36:
 * its 16 namespaces less the glibc.rtld.nns tunable (4), and more stop
 * the program.  After libc_compat_before_relocation (the tunables).
 */
size_t libc_compat_audit_limit(void);

/*
 * The vDSO, when the personality describes it as an object of the C
 * library's list (glibc: linux-vdso.so.1), else NULL.  It is not in
 * myld's list; the auditors are told of it (la_objopen) as under the C
 * library's own loader.
 */
struct dso *libc_compat_vdso(void);

/* After relocation, before any initialiser: start the C library's
 * early initialisation. */
void libc_compat_after_relocation(void);

/*
 * Secure mode: remove or rewrite, in the NULL-terminated ENVP, what the
 * C library reads and a privileged program must not pass on (glibc: the
 * aliases of tunables, GLIBC_TUNABLES).  SUID_DEBUG: /etc/suid-debug
 * exists.
 */
void libc_compat_secure_environment(char **envp, int suid_debug);

/*
 * --list-tunables: print the C library's tunables with the values ENVP
 * gives them (SECURE: AT_SECURE) and their bounds, in the format of its
 * own loader, including those its loader derives from the CPU (AT:
 * auxv values by type); nothing when it has none.
 */
void libc_compat_print_tunables(char **envp, const uintptr_t *at,
				int secure);

/*
 * Where the personality keeps the data libc reads or calls through
 * (glibc: _rtld_global_ro, __libc_enable_secure, ...): [*START, *END),
 * empty if none.  It is written until libc's relocation and start-up are
 * done, and read-only from then on (rtld.c).
 */
void libc_compat_ro_after_start(uintptr_t *start, uintptr_t *end);

/*
 * What the C library keeps about the loaded objects (its link maps) is
 * updated by an observer the personality registers with objects.c
 * (objects_observe) when it adopts the library: objects.c calls no
 * personality by name, since the personality calls dlfcn.c, which calls
 * objects.c.
 */

#endif
