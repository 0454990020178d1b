/* SPDX-License-Identifier: MIT */
/*
 * arch/x86_64/cacheinfo.c - the cache description of cacheinfo.h.
 *
 * glibc publishes two sizes besides the caches themselves: the "shared"
 * cache (the last level, whole) and, from it and one thread's share of
 * it, the size beyond which memcpy uses non-temporal stores.  Both are
 * visible (--list-tunables, and libc's thresholds), so they follow
 * glibc's arithmetic, truncations included.
 */
#include "cacheinfo.h"

/*
 * Deterministic cache parameters (leaf 4): LEVEL 1 data/instruction and
 * 2, 3 unified; *SHARING the threads that share the cache.
 */
static struct x86_cache leaf4_cache(x86_cpuid_reader *read, uint32_t level,
				    int instruction, uint64_t *sharing)
{
	struct x86_cache c = { 0, 0, 0 };

	*sharing = 0;
	for (uint32_t i = 0; i < 16; i++) {
		struct cpuid_regs r = read(4, i);
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
		*sharing = ((r.eax >> 14) & 0xfff) + 1;
		break;
	}
	return c;
}

/*
 * Intel and Zhaoxin: the last-level cache divided among the threads
 * sharing it, plus the core's own L2, as both the shared size and one
 * thread's share.  glibc counts the threads with more care (leaf 0xb)
 * and publishes the whole L3 as the shared size; the two agree when one
 * thread has the L3 to itself, as in the small VMs this was checked on.
 */
static int leaf4_caches(x86_cpuid_reader *read, struct x86_caches *c,
			uint64_t *per_thread)
{
	uint64_t sharing;

	if (read(0, 0).eax < 4)
		return 0;
	c->l1i = leaf4_cache(read, 1, 1, &sharing);
	c->l1d = leaf4_cache(read, 1, 0, &sharing);
	c->l2 = leaf4_cache(read, 2, 0, &sharing);
	c->l3 = leaf4_cache(read, 3, 0, &sharing);
	c->shared = c->l3.size ? c->l3.size / (sharing ? sharing : 1) +
					 c->l2.size
			       : c->l2.size;
	*per_thread = c->shared;
	return 1;
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

/* An L1 from its word of 0x80000005: size in KiB in bits 31:24. */
static struct x86_cache amd_l1(uint32_t word)
{
	struct x86_cache c;
	uint32_t assoc = (word >> 16) & 0xff;

	c.size = (uint64_t)(word >> 24) * 1024;
	c.linesize = word & 0xff;
	c.assoc = assoc == 0xff ? c.size : assoc;
	return c;
}

/* The L2 (0x80000006 ECX) or L3 (EDX), absent when its associativity
 * field is 0.  The L3's size, in 512 KiB units in bits 31:18, loses
 * its two top bits as in glibc, which computes it in 32 bits. */
static struct x86_cache amd_l2_l3(uint32_t word, int l3)
{
	struct x86_cache c = { 0, 0, 0 };

	if (!(word & 0xf000))
		return c;
	c.size = l3 ? (uint64_t)((word & 0x3ffc0000u) << 1)
		    : (uint64_t)(word >> 16) * 1024;
	c.linesize = word & 0xff;
	c.assoc = amd_assoc((word >> 12) & 15, c.size, c.linesize);
	return c;
}

/*
 * The threads among which AMD's L3 is divided: the APIC ID width of
 * 0x80000008 (ECX bits 15:12, as a power of two), but the logical
 * processor count of leaf 1 when the CPU has it (HTT) and either the
 * width is missing or the CPU is a Zen (family 0x17 on), as glibc does.
 */
static uint32_t amd_l3_threads(x86_cpuid_reader *read, unsigned family)
{
	uint32_t threads = 0;

	if (read(0x80000000, 0).eax >= 0x80000008)
		threads = 1u << ((read(0x80000008, 0).ecx >> 12) & 0xf);
	if (threads == 0 || family >= 0x17) {
		struct cpuid_regs l1 = read(1, 0);

		if (l1.edx & (1u << 28))
			threads = (l1.ebx >> 16) & 0xff;
	}
	return threads;
}

/*
 * AMD and Hygon, from the legacy leaves glibc reads: 0x80000005 (L1
 * data in ECX, instruction in EDX) and 0x80000006 (L2, L3).  The shared
 * size is the whole L3 (the L2 when there is none).  One thread's
 * share: the L3 over the package's threads; on Zen, whose L3 belongs to
 * one core complex, times the threads of that complex (0x8000001D
 * subleaf 3 EAX bits 25:14, read even where the leaf is missing, as
 * glibc does); before Zen plus the L2, which the L3 does not include
 * (the shared size then counts it too).
 */
static int amd_caches(x86_cpuid_reader *read, unsigned family,
		      struct x86_caches *c, uint64_t *per_thread)
{
	uint32_t max_ext = read(0x80000000, 0).eax;

	if (max_ext >= 0x80000005) {
		struct cpuid_regs r = read(0x80000005, 0);

		c->l1d = amd_l1(r.ecx);
		c->l1i = amd_l1(r.edx);
	}
	if (max_ext >= 0x80000006) {
		struct cpuid_regs r = read(0x80000006, 0);

		c->l2 = amd_l2_l3(r.ecx, 0);
		c->l3 = amd_l2_l3(r.edx, 1);
	}
	if (!c->l3.size) {
		c->shared = *per_thread = c->l2.size;
		return 1;
	}
	uint32_t threads = amd_l3_threads(read, family);

	c->shared = c->l3.size;
	*per_thread = threads ? c->l3.size / threads : c->l3.size;
	if (family >= 0x17) {
		*per_thread *= ((read(0x8000001d, 3).eax >> 14) & 0xfff) + 1;
	} else {
		c->shared += c->l2.size;
		*per_thread += c->l2.size;
	}
	return 1;
}

/*
 * Beyond this size a copy bypasses the caches.  glibc's rule (its 2.36
 * branch since 2023): a quarter of the shared cache, about where
 * non-temporal stores overtake REP MOVSB, but no less than three
 * quarters of one thread's share (the earlier rule), which is also the
 * whole rule without enhanced REP MOVSB, where ordinary stores would
 * evict other threads' data.
 */
static uint64_t non_temporal(uint64_t shared, uint64_t per_thread, int erms)
{
	uint64_t floor = per_thread * 3 / 4;

	if (!erms || shared / 4 < floor)
		return floor;
	return shared / 4;
}

int x86_caches_describe(enum x86_cache_source source, unsigned family,
			int erms, x86_cpuid_reader *read,
			struct x86_caches *out)
{
	static const struct x86_caches none;
	uint64_t per_thread = 0;
	int amd = source == X86_CACHES_AMD;

	*out = none;
	if (!(amd ? amd_caches(read, family, out, &per_thread)
		  : leaf4_caches(read, out, &per_thread)))
		return 0;
	out->data = out->l1d.size;
	out->non_temporal = non_temporal(out->shared, per_thread, erms);
	/* AMD's REP MOVSB is slow beyond the L2. */
	out->rep_movsb_stop = amd ? out->l2.size : out->non_temporal;
	return 1;
}
