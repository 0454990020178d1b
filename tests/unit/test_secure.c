/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for loader/secure.c: what secure mode (AT_SECURE) ignores
 * in the environment, and which LD_PRELOAD entries it keeps.  The
 * end-to-end behaviour, with a real set-user-ID program, is checked by
 * tests/secure_mode.py.
 */
#include <string.h>

#include "harness.h"
#include "secure.h"

START_TEST(search_and_debug_variables_are_ignored)
{
	ck_assert_int_eq(secure_ignores_variable("LD_LIBRARY_PATH=/tmp"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_LIBRARY_PATH="), 1);
	/* LD_DEBUG itself is read: /etc/suid-debug decides (rtld.c). */
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUG=all"), 0);
	ck_assert_int_eq(secure_ignores_variable("LD_DEBUG_OUTPUT=/tmp/x"),
			 1);
	ck_assert_int_eq(secure_ignores_variable("LD_SHOW_AUXV=1"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_ORIGIN_PATH=/x"), 1);
	ck_assert_int_eq(secure_ignores_variable("LD_DYNAMIC_WEAK=1"), 1);
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

START_TEST(preload_names_must_fit_a_file_name)
{
	char name[SECURE_NAME_LIMIT + 1];

	memset(name, 'a', sizeof(name));
	name[SECURE_NAME_LIMIT - 1] = '\0';	/* 254 bytes */
	ck_assert_int_eq(secure_preload_allowed(name), 1);
	name[SECURE_NAME_LIMIT - 1] = 'a';
	name[SECURE_NAME_LIMIT] = '\0';	/* 255 bytes */
	ck_assert_int_eq(secure_preload_allowed(name), 0);
}
END_TEST

START_TEST(unsecure_list_is_glibcs)
{
	static const char *const unsafe[] = {
		"GCONV_PATH=/x", "GETCONF_DIR=/x", "HOSTALIASES=/x",
		"LD_AUDIT=a.so", "LD_DEBUG=all", "LD_DEBUG_OUTPUT=/x",
		"LD_DYNAMIC_WEAK=1", "LD_HWCAP_MASK=0", "LD_LIBRARY_PATH=/x",
		"LD_ORIGIN_PATH=/x", "LD_PRELOAD=/x.so", "LD_PROFILE=x",
		"LD_SHOW_AUXV=1", "LOCALDOMAIN=x", "LOCPATH=/x",
		"MALLOC_TRACE=/x", "NIS_PATH=x", "NLSPATH=/x",
		"RESOLV_HOST_CONF=/x", "RES_OPTIONS=x", "TMPDIR=/x",
		"TZDIR=/x", "TZDIR=",
	};
	static const char *const kept[] = {
		"PATH=/bin", "TZ=UTC", "LANG=C", "LD_BIND_NOW=1",
		"LD_TRACE_LOADED_OBJECTS=1", "MALLOC_CHECK_=3",
		"MALLOC_ARENA_MAX=1", "GLIBC_TUNABLES=x", "TMPDIRX=/x",
		"TZDIR", "LD_PRELOADX=1", "HOME=/root",
	};

	for (size_t i = 0; i < sizeof(unsafe) / sizeof(*unsafe); i++)
		ck_assert_msg(secure_unsafe_variable(unsafe[i]), "%s",
			      unsafe[i]);
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
		ck_assert_msg(!secure_unsafe_variable(kept[i]), "%s", kept[i]);
}
END_TEST

static int drop_unsafe(const char *var, void *ctx)
{
	(void)ctx;
	return secure_unsafe_variable(var);
}

START_TEST(removal_keeps_order_and_ends_with_nulls)
{
	char *env[] = { "TZDIR=/a", "A=1", "LD_PRELOAD=/e.so", "B=2",
			"TZDIR=/b", "C=3", NULL, (char *)"auxv" };

	ck_assert_uint_eq(secure_remove_variables(env, drop_unsafe, NULL), 3);
	ck_assert_str_eq(env[0], "A=1");
	ck_assert_str_eq(env[1], "B=2");
	ck_assert_str_eq(env[2], "C=3");
	for (int i = 3; i <= 6; i++)
		ck_assert_ptr_null(env[i]);
	/* Nothing past the terminator is touched (the auxv lies there). */
	ck_assert_str_eq(env[7], "auxv");
}
END_TEST

/* Keeps the tunables whose name starts with "ok." */
static int keep_ok(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	return len >= 3 && !memcmp(name, "ok.", 3);
}

static const char *filtered(const char *value)
{
	static char out[256];

	secure_filter_tunables(value, out, keep_ok, NULL);
	return out;
}

START_TEST(tunables_keep_only_accepted_settings)
{
	ck_assert_str_eq(filtered("ok.a=1:bad.b=2:ok.c=3"), "ok.a=1:ok.c=3");
	ck_assert_str_eq(filtered("bad.b=2"), "");
	ck_assert_str_eq(filtered(""), "");
	/* No '=': dropped, the rest goes on. */
	ck_assert_str_eq(filtered("ok.x:ok.a=1"), "ok.a=1");
	ck_assert_str_eq(filtered("ok.a=1:ok.y"), "ok.a=1");
	/* A value runs to the next ':' and may hold '='. */
	ck_assert_str_eq(filtered("ok.a=bad.b=2:bad.c=ok.d=4"), "ok.a=bad.b=2");
	/* Empty values and elements. */
	ck_assert_str_eq(filtered("ok.a=::ok.b="), "ok.a=:ok.b=");
}
END_TEST

START_TEST(closed_standard_fds_get_glibcs_devices)
{
	struct secure_fd_plan p = secure_standard_fd_plan(0);

	ck_assert_str_eq(p.path, "/dev/full");
	ck_assert_int_eq(p.write_only, 1);
	ck_assert_uint_eq(p.rdev_major, 1);
	ck_assert_uint_eq(p.rdev_minor, 7);
	for (int fd = 1; fd <= 2; fd++) {
		p = secure_standard_fd_plan(fd);
		ck_assert_str_eq(p.path, "/dev/null");
		ck_assert_int_eq(p.write_only, 0);
		ck_assert_uint_eq(p.rdev_major, 1);
		ck_assert_uint_eq(p.rdev_minor, 3);
	}
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
	tcase_add_test(tc, preload_names_must_fit_a_file_name);
	tcase_add_test(tc, unsecure_list_is_glibcs);
	tcase_add_test(tc, removal_keeps_order_and_ends_with_nulls);
	tcase_add_test(tc, tunables_keep_only_accepted_settings);
	tcase_add_test(tc, closed_standard_fds_get_glibcs_devices);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_TEST_MAIN(secure_suite)
