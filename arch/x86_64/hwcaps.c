/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/hwcaps.c - the x86-64 micro-architecture levels, as names
 * of glibc-hwcaps subdirectories (x86-64-v2, -v3, -v4), and the names
 * of the legacy hwcaps subdirectories (x86_64, haswell, ...).
 *
 * A level needs every feature of the levels below it and its own list,
 * the lists glibc 2.36 checks (its get-isa-level.h): a CPU "supports" a
 * level only if it runs code built for it.  The vector extensions also
 * need the kernel to save their registers (XCR0, read with XGETBV), as
 * a feature the OS does not enable is not usable.
 */
#include "hwcaps.h"
#include "cpuid.h"

#define ALL(word, mask) (((word) & (mask)) == (mask))
#define BIT(n) (1u << (n))

/* Leaf 1 EDX: FPU, CX8, CMOV, MMX, FXSR, SSE, SSE2 (the baseline). */
#define L1_EDX_BASELINE (BIT(0) | BIT(8) | BIT(15) | BIT(23) | BIT(24) | \
			 BIT(25) | BIT(26))
/* Leaf 1 ECX: SSE3, SSSE3, CMPXCHG16B, SSE4.1, SSE4.2, POPCNT (v2). */
#define L1_ECX_V2 (BIT(0) | BIT(9) | BIT(13) | BIT(19) | BIT(20) | BIT(23))
/* Leaf 1 ECX: FMA, MOVBE, OSXSAVE, AVX, F16C (v3). */
#define L1_ECX_V3 (BIT(12) | BIT(22) | BIT(27) | BIT(28) | BIT(29))
/* Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (v2), LZCNT (v3). */
#define LX_ECX_LAHF BIT(0)
#define LX_ECX_LZCNT BIT(5)
/* Leaf 7 EBX: AVX2 (v3); AVX512 F, DQ, CD, BW, VL (v4). */
#define L7_EBX_AVX2 BIT(5)
#define L7_EBX_V4 (BIT(16) | BIT(17) | BIT(28) | BIT(30) | BIT(31))
/* XCR0: SSE and AVX state (v3); opmask, ZMM0-15 upper, ZMM16-31 (v4). */
#define XCR0_AVX 0x6
#define XCR0_AVX512 0xe6

/* The highest level this CPU supports: 1 (baseline) to 4; 0 if not
 * even the baseline. */
static int isa_level(void)
{
	struct cpuid_regs l0 = cpuid(0, 0), l1 = cpuid(1, 0);
	uint32_t ext_ecx = 0, l7_ebx = 0;
	uint64_t xcr0 = 0;

	if (cpuid(0x80000000, 0).eax >= 0x80000001)
		ext_ecx = cpuid(0x80000001, 0).ecx;
	if (l0.eax >= 7)
		l7_ebx = cpuid(7, 0).ebx;
	if (l1.ecx & BIT(27))	/* OSXSAVE: XGETBV is allowed */
		xcr0 = xgetbv0();

	if (!ALL(l1.edx, L1_EDX_BASELINE))
		return 0;
	if (!ALL(l1.ecx, L1_ECX_V2) || !(ext_ecx & LX_ECX_LAHF))
		return 1;
	if (!ALL(l1.ecx, L1_ECX_V3) || !(ext_ecx & LX_ECX_LZCNT) ||
	    !(l7_ebx & L7_EBX_AVX2) || !ALL(xcr0, XCR0_AVX))
		return 2;
	if (!ALL(l7_ebx, L7_EBX_V4) || !ALL(xcr0, XCR0_AVX512))
		return 3;
	return 4;
}

const char *arch_hwcaps_subdirs(void)
{
	return "x86-64-v4:x86-64-v3:x86-64-v2";
}

uint32_t arch_hwcaps_subdirs_active(void)
{
	/* Bit I is the I-th name: v4 is bit 0, v2 bit 2. */
	switch (isa_level()) {
	case 4:
		return 0x7;
	case 3:
		return 0x6;
	case 2:
		return 0x4;
	default:
		return 0;
	}
}

/* Leaf 0's vendor string, "GenuineIntel", as EBX, EDX, ECX. */
#define INTEL_EBX 0x756e6547u
#define INTEL_EDX 0x49656e69u
#define INTEL_ECX 0x6c65746eu
/* Leaf 7 EBX: BMI1, BMI2; AVX512 PF, ER (Xeon Phi). */
#define L7_EBX_BMI (BIT(3) | BIT(8))
#define L7_EBX_AVX512F BIT(16)
#define L7_EBX_AVX512CD BIT(28)
#define L7_EBX_XEON_PHI (BIT(26) | BIT(27))
#define L7_EBX_AVX512_1 (BIT(17) | BIT(30) | BIT(31))	/* DQ, BW, VL */
/* Leaf 1 ECX: FMA, MOVBE, POPCNT, AVX. */
#define L1_ECX_HASWELL (BIT(12) | BIT(22) | BIT(23) | BIT(28))

/*
 * glibc 2.36's legacy names on x86-64: the capability "x86_64", always,
 * and "avx512_1" on an Intel CPU with usable AVX512 F, CD, DQ, BW and VL
 * but no Xeon Phi extensions; the platform is AT_PLATFORM's, except on
 * Intel, where it becomes "xeon_phi" or, with the Haswell features
 * (AVX2, FMA, BMI1, BMI2, LZCNT, MOVBE, POPCNT), "haswell".
 */
size_t arch_legacy_hwcaps(const char *names[HWCAPS_LEGACY_MAX],
			  const char *platform, uint64_t hwcap)
{
	struct cpuid_regs l0 = cpuid(0, 0), l1 = cpuid(1, 0);
	size_t n = 0;

	(void)hwcap;	/* glibc derives the capabilities from CPUID */
	names[n++] = "x86_64";
	if (l0.ebx == INTEL_EBX && l0.edx == INTEL_EDX && l0.ecx == INTEL_ECX) {
		uint32_t l7_ebx = l0.eax >= 7 ? cpuid(7, 0).ebx : 0;
		uint32_t ext_ecx = 0;
		uint64_t xcr0 = l1.ecx & BIT(27) ? xgetbv0() : 0;
		int avx = ALL(xcr0, XCR0_AVX) && (l1.ecx & BIT(28));
		int avx512 = ALL(xcr0, XCR0_AVX512) &&
			     (l7_ebx & L7_EBX_AVX512F) && avx;
		const char *own = NULL;

		if (cpuid(0x80000000, 0).eax >= 0x80000001)
			ext_ecx = cpuid(0x80000001, 0).ecx;
		if (avx512 && (l7_ebx & L7_EBX_AVX512CD)) {
			if (ALL(l7_ebx, L7_EBX_XEON_PHI))
				own = "xeon_phi";
			else if (!(l7_ebx & BIT(27)) &&
				 ALL(l7_ebx, L7_EBX_AVX512_1))
				names[n++] = "avx512_1";
		}
		if (!own && avx && (l7_ebx & L7_EBX_AVX2) &&
		    ALL(l7_ebx, L7_EBX_BMI) && ALL(l1.ecx, L1_ECX_HASWELL) &&
		    (ext_ecx & LX_ECX_LZCNT))
			own = "haswell";
		if (own)
			platform = own;
	}
	if (platform)
		names[n++] = platform;
	return n;
}
