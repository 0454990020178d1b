/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_cacheinfo.c - x86's cache description
 * (arch/x86_64/cacheinfo.c) from recorded CPUID answers.
 *
 * The AMD Zen 5 case is a real machine (an AMD EPYC VM, family 0x1a),
 * its expected values those Debian's glibc 2.36-9+deb12u14 loader
 * showed there (--list-diagnostics, --list-tunables).  The other cases
 * are made up to reach the other branches of glibc's rule; the leaf-4
 * case pins myld's own rule for Intel, which predates this test.
 */
#include <stdint.h>

#include "harness.h"
#include "cacheinfo.h"

struct answer {
	uint32_t leaf, subleaf;
	struct cpuid_regs r;
};

/* The answers of the CPU under test; a leaf not listed reads zero. */
static const struct answer *answers;

static struct cpuid_regs replay(uint32_t leaf, uint32_t subleaf)
{
	static const struct cpuid_regs zero;

	for (const struct answer *a = answers; a->leaf || a->r.eax; a++)
		if (a->leaf == leaf && a->subleaf == subleaf)
			return a->r;
	return zero;
}

static struct x86_caches describe(const struct answer *cpu,
				  enum x86_cache_source source,
				  unsigned family, int erms)
{
	struct x86_caches c;

	answers = cpu;
	ck_assert_int_eq(x86_caches_describe(source, family, erms, replay, &c),
			 1);
	return c;
}

static void check_cache(struct x86_cache c, uint64_t size, uint64_t assoc,
			uint64_t linesize)
{
	ck_assert_uint_eq(c.size, size);
	ck_assert_uint_eq(c.assoc, assoc);
	ck_assert_uint_eq(c.linesize, linesize);
}

/* AMD EPYC (Zen 5) VM: 254 logical processors in leaf 1, no APIC ID
 * width, no topology leaf (one thread per "complex"). */
static const struct answer zen5[] = {
	{ 0, 0, { 0x0000000d, 0x68747541, 0x444d4163, 0x69746e65 } },
	{ 1, 0, { 0x00b00f21, 0xa5fe0800, 0xfed83203, 0x178bfbff } },
	{ 0x80000000, 0, { 0x80000021, 0x68747541, 0x444d4163, 0x69746e65 } },
	{ 0x80000005, 0, { 0xff60ff40, 0xff60ff40, 0x300c0140, 0x20080140 } },
	{ 0x80000006, 0, { 0x40802040, 0x60804040, 0x04006140, 0x0fe09140 } },
	{ 0x80000008, 0, { 0x00003030, 0x20000005, 0x00000000, 0x00000000 } },
	{ 0, 0, { 0, 0, 0, 0 } },
};

START_TEST(amd_zen5_vm)
{
	struct x86_caches c = describe(zen5, X86_CACHES_AMD, 0x1a, 1);

	check_cache(c.l1d, 0xc000, 12, 64);
	ck_assert_uint_eq(c.l1i.size, 0x8000);
	ck_assert_uint_eq(c.l1i.linesize, 64);
	check_cache(c.l2, 0x100000, 8, 64);
	check_cache(c.l3, 0x1fc00000, 0, 64);	/* code 9: no way count */
	ck_assert_uint_eq(c.data, 0xc000);
	/* The whole L3, and a quarter of it: one thread's share (2 MiB)
	 * is far below. */
	ck_assert_uint_eq(c.shared, 0x1fc00000);
	ck_assert_uint_eq(c.non_temporal, 0x7f00000);
	ck_assert_uint_eq(c.rep_movsb_stop, 0x100000);
}
END_TEST

START_TEST(amd_without_erms_keeps_thread_share)
{
	struct x86_caches c = describe(zen5, X86_CACHES_AMD, 0x1a, 0);

	ck_assert_uint_eq(c.shared, 0x1fc00000);
	ck_assert_uint_eq(c.non_temporal, 0x200000 * 3 / 4);
}
END_TEST

/* A Zen with 16 logical processors, all in one complex sharing a 32 MiB
 * L3 (0x8000001D subleaf 3: 16 threads): one thread's share is the
 * whole L3, and its three quarters beat a quarter of the L3. */
static const struct answer zen_ccx[] = {
	{ 1, 0, { 0x00a00f11, 0x00100800, 0, 1u << 28 } },
	{ 0x80000000, 0, { 0x80000021, 0, 0, 0 } },
	{ 0x80000006, 0, { 0, 0, 0x02006140, 0x01009040 } },
	{ 0x80000008, 0, { 0, 0, 0x0000700f, 0 } },
	{ 0x8000001d, 3, { 0x0003c163, 0x03c0003f, 0x00007fff, 1 } },
	{ 0, 0, { 0, 0, 0, 0 } },
};

START_TEST(amd_zen_threads_per_complex)
{
	struct x86_caches c = describe(zen_ccx, X86_CACHES_AMD, 0x19, 1);

	ck_assert_uint_eq(c.l3.size, 0x2000000);
	ck_assert_uint_eq(c.shared, 0x2000000);
	ck_assert_uint_eq(c.non_temporal, 0x2000000 * 3 / 4);
	ck_assert_uint_eq(c.rep_movsb_stop, 0x80000);
}
END_TEST

/* Before Zen (family 0x15): 16 threads from the APIC ID width, leaf 1
 * not consulted; the L2 (2 MiB, 16 ways) is exclusive of the 8 MiB
 * L3 (64 ways), so both sizes count it. */
static const struct answer bulldozer[] = {
	{ 1, 0, { 0x00600f20, 0x00080800, 0, 1u << 28 } },
	{ 0x80000000, 0, { 0x8000001e, 0, 0, 0 } },
	{ 0x80000006, 0, { 0, 0, 0x08008040, 0x0040c040 } },
	{ 0x80000008, 0, { 0, 0, 0x00004007, 0 } },
	{ 0, 0, { 0, 0, 0, 0 } },
};

START_TEST(amd_before_zen_adds_l2)
{
	struct x86_caches c = describe(bulldozer, X86_CACHES_AMD, 0x15, 1);

	check_cache(c.l2, 0x200000, 16, 64);
	check_cache(c.l3, 0x800000, 64, 64);
	ck_assert_uint_eq(c.shared, 0xa00000);
	ck_assert_uint_eq(c.non_temporal, 0x80000 + 0x200000);
}
END_TEST

/* No L3 (its associativity field 0): the L2 is all there is. */
static const struct answer amd_no_l3[] = {
	{ 0x80000000, 0, { 0x80000008, 0, 0, 0 } },
	{ 0x80000006, 0, { 0, 0, 0x02006140, 0x01000040 } },
	{ 0, 0, { 0, 0, 0, 0 } },
};

START_TEST(amd_without_l3)
{
	struct x86_caches c = describe(amd_no_l3, X86_CACHES_AMD, 0x17, 1);

	ck_assert_uint_eq(c.l3.size, 0);
	ck_assert_uint_eq(c.shared, 0x80000);
	ck_assert_uint_eq(c.non_temporal, 0x80000 * 3 / 4);
}
END_TEST

/* Leaf 4: 48 KiB L1 data, 32 KiB L1 instruction, 1.25 MiB L2, 36 MiB
 * L3 shared by 16 threads. */
static const struct answer leaf4[] = {
	{ 0, 0, { 0x00000016, 0x756e6547, 0x6c65746e, 0x49656e69 } },
	{ 4, 0, { 0x00004021, 0x02c0003f, 63, 0 } },
	{ 4, 1, { 0x00004022, 0x01c0003f, 63, 0 } },
	{ 4, 2, { 0x00004043, 0x04c0003f, 1023, 0 } },
	{ 4, 3, { 0x0003c063, 0x02c0003f, 49151, 0 } },
	{ 0, 0, { 0, 0, 0, 0 } },
};

START_TEST(leaf4_thread_share_plus_l2)
{
	struct x86_caches c = describe(leaf4, X86_CACHES_LEAF4, 6, 1);

	check_cache(c.l1d, 0xc000, 12, 64);
	ck_assert_uint_eq(c.l1i.size, 0x8000);
	check_cache(c.l2, 0x140000, 20, 64);
	check_cache(c.l3, 0x2400000, 12, 64);
	ck_assert_uint_eq(c.shared, 0x240000 + 0x140000);
	ck_assert_uint_eq(c.non_temporal, 0x380000 * 3 / 4);
	ck_assert_uint_eq(c.rep_movsb_stop, c.non_temporal);
}
END_TEST

START_TEST(leaf4_missing)
{
	static const struct answer old[] = {
		{ 0, 0, { 2, 0x756e6547, 0x6c65746e, 0x49656e69 } },
		{ 0, 0, { 0, 0, 0, 0 } },
	};
	struct x86_caches c;

	answers = old;
	ck_assert_int_eq(x86_caches_describe(X86_CACHES_LEAF4, 6, 1, replay,
					     &c),
			 0);
	ck_assert_uint_eq(c.shared, 0);
}
END_TEST

static Suite *cacheinfo_suite(void)
{
	Suite *s = suite_create("cacheinfo");
	TCase *amd = tcase_create("amd");
	TCase *intel = tcase_create("leaf4");

	tcase_add_test(amd, amd_zen5_vm);
	tcase_add_test(amd, amd_without_erms_keeps_thread_share);
	tcase_add_test(amd, amd_zen_threads_per_complex);
	tcase_add_test(amd, amd_before_zen_adds_l2);
	tcase_add_test(amd, amd_without_l3);
	suite_add_tcase(s, amd);
	tcase_add_test(intel, leaf4_thread_share_plus_l2);
	tcase_add_test(intel, leaf4_missing);
	suite_add_tcase(s, intel);
	return s;
}

UNIT_TEST_MAIN(cacheinfo_suite)
