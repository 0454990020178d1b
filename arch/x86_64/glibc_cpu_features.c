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
 *  - the cache thresholds follow glibc's formulas and its lower bounds:
 *    a zero non_temporal_threshold would send every medium memcpy into
 *    a loop that never ends (the thresholds are not optional).
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
#define L1_EDX_HTT	(1u << 28)
#define L7_EDX_FSRM	(1u << 4)	/* fast short REP MOVSB */

struct cache_info {
	uint64_t size, assoc, linesize, sharing;
};

/*
 * Deterministic cache parameters: Intel's leaf 4 and AMD's 0x8000001D
 * have the same format.  LEVEL 1 data/instruction and 2, 3 unified.
 */
static struct cache_info cache_level(uint32_t leaf, uint32_t level,
				     int instruction)
{
	struct cache_info c = { 0, 0, 0, 0 };

	for (uint32_t i = 0; i < 16; i++) {
		struct cpuid_regs r = cpuid(leaf, i);
		uint32_t type = r.eax & 31;	/* 1 data, 2 instr., 3 unified */

		if (type == 0)
			break;
		if (((r.eax >> 5) & 7) != level)
			continue;
		if (level == 1 && type != (instruction ? 2u : 1u))
			continue;
		uint64_t ways = (r.ebx >> 22) + 1;
		uint64_t partitions = ((r.ebx >> 12) & 0x3ff) + 1;
		uint64_t line = (r.ebx & 0xfff) + 1;
		uint64_t sets = (uint64_t)r.ecx + 1;

		c.size = ways * partitions * line * sets;
		c.assoc = ways;
		c.linesize = line;
		c.sharing = ((r.eax >> 14) & 0xfff) + 1;
		break;
	}
	return c;
}

/* AMD's encoding of an L2/L3 associativity in 4 bits. */
static uint64_t amd_assoc(uint32_t code, uint64_t size, uint64_t line)
{
	static const uint8_t ways[16] = { 0, 1, 2, 0, 4, 0, 8, 0,
					  16, 0, 32, 48, 64, 96, 128, 0 };

	if (code == 15)		/* fully associative */
		return line ? size / line : 0;
	return ways[code & 15];
}

/*
 * AMD's cache description, from the legacy leaves glibc reads:
 * 0x80000005 (L1 data in ECX, L1 instruction in EDX) and 0x80000006
 * (L2 in ECX, L3 in EDX).
 */
static void amd_caches(struct cache_info *l1i, struct cache_info *l1d,
		       struct cache_info *l2, struct cache_info *l3)
{
	uint32_t max_ext = cpuid(0x80000000, 0).eax;

	if (max_ext >= 0x80000005) {
		struct cpuid_regs r = cpuid(0x80000005, 0);
		struct cache_info *l1[2] = { l1d, l1i };
		uint32_t word[2] = { r.ecx, r.edx };

		for (int i = 0; i < 2; i++) {
			uint32_t assoc = (word[i] >> 16) & 0xff;

			l1[i]->size = (uint64_t)(word[i] >> 24) * 1024;
			l1[i]->linesize = word[i] & 0xff;
			l1[i]->assoc = assoc == 0xff ? l1[i]->size : assoc;
		}
	}
	if (max_ext >= 0x80000006) {
		struct cpuid_regs r = cpuid(0x80000006, 0);

		if (r.ecx & 0xf000) {
			l2->size = (uint64_t)(r.ecx >> 16) * 1024;
			l2->linesize = r.ecx & 0xff;
			l2->assoc = amd_assoc((r.ecx >> 12) & 15, l2->size,
					      l2->linesize);
		}
		if (r.edx & 0xf000) {
			l3->size = (uint64_t)(r.edx >> 18) * 512 * 1024;
			l3->linesize = r.edx & 0xff;
			l3->assoc = amd_assoc((r.edx >> 12) & 15, l3->size,
					      l3->linesize);
		}
	}
}

/*
 * The share of the last-level cache one thread may count on, which sets
 * memcpy's non-temporal threshold.  AMD: the L3 divided among the
 * threads of the package, then (Zen and later) multiplied by the
 * threads of one core complex, which share an L3; older parts add the
 * exclusive L2.
 */
static uint64_t amd_shared_share(uint64_t l3, uint64_t l2, unsigned family)
{
	if (!l3)
		return l2;
	uint32_t threads = 0;
	if (cpuid(0x80000000, 0).eax >= 0x80000008)
		threads = 1u << ((cpuid(0x80000008, 0).ecx >> 12) & 0xf);
	if (threads == 0 || family >= 0x17) {
		struct cpuid_regs l1 = cpuid(1, 0);

		if (l1.edx & L1_EDX_HTT)
			threads = (l1.ebx >> 16) & 0xff;
	}
	if (threads)
		l3 /= threads;
	if (family >= 0x17)
		return l3 * (((cpuid(0x8000001d, 3).eax >> 14) & 0xfff) + 1);
	return l3 + l2;
}

static void fill_caches(unsigned char *ro, int amd, unsigned family)
{
	struct cache_info l1i = { 0, 0, 0, 0 }, l1d = l1i, l2 = l1i, l3 = l1i;
	uint64_t shared;

	if (amd) {
		amd_caches(&l1i, &l1d, &l2, &l3);
		shared = amd_shared_share(l3.size, l2.size, family);
	} else if (cpuid(0, 0).eax >= 4) {
		/* Intel's deterministic cache parameters (leaf 4): the
		 * last-level cache divided among the threads sharing it,
		 * plus the core's own L2. */
		l1i = cache_level(4, 1, 1);
		l1d = cache_level(4, 1, 0);
		l2 = cache_level(4, 2, 0);
		l3 = cache_level(4, 3, 0);
		shared = l3.size ? l3.size / (l3.sharing ? l3.sharing : 1) +
					   l2.size
				 : l2.size;
	} else {
		return;	/* no description: the defaults below */
	}

	FIELD(ro, GLIBC_RO_CPU_LEVEL1_ICACHE_SIZE, uint64_t) = l1i.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_ICACHE_LINESIZE, uint64_t) = l1i.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_SIZE, uint64_t) = l1d.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_ASSOC, uint64_t) = l1d.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL1_DCACHE_LINESIZE, uint64_t) = l1d.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_SIZE, uint64_t) = l2.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_ASSOC, uint64_t) = l2.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL2_CACHE_LINESIZE, uint64_t) = l2.linesize;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_SIZE, uint64_t) = l3.size;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_ASSOC, uint64_t) = l3.assoc;
	FIELD(ro, GLIBC_RO_CPU_LEVEL3_CACHE_LINESIZE, uint64_t) = l3.linesize;
	/* glibc knows no level 4 outside Intel's leaf 2 descriptors. */
	FIELD(ro, GLIBC_RO_CPU_LEVEL4_CACHE_SIZE, uint64_t) = amd ? ~0ull : 0;

	FIELD(ro, GLIBC_RO_CPU_DATA_CACHE_SIZE, uint64_t) = l1d.size;
	FIELD(ro, GLIBC_RO_CPU_SHARED_CACHE_SIZE, uint64_t) = shared;
	FIELD(ro, GLIBC_RO_CPU_NON_TEMPORAL_THRESHOLD, uint64_t) =
		shared * 3 / 4;
	/* AMD's REP MOVSB is slow beyond the L2. */
	FIELD(ro, GLIBC_RO_CPU_REP_MOVSB_STOP_THRESHOLD, uint64_t) =
		amd ? l2.size : shared * 3 / 4;
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
	fill_caches(ro, FIELD(ro, GLIBC_RO_CPU_KIND, int) ==
				GLIBC_ARCH_KIND_AMD,
		    family);
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
