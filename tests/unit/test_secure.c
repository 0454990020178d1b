/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for loader/secure.c: what secure mode (AT_SECURE) ignores
 * in the environment, and which LD_PRELOAD entries it keeps.  The
 * end-to-end behaviour, with a real set-user-ID program, is checked by
 * tests/secure_mode.py.
 */
#include <check.h>

#include "secure.h"

START_TEST(search_and_debug_variables_are_ignored)
{
	ck_assert_int_eq(secure_ignores_variable("LD_LIBRARY_PATH=/tmp"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_LIBRARY_PATH="), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUG=all"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUG_OUTPUT=/tmp/x"),
			 1);
	ck_assert_int_eq(secure_ignores_variable("LD_SHOW_AUXV=1"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_PROFILE=libc.so.6"), 1);
}
END_TEST

START_TEST(harmless_variables_are_kept)
{
	/* LD_BIND_NOW only changes when binding happens; LD_PRELOAD is
	 * filtered per entry, not dropped whole. */
	ck_assert_int_eq(secure_ignores_variable("LD_BIND_NOW=1"), 0);
	ck_assert_int_eq(secure_ignores_variable("LD_PRELOAD=libfoo.so"), 0);
	ck_assert_int_eq(
		secure_ignores_variable("LD_TRACE_LOADED_OBJECTS=1"), 0);
	ck_assert_int_eq(secure_ignores_variable("PATH=/bin"), 0);
}
END_TEST

START_TEST(prefixes_must_match_the_whole_name)
{
	/* LD_DEBUGGER is not LD_DEBUG, and a name without '=' is no
	 * assignment of it. */
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUGGER=1"), 0);
	ck_assert_int_eq(secure_ignores_variable("LD_LIBRARY_PATHS=x"), 0);
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUG"), 0);
}
END_TEST

START_TEST(preload_keeps_plain_names_only)
{
	ck_assert_int_eq(secure_preload_allowed("libfoo.so"), 1);
	ck_assert_int_eq(secure_preload_allowed("/tmp/libevil.so"), 0);
	ck_assert_int_eq(secure_preload_allowed("./libevil.so"), 0);
	ck_assert_int_eq(secure_preload_allowed("sub/libx.so"), 0);
	ck_assert_int_eq(secure_preload_allowed(""), 0);
}
END_TEST

static Suite *secure_suite(void)
{
	Suite *s = suite_create("secure");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, search_and_debug_variables_are_ignored);
	tcase_add_test(tc, harmless_variables_are_kept);
	tcase_add_test(tc, prefixes_must_match_the_whole_name);
	tcase_add_test(tc, preload_keeps_plain_names_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(secure_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
