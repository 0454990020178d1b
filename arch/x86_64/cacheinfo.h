/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/cacheinfo.h - the cache description glibc's string
 * functions tune themselves with, worked out from CPUID as glibc 2.36's
 * loader does (Debian's 2.36, which carries the release branch's cache
 * fixes).  Pure: CPUID comes through a reader, so that the unit test
 * (tests/unit/test_cacheinfo.c) can replay another machine's answers.
 */
#ifndef MYLD_X86_64_CACHEINFO_H
#define MYLD_X86_64_CACHEINFO_H

#include <stdint.h>

#include "cpuid.h"

/* The CPU's answer to CPUID LEAF, SUBLEAF. */
typedef struct cpuid_regs x86_cpuid_reader(uint32_t leaf, uint32_t subleaf);

/* Where a vendor describes its caches, as glibc reads them. */
enum x86_cache_source {
	X86_CACHES_LEAF4,	/* Intel, Zhaoxin: leaf 4 */
	X86_CACHES_AMD,		/* AMD, Hygon: 0x80000005, 0x80000006 */
};

struct x86_cache {
	uint64_t size, assoc, linesize;
};

struct x86_caches {
	struct x86_cache l1i, l1d, l2, l3;
	/* What memcpy and memset read: the L1 data cache, the cache
	 * shared between threads, and the sizes from which a copy
	 * bypasses the cache or stops using REP MOVSB.  Before glibc's
	 * lower bounds (the caller applies them). */
	uint64_t data, shared, non_temporal, rep_movsb_stop;
};

/*
 * Fills OUT for a CPU whose caches SOURCE describes, of FAMILY (with its
 * extension), ERMS whether REP MOVSB is enhanced (leaf 7 EBX bit 9).
 * Returns 0, OUT zeroed, when the CPU describes no cache.
 */
int x86_caches_describe(enum x86_cache_source source, unsigned family,
			int erms, x86_cpuid_reader *read,
			struct x86_caches *out);

#endif
