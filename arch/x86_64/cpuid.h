/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/cpuid.h - the two instructions that describe the CPU:
 * CPUID (what the processor has) and XGETBV (which register state the
 * kernel saves, XCR0).  Shared by the glibc-hwcaps levels (hwcaps.c)
 * and the glibc personality's CPU description (glibc_cpu_features.c).
 */
#ifndef MYLD_X86_64_CPUID_H
#define MYLD_X86_64_CPUID_H

#include <stdint.h>

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

/* XCR0: the register state the kernel enabled. */
static inline uint64_t xgetbv0(void)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (uint64_t)hi << 32 | lo;
}

#endif
