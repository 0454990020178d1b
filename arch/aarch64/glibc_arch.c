/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/glibc_arch.c - glibc's conventions on aarch64, for the
 * glibc personality (the interface is loader/glibc/glibc-arch.h; the
 * CPU description is glibc_cpu_features.c).
 *
 * The thread descriptor: TLS variant I.  tpidr_el0 points at a 16-byte
 * tcbhead_t (the DTV, then a private word), the static TLS blocks follow
 * it, and glibc's struct pthread lies just below it.  The stack and
 * pointer guards are not in the TCB but globals the loader exports,
 * __stack_chk_guard and __pointer_chk_guard.
 */
#include <elf.h>
#include <stdint.h>

#include "glibc-arch.h"
#include "glibc-layout.h"
#include "lib.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT uintptr_t __stack_chk_guard;
EXPORT uintptr_t __pointer_chk_guard;

void glibc_arch_init_ro(unsigned char *ro, const uintptr_t *at)
{
	uint32_t fpu_default = 0;	/* _FPU_DEFAULT on aarch64 */

	(void)at;	/* hwcap stays the kernel's */
	_Static_assert(GLIBC_SIZEOF_FPU_CONTROL == sizeof(fpu_default),
		       "glibc's fpu_control_t is 32 bits on aarch64");
	memcpy(ro + GLIBC_RO_FPU_CONTROL, &fpu_default, sizeof(fpu_default));
}

void glibc_arch_tcb_sizes(size_t *at_tp, size_t *below_tp)
{
	*at_tp = GLIBC_SIZEOF_TCBHEAD;
	*below_tp = GLIBC_SIZEOF_PTHREAD;
}

char *glibc_arch_thread_self(char *tp)
{
	return tp - GLIBC_SIZEOF_PTHREAD;
}

char *glibc_arch_thread_pointer(char *pd)
{
	return pd + GLIBC_SIZEOF_PTHREAD;
}

void glibc_arch_set_guards(char *tp, uint64_t stack_guard,
			   uint64_t pointer_guard)
{
	(void)tp;
	__stack_chk_guard = stack_guard;
	__pointer_chk_guard = pointer_guard;
}

uint32_t glibc_arch_rseq_signature(void)
{
	return 0xd428bc00;	/* BRK #0x45e0, glibc's RSEQ_SIG on little-endian aarch64 */
}
