/* SPDX-License-Identifier: MIT */
/*
 * loader/glibc/arch-aarch64.c - glibc's conventions on aarch64.
 *
 * The thread descriptor: TLS variant I.  tpidr_el0 points at a 16-byte
 * tcbhead_t (the DTV, then a private word), the static TLS blocks follow
 * it, and glibc's struct pthread lies just below it.  The stack and
 * pointer guards are not in the TCB but globals the loader exports,
 * __stack_chk_guard and __pointer_chk_guard.
 *
 * The CPU description glibc's IFUNC resolvers read is small: MIDR_EL1
 * (which the kernel lets user space read when HWCAP_CPUID says so), the
 * DC ZVA block size, and whether BTI, MTE, SVE and MOPS may be used.
 * Each is derived the way glibc's loader derives it, with the tunables
 * at their defaults; a zero is always a safe answer (generic code).
 */
#include <elf.h>
#include <stdint.h>

#include "glibc-arch.h"
#include "glibc-layout.h"
#include "lib.h"

#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))
#define EXPORT __attribute__((visibility("default")))

/* Linux's AT_HWCAP and AT_HWCAP2 bits (asm/hwcap.h). */
#define HWCAP_CPUID	(1ul << 11)
#define HWCAP_SVE	(1ul << 22)
#define HWCAP2_BTI	(1ul << 17)
#define HWCAP2_MOPS	(1ul << 43)

EXPORT uintptr_t __stack_chk_guard;
EXPORT uintptr_t __pointer_chk_guard;

void glibc_arch_init_ro(unsigned char *ro, const uintptr_t *at)
{
	uint64_t hwcap = at[AT_HWCAP], hwcap2 = at[AT_HWCAP2];
	uint32_t fpu_default = 0;	/* _FPU_DEFAULT on aarch64 */

	_Static_assert(GLIBC_SIZEOF_FPU_CONTROL == sizeof(fpu_default),
		       "glibc's fpu_control_t is 32 bits on aarch64");
	memcpy(ro + GLIBC_RO_FPU_CONTROL, &fpu_default, sizeof(fpu_default));

	uint64_t midr = 0, dczid;
	if (hwcap & HWCAP_CPUID)
		__asm__("mrs %0, midr_el1" : "=r"(midr));
	__asm__("mrs %0, dczid_el0" : "=r"(dczid));
	FIELD(ro, GLIBC_RO_CPU_MIDR_EL1, uint64_t) = midr;
	/* DZP (bit 4) set: DC ZVA is prohibited. */
	FIELD(ro, GLIBC_RO_CPU_ZVA_SIZE, uint32_t) =
		(dczid & 0x10) ? 0 : 4u << (dczid & 0xf);
	FIELD(ro, GLIBC_RO_CPU_BTI, _Bool) = (hwcap2 & HWCAP2_BTI) != 0;
	FIELD(ro, GLIBC_RO_CPU_MTE_STATE, uint8_t) = 0;	/* tagging off */
	FIELD(ro, GLIBC_RO_CPU_SVE, _Bool) = (hwcap & HWCAP_SVE) != 0;
	FIELD(ro, GLIBC_RO_CPU_MOPS, _Bool) = (hwcap2 & HWCAP2_MOPS) != 0;
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
