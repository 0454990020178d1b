/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_hwcaps.c - the order of hwcaps subdirectories
 * (loader/hwcaps.c): glibc-hwcaps names with --glibc-hwcaps-prepend and
 * -mask, and the legacy power set glibc 2.36 builds.  The expected lists
 * are what glibc 2.36's LD_DEBUG=libs shows on x86-64 (AMD: x86_64 and
 * the platform x86_64; Intel Haswell or later: x86_64 and haswell) and
 * on aarch64 with LSE atomics.
 */
#include <stdint.h>

#include "harness.h"
#include "hwcaps.h"
#include "lib.h"

static void check_legacy(const char *const *names, size_t count,
			 const char *want)
{
	char out[512];

	ck_assert_int_eq(hwcaps_legacy_list(names, count, out, sizeof(out)),
			 (long)strlen(want));
	ck_assert_str_eq(out, want);
}

START_TEST(legacy_tls_alone)
{
	check_legacy(NULL, 0, "tls");
}
END_TEST

START_TEST(legacy_x86_64_amd)
{
	/* The capability "x86_64", then AT_PLATFORM's "x86_64": each
	 * subset appears, so some directories twice, as in glibc. */
	static const char *const names[] = { "x86_64", "x86_64" };

	check_legacy(names, 2,
		     "tls/x86_64/x86_64:tls/x86_64:tls/x86_64:tls:"
		     "x86_64/x86_64:x86_64:x86_64");
}
END_TEST

START_TEST(legacy_x86_64_intel_avx512)
{
	static const char *const names[] = { "x86_64", "avx512_1",
					      "haswell" };

	check_legacy(names, 3,
		     "tls/haswell/avx512_1/x86_64:tls/haswell/avx512_1:"
		     "tls/haswell/x86_64:tls/haswell:"
		     "tls/avx512_1/x86_64:tls/avx512_1:tls/x86_64:tls:"
		     "haswell/avx512_1/x86_64:haswell/avx512_1:"
		     "haswell/x86_64:haswell:avx512_1/x86_64:avx512_1:"
		     "x86_64");
}
END_TEST

START_TEST(legacy_aarch64)
{
	static const char *const names[] = { "atomics", "aarch64" };

	check_legacy(names, 2,
		     "tls/aarch64/atomics:tls/aarch64:tls/atomics:tls:"
		     "aarch64/atomics:aarch64:atomics");
}
END_TEST

START_TEST(legacy_too_small_or_too_many)
{
	static const char *const names[] = { "a", "b", "c", "d", "e" };
	char out[8];

	ck_assert_int_eq(hwcaps_legacy_list(names, 2, out, sizeof(out)), -1);
	ck_assert_int_eq(hwcaps_legacy_list(names, 5, out, sizeof(out)), -1);
	ck_assert_int_eq(hwcaps_legacy_list(names, 0, out, 0), -1);
}
END_TEST

START_TEST(build_prepend_then_active_masked)
{
	char out[128];
	const char *builtin = "x86-64-v4:x86-64-v3:x86-64-v2";

	/* v3 and v2 active (bits 1 and 2), the mask keeps v2 only. */
	ck_assert_int_eq(hwcaps_build_list("mine::", builtin, 0x6,
					   "x86-64-v2", out, sizeof(out)),
			 14);
	ck_assert_str_eq(out, "mine:x86-64-v2");
	ck_assert_int_eq(hwcaps_build_list(NULL, builtin, 0x6, NULL, out,
					   sizeof(out)),
			 19);
	ck_assert_str_eq(out, "x86-64-v3:x86-64-v2");
	/* An empty mask names nothing. */
	ck_assert_int_eq(hwcaps_build_list(NULL, builtin, 0x7, "", out,
					   sizeof(out)),
			 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(hwcaps_build_list(NULL, builtin, 0x7, NULL, out, 10),
			 -1);
}
END_TEST

static Suite *hwcaps_suite(void)
{
	Suite *s = suite_create("hwcaps");
	TCase *legacy = tcase_create("legacy");
	TCase *build = tcase_create("glibc-hwcaps");

	tcase_add_test(legacy, legacy_tls_alone);
	tcase_add_test(legacy, legacy_x86_64_amd);
	tcase_add_test(legacy, legacy_x86_64_intel_avx512);
	tcase_add_test(legacy, legacy_aarch64);
	tcase_add_test(legacy, legacy_too_small_or_too_many);
	suite_add_tcase(s, legacy);
	tcase_add_test(build, build_prepend_then_active_masked);
	suite_add_tcase(s, build);
	return s;
}

UNIT_TEST_MAIN(hwcaps_suite)
