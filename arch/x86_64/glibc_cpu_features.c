/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/glibc_cpu_features.c - the CPU description the glibc
 * personality publishes on x86_64 (glibc_arch_cpu_features, declared in
 * loader/glibc/glibc-arch.h).
 *
 * glibc's string and math functions are IFUNCs whose resolvers read
 * _rtld_global_ro._dl_x86_cpu_features: for each CPUID leaf glibc keeps,
 * the raw registers and the "active" (usable) bits, a word of
 * preferences, and cache sizes from which memcpy derives its thresholds.
 *
 * Two rules make this safe without copying glibc's tables:
 *  - a feature is active only if CPUID reports it and, for the vector
 *    extensions, the OS saves the registers it uses (XGETBV); glibc's
 *    resolvers never pick code for a feature that is not active, so a
 *    bit left clear costs speed, never correctness;
 *  - the cache thresholds follow glibc's formulas (cacheinfo.c) and its
 *    lower bounds: a zero non_temporal_threshold would send every
 *    medium memcpy into a loop that never ends (the thresholds are not
 *    optional).
 * The preferences set are the ones glibc derives for every CPU of a
 * kind (AVX_Fast_Unaligned_Load with AVX2, fast unaligned loads from
 * SSE4.2 on); the per-model tuning glibc has for some Intel parts is
 * not reproduced, so a resolver may pick a different but equally valid
 * variant than under glibc's loader.
 */
#include <elf.h>
#include <stdint.h>

#include "glibc-arch.h"
#include "glibc-layout.h"
#include "lib.h"
#include "cacheinfo.h"
#include "cpuid.h"

#define FIELD(base, off, T) (*(T *)((char *)(base) + (off)))

/* Bits of XCR0: which register states the OS saves. */
#define XSTATE_SSE	(1u << 1)
#define XSTATE_AVX	(1u << 2)
#define XSTATE_AVX512	(7u << 5)	/* opmask, ZMM_Hi256, Hi16_ZMM */

/* CPUID bits (Intel SDM / AMD APM) that need OS support to be usable. */
#define L1_ECX_FMA	(1u << 12)
#define L1_ECX_OSXSAVE	(1u << 27)
#define L1_ECX_AVX	(1u << 28)
#define L1_ECX_F16C	(1u << 29)
#define L7_EBX_HLE	(1u << 4)
#define L7_EBX_AVX2	(1u << 5)
#define L7_EBX_RTM	(1u << 11)
#define L7_EBX_AVX512	0xdc230000u	/* F DQ IFMA PF ER CD BW VL */
#define L7_ECX_AVX512	0x00005842u	/* VBMI VBMI2 BITALG VNNI VPOPCNTDQ */
#define L7_ECX_VAES	(1u << 9)
#define L7_ECX_VPCLMULQDQ (1u << 10)
#define L7_EDX_AVX512	0x0080010cu	/* 4VNNIW 4FMAPS VP2INTERSECT FP16 */
#define L7_EDX_AMX	0x03400000u	/* AMX-BF16 AMX-TILE AMX-INT8 */
#define L7_1_EAX_AVX_VNNI (1u << 4)
#define L7_1_EAX_AVX512_BF16 (1u << 5)
#define L81_ECX_XOP	(1u << 11)
#define L81_ECX_FMA4	(1u << 16)
#define L1_ECX_SSE4_2	(1u << 20)
#define L7_EBX_ERMS	(1u << 9)	/* enhanced REP MOVSB */
#define L7_EDX_FSRM	(1u << 4)	/* fast short REP MOVSB */

/* CPUID itself, as cacheinfo.c's reader. */
static struct cpuid_regs read_cpuid(uint32_t leaf, uint32_t subleaf)
{
	return cpuid(leaf, subleaf);
}

/*
 * The caches and the sizes memcpy derives from them (cacheinfo.c), for
 * a CPU of glibc's KIND: AMD and Hygon describe theirs in AMD's leaves,
 * the others in Intel's leaf 4.  ERMS (enhanced REP MOVSB) moves the
 * non-temporal threshold.  Left zero when the CPU describes no cache.
 */
static void fill_caches(unsigned char *ro, int kind, unsigned family,
			int erms)
{
	struct x86_caches c;

	if (!x86_caches_describe(kind == GLIBC_ARCH_KIND_AMD ? X86_CACHES_AMD
							  : X86_CACHES_LEAF4,
				 family, erms, read_cpuid, &c))
		return;	/* the defaults of clamp_thresholds */

	FIELD(ro, GLIBC_RO_CPU_LEVEL1_ICACHE_SIZE, uint64_t) = c.l1i.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_ICACHE_LINESIZE, uint64_t) =
		c.l1i.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_SIZE, uint64_t) = c.l1d.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_ASSOC, uint64_t) = c.l1d.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_LINESIZE, uint64_t) =
		c.l1d.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_SIZE, uint64_t) = c.l2.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_ASSOC, uint64_t) = c.l2.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_LINESIZE, uint64_t) =
		c.l2.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_SIZE, uint64_t) = c.l3.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_ASSOC, uint64_t) = c.l3.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_LINESIZE, uint64_t) =
		c.l3.linesize;
	/* glibc reads a level 4 only in Intel's leaf 2 descriptors; for
	 * the other kinds it keeps its "unknown", -1. */
	FIELD(ro, GLIBC_RO_CPU_LEVEL4_CACHE_SIZE, uint64_t) =
		kind == GLIBC_ARCH_KIND_INTEL ? 0 : ~0ull;

	FIELD(ro, GLIBC_RO_CPU_DATA_CACHE_SIZE, uint64_t) = c.data;
	FIELD(ro, GLIBC_RO_CPU_SHARED_CACHE_SIZE, uint64_t) = c.shared;
	FIELD(ro, GLIBC_RO_CPU_NON_TEMPORAL_THRESHOLD, uint64_t) =
		c.non_temporal;
	FIELD(ro, GLIBC_RO_CPU_REP_MOVSB_STOP_THRESHOLD, uint64_t) =
		c.rep_movsb_stop;
}

/* Which vendor's conventions glibc follows for this CPU, from the
 * vendor string of leaf 0 (EBX, EDX, ECX). */
static int cpu_kind(struct cpuid_regs leaf0)
{
	if (leaf0.ebx == 0x756e6547 && leaf0.edx == 0x49656e69 &&
	    leaf0.ecx == 0x6c65746e)	/* GenuineIntel */
		return GLIBC_ARCH_KIND_INTEL;
	if ((leaf0.ebx == 0x68747541 && leaf0.edx == 0x69746e65 &&
	     leaf0.ecx == 0x444d4163) ||	/* AuthenticAMD */
	    (leaf0.ebx == 0x6f677948 && leaf0.edx == 0x6e65476e &&
	     leaf0.ecx == 0x656e6975))	/* HygonGenuine */
		return GLIBC_ARCH_KIND_AMD;
	if ((leaf0.ebx == 0x746e6543 && leaf0.edx == 0x48727561 &&
	     leaf0.ecx == 0x736c7561) ||	/* CentaurHauls */
	    (leaf0.ebx == 0x68532020 && leaf0.edx == 0x68676e61 &&
	     leaf0.ecx == 0x20206961))	/* "  Shanghai  " */
		return GLIBC_ARCH_KIND_ZHAOXIN;
	return GLIBC_ARCH_KIND_OTHER;
}

/* Vendor, highest leaf, family, model and stepping.  Returns the family
 * (with its extension), which the cache description depends on. */
static unsigned fill_identity(unsigned char *ro, struct cpuid_regs leaf0)
{
	struct cpuid_regs l1 = cpuid(1, 0);
	unsigned family = (l1.eax >> 8) & 0xf, model = (l1.eax >> 4) & 0xf;

	if (family == 0xf) {
		family += (l1.eax >> 20) & 0xff;
		model += (l1.eax >> 12) & 0xf0;
	} else if (family == 6) {
		model += (l1.eax >> 12) & 0xf0;
	}
	FIELD(ro, GLIBC_RO_CPU_KIND, int) = cpu_kind(leaf0);
	FIELD(ro, GLIBC_RO_CPU_MAX_CPUID, int) = (int)leaf0.eax;
	FIELD(ro, GLIBC_RO_CPU_FAMILY, unsigned) = family;
	FIELD(ro, GLIBC_RO_CPU_MODEL, unsigned) = model;
	FIELD(ro, GLIBC_RO_CPU_STEPPING, unsigned) = l1.eax & 0xf;
	return family;
}

/* The raw registers of each CPUID leaf glibc keeps, at glibc's index for
 * it (RAW has GLIBC_CPU_FEATURES_COUNT entries); a leaf above the highest
 * the CPU reports (MAX, or the extended range's own maximum) stays
 * zero. */
static void read_leaves(struct cpuid_regs *raw, uint32_t max)
{
	static const struct {
		int index;
		uint32_t leaf, subleaf;
	} leaves[] = {
		{ GLIBC_CPUID_INDEX_1, 1, 0 },
		{ GLIBC_CPUID_INDEX_7, 7, 0 },
		{ GLIBC_CPUID_INDEX_7_ECX_1, 7, 1 },
		{ GLIBC_CPUID_INDEX_D_ECX_1, 0xd, 1 },
		{ GLIBC_CPUID_INDEX_14_ECX_0, 0x14, 0 },
		{ GLIBC_CPUID_INDEX_19, 0x19, 0 },
		{ GLIBC_CPUID_INDEX_80000001, 0x80000001, 0 },
		{ GLIBC_CPUID_INDEX_80000007, 0x80000007, 0 },
		{ GLIBC_CPUID_INDEX_80000008, 0x80000008, 0 },
	};
	uint32_t max_ext = cpuid(0x80000000, 0).eax;

	memset(raw, 0, GLIBC_CPU_FEATURES_COUNT * sizeof(*raw));
	for (size_t i = 0; i < ARRAY_SIZE(leaves); i++) {
		uint32_t top = leaves[i].leaf >= 0x80000000 ? max_ext : max;

		if (leaves[i].leaf <= top &&
		    leaves[i].index < GLIBC_CPU_FEATURES_COUNT)
			raw[leaves[i].index] = cpuid(leaves[i].leaf,
						     leaves[i].subleaf);
	}
}

/*
 * Usable: what the CPU has (ACTIVE holds the raw leaves on entry), minus
 * what the OS does not enable, the register states XCR0 says it saves,
 * and minus what glibc must not be steered to.  Returns whether
 * AVX-512 is usable, which the preferences depend on.
 */
static int mask_unusable(struct cpuid_regs *active)
{
	uint64_t xcr0 = (active[GLIBC_CPUID_INDEX_1].ecx & L1_ECX_OSXSAVE)
				? xgetbv0() : 0;
	int avx_ok = (xcr0 & (XSTATE_SSE | XSTATE_AVX)) ==
		     (XSTATE_SSE | XSTATE_AVX);
	int avx512_ok = avx_ok && (xcr0 & XSTATE_AVX512) == XSTATE_AVX512;
	struct cpuid_regs *a1 = &active[GLIBC_CPUID_INDEX_1];
	struct cpuid_regs *a7 = &active[GLIBC_CPUID_INDEX_7];
	struct cpuid_regs *a71 = &active[GLIBC_CPUID_INDEX_7_ECX_1];
	struct cpuid_regs *a81 = &active[GLIBC_CPUID_INDEX_80000001];

	if (!avx_ok) {
		a1->ecx &= ~(L1_ECX_AVX | L1_ECX_FMA | L1_ECX_F16C);
		a7->ebx &= ~L7_EBX_AVX2;
		a7->ecx &= ~(L7_ECX_VAES | L7_ECX_VPCLMULQDQ);
		a71->eax &= ~L7_1_EAX_AVX_VNNI;
		a81->ecx &= ~(L81_ECX_XOP | L81_ECX_FMA4);
	}
	if (!avx512_ok) {
		a7->ebx &= ~L7_EBX_AVX512;
		a7->ecx &= ~L7_ECX_AVX512;
		a7->edx &= ~L7_EDX_AVX512;
		a71->eax &= ~L7_1_EAX_AVX512_BF16;
	}
	/* Transactional memory is often disabled by microcode while still
	 * listed; glibc's plain variants are always correct. */
	a7->ebx &= ~(L7_EBX_RTM | L7_EBX_HLE);
	/* AMX needs its own XSAVE permission (arch_prctl); not asked. */
	a7->edx &= ~(L7_EDX_AMX);
	return avx512_ok;
}

/* Each leaf's raw and active registers into glibc's array of them. */
static void store_leaves(unsigned char *ro, const struct cpuid_regs *raw,
			 const struct cpuid_regs *active)
{
	for (int i = 0; i < GLIBC_CPU_FEATURES_COUNT; i++) {
		char *f = (char *)ro + GLIBC_RO_CPU_FEATURES +
			  i * GLIBC_SIZEOF_CPUID_FEATURE;

		memcpy(f + GLIBC_CPU_FEATURE_CPUID, &raw[i], sizeof(raw[i]));
		memcpy(f + GLIBC_CPU_FEATURE_ACTIVE, &active[i],
		       sizeof(active[i]));
	}
}

/* The preferences glibc derives for every CPU of a kind, and the REP
 * MOVSB/STOSB thresholds that follow from them: glibc's defaults by
 * vector size, 2112 with fast short REP MOVSB. */
static void fill_preferences(unsigned char *ro, const struct cpuid_regs *active,
			     int avx512_ok)
{
	const struct cpuid_regs *a1 = &active[GLIBC_CPUID_INDEX_1];
	const struct cpuid_regs *a7 = &active[GLIBC_CPUID_INDEX_7];
	uint32_t preferred = 0;

	if (a7->ebx & L7_EBX_AVX2)
		preferred |= GLIBC_PREFERRED_AVX_FAST_UNALIGNED_LOAD;
	if (a1->ecx & L1_ECX_SSE4_2)
		preferred |= GLIBC_PREFERRED_FAST_UNALIGNED_LOAD |
			     GLIBC_PREFERRED_FAST_UNALIGNED_COPY;
	if (!avx512_ok)
		preferred |= GLIBC_PREFERRED_NO_AVX512;
	FIELD(ro, GLIBC_RO_CPU_PREFERRED, uint32_t) = preferred;

	uint64_t movsb = avx512_ok ? 16384
		: (preferred & GLIBC_PREFERRED_AVX_FAST_UNALIGNED_LOAD) ? 8192
									: 2048;
	if (a7->edx & L7_EDX_FSRM)
		movsb = 2112;
	FIELD(ro, GLIBC_RO_CPU_REP_MOVSB_THRESHOLD, uint64_t) = movsb;
	FIELD(ro, GLIBC_RO_CPU_REP_STOSB_THRESHOLD, uint64_t) = 2048;
}

/* glibc's bounds on the thresholds and sizes the caches gave, or their
 * defaults when the CPU described none: a zero here would make memcpy
 * loop forever (see the top). */
static void clamp_thresholds(unsigned char *ro)
{
	uint64_t *nt = &FIELD(ro, GLIBC_RO_CPU_NON_TEMPORAL_THRESHOLD,
			      uint64_t);
	uint64_t *stop = &FIELD(ro, GLIBC_RO_CPU_REP_MOVSB_STOP_THRESHOLD,
				uint64_t);

	if (*nt < 0x4040)
		*nt = 0x4040;
	if (*nt > (UINT64_MAX >> 4))
		*nt = UINT64_MAX >> 4;
	if (*stop < 0x4040)
		*stop = *nt;
	if (!FIELD(ro, GLIBC_RO_CPU_DATA_CACHE_SIZE, uint64_t))
		FIELD(ro, GLIBC_RO_CPU_DATA_CACHE_SIZE, uint64_t) = 32 * 1024;
	if (!FIELD(ro, GLIBC_RO_CPU_SHARED_CACHE_SIZE, uint64_t))
		FIELD(ro, GLIBC_RO_CPU_SHARED_CACHE_SIZE, uint64_t) =
			1024 * 1024;
}

void glibc_arch_cpu_features(unsigned char *ro, const uintptr_t *at)
{
	struct cpuid_regs leaf0 = cpuid(0, 0);
	struct cpuid_regs raw[GLIBC_CPU_FEATURES_COUNT];
	struct cpuid_regs active[GLIBC_CPU_FEATURES_COUNT];

	(void)at;	/* glibc's x86_64 description ignores hwcap */
	unsigned family = fill_identity(ro, leaf0);
	read_leaves(raw, leaf0.eax);
	memcpy(active, raw, sizeof(active));
	int avx512_ok = mask_unusable(active);
	store_leaves(ro, raw, active);
	fill_preferences(ro, active, avx512_ok);
	fill_caches(ro, FIELD(ro, GLIBC_RO_CPU_KIND, int), family,
		    (active[GLIBC_CPUID_INDEX_7].ebx & L7_EBX_ERMS) != 0);
	clamp_thresholds(ro);
}

/*
 * glibc records the sizes and thresholds it derived as tunables, with
 * bounds: REP MOVSB's threshold no lower than eight of the widest
 * vectors memcpy uses, the non-temporal one between 0x4040 and a
 * sixteenth of the address space.  Worked out in a scratch copy of
 * _rtld_global_ro: --list-tunables runs before start-up fills the real
 * one.
 */
void glibc_arch_derived_tunables(const uintptr_t *at,
				 glibc_tunable_setter *set)
{
	unsigned char ro[GLIBC_SIZEOF_RTLD_GLOBAL_RO]
		__attribute__((aligned(16))) = { 0 };

	glibc_arch_cpu_features(ro, at);
	uint32_t preferred = FIELD(ro, GLIBC_RO_CPU_PREFERRED, uint32_t);
	uint64_t vector = !(preferred & GLIBC_PREFERRED_NO_AVX512) ? 64
		: (preferred & GLIBC_PREFERRED_AVX_FAST_UNALIGNED_LOAD) ? 32
									: 16;

	set("glibc.cpu.x86_data_cache_size",
	    FIELD(ro, GLIBC_RO_CPU_DATA_CACHE_SIZE, uint64_t), 0, UINT64_MAX);
	set("glibc.cpu.x86_shared_cache_size",
	    FIELD(ro, GLIBC_RO_CPU_SHARED_CACHE_SIZE, uint64_t), 0,
	    UINT64_MAX);
	set("glibc.cpu.x86_non_temporal_threshold",
	    FIELD(ro, GLIBC_RO_CPU_NON_TEMPORAL_THRESHOLD, uint64_t), 0x4040,
	    UINT64_MAX >> 4);
	set("glibc.cpu.x86_rep_movsb_threshold",
	    FIELD(ro, GLIBC_RO_CPU_REP_MOVSB_THRESHOLD, uint64_t), vector * 8,
	    UINT64_MAX);
	set("glibc.cpu.x86_rep_stosb_threshold",
	    FIELD(ro, GLIBC_RO_CPU_REP_STOSB_THRESHOLD, uint64_t), 1,
	    UINT64_MAX);
}

/* For objects that ask glibc's loader for the CPU description. */
__attribute__((visibility("default"))) const void *
_dl_x86_get_cpu_features(void)
{
	MYLD_EXPORTED extern unsigned char _rtld_global_ro[];

	return _rtld_global_ro + GLIBC_RO_CPU_KIND;
}
