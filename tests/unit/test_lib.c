/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_lib.c - the formatter and string functions of loader/lib.c.
 *
 * Every expectation is written out by hand (what C's printf would print,
 * or the ordering the C standard requires); none is taken from lib.c.
 */
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "lib.h"

/* A buffer with a canary byte after it, to catch writes past SIZE. */
#define CANARY '\x5a'

static void fill(char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = CANARY;
}

/* ---- fmt_format: conversions ---- */

START_TEST(fmt_string_and_null_string)
{
	char buf[64];
	const char *volatile null_string = NULL;	/* hidden from -Wformat */

	ck_assert_int_eq(fmt_format(buf, sizeof(buf), "[%s]", "hello"), 7);
	ck_assert_str_eq(buf, "[hello]");
	ck_assert_int_eq(fmt_format(buf, sizeof(buf), "%s", null_string), 6);
	ck_assert_str_eq(buf, "(null)");
	ck_assert_int_eq(fmt_format(buf, sizeof(buf), "%s", ""), 0);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(fmt_signed_decimal)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "%d %d %d", 0, 42, -42);
	ck_assert_str_eq(buf, "0 42 -42");
	fmt_format(buf, sizeof(buf), "%d", INT32_MIN);
	ck_assert_str_eq(buf, "-2147483648");
	fmt_format(buf, sizeof(buf), "%i", INT32_MAX);
	ck_assert_str_eq(buf, "2147483647");
	fmt_format(buf, sizeof(buf), "%ld", (long)INT64_MIN);
	ck_assert_str_eq(buf, "-9223372036854775808");
	fmt_format(buf, sizeof(buf), "%lld", -1234567890123ll);
	ck_assert_str_eq(buf, "-1234567890123");
}
END_TEST

START_TEST(fmt_unsigned_decimal)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "%u", 4294967295u);
	ck_assert_str_eq(buf, "4294967295");
	fmt_format(buf, sizeof(buf), "%lu", (unsigned long)UINT64_MAX);
	ck_assert_str_eq(buf, "18446744073709551615");
	fmt_format(buf, sizeof(buf), "%zu", (size_t)123456789012ull);
	ck_assert_str_eq(buf, "123456789012");
}
END_TEST

START_TEST(fmt_hex)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "%x", 0xdeadbeefu);
	ck_assert_str_eq(buf, "deadbeef");
	fmt_format(buf, sizeof(buf), "%x", 0u);
	ck_assert_str_eq(buf, "0");
	fmt_format(buf, sizeof(buf), "%lx", 0x123456789abcdef0ul);
	ck_assert_str_eq(buf, "123456789abcdef0");
	fmt_format(buf, sizeof(buf), "%016lx", 0xabcul);
	ck_assert_str_eq(buf, "0000000000000abc");
	/* A value wider than the field is not cut. */
	fmt_format(buf, sizeof(buf), "%04x", 0x123456u);
	ck_assert_str_eq(buf, "123456");
}
END_TEST

START_TEST(fmt_width_and_zero_pad_with_sign)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "[%5d]", 42);
	ck_assert_str_eq(buf, "[   42]");
	fmt_format(buf, sizeof(buf), "[%5d]", -42);
	ck_assert_str_eq(buf, "[  -42]");
	/* printf puts the sign before the zeros. */
	fmt_format(buf, sizeof(buf), "[%05d]", -42);
	ck_assert_str_eq(buf, "[-0042]");
	fmt_format(buf, sizeof(buf), "[%6s]", "ab");
	ck_assert_str_eq(buf, "[    ab]");
}
END_TEST

START_TEST(fmt_pointer)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "%p", (void *)0x7f00dead1000ul);
	ck_assert_str_eq(buf, "0x7f00dead1000");
	fmt_format(buf, sizeof(buf), "%p", (void *)0x10);
	ck_assert_str_eq(buf, "0x10");
}
END_TEST

START_TEST(fmt_percent_and_char)
{
	char buf[64];

	ck_assert_int_eq(fmt_format(buf, sizeof(buf), "100%% %c", 'x'), 6);
	ck_assert_str_eq(buf, "100% x");
}
END_TEST

START_TEST(fmt_precision_star_limits_string)
{
	char buf[64];

	fmt_format(buf, sizeof(buf), "[%.*s]", 3, "abcdef");
	ck_assert_str_eq(buf, "[abc]");
	/* A precision beyond the string's length prints all of it. */
	fmt_format(buf, sizeof(buf), "[%.*s]", 10, "abc");
	ck_assert_str_eq(buf, "[abc]");
	fmt_format(buf, sizeof(buf), "[%.*s]", 0, "abc");
	ck_assert_str_eq(buf, "[]");
	/* The string is not read past the precision: no NUL is needed. */
	static const char unterminated[4] = { 'w', 'x', 'y', 'z' };
	fmt_format(buf, sizeof(buf), "[%.*s]", 2, unterminated);
	ck_assert_str_eq(buf, "[wx]");
}
END_TEST

START_TEST(fmt_mixed_arguments_stay_in_step)
{
	char buf[128];

	/* A 64-bit argument between 32-bit ones must not shift the rest. */
	fmt_format(buf, sizeof(buf), "%s:%d:%lx:%u:%s", "a", -1,
		   0x1122334455667788ul, 7u, "z");
	ck_assert_str_eq(buf, "a:-1:1122334455667788:7:z");
}
END_TEST

/* ---- fmt_format: truncation ---- */

START_TEST(fmt_truncation_returns_full_length)
{
	char buf[9];

	fill(buf, sizeof(buf));
	ck_assert_int_eq(fmt_format(buf, 8, "hello %s", "world"), 11);
	ck_assert_str_eq(buf, "hello w");
	ck_assert_int_eq(buf[8], CANARY);	/* nothing past SIZE */
}
END_TEST

START_TEST(fmt_truncation_inside_number)
{
	char buf[4];

	ck_assert_int_eq(fmt_format(buf, sizeof(buf), "%d", 123456), 6);
	ck_assert_str_eq(buf, "123");
}
END_TEST

START_TEST(fmt_exact_fit_and_one_short)
{
	char buf[8];

	ck_assert_int_eq(fmt_format(buf, 6, "%s", "abcde"), 5);
	ck_assert_str_eq(buf, "abcde");
	ck_assert_int_eq(fmt_format(buf, 5, "%s", "abcde"), 5);
	ck_assert_str_eq(buf, "abcd");
}
END_TEST

START_TEST(fmt_size_one_gives_empty_string)
{
	char buf[2];

	fill(buf, sizeof(buf));
	ck_assert_int_eq(fmt_format(buf, 1, "abc"), 3);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], CANARY);
}
END_TEST

START_TEST(fmt_size_zero_writes_nothing)
{
	char buf[1];

	fill(buf, sizeof(buf));
	ck_assert_int_eq(fmt_format(buf, 0, "%s-%d", "abc", 12), 6);
	ck_assert_int_eq(buf[0], CANARY);
}
END_TEST

/* ---- string functions ---- */

START_TEST(strcmp_orders_as_unsigned_bytes)
{
	ck_assert_int_eq(strcmp("abc", "abc"), 0);
	ck_assert_int_eq(strcmp("", ""), 0);
	ck_assert_int_lt(strcmp("abc", "abd"), 0);
	ck_assert_int_gt(strcmp("abd", "abc"), 0);
	ck_assert_int_lt(strcmp("ab", "abc"), 0);	/* prefix first */
	ck_assert_int_gt(strcmp("abc", "ab"), 0);
	/* Bytes compare as unsigned char: 0xff sorts after 'a'. */
	ck_assert_int_gt(strcmp("\xff", "a"), 0);
	ck_assert_int_lt(strcmp("a", "\xff"), 0);
}
END_TEST

START_TEST(strncmp_stops_at_n_and_at_nul)
{
	ck_assert_int_eq(strncmp("abcdef", "abcxyz", 3), 0);
	ck_assert_int_lt(strncmp("abcdef", "abcxyz", 4), 0);
	ck_assert_int_eq(strncmp("abc", "xyz", 0), 0);
	/* Equal strings shorter than N: the NUL ends the comparison. */
	ck_assert_int_eq(strncmp("ab\0x", "ab\0y", 10), 0);
	ck_assert_int_lt(strncmp("ab", "abc", 10), 0);
	ck_assert_int_gt(strncmp("\x80", "\x7f", 1), 0);
}
END_TEST

START_TEST(memmove_overlap_forward)
{
	char buf[] = "abcdefgh";

	ck_assert_ptr_eq(memmove(buf + 2, buf, 5), buf + 2);
	ck_assert_str_eq(buf, "ababcdeh");
}
END_TEST

START_TEST(memmove_overlap_backward)
{
	char buf[] = "abcdefgh";

	ck_assert_ptr_eq(memmove(buf, buf + 2, 5), buf);
	ck_assert_str_eq(buf, "cdefgfgh");
}
END_TEST

START_TEST(memcpy_memset_memcmp)
{
	char a[8], b[8];

	ck_assert_ptr_eq(memset(a, 'q', 7), a);
	a[7] = '\0';
	ck_assert_str_eq(a, "qqqqqqq");
	ck_assert_ptr_eq(memcpy(b, "0123456", 8), b);
	ck_assert_str_eq(b, "0123456");
	ck_assert_int_eq(memcmp("abc", "abd", 2), 0);
	ck_assert_int_lt(memcmp("abc", "abd", 3), 0);
	ck_assert_int_gt(memcmp("\xff", "\x01", 1), 0);	/* unsigned */
}
END_TEST

/* Every size up to 80 bytes at every alignment, against byte loops. */
START_TEST(memcpy_memset_memmove_sizes_and_alignments)
{
	unsigned char src[128], dst[128], want[128];

	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 3);
	for (size_t so = 0; so < 8; so++)
		for (size_t doff = 0; doff < 8; doff++)
			for (size_t n = 0; n <= 80; n++) {
				memset(dst, 0xee, sizeof(dst));
				for (size_t i = 0; i < sizeof(want); i++)
					want[i] = 0xee;
				for (size_t i = 0; i < n; i++)
					want[doff + i] = src[so + i];
				ck_assert_ptr_eq(memcpy(dst + doff, src + so, n),
						 dst + doff);
				ck_assert_int_eq(memcmp(dst, want, sizeof(dst)), 0);

				for (size_t i = 0; i < n; i++)
					want[doff + i] = (unsigned char)(n + 1);
				ck_assert_ptr_eq(memset(dst + doff, (int)(n + 1) | 0x100,
							n), dst + doff);
				ck_assert_int_eq(memcmp(dst, want, sizeof(dst)), 0);
			}
	/* memmove within one buffer, both directions, all distances (the
	 * buffer aligned, so that equal alignments take the word paths,
	 * blocks of four words among them). */
	for (size_t from = 0; from < 24; from++)
		for (size_t to = 0; to < 24; to++)
			for (size_t n = 0; n <= 80; n++) {
				unsigned char buf[128] __attribute__((aligned(16)));
				unsigned char ref[128];

				for (size_t i = 0; i < sizeof(buf); i++)
					buf[i] = ref[i] = (unsigned char)(i * 5 + 1);
				for (size_t i = 0; i < n; i++)	/* via a copy */
					want[i] = ref[from + i];
				for (size_t i = 0; i < n; i++)
					ref[to + i] = want[i];
				ck_assert_ptr_eq(memmove(buf + to, buf + from, n),
						 buf + to);
				ck_assert_int_eq(memcmp(buf, ref, sizeof(buf)), 0);
			}
}
END_TEST

START_TEST(memchr_finds_within_n_only)
{
	static const char s[] = "hello\0world";

	ck_assert_ptr_eq(memchr(s, 'l', sizeof(s)), s + 2);
	ck_assert_ptr_eq(memchr(s, '\0', sizeof(s)), s + 5);
	ck_assert_ptr_eq(memchr(s, 'w', sizeof(s)), s + 6);	/* past a NUL */
	ck_assert_ptr_null(memchr(s, 'w', 6));
	ck_assert_ptr_null(memchr(s, 'z', sizeof(s)));
	ck_assert_ptr_null(memchr(s, 'h', 0));
	/* C converts to unsigned char: 0x1ff looks for 0xff. */
	static const unsigned char hi[] = { 1, 0xff, 2 };
	ck_assert_ptr_eq(memchr(hi, 0x1ff, 3), hi + 1);
}
END_TEST

START_TEST(strlen_strchr_strrchr)
{
	static const char s[] = "/usr/lib/x";

	ck_assert_uint_eq(strlen(""), 0);
	ck_assert_uint_eq(strlen(s), 10);
	ck_assert_ptr_eq(strchr(s, '/'), s);
	ck_assert_ptr_eq(strrchr(s, '/'), s + 8);
	ck_assert_ptr_eq(strchr(s, '\0'), s + 10);
	ck_assert_ptr_null(strchr(s, 'z'));
	ck_assert_ptr_null(strrchr(s, 'z'));
}
END_TEST

/*
 * The word-at-a-time scans against byte loops, at every alignment and
 * length up to a few words, with bytes chosen to fool a sloppy
 * zero-byte test: 0x80 and 0xff (bit 7 set), 0x01 just above a zero
 * (the borrow of the classic trick), and the sought byte next to them.
 * Each string sits at the very end of a heap block, so valgrind also
 * sees the reads of the word holding the terminator.
 */
static const char *ref_strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return last;
	}
}

START_TEST(string_scans_match_byte_loops)
{
	static const unsigned char alphabet[] = { 'a', '/', 0x80, 0xff, 0x01,
						  '.', 0x2e ^ 1, 0x7f };

	for (size_t len = 0; len < 40; len++)
		for (size_t off = 0; off < 8; off++)
			for (unsigned seed = 0; seed < 8; seed++) {
				char *block = malloc(off + len + 1);
				char *s = block + off;

				for (size_t i = 0; i < len; i++)
					s[i] = (char)alphabet[(i * 7 + seed * 3 +
							(i >> 2) * seed) % 8];
				s[len] = '\0';
				ck_assert_uint_eq(strlen(s), len);
				for (int k = 0; k < 8; k++) {
					int c = alphabet[k];
					const char *first = NULL;

					for (size_t i = 0; i < len && !first; i++)
						if (s[i] == (char)c)
							first = s + i;
					ck_assert_ptr_eq(strchr(s, c), first);
					ck_assert_ptr_eq(strrchr(s, c),
							 ref_strrchr(s, c));
					ck_assert_ptr_eq(memchr(s, c, len), first);
				}
				ck_assert_ptr_eq(strchr(s, 0), s + len);
				ck_assert_ptr_eq(strrchr(s, 0), s + len);
				ck_assert_ptr_eq(memchr(s, 0, len + 1), s + len);
				free(block);
			}
}
END_TEST

START_TEST(str_scan_name_examples)
{
	static const char path[] = "/usr/lib/libx.so", tok[] = "$ORIGIN/a$b";
	const char *slash, *dollar;

	ck_assert_uint_eq(str_scan_name(path, &slash, &dollar), 16);
	ck_assert_ptr_eq(slash, path + 8);
	ck_assert_ptr_null(dollar);
	ck_assert_uint_eq(str_scan_name(tok, &slash, &dollar), 11);
	ck_assert_ptr_eq(slash, tok + 7);
	ck_assert_ptr_eq(dollar, tok);
	ck_assert_uint_eq(str_scan_name("libc.so.6", &slash, &dollar), 9);
	ck_assert_ptr_null(slash);
	ck_assert_ptr_null(dollar);
	ck_assert_uint_eq(str_scan_name("", &slash, &dollar), 0);
	ck_assert_ptr_null(slash);
	ck_assert_ptr_null(dollar);
}
END_TEST

/*
 * str_scan_name against strlen, ref_strrchr and a byte loop for '$', in
 * the way of string_scans_match_byte_loops: '.' and '%' are '/' and '$'
 * with the low bit flipped.
 */
START_TEST(str_scan_name_matches_byte_loops)
{
	static const unsigned char alphabet[] = { 'a', '/', '$', 0x80, 0xff,
						  0x01, '.', '%' };

	for (size_t len = 0; len < 40; len++)
		for (size_t off = 0; off < 8; off++)
			for (unsigned seed = 0; seed < 16; seed++) {
				char *block = malloc(off + len + 1);
				char *s = block + off;
				const char *slash, *dollar, *first = NULL;

				for (size_t i = 0; i < len; i++)
					s[i] = (char)alphabet[(i * 5 + seed * 3 +
							(i >> 3) * seed) % 8];
				s[len] = '\0';
				for (size_t i = 0; i < len && !first; i++)
					if (s[i] == '$')
						first = s + i;
				ck_assert_uint_eq(str_scan_name(s, &slash,
								&dollar), len);
				ck_assert_ptr_eq(slash, ref_strrchr(s, '/'));
				ck_assert_ptr_eq(dollar, first);
				free(block);
			}
}
END_TEST

START_TEST(str_scan_list_name_examples)
{
	static const char list[] = "/a/b$c:/d e", spaced[] = "$ORIGIN/x y";
	const char *slash, *dollar;

	ck_assert_uint_eq(str_scan_list_name(list, &slash, &dollar), 6);
	ck_assert_ptr_eq(slash, list + 2);
	ck_assert_ptr_eq(dollar, list + 4);
	/* What follows the ':' or the space is the next name's. */
	ck_assert_uint_eq(str_scan_list_name(list + 7, &slash, &dollar), 2);
	ck_assert_ptr_eq(slash, list + 7);
	ck_assert_ptr_null(dollar);
	ck_assert_uint_eq(str_scan_list_name(spaced, &slash, &dollar), 9);
	ck_assert_ptr_eq(slash, spaced + 7);
	ck_assert_ptr_eq(dollar, spaced);
	ck_assert_uint_eq(str_scan_list_name(":/x", &slash, &dollar), 0);
	ck_assert_ptr_null(slash);
	ck_assert_ptr_null(dollar);
	ck_assert_uint_eq(str_scan_list_name("libc.so.6", &slash, &dollar), 9);
	ck_assert_ptr_null(slash);
	ck_assert_ptr_null(dollar);
}
END_TEST

/*
 * str_scan_list_name against byte loops, at every alignment and for
 * names of up to five words and more, with the last '/' anywhere
 * before, and ':', ' ', '$' or the NUL after it.  0x1a and 0xa0 are ':'
 * and ' ' with bit 5 or 7 flipped; 0x60 has bit 5 set as a space does.
 */
START_TEST(str_scan_list_name_matches_byte_loops)
{
	static const unsigned char alphabet[] = { 'a', '/', '$', 0x80, 0xff,
						  0x01, '.', '%', ':', ' ',
						  0x1a, 0xa0, 0x60, 'b', 'c',
						  'd' };

	for (size_t len = 0; len < 48; len++)
		for (size_t off = 0; off < 8; off++)
			for (unsigned seed = 0; seed < 32; seed++) {
				char *block = malloc(off + len + 1);
				char *s = block + off;
				const char *slash, *dollar;
				const char *want_slash = NULL, *want_dollar = NULL;
				size_t want_len = 0;

				/* Bytes before the name, in its first word,
				 * that it must not see. */
				memset(block, "/$: "[seed % 4], off);
				for (size_t i = 0; i < len; i++)
					s[i] = (char)alphabet[(i * 7 + seed * 5 +
							(i >> 3) * seed +
							(i * i >> 2)) % 16];
				s[len] = '\0';
				while (s[want_len] && s[want_len] != ':' &&
				       s[want_len] != ' ') {
					if (s[want_len] == '/')
						want_slash = s + want_len;
					if (s[want_len] == '$' && !want_dollar)
						want_dollar = s + want_len;
					want_len++;
				}
				ck_assert_uint_eq(str_scan_list_name(s, &slash,
								     &dollar),
						  want_len);
				ck_assert_ptr_eq(slash, want_slash);
				ck_assert_ptr_eq(dollar, want_dollar);
				free(block);
			}
}
END_TEST

/*
 * Paths of every length up to 80 at every alignment, with one '/' at
 * every place: the last '/' is found backwards from the end, over as
 * many words as it takes, down to the first.
 */
START_TEST(str_scan_name_finds_slash_far_back)
{
	for (size_t len = 1; len < 80; len++)
		for (size_t off = 0; off < 8; off++)
			for (size_t at = 0; at < len; at++) {
				char *block = malloc(off + len + 1);
				char *s = block + off;
				const char *slash, *dollar;

				memset(block, '/', off);
				memset(s, 'x', len);
				s[at] = '/';
				s[len] = '\0';
				ck_assert_uint_eq(str_scan_name(s, &slash,
								&dollar), len);
				ck_assert_ptr_eq(slash, s + at);
				ck_assert_ptr_null(dollar);
				s[len] = ':';
				ck_assert_uint_eq(str_scan_list_name(s, &slash,
								     &dollar),
						  len);
				ck_assert_ptr_eq(slash, s + at);
				free(block);
			}
}
END_TEST

START_TEST(str_span_until_stops_at_either_byte_or_nul)
{
	ck_assert_uint_eq(str_span_until("/a/b:/c d", ':', ' '), 4);
	ck_assert_uint_eq(str_span_until("/a/b /c:d", ':', ' '), 4);
	ck_assert_uint_eq(str_span_until("/a/b /c:d", ':', ':'), 7);
	ck_assert_uint_eq(str_span_until("/usr/lib", ':', ' '), 8);
	ck_assert_uint_eq(str_span_until(":x", ':', ' '), 0);
	ck_assert_uint_eq(str_span_until("", ':', ' '), 0);
}
END_TEST

/* str_span_until against a byte loop, in the way of the scans above
 * (0x3b and 0x21 are ':' and ' ' with the low bit flipped). */
START_TEST(str_span_until_matches_byte_loop)
{
	static const unsigned char alphabet[] = { 'a', ':', ' ', 0x80, 0xff,
						  0x01, 0x3b, 0x21 };

	for (size_t len = 0; len < 40; len++)
		for (size_t off = 0; off < 8; off++)
			for (unsigned seed = 0; seed < 16; seed++) {
				char *block = malloc(off + len + 1);
				char *s = block + off;
				size_t want = 0;

				for (size_t i = 0; i < len; i++)
					s[i] = (char)alphabet[(i * 3 + seed * 5 +
							(i >> 3) * seed) % 8];
				s[len] = '\0';
				while (s[want] && s[want] != ':' && s[want] != ' ')
					want++;
				ck_assert_uint_eq(str_span_until(s, ':', ' '),
						  want);
				free(block);
			}
}
END_TEST

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static int ref_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

/* memcmp's word loop and byte tail, at every alignment of both blocks
 * (heap blocks of exactly the bytes compared): equal blocks, and a
 * difference at every position, one way and the other, above 0x7f too,
 * with later bytes differing the other way (only the first counts). */
START_TEST(memcmp_matches_byte_loop)
{
	for (size_t len = 0; len < 28; len++)
		for (size_t oa = 0; oa < 8; oa++)
			for (size_t ob = 0; ob < 8; ob += 3) {
				unsigned char *ba = malloc(oa + len + 1);
				unsigned char *bb = malloc(ob + len + 1);
				unsigned char *a = ba + oa, *b = bb + ob;

				for (size_t i = 0; i < len; i++)
					a[i] = (unsigned char)(0x61 + (i * 5) % 31 +
							       (i % 3 ? 0 : 0x40));
				memcpy(b, a, len);
				ck_assert_int_eq(memcmp(a, b, len), 0);
				for (size_t i = 0; i < len; i++) {
					unsigned char keep = b[i];

					b[i] = (unsigned char)(keep + 0x81);
					for (size_t j = i + 1; j < len; j++)
						b[j] = (unsigned char)(a[j] ^ 0xff);
					int want = sign(a[i] - b[i]);

					ck_assert_int_eq(sign(memcmp(a, b, len)),
							 want);
					ck_assert_int_eq(sign(memcmp(b, a, len)),
							 -want);
					ck_assert_int_eq(memcmp(a, b, i), 0);
					memcpy(b, a, len);
				}
				free(ba);
				free(bb);
			}
}
END_TEST

/* strcmp's word loop (equal alignments) and byte loop (others), with the
 * strings at the ends of heap blocks: equal strings, a prefix of the
 * other, and a difference at every position, in bytes above 0x7f too. */
START_TEST(strcmp_matches_byte_loop)
{
	for (size_t len = 0; len < 28; len++)
		for (size_t oa = 0; oa < 8; oa++)
			for (size_t ob = 0; ob < 8; ob += 3) {
				char *ba = malloc(oa + len + 1), *a = ba + oa;
				char *bb = malloc(ob + len + 2), *b = bb + ob;

				for (size_t i = 0; i < len; i++)
					a[i] = (char)(0x61 + (i * 5) % 31 +
						      (i % 3 ? 0 : 0x40));
				a[len] = '\0';
				memcpy(b, a, len + 1);
				ck_assert_int_eq(strcmp(a, b), 0);
				for (size_t i = 0; i <= len; i++) {
					char keep = b[i];

					b[i] = (char)(keep + 1);
					if (i == len)
						b[i + 1] = '\0';
					ck_assert_int_eq(sign(strcmp(a, b)),
							 sign(ref_strcmp(a, b)));
					ck_assert_int_eq(sign(strcmp(b, a)),
							 sign(ref_strcmp(b, a)));
					b[i] = keep;
				}
				free(ba);
				free(bb);
			}
}
END_TEST

START_TEST(str_skip_prefix_returns_rest_or_null)
{
	static const char s[] = "--verify";

	ck_assert_ptr_eq(str_skip_prefix(s, "--"), s + 2);
	ck_assert_ptr_eq(str_skip_prefix(s, ""), s);
	ck_assert_ptr_eq(str_skip_prefix(s, "--verify"), s + 8);
	ck_assert_ptr_null(str_skip_prefix(s, "-x"));
	/* A prefix longer than the string does not match. */
	ck_assert_ptr_null(str_skip_prefix("ab", "abc"));
}
END_TEST

static Suite *lib_suite(void)
{
	Suite *s = suite_create("lib");
	TCase *fmt = tcase_create("fmt_format");
	TCase *str = tcase_create("strings");

	tcase_add_test(fmt, fmt_string_and_null_string);
	tcase_add_test(fmt, fmt_signed_decimal);
	tcase_add_test(fmt, fmt_unsigned_decimal);
	tcase_add_test(fmt, fmt_hex);
	tcase_add_test(fmt, fmt_width_and_zero_pad_with_sign);
	tcase_add_test(fmt, fmt_pointer);
	tcase_add_test(fmt, fmt_percent_and_char);
	tcase_add_test(fmt, fmt_precision_star_limits_string);
	tcase_add_test(fmt, fmt_mixed_arguments_stay_in_step);
	tcase_add_test(fmt, fmt_truncation_returns_full_length);
	tcase_add_test(fmt, fmt_truncation_inside_number);
	tcase_add_test(fmt, fmt_exact_fit_and_one_short);
	tcase_add_test(fmt, fmt_size_one_gives_empty_string);
	tcase_add_test(fmt, fmt_size_zero_writes_nothing);
	suite_add_tcase(s, fmt);

	tcase_add_test(str, strcmp_orders_as_unsigned_bytes);
	tcase_add_test(str, strncmp_stops_at_n_and_at_nul);
	tcase_add_test(str, memmove_overlap_forward);
	tcase_add_test(str, memmove_overlap_backward);
	tcase_add_test(str, memcpy_memset_memcmp);
	tcase_add_test(str, memcpy_memset_memmove_sizes_and_alignments);
	tcase_add_test(str, memchr_finds_within_n_only);
	tcase_add_test(str, strlen_strchr_strrchr);
	tcase_add_test(str, string_scans_match_byte_loops);
	tcase_add_test(str, str_scan_name_examples);
	tcase_add_test(str, str_scan_name_matches_byte_loops);
	tcase_add_test(str, str_scan_list_name_examples);
	tcase_add_test(str, str_scan_list_name_matches_byte_loops);
	tcase_add_test(str, str_scan_name_finds_slash_far_back);
	tcase_add_test(str, str_span_until_stops_at_either_byte_or_nul);
	tcase_add_test(str, str_span_until_matches_byte_loop);
	tcase_add_test(str, strcmp_matches_byte_loop);
	tcase_add_test(str, memcmp_matches_byte_loop);
	tcase_add_test(str, str_skip_prefix_returns_rest_or_null);
	suite_add_tcase(s, str);
	return s;
}

UNIT_TEST_MAIN(lib_suite)
