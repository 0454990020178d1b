/* SPDX-License-Identifier: MIT */
/*
 * arch/aarch64/glibc_cpu_features.c - the CPU description the glibc
 * personality publishes on aarch64 (glibc_arch_cpu_features, declared in
 * loader/glibc/glibc-arch.h).
 *
 * What glibc's IFUNC resolvers read on aarch64 is small: MIDR_EL1
 * (which the kernel lets user space read when HWCAP_CPUID says so), the
 * DC ZVA block size, and whether BTI, MTE, SVE and MOPS may be used.
 * Each is derived the way glibc's loader derives it, with the tunables
 * at their defaults; a zero is always a safe answer (generic code).
 */
#include <elf.h>
#include <stdint.h>

#include "glibc-arch.h"
#include "glibc-layout.h"

#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))

/* Linux's AT_HWCAP and AT_HWCAP2 bits (asm/hwcap.h). */
#define HWCAP_CPUID	(1ul << 11)
#define HWCAP_SVE	(1ul << 22)
#define HWCAP2_BTI	(1ul << 17)
#define HWCAP2_MOPS	(1ul << 43)

void glibc_arch_cpu_features(unsigned char *ro, const uintptr_t *at)
{
	uint64_t hwcap = at[AT_HWCAP], hwcap2 = at[AT_HWCAP2];
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

/* glibc 2.36 derives no tunable from an aarch64 CPU. */
void glibc_arch_derived_tunables(const uintptr_t *at,
				 glibc_tunable_setter *set)
{
	(void)at;
	(void)set;
}
