/* SPDX-License-Identifier: MIT */
/*
 * loader/tls.h - thread-local storage: module ids, the static TLS area,
 * the thread pointer and the DTV.
 *
 * Every object with a PT_TLS segment is a TLS module with an id (1 for
 * the first one loaded, usually the program).  Each thread has one block
 * per module.  The blocks of the modules loaded at start-up live in the
 * static TLS area next to the thread pointer, at offsets fixed before
 * relocation (tls_layout.c), so that initial-exec and local-exec code can
 * reach them with a constant offset.  The DTV (dynamic thread vector)
 * maps module ids to block addresses for the general-dynamic model, which
 * goes through __tls_get_addr.
 *
 * The DTV has glibc's layout, so that libc can one day share it: an
 * array of 16-byte entries, where the TCB points at entry 1 of the
 * allocation; entry -1 holds the number of module slots, entry 0 the
 * generation, entry M the block of module M.
 */
#ifndef MYLD_TLS_H
#define MYLD_TLS_H

#include "dso.h"

/* The argument of __tls_get_addr, as the compiler lays it out. */
struct tls_index {
	uint64_t module;
	uint64_t offset;
};

/* Read D's PT_TLS, if any, and give D the next module id.  Returns 0, or
 * -1 with the reason in ERR (ELF_ERR_SIZE bytes). */
int tls_register(struct dso *d, char *err);

/*
 * Lay out the static TLS area for every registered module, allocate it
 * with the TCB and the DTV for the main thread, copy each module's
 * initial image (.tdata, then zeros for .tbss) and set the thread
 * pointer.  RANDOM is AT_RANDOM's 16 bytes (or NULL), for the stack
 * guard.  Dies on failure.
 */
/*
 * Before tls_setup_static: BYTES more room in the surplus, for objects
 * known to come later with static TLS (each auditor's copy of its C
 * library, as glibc sizes its surplus by the number of auditors).
 */
void tls_reserve_surplus(size_t bytes);

void tls_setup_static(const void *random);

/*
 * Give a module loaded by dlopen its TLS: in the static surplus if it
 * was built for static TLS (DF_STATIC_TLS) and fits, else dynamic.
 */
void tls_place_dynamic(struct dso *d);

/* Put D in the static surplus now (a TPOFF relocation needs it there),
 * initialising its block in the calling thread.  Returns 0, or -1 when
 * it does not fit. */
int tls_try_static(struct dso *d);

/* Copy D's initial image into its static block of the thread whose
 * thread pointer is TP. */
void tls_init_static_block(void *tp, const struct dso *d);

/*
 * D, placed in the static surplus by dlopen, is relocated now: copy its
 * initial image into the calling thread's block again, as relocated
 * (the image may hold addresses: libc's locale pointer, for one).
 */
void tls_init_relocated_block(const struct dso *d);

/* Release D's module id and the current thread's block, at dlclose. */
void tls_release(struct dso *d);

static inline int tls_is_static(const struct dso *d)
{
	return d->tls_static;
}

/* Fill the two words of a TLS descriptor for OFFSET bytes into M's
 * block: the static resolver, or the dynamic one. */
void tls_fill_descriptor(const struct dso *m, uint64_t offset,
			 uint64_t *desc);

/* The TLS descriptor at DESC for a weak reference that found nothing:
 * the variable's address is ADDEND (a null pointer), as in glibc. */
void tls_fill_undefined_weak_descriptor(int64_t addend, uint64_t *desc);

/*
 * Called by arch_tlsdesc_dynamic: the address a dynamic descriptor's
 * argument designates, for the current thread.  tls_descriptor_ready is
 * the fast path: it returns 0 unless the block already exists, takes no
 * lock and calls nothing outside myld, so that the resolver need not
 * save the vector registers around it.  tls_descriptor_address may
 * allocate the block with the C library's calloc (tls_set_allocator):
 * the resolver saves everything around it.
 */
uintptr_t tls_descriptor_ready(uint64_t arg);
uintptr_t tls_descriptor_address(uint64_t arg);

/*
 * D's block for the current thread, or NULL if it has none yet (its DTV
 * does not know D, or the block is allocated at the first access, which
 * has not happened).
 */
void *tls_block_of(const struct dso *d);
/* The same by module id.  Takes no lock: it reads the calling thread's
 * DTV and the generation at which MODID last changed hands. */
void *tls_block_of_module(size_t modid);

/* The value of a TPOFF relocation: the offset from the thread pointer of
 * OFFSET bytes into D's static TLS block. */
static inline int64_t tls_tp_offset(const struct dso *d, uint64_t offset)
{
	return d->tls_offset + (int64_t)offset;
}

MYLD_EXPORTED void *__tls_get_addr(struct tls_index *ti);

/*
 * Once relocation is done: copy the initial images again into the main
 * thread's static blocks.  A .tdata may hold addresses that relocation
 * only now made right (libc's locale pointer is one).
 */
void tls_copy_initial_images(void);

/*
 * For a C library that creates threads (libc_compat.h).  Before
 * tls_setup_static: the size of its thread descriptor at and above TP
 * (never less than myld's own TCB) and below TP (variant I only).  After: the size and alignment
 * of the static TLS area including the TCB, which it reserves at the top
 * of each thread's stack.
 */
void tls_set_tcb_size(size_t at_tp, size_t below_tp);
void tls_static_info(size_t *size, size_t *align);

/* Once the C library's allocator works: DTVs and dynamic blocks come
 * from (and go back to) it, since it frees some of them itself. */
void tls_set_allocator(void *(*calloc_fn)(size_t, size_t),
		       void (*free_fn)(void *));

/* A new thread's TLS, its TCB at TCB (its static area below or above,
 * as the variant says): a DTV and the static blocks' initial images.
 * Returns TCB, or NULL when out of memory. */
void *tls_init_thread(void *tcb);
/* The same for a reused thread descriptor whose DTV is still there. */
void tls_reinit_thread(void *tcb);
/* Free what tls_init_thread and __tls_get_addr allocated for it. */
void tls_free_thread(void *tcb);

#endif
