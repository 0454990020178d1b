/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/glibc-internal.h - what the files of the glibc
 * personality share, and which file owns each piece.
 *
 * The files call each other in one direction only:
 *
 *   startup.c -> vdso.c -> link_maps.c
 *   startup.c -> link_maps.c, threads.c, libc_calls.c
 *   startup.c, threads.c -> tunables.c
 *
 * (and any of them may call the core and the CPU half, glibc-arch.h).
 * Shared data is declared here with its owner, the one file that writes
 * it.
 */
#ifndef MYLD_GLIBC_INTERNAL_H
#define MYLD_GLIBC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "dso.h"
#include "glibc-layout.h"
#include "libc_compat.h"

#define EXPORT __attribute__((visibility("default")))

/* A field of type T at byte offset OFF of the object at BASE. */
#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))
#define RO(off, T) FIELD(_rtld_global_ro, off, T)
#define GL(off, T) FIELD(_rtld_global, off, T)

/*
 * The data libc imports from its loader (defined in startup.c).  The two
 * big structures are opaque byte arrays of the generated sizes: every
 * access goes through an offset from glibc-layout.h.  The declarations
 * are exported ones: a hidden declaration would hide the symbol
 * (hidden.h).
 */
MYLD_EXPORTED extern unsigned char _rtld_global[GLIBC_SIZEOF_RTLD_GLOBAL];
MYLD_EXPORTED extern unsigned char
	_rtld_global_ro[GLIBC_SIZEOF_RTLD_GLOBAL_RO];
MYLD_EXPORTED extern _Bool __nptl_initial_report_events;
MYLD_EXPORTED extern void *__libc_stack_end;
/* Written by threads.c (glibc_init_main_thread), which registers rseq. */
MYLD_EXPORTED extern unsigned int __rseq_size;
MYLD_EXPORTED extern long __rseq_offset;

/*
 * libc's own functions the personality calls, found once libc is
 * relocated (startup.c, libc_compat_after_relocation); NULL before.
 */
struct glibc_libc_functions {
	void *(*malloc)(size_t);
	void (*free)(void *);
	int (*mutex_lock)(void *);
	int (*mutex_unlock)(void *);
};
extern struct glibc_libc_functions glibc_libc;

/* ---- vdso.c: the kernel's vDSO, described for libc ---- */

/* The vDSO's object (not loaded: the kernel mapped it), NULL if there
 * is none or it is unusable.  Set once, before libc runs. */
extern struct dso *glibc_vdso;

/* Describe the vDSO the kernel mapped at EHDR (AT_SYSINFO_EHDR, 0 if
 * none) to libc: its link map, its functions, _dl_sysinfo_map. */
void glibc_adopt_vdso(uintptr_t ehdr);

/* ---- link_maps.c: glibc's struct link_map for each object ---- */

/* D's link map in glibc's layout, made now if need be. */
void *glibc_link_map(struct dso *d);
/* The TLS fields of the maps of FIRST and the objects after it, again. */
void glibc_link_maps_refresh_tls(struct dso *first);

/* Rebuild the namespace's chain of link maps from dso_list. */
void glibc_relink_chain(void);

/* The objects from FIRST to the end of dso_list were added (dlopen):
 * count them and put them in the chain. */
void glibc_link_maps_added(struct dso *first);

/* D is being unloaded: take its map out of the chain and free it. */
void glibc_link_map_removed(struct dso *d);

/* Whether libc counts thread-local destructors pending in D. */
int glibc_tls_dtors_pending(const struct dso *d);

/* ---- threads.c: glibc's thread descriptors ---- */

/* The main thread's struct pthread at the thread pointer, as glibc's
 * loader fills it (guards, tid, robust list, stack lists, rseq). */
void glibc_init_main_thread(const struct libc_compat_startup *s);

/* myld's loader lock becomes GL(dl_load_lock). */
void glibc_adopt_load_lock(void);
/* Hold the loader lock across fork: libc's __register_atfork, at
 * REGISTER_ATFORK (0: libc has none), gets the handlers. */
void glibc_hold_lock_across_fork(uintptr_t register_atfork);

/* D's static TLS block (in the surplus, placed by dlopen) in every
 * thread but the calling one, which tls.c initialised already. */
void glibc_init_static_tls_everywhere(const struct dso *d);

/* ---- libc_calls.c: functions libc calls into the loader ---- */

/* Point _rtld_global_ro's function pointers at myld's functions, and
 * fill the dlfcn hook table HOOK (GLIBC_SIZEOF_DLFCN_HOOK bytes), which
 * libc's dlopen & co. call through. */
void glibc_publish_calls(void **hook);

#endif
