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
void tls_setup_static(const void *random);

/* The value of a TPOFF relocation: the offset from the thread pointer of
 * OFFSET bytes into D's static TLS block. */
static inline int64_t tls_tp_offset(const struct dso *d, uint64_t offset)
{
	return d->tls_offset + (int64_t)offset;
}

void *__tls_get_addr(struct tls_index *ti);

#endif
