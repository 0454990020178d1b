/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/glibc_arch.c - glibc's conventions on x86_64, for the
 * glibc personality (the interface is loader/glibc/glibc-arch.h; the
 * CPU description is glibc_cpu_features.c).
 *
 * The thread descriptor: struct pthread begins with the TCB (tcbhead_t)
 * at the thread pointer, which holds both guards (TLS variant II: the
 * static TLS blocks lie below).
 */
#include <elf.h>
#include <stdint.h>

#include "glibc-arch.h"
#include "glibc-layout.h"
#include "lib.h"

#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))

/* glibc's hwcap on x86_64: HWCAP_X86_64, whatever the kernel says. */
#define GLIBC_HWCAP_X86_64 2
/* _FPU_DEFAULT: what the FPU control word is at exec. */
#define FPU_DEFAULT 0x37f

void glibc_arch_init_ro(unsigned char *ro, const uintptr_t *at)
{
	uint16_t fpucw = at[AT_FPUCW] ? (uint16_t)at[AT_FPUCW] : FPU_DEFAULT;

	_Static_assert(GLIBC_SIZEOF_FPU_CONTROL == sizeof(fpucw),
		       "glibc's fpu_control_t is 16 bits on x86_64");
	memcpy(ro + GLIBC_RO_FPU_CONTROL, &fpucw, sizeof(fpucw));
	FIELD(ro, GLIBC_RO_HWCAP, uint64_t) = GLIBC_HWCAP_X86_64;
}

void glibc_arch_tcb_sizes(size_t *at_tp, size_t *below_tp)
{
	*at_tp = GLIBC_SIZEOF_PTHREAD;
	*below_tp = 0;
}

char *glibc_arch_thread_self(char *tp)
{
	return tp;
}

char *glibc_arch_thread_pointer(char *pd)
{
	return pd;
}

void glibc_arch_set_guards(char *tp, uint64_t stack_guard,
			   uint64_t pointer_guard)
{
	/* %fs:0x28 is already the stack guard (arch_tcb_init); the pointer
	 * guard mangles libc's saved code pointers (setjmp, atexit). */
	(void)stack_guard;
	FIELD(tp, GLIBC_TCB_POINTER_GUARD, uint64_t) = pointer_guard;
}

uint32_t glibc_arch_rseq_signature(void)
{
	return 0x53053053;	/* glibc's RSEQ_SIG on x86 */
}
