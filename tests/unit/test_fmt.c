/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_fmt.c - myld's formatter (loader/lib.c) against the C
 * library's printf, for every directive loader/ and arch/ use, and its
 * streaming sink.
 *
 * format_directives.h is generated at build time by
 * list_format_directives.py from the sources: a directive added to any
 * diag_printf, diag_fail, trace_printf... call is tested here without
 * anyone writing a line, and one the formatter gets wrong, or one whose
 * conversion this file cannot feed, fails the test by name.
 */
#include <check.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib.h"

/* snprintf with a format string read from a table. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"

struct used_directive {
	const char *text;
	const char *where;
};

static const struct used_directive used[] = {
#include "format_directives.h"
};

static const char *const strings[] = {
	"", "a", "ab", "libselinux.so.1",
	"a name longer than any field width loader/ uses: 0123456789",
};
static const long long signed_values[] = {
	0, 1, -1, 42, -42, 232, -232, INT_MIN, INT_MAX, LLONG_MIN, LLONG_MAX,
};
static const unsigned long long unsigned_values[] = {
	0, 1, 42, 0xdeadbeef, UINT_MAX, 0x7f00dead1000ull, ULLONG_MAX,
};
/* Not NULL: the C library prints "(nil)" for it. */
static const uintptr_t pointers[] = { 0x10, 0x7f00dead1000ull, 0x400000 };
static const int precisions[] = { 0, 2, 5, 100 };

/* Compare one formatting of DIRECTIVE (from WHERE) by both. */
#define SAME(directive, where, ...)                                          \
	do {                                                                 \
		char mine[512], libc[512];                                   \
		int n = fmt_format(mine, sizeof(mine), directive,            \
				   __VA_ARGS__);                             \
		int m = snprintf(libc, sizeof(libc), directive,              \
				 __VA_ARGS__);                               \
		ck_assert_msg(n == m && strcmp(mine, libc) == 0,             \
			      "%s (used at %s): myld printed \"%s\" (%d), "  \
			      "printf \"%s\" (%d)",                          \
			      directive, where, mine, n, libc, m);           \
	} while (0)

/* The length modifier and conversion of TEXT (e.g. "%-22s": "", 's'). */
static char conversion_of(const char *text, int *longs, int *star)
{
	const char *end = text + strlen(text) - 1;

	*longs = 0;
	*star = strchr(text, '*') != NULL;
	for (const char *c = text + 1; c < end; c++)
		if (*c == 'l' || *c == 'z')
			(*longs)++;
	return *end;
}

static void check_directive(const struct used_directive *u)
{
	int longs, star;
	char conv = conversion_of(u->text, &longs, &star);
	size_t i, k;

	switch (conv) {
	case 's':
		for (i = 0; i < ARRAY_SIZE(strings); i++) {
			if (!star) {
				SAME(u->text, u->where, strings[i]);
				continue;
			}
			for (k = 0; k < ARRAY_SIZE(precisions); k++)
				SAME(u->text, u->where, precisions[k],
				     strings[i]);
		}
		break;
	case 'd':
	case 'i':
		for (i = 0; i < ARRAY_SIZE(signed_values); i++) {
			if (longs)
				SAME(u->text, u->where,
				     (long)signed_values[i]);
			else
				SAME(u->text, u->where,
				     (int)signed_values[i]);
		}
		break;
	case 'u':
	case 'x':
		for (i = 0; i < ARRAY_SIZE(unsigned_values); i++) {
			if (longs)
				SAME(u->text, u->where,
				     (unsigned long)unsigned_values[i]);
			else
				SAME(u->text, u->where,
				     (unsigned)unsigned_values[i]);
		}
		break;
	case 'p':
		for (i = 0; i < ARRAY_SIZE(pointers); i++)
			SAME(u->text, u->where, (void *)pointers[i]);
		break;
	case 'c':
		SAME(u->text, u->where, 'x');
		break;
	case '%':
		SAME(u->text, u->where, 0);
		break;
	default:
		ck_abort_msg("%s (used at %s): a conversion this test cannot "
			     "feed; teach it, and the formatter, first",
			     u->text, u->where);
	}
	ck_assert_msg(!star || conv == 's',
		      "%s (used at %s): '*' only tested for %%s", u->text,
		      u->where);
}

START_TEST(every_directive_loader_uses_prints_as_printf_does)
{
	ck_assert_int_ge(ARRAY_SIZE(used), 10);
	for (size_t i = 0; i < ARRAY_SIZE(used); i++)
		check_directive(&used[i]);
}
END_TEST

/* The flags the issue found missing, and their neighbours, by hand. */
START_TEST(plus_and_space_flags)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "TP%+ld, %lu bytes", -232L, 40UL);
	ck_assert_str_eq(buf, "TP-232, 40 bytes");
	fmt_format(buf, sizeof(buf), "TP%+ld", 16L);
	ck_assert_str_eq(buf, "TP+16");
	fmt_format(buf, sizeof(buf), "[% d] [% d] [%+d]", 5, -5, 0);
	ck_assert_str_eq(buf, "[ 5] [-5] [+0]");
	fmt_format(buf, sizeof(buf), "[%+05d] [%+5d]", 42, 42);
	ck_assert_str_eq(buf, "[+0042] [  +42]");
	fmt_format(buf, sizeof(buf), "[%#lx] [%#8lx] [%#-6lx|", 1UL, 0xabUL,
		   0xcUL);
	ck_assert_str_eq(buf, "[0x1] [    0xab] [0xc   |");
}
END_TEST

START_TEST(precision_digits_for_strings)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "[%.3s] [%.0s] [%.10s]", "abcdef", "x",
		   "ab");
	ck_assert_str_eq(buf, "[abc] [] [ab]");
	fmt_format(buf, sizeof(buf), "[%8.3s] [%-6.2s]", "abcdef", "xyz");
	ck_assert_str_eq(buf, "[     abc] [xy    ]");
}
END_TEST

/* ---- the sink: output of any length, in chunks ---- */

struct collected {
	char text[20000];
	size_t len;
	int drains;
	size_t largest;
};

static void collect(struct fmt_sink *sink)
{
	struct collected *c = sink->context;

	ck_assert_uint_le(c->len + sink->len, sizeof(c->text));
	memcpy(c->text + c->len, sink->buf, sink->len);
	c->len += sink->len;
	c->drains++;
	if (sink->len > c->largest)
		c->largest = sink->len;
}

static size_t sink_printf(struct fmt_sink *sink, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsink(sink, fmt, ap);
	va_end(ap);
	return n;
}

START_TEST(sink_streams_long_output_whole)
{
	static struct collected c;
	char buf[16];
	struct fmt_sink sink = { buf, sizeof(buf), 0, 0, collect, &c };
	char long_name[3001], expect[20000];

	memset(&c, 0, sizeof(c));
	memset(long_name, 'n', 3000);
	long_name[3000] = '\0';
	size_t n = sink_printf(&sink, "file=%s [%d]; %+ld %#lx|%-40s|",
			       long_name, 7, -232L, 0xabcUL, "end");
	size_t m = sink_printf(&sink, "%s", "second call\n");
	fmt_sink_flush(&sink);
	int e = snprintf(expect, sizeof(expect),
			 "file=%s [%d]; %+ld %#lx|%-40s|second call\n",
			 long_name, 7, -232L, 0xabcUL, "end");

	ck_assert_uint_eq(n + m, (size_t)e);
	ck_assert_uint_eq(c.len, (size_t)e);
	ck_assert(memcmp(c.text, expect, c.len) == 0);
	/* In pieces no larger than the buffer (one byte kept for a NUL). */
	ck_assert_int_ge(c.drains, (int)(e / 15));
	ck_assert_uint_le(c.largest, sizeof(buf) - 1);
	ck_assert_uint_eq(sink.total, (size_t)e);
}
END_TEST

START_TEST(sink_flush_of_empty_sink_drains_nothing)
{
	static struct collected c;
	char buf[8];
	struct fmt_sink sink = { buf, sizeof(buf), 0, 0, collect, &c };

	memset(&c, 0, sizeof(c));
	fmt_sink_flush(&sink);
	ck_assert_int_eq(c.drains, 0);
	sink_printf(&sink, "%s", "");
	fmt_sink_flush(&sink);
	ck_assert_int_eq(c.drains, 0);
	sink_printf(&sink, "%d", 1234567);	/* exactly a full buffer */
	fmt_sink_flush(&sink);
	ck_assert_uint_eq(c.len, 7);
	ck_assert(memcmp(c.text, "1234567", 7) == 0);
}
END_TEST

/* Without a drain, a sink is snprintf: what does not fit is counted. */
START_TEST(sink_without_drain_truncates_and_counts)
{
	char buf[8];
	struct fmt_sink sink = { buf, sizeof(buf), 0, 0, NULL, NULL };

	ck_assert_uint_eq(sink_printf(&sink, "%s", "0123456789"), 10);
	ck_assert_str_eq(buf, "0123456");
	ck_assert_uint_eq(sink.total, 10);
}
END_TEST

static Suite *fmt_suite(void)
{
	Suite *s = suite_create("fmt");
	TCase *t = tcase_create("fmt");

	tcase_add_test(t, every_directive_loader_uses_prints_as_printf_does);
	tcase_add_test(t, plus_and_space_flags);
	tcase_add_test(t, precision_digits_for_strings);
	tcase_add_test(t, sink_streams_long_output_whole);
	tcase_add_test(t, sink_flush_of_empty_sink_drains_nothing);
	tcase_add_test(t, sink_without_drain_truncates_and_counts);
	suite_add_tcase(s, t);
	return s;
}

UNIT_TEST_MAIN(fmt_suite)
